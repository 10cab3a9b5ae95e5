package dev.salesagent.store.tck;

import dev.salesagent.core.cost.UsageStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The usage-store kit on the real PostgreSQL of the {@code services} profile (moved from sdk-core's
 * {@code JdbcUsageStoreIT}); the table is dropped before each test because the kit needs an empty store.
 */
class JdbcUsageStorePostgresCompatibilityIT extends UsageStoreCompatibilityKit {

    @Override
    protected UsageStore createStore() {
        PGSimpleDataSource ds = TestDataSources.postgres();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS salesagent_usage");
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL not reachable at " + ds.getUrl(), e);
        }
        return UsageStore.jdbc(ds);
    }
}
