package dev.salesagent.store.tck;

import javax.sql.DataSource;

/** The durable-interrupt kit on the real PostgreSQL of the {@code services} profile. */
class JdbcDurableInterruptPostgresCompatibilityIT extends JdbcDurableInterruptCompatibilityTest {

    @Override
    DataSource dataSource() {
        return TestDataSources.postgres();
    }
}
