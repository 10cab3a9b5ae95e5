package dev.salesagent.core.cost;

import org.postgresql.ds.PGSimpleDataSource;

import java.util.function.Supplier;

/** {@link BudgetStore#jdbc} on the PostgreSQL of the {@code services} profile ({@code salesagent.it.postgres.*}). */
public final class PostgresBudgetStores implements Supplier<BudgetStore> {

    @Override
    public BudgetStore get() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(System.getProperty("salesagent.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test"));
        ds.setUser(System.getProperty("salesagent.it.postgres.user", "postgres"));
        String password = System.getProperty("salesagent.it.postgres.password");
        if (password != null) {
            ds.setPassword(password);
        }
        return BudgetStore.jdbc(ds);
    }
}
