package dev.salesagent.agents.sales.pipeline;

import dev.langchain4j.web.search.WebSearchEngine;
import dev.salesagent.agents.graph.AgentState;
import dev.salesagent.agents.graph.Checkpointer;
import dev.salesagent.agents.graph.CompileConfig;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.graph.GraphListener;
import dev.salesagent.agents.graph.InMemoryCheckpointer;
import dev.salesagent.agents.graph.Resume;
import dev.salesagent.agents.graph.RunConfig;
import dev.salesagent.agents.graph.RunResult;
import dev.salesagent.agents.graph.Update;
import dev.salesagent.agents.sales.ModelOptions;
import dev.salesagent.agents.sales.SalesAgents;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.research.EnrichmentProvider;
import dev.salesagent.agents.sales.scoring.LeadScorer;
import dev.salesagent.core.context.AiContext;
import dev.salesagent.core.cost.BudgetExceededException;
import dev.salesagent.crm.CrmClient;

import io.micrometer.observation.ObservationRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executor;

import static dev.salesagent.agents.sales.pipeline.PipelineState.APPROVED;
import static dev.salesagent.agents.sales.pipeline.PipelineState.BATCH;
import static dev.salesagent.agents.sales.pipeline.PipelineState.RESULTS;
import static dev.salesagent.agents.sales.pipeline.PipelineState.SYNC;

/**
 * The main job: turn leads into researched, scored, routed prospects with outreach and follow-up plans, written
 * back to the CRM in batches.
 *
 * <p>Two graphs on the sdk-agents runtime. The <em>lead graph</em> ({@link #leadGraph()}) handles one lead:
 * <pre>
 * validate -> (research || duplicate_check) -> score -> hot:  (outreach || follow_up)
 *                                                      warm: nurture
 *                                                      cold: (note only)
 * </pre>
 * The <em>pipeline graph</em> ({@link #graph()}) fans every input lead out to the lead graph ({@code Send} per lead,
 * run in parallel on the pipeline's threads), then {@code crm_sync} upserts all accounts (natural key domain) and
 * contacts (natural key e-mail) with one {@code upsertAll} each (the CRM client chunks them to its
 * {@code maxBatchSize()}), adds one note per lead with the score summary and research facts, and {@code result}
 * assembles the per-lead results. With {@link Builder#requireApproval(boolean)} the run pauses before
 * {@code crm_sync} and continues with {@link #approve(String)} or {@link #reject(String)}, also on another instance
 * sharing the {@link Checkpointer}.
 *
 * <p>With {@link Builder#batchScoring(boolean)} and model agents, scoring leaves the lead graph: the pipeline runs
 * {@code analyze} (up to research) {@code -> score} ({@link LeadScorer#scoreAll}, batches of
 * {@link ModelOptions#batchSize()}) {@code -> finish} (per lead: route, outreach, follow-up) {@code -> crm_sync}.
 * {@link Builder#maxCostUsd(BigDecimal)} limits the model spend of the whole run, per-lead runs included.
 *
 * <p>Model output never decides what is written to the CRM: the records come from the validated lead fields and
 * the computed score; lead notes are data only. Leads repeating an earlier lead's e-mail (or domain when there is
 * no e-mail) in the same run are reported as duplicates and not synced twice. Thread-safe.
 */
public final class LeadPipeline {

    private final PipelineGraphs graphs;
    private final CompiledGraph leadGraph;
    private final CompiledGraph graph;
    private final CrmClient crm;
    private final int threads;
    private final Executor executor;
    private final String tenant;
    private final BigDecimal maxCostUsd;
    private final List<GraphListener> listeners;

    private LeadPipeline(Builder b) {
        this.crm = Objects.requireNonNull(b.crm, "crm");
        LeadResearcher researcher = new LeadResearcher(b.crm, b.enrichment, b.webSearch);
        int batchSize = b.batchScoring ? b.agents.scoringBatchSize() : 1;
        this.graphs = new PipelineGraphs(b.agents, researcher, b.crm, b.clock, b.progress, batchSize, b.listeners);
        this.leadGraph = graphs.leadGraph();
        Checkpointer checkpointer = b.checkpointer;
        if (b.requireApproval && checkpointer == null) {
            checkpointer = new InMemoryCheckpointer();
        }
        CompileConfig.Builder cfg = CompileConfig.builder().name("lead_pipeline").defaultParallelism(b.threads)
                .checkpointer(checkpointer);
        if (b.observationRegistry != null) {
            cfg.observationRegistry(b.observationRegistry);
        }
        if (b.requireApproval) {
            cfg.interruptBefore(PipelineGraphs.CRM_SYNC);
        }
        // the CRM sync is retried by resume(), never automatically: a half-applied batch must not be re-sent blindly
        this.graph = graphs.pipelineGraph(cfg.build());
        this.threads = b.threads;
        this.executor = b.executor;
        this.tenant = b.tenant;
        this.maxCostUsd = b.maxCostUsd;
        this.listeners = List.copyOf(b.listeners);
    }

