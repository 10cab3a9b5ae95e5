package dev.salesagent.agents.sales.pipeline;

import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;

/**
 * {@link DurableApprovalContract} on the real PostgreSQL ({@code -Pservices}: system properties
 * {@code salesagent.it.postgres.url} and {@code salesagent.it.postgres.user}).
 */
class PostgresDurableApprovalIT extends DurableApprovalContract {

    @Override
    protected DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(System.getProperty("salesagent.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test"));
        ds.setUser(System.getProperty("salesagent.it.postgres.user", "postgres"));
        String password = System.getProperty("salesagent.it.postgres.password");
        if (password != null) {
            ds.setPassword(password);
        }
        return ds;
    }
}
