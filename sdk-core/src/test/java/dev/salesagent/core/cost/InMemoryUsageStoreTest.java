package dev.salesagent.core.cost;

class InMemoryUsageStoreTest extends UsageStoreContract {

    @Override
    UsageStore newStore() {
        return UsageStore.inMemory();
    }
}
