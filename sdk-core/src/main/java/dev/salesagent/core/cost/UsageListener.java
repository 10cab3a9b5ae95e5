package dev.salesagent.core.cost;

/**
 * Observes every {@link UsageRecord} the {@link CostTracker} records (successful, failed and cache-hit attempts),
 * after it was stored. Called on the calling thread; keep it fast. An exception is logged and ignored.
 */
@FunctionalInterface
public interface UsageListener {

    /**
     * Receives one stored record.
     *
     * @param record the record just stored: tokens (long), cost in USD (null when unpriced), tenant, feature and model
     */
    void onUsage(UsageRecord record);
}
