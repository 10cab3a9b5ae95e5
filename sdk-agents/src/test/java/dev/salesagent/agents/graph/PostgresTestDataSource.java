package dev.salesagent.agents.graph;

import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;

/** The PostgreSQL of the {@code services} profile ({@code salesagent.it.postgres.url}, {@code .user}, {@code .password}). */
final class PostgresTestDataSource {

    private PostgresTestDataSource() {
    }

    static DataSource create() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(System.getProperty("salesagent.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test"));
        ds.setUser(System.getProperty("salesagent.it.postgres.user", "postgres"));
        String password = System.getProperty("salesagent.it.postgres.password");
        if (password != null) {
            ds.setPassword(password);
        }
        return ds;
    }
}
