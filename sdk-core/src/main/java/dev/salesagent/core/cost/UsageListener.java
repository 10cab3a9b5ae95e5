package dev.salesagent.core.cost;

/**
 * Observes every {@link UsageRecord} the {@link CostTracker} records (successful, failed and cache-hit attempts),
 * after it was stored. Called on the calling thread; keep it fast. An exception is logged and ignored.
 */
@FunctionalInterface
public interface UsageListener {

    void onUsage(UsageRecord record);
}