    /** {@return a new builder; a CRM is required} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the pipeline on a new thread id.
     *
     * @param leads raw leads (validated inside; invalid ones come back with an error)
     * @return completed, or awaiting approval when approval is required
     * @throws dev.salesagent.crm.CrmException if the CRM sync fails as a whole (authentication, unavailable)
     * @throws dev.salesagent.agents.graph.GraphException if the run fails otherwise
     */
    public PipelineResult run(List<Lead> leads) {
        return run(leads, UUID.randomUUID().toString());
    }

    /**
     * Runs the pipeline under {@code threadId} (the key of its checkpoints).
     *
     * @param leads raw leads (validated inside; invalid ones come back with an error)
     * @param threadId the thread id under which checkpoints are saved; reuse it to approve, reject or resume
     * @return completed, or awaiting approval when approval is required
     * @throws dev.salesagent.crm.CrmException if the CRM sync fails as a whole (authentication, unavailable)
     * @throws dev.salesagent.agents.graph.GraphException if the run fails otherwise
     */
    public PipelineResult run(List<Lead> leads, String threadId) {
        Update input = Update.of(BATCH, new PipelineState.LeadBatch(List.copyOf(leads)));
        return toResult(inRun(() -> graph.invoke(input, config(threadId))));
    }

    /**
     * Continues a run awaiting approval: syncs to the CRM and completes. Same as {@link #resume(String)}.
     *
     * @param threadId the thread id of the paused run
     * @return the completed result, with the CRM outcome
     * @throws dev.salesagent.agents.graph.GraphException if the thread has no checkpoint (unknown id, no checkpointer)
     */
    public PipelineResult approve(String threadId) {
        return resume(threadId);
    }

    /**
     * Continues a paused or failed run from its last checkpoint: a run awaiting approval is approved; a run whose CRM
     * sync failed (e.g. {@code CrmUnavailableException}) retries only the sync, without analyzing the leads again.
     * Needs a {@link Builder#checkpointer(Checkpointer) checkpointer} (present by default when approval is required).
     *
     * @param threadId the thread id of the paused or failed run
     * @return the completed result, or awaiting approval again if the run had not reached the approval point
     * @throws dev.salesagent.crm.CrmException if the CRM sync fails again as a whole
     * @throws dev.salesagent.agents.graph.GraphException if the thread has no checkpoint
     */
    public PipelineResult resume(String threadId) {
        return toResult(inRun(() -> graph.resume(Resume.empty(), config(threadId))));
    }

    /**
     * Continues a run awaiting approval without writing to the CRM.
     *
     * @param threadId the thread id of the paused run
     * @return the completed result, with nothing synced
     * @throws dev.salesagent.agents.graph.GraphException if the thread has no checkpoint (unknown id, no checkpointer)
     */
    public PipelineResult reject(String threadId) {
        Resume rejected = Resume.empty().andUpdate(Update.of(APPROVED, Boolean.FALSE));
        return toResult(inRun(() -> graph.resume(rejected, config(threadId))));
    }

    /** {@return the per-lead graph (validate, research, duplicate check, score, route, outreach, follow-up)} */
    public CompiledGraph leadGraph() {
        return leadGraph;
    }

    /**
     * The pipeline graph (fan-out to the lead graph, batched CRM sync, result). Prefer {@link #run}, {@link #resume}
     * and friends: they give each invocation its account lookup memo (one CRM lookup per company) and progress
     * counts; a direct invocation of this graph works without the memo, and its progress {@code done} counts are
     * approximate.
     *
     * @return the compiled pipeline graph
     */
    public CompiledGraph graph() {
        return graph;
    }

    /** {@return the CRM the pipeline syncs to} */
    public CrmClient crm() {
        return crm;
    }

    /** {@return leads analyzed in parallel (default 4)} */
    public int threads() {
        return threads;
    }

