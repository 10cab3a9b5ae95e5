package dev.salesagent.agents.graph;

import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;

/**
 * The same checks as {@link JdbcCheckpointerTest}, against the real PostgreSQL of the {@code services}
 * profile ({@code salesagent.it.postgres.url}, {@code salesagent.it.postgres.user}).
 */
class JdbcCheckpointerPostgresIT extends JdbcCheckpointerTest {

    @Override
    DataSource dataSource() {
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
