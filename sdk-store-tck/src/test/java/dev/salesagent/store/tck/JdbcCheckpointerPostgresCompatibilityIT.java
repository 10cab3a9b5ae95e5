package dev.salesagent.store.tck;

import javax.sql.DataSource;

/** The checkpointer kit on the real PostgreSQL of the {@code services} profile (moved from sdk-agents' {@code JdbcCheckpointerPostgresIT}). */
class JdbcCheckpointerPostgresCompatibilityIT extends JdbcCheckpointerCompatibilityTest {

    @Override
    DataSource dataSource() {
        return TestDataSources.postgres();
    }
}
