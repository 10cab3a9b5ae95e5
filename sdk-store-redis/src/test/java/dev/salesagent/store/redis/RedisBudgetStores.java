package dev.salesagent.store.redis;

import dev.salesagent.core.cost.BudgetStore;

import java.util.function.Supplier;

/** {@link RedisBudgetStore} on the Redis of the {@code services} profile, keys under {@code salesagent-it:}. */
public final class RedisBudgetStores implements Supplier<BudgetStore> {

    @Override
    public BudgetStore get() {
        return RedisBudgetStore.create(RedisConnections.shared(), "salesagent-it:");
    }
}
