package dev.salesagent.store.tck;

import dev.salesagent.agents.memory.InMemoryMemoryStore;
import dev.salesagent.agents.memory.MemoryStore;

/** {@link InMemoryMemoryStore} passes the memory-store kit (moved from sdk-agents' {@code MemoryTest#storeContract}). */
class InMemoryMemoryStoreCompatibilityTest extends MemoryStoreCompatibilityKit {

    @Override
    protected MemoryStore createStore() {
        return new InMemoryMemoryStore();
    }
}
