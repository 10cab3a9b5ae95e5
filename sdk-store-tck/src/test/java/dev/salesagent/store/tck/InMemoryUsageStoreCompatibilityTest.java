package dev.salesagent.store.tck;

import dev.salesagent.core.cost.UsageStore;

/** {@code UsageStore.inMemory()} passes the usage-store kit (moved from sdk-core's {@code InMemoryUsageStoreTest}). */
class InMemoryUsageStoreCompatibilityTest extends UsageStoreCompatibilityKit {

    @Override
    protected UsageStore createStore() {
        return UsageStore.inMemory();
    }
}
