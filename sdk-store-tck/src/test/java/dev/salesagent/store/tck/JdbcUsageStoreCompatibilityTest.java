package dev.salesagent.store.tck;

import dev.salesagent.core.cost.UsageStore;
import javax.sql.DataSource;

/**
 * {@code UsageStore.jdbc(..)} on in-memory H2 passes the usage-store kit (moved from sdk-core's
 * {@code JdbcUsageStoreTest}); {@link JdbcUsageStorePostgresCompatibilityIT} runs it on PostgreSQL.
 */
class JdbcUsageStoreCompatibilityTest extends UsageStoreCompatibilityKit {

    @Override
    protected UsageStore createStore() {
        DataSource ds = TestDataSources.h2("usage");
        UsageStore.jdbc(ds); // creating the schema twice must be harmless
        return UsageStore.jdbc(ds);
    }
}
