package dev.salesagent.core.cost;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@link BudgetStoreContract} and the two-process race on the PostgreSQL of the {@code services} profile. */
class JdbcBudgetStorePostgresIT extends BudgetStoreContract {

    @Override
    protected BudgetStore store() {
        return new PostgresBudgetStores().get();
    }

    @Test
    @DisplayName("1,000 reservations from two JVMs against a budget that fits 100: exactly 100 admitted")
    void twoProcessesNeverOvershootTheSharedLimit() throws Exception {
        store(); // creates the table before the children start
        int[] admitted = BudgetRaceAcrossProcesses.race(PostgresBudgetStores.class, 1000, 100);
        System.out.println("PostgreSQL ledger race: admitted per process " + admitted[0] + " + " + admitted[1]);
        assertThat(admitted[0] + admitted[1]).isEqualTo(100);
    }
}
