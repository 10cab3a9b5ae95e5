package dev.salesagent.store.tck;

import dev.salesagent.agents.memory.JdbcMemoryStore;
import dev.salesagent.agents.memory.MemoryStore;
import javax.sql.DataSource;

/**
 * {@link JdbcMemoryStore} on in-memory H2 passes the memory-store kit (moved from sdk-agents'
 * {@code MemoryTest#storeContract}); {@link JdbcMemoryStorePostgresCompatibilityIT} runs it on PostgreSQL.
 */
class JdbcMemoryStoreCompatibilityTest extends MemoryStoreCompatibilityKit {

    DataSource dataSource() {
        return TestDataSources.h2("mem");
    }

    @Override
    protected MemoryStore createStore() {
        return new JdbcMemoryStore(dataSource()).createSchema();
    }
}
