package dev.salesagent.agents.graph;

import javax.sql.DataSource;

/** {@link JdbcCheckpointerStatementCountTest} against the real PostgreSQL of the {@code services} profile. */
class JdbcCheckpointerStatementCountPostgresIT extends JdbcCheckpointerStatementCountTest {

    @Override
    DataSource dataSource() {
        return PostgresTestDataSource.create();
    }
}
