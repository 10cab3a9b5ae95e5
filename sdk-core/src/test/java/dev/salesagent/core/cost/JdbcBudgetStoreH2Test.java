package dev.salesagent.core.cost;

import org.h2.jdbcx.JdbcDataSource;

import java.util.UUID;

/** The {@link BudgetStoreContract} on H2 (in memory, PostgreSQL mode); each {@link #store()} is a new store object. */
class JdbcBudgetStoreH2Test extends BudgetStoreContract {

    private final JdbcDataSource dataSource = new JdbcDataSource();

    JdbcBudgetStoreH2Test() {
        dataSource.setURL("jdbc:h2:mem:budget-" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
    }

    @Override
    protected BudgetStore store() {
        return BudgetStore.jdbc(dataSource);
    }
}
