package dev.salesagent.agents.graph;

import javax.sql.DataSource;

/** {@link JdbcCheckpointerDurabilityTest} against the PostgreSQL of the {@code services} profile (batch inserts, ON CONFLICT). */
class JdbcCheckpointerDurabilityPostgresIT extends JdbcCheckpointerDurabilityTest {

    @Override
    DataSource dataSource() {
        return PostgresTestDataSource.create();
    }
}