    /**
     * Runs one invocation of the pipeline graph with its per-invocation state ({@link PipelineRun}), which is
     * dropped when the invocation returns or throws.
     */
    private RunResult inRun(java.util.function.Supplier<RunResult> invocation) {
        try (PipelineRun run = graphs.openRun()) {
            AiContext outer = AiContext.current();
            Map<String, String> attributes = new HashMap<>(outer.attributes());
            attributes.put(PipelineGraphs.RUN_ATTRIBUTE, run.key());
            return outer.toBuilder().attributes(attributes).build().call(invocation);
        }
    }

    /** Pipeline invocations in progress on this instance (their memos); 0 when no call is running. */
    int openRuns() {
        return graphs.openRuns();
    }

    private RunConfig config(String threadId) {
        RunConfig.Builder b = RunConfig.builder().threadId(threadId).tenant(tenant).recursionLimit(20).maxCost(maxCostUsd);
        if (executor != null) {
            b.executor(executor);
        }
        listeners.forEach(b::listener);
        return b.build();
    }

    private static PipelineResult toResult(RunResult r) {
        if (r.status() == RunResult.Status.FAILED) {
            // surface the CRM failure the caller can act on (retry-after, authentication) rather than its wrapper
            for (Throwable t = r.error(); t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof dev.salesagent.crm.CrmException crmFailure) {
                    throw crmFailure;
                }
            }
        }
        r.orThrow();
        AgentState s = r.state();
        if (r.status() == RunResult.Status.INTERRUPTED) {
            List<LeadResult> analyzed = PipelineGraphs.analyzed(s).stream().map(PipelineState.AnalyzedLead::result)
                    .sorted(java.util.Comparator.comparingInt(LeadResult::index)).toList();
            return totals(PipelineResult.Status.AWAITING_APPROVAL, r.threadId(), analyzed, null);
        }
        PipelineState.ResultList results = s.get(RESULTS);
        PipelineState.SyncReport sync = s.get(SYNC);
        List<LeadResult> leads = results == null ? List.of() : results.leads();
        boolean overBudget = leads.stream().anyMatch(l -> l.error() != null && l.error().startsWith(BUDGET_ERROR));
        return totals(overBudget ? PipelineResult.Status.BUDGET_EXCEEDED : PipelineResult.Status.COMPLETED,
                r.threadId(), leads, sync == null ? null : sync.summary());
    }

    private static final String BUDGET_ERROR = BudgetExceededException.class.getSimpleName() + ":";

    private static PipelineResult totals(PipelineResult.Status status, String threadId, List<LeadResult> leads,
                                         CrmSyncSummary crm) {
        long in = 0;
        long out = 0;
        BigDecimal cost = BigDecimal.ZERO;
        for (LeadResult l : leads) {
            in += l.inputTokens();
            out += l.outputTokens();
            cost = cost.add(l.costUsd());
        }
        return new PipelineResult(status, threadId, leads, crm, in, out, cost);
    }

    /** Builder; only {@link #crm(CrmClient)} is required. */
    public static final class Builder {
        private CrmClient crm;
        private SalesAgents agents = SalesAgents.rules();
        private EnrichmentProvider enrichment = EnrichmentProvider.none();
        private WebSearchEngine webSearch;
        private int threads = 4;
        private Executor executor;
        private boolean requireApproval;
        private Checkpointer checkpointer;
        private Clock clock = Clock.systemUTC();
        private String tenant;
        private PipelineProgress progress = (lead, done, total) -> { };
        private boolean batchScoring;
        private BigDecimal maxCostUsd;
        private ObservationRegistry observationRegistry;
        private final List<GraphListener> listeners = new java.util.ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a listener that receives every {@link dev.salesagent.agents.graph.GraphEvent} of each run, resume,
         * approval and rejection, in order: the pipeline graph's own node events and those of the per-lead runs
         * (with their own run ids), from the threads that produce them. For progress displays and run records (e.g. a
         * server persisting each node step); a listener that throws is logged and ignored.
         *
         * @param listener the listener, not null
         * @return this builder
         */
        public Builder listener(GraphListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * The registry on which every run records the {@code salesagent.graph.run} and {@code salesagent.graph.node}
         * observations (default: the graph runtime's default, {@code ObservationRegistry.NOOP}).
         *
         * @param registry the Micrometer observation registry for run and node observations
         * @return this builder
         */
        public Builder observationRegistry(ObservationRegistry registry) {
            this.observationRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * The CRM to research in and sync to (required).
         *
         * @param crm the CRM client, not null
         * @return this builder
         */
        public Builder crm(CrmClient crm) {
            this.crm = Objects.requireNonNull(crm, "crm");
            return this;
        }

        /**
         * The skills (default {@link SalesAgents#rules()}).
         *
         * @param agents the skills (scoring, outreach, follow-up)
         * @return this builder
         */
        public Builder agents(SalesAgents agents) {
            this.agents = Objects.requireNonNull(agents, "agents");
            return this;
        }

        /**
         * Firmographic enrichment (default none).
         *
         * @param enrichment the firmographic enrichment provider, or null for none
         * @return this builder
         */
        public Builder enrichment(EnrichmentProvider enrichment) {
            this.enrichment = Objects.requireNonNull(enrichment, "enrichment");
            return this;
        }

        /**
         * Web search for research facts (default none).
         *
         * @param webSearch a LangChain4j web search engine, or null for none
         * @return this builder
         */
        public Builder webSearch(WebSearchEngine webSearch) {
            this.webSearch = webSearch;
            return this;
        }

        /**
         * Leads analyzed in parallel on the graph's own pool (default 4).
         *
         * @param threads leads analyzed in parallel, at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1 but was " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * Run lead analyses on this executor instead of the graph's own pool of {@link #threads(int)}.
         *
         * @param executor the executor (never shut down by the pipeline), or null for the graph's own pool
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /**
         * Pause before the CRM sync until {@link LeadPipeline#approve} or {@link LeadPipeline#reject} (default off).
         *
         * @param requireApproval true to pause before the CRM sync
         * @return this builder
         */
        public Builder requireApproval(boolean requireApproval) {
            this.requireApproval = requireApproval;
            return this;
        }

        /**
         * Where paused runs are kept (default in memory when approval is required).
         *
         * @param checkpointer the store for paused runs, or null for the default
         * @return this builder
         */
        public Builder checkpointer(Checkpointer checkpointer) {
            this.checkpointer = checkpointer;
            return this;
        }

        /**
         * Clock giving the follow-up start date (today, UTC).
         *
         * @param clock the clock, not null
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Tenant the runs (and their model calls) are made for; default the current {@code AiContext}'s.
         *
         * @param tenant the tenant id, or null for the current {@code AiContext}'s
         * @return this builder
         */
        public Builder tenant(String tenant) {
            this.tenant = tenant;
            return this;
        }

        /**
         * Progress callback per analyzed lead (for progress bars).
         *
         * @param progress called once per analyzed lead, from the thread that analyzed it
         * @return this builder
         */
        public Builder progress(PipelineProgress progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /**
         * Score leads in batches (default off). When on and the agents are model-backed, the pipeline analyzes every
         * lead up to research, then a {@code score} node calls {@link LeadScorer#scoreAll} with up to
         * {@link ModelOptions#batchSize()} leads per model call (answers mapped back by lead id), then a
         * {@code finish} node per lead routes it and writes outreach and follow-up. A failed scoring call fails only
         * the leads of its batch; its tokens and cost are shared evenly among them. On rules it changes nothing.
         *
         * @param batchScoring true to score leads in batches of {@link ModelOptions#batchSize()}
         * @return this builder
         */
        public Builder batchScoring(boolean batchScoring) {
            this.batchScoring = batchScoring;
            return this;
        }

        /**
         * USD hard limit for the model calls of a whole run (default none): the pipeline run and every per-lead run
         * share one {@code CostScope}, so sdk-core's {@code ModelRouter} refuses a call whose worst-case cost would
         * pass the limit before sending it. A lead whose model call is refused gets an error starting with
         * {@code BudgetExceededException:} and is not synced; the other leads are synced and the result's status is
         * {@link PipelineResult.Status#BUDGET_EXCEEDED}. Only priced calls count: a {@code ChatModel} that is not the
         * router records its tokens unpriced, and those cannot be limited.
         *
         * @return this builder
         * @param usd the limit in USD, or null for none
         * @throws IllegalArgumentException if negative
         */
        public Builder maxCostUsd(BigDecimal usd) {
            if (usd != null && usd.signum() < 0) {
                throw new IllegalArgumentException("maxCostUsd must be >= 0 USD but was " + usd);
            }
            this.maxCostUsd = usd;
            return this;
        }

        /**
         * Builds the pipeline and compiles its graphs.
         *
         * @return the pipeline
         * @throws NullPointerException if no CRM is set
         */
        public LeadPipeline build() {
            return new LeadPipeline(this);
        }
    }
}
