package dev.salesagent.agents.sales.pipeline;

import dev.salesagent.core.cost.CostScope;
import dev.salesagent.core.cost.UsageRecord;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one invocation of the pipeline graph ({@code run}, {@code resume}, {@code approve}, {@code reject}) keeps
 * while it runs: the account lookups by domain and the index of model usage by per-lead run id. It is opened by
 * {@link LeadPipeline} before the graph starts and closed in a {@code finally} block when the graph returns or
 * throws, so nothing outlives the invocation, whether a lead failed, the run failed, paused or was resumed.
 * Thread-safe.
 */
final class PipelineRun implements AutoCloseable {

    private final String key;
    private final Map<String, PipelineRun> registry;
    /** One account lookup per domain for the leads of this invocation; a failed lookup is not kept. */
    final ConcurrentMap<String, CompletableFuture<LeadResearcher.AccountContext>> accounts = new ConcurrentHashMap<>();

    /** Leads analyzed by this invocation so far (the {@code done} of {@link PipelineProgress}). */
    final AtomicInteger analyzed = new AtomicInteger();

    // usage index: the pipeline scope's records are read once each, from where the previous read stopped
    private CostScope indexed;
    private int cursor;
    private final Map<String, PipelineGraphs.Usage> usageByRunId = new HashMap<>();

    PipelineRun(String key, Map<String, PipelineRun> registry) {
        this.key = key;
        this.registry = registry;
    }

    /** The value of the AiContext attribute {@link PipelineGraphs#RUN_ATTRIBUTE} that finds this run. */
    String key() {
        return key;
    }

    /**
     * The model usage recorded in {@code scope} under {@code runId} (a per-lead run's id) and not yet taken. Each
     * record of the scope is added to the index once, so attributing the usage of n leads costs O(records) in
     * total instead of O(n x records); the usage of a run id is handed out once and then dropped.
     */
    synchronized PipelineGraphs.Usage takeUsage(CostScope scope, String runId) {
        if (scope != indexed) {
            indexed = scope;
            cursor = 0;
            usageByRunId.clear();
        }
        List<UsageRecord> fresh = scope.recordsFrom(cursor); // only what was recorded since the last call
        for (UsageRecord u : fresh) {
            if (u.runId() != null) {
                usageByRunId.merge(u.runId(), PipelineGraphs.Usage.of(u), PipelineGraphs.Usage::plus);
            }
        }
        cursor += fresh.size();
        PipelineGraphs.Usage usage = usageByRunId.remove(runId);
        return usage == null ? PipelineGraphs.Usage.NONE : usage;
    }

    /** Removes this run from its registry and drops its memos. Idempotent. */
    @Override
    public void close() {
        registry.remove(key, this);
        accounts.clear();
        synchronized (this) {
            usageByRunId.clear();
            indexed = null;
        }
    }

}
