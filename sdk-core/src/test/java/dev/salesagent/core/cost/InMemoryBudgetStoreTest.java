package dev.salesagent.core.cost;

/** The {@link BudgetStoreContract} on the in-memory default (two trackers share one instance). */
class InMemoryBudgetStoreTest extends BudgetStoreContract {

    private final BudgetStore store = BudgetStore.inMemory();

    @Override
    protected BudgetStore store() {
        return store;
    }
}
