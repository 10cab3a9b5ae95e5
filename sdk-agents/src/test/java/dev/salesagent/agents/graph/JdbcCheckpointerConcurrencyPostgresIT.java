package dev.salesagent.agents.graph;

import javax.sql.DataSource;

/** {@link JdbcCheckpointerConcurrencyTest} with real concurrent connections to the PostgreSQL of the {@code services} profile. */
class JdbcCheckpointerConcurrencyPostgresIT extends JdbcCheckpointerConcurrencyTest {

    @Override
    DataSource dataSource() {
        return PostgresTestDataSource.create();
    }
}
