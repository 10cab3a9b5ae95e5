package dev.salesagent.store.tck;

import javax.sql.DataSource;

/** The memory-store kit on the real PostgreSQL of the {@code services} profile (moved from sdk-agents' {@code JdbcMemoryStorePostgresIT}). */
class JdbcMemoryStorePostgresCompatibilityIT extends JdbcMemoryStoreCompatibilityTest {

    @Override
    DataSource dataSource() {
        return TestDataSources.postgres();
    }
}
