package dev.salesagent.server.workspace.run;

import dev.salesagent.agents.graph.Checkpointer;
import dev.salesagent.agents.sales.SalesAgents;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.pipeline.LeadPipeline;
import dev.salesagent.agents.sales.pipeline.LeadResult;
import dev.salesagent.agents.sales.pipeline.PipelineResult;
import dev.salesagent.agents.sales.research.EnrichmentProvider;
import dev.salesagent.crm.CrmException;
import dev.salesagent.server.platform.crm.TenantCrmClients;
import dev.salesagent.server.workspace.lead.LeadRecord;
import dev.salesagent.server.workspace.lead.LeadStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Executes agent runs in the background: a bounded pool of run threads (a full queue leaves the run {@code queued};
 * the dispatcher picks it up when a thread is free) and a shared pool for the leads analyzed in parallel. Each run is
 * the SDK's {@link LeadPipeline} on the given {@link Checkpointer} (the server's PostgreSQL), under the run's thread
 * id, with a {@link RunRecorder} writing every node step and event.
 *
 * <p><b>Restarts.</b> A running run's heartbeat is refreshed every {@code staleAfter / 3}; at {@link #close()} the lead
 * analyses in progress are interrupted and the runs they belong to stay {@code running} (nothing is marked failed).
 * The next instance that starts ({@link #start()}), or any instance once the heartbeat is older than
 * {@code staleAfter}, claims such a run and resumes it from its last checkpoint: nodes whose results were
 * checkpointed (each lead's analysis, the CRM sync) do not run again.
 *
 * <p><b>Run types.</b> {@code lead_pipeline} researches, scores and routes the leads, drafts outreach and follow-ups,
 * and syncs them to the tenant's CRM (optionally after approval). {@code research}, {@code outreach} and
 * {@code follow_up} run the same analysis and never write to the CRM (the sync is rejected at its approval point);
 * their output carries the research facts, outreach drafts or follow-up plans. Scores land on the leads for every
 * type. Failures of the CRM (authentication, rate limit) and of the models end the run {@code failed} with the
 * provider's message: a failed CRM sync, and also a whole-call refusal (401, 403, 429) during the analysis, which the
 * pipeline keeps per lead ({@link CrmRefusals}); per-record CRM rejections stay on their leads and are counted
 * ({@code crm_errors}). A hard budget that refuses model calls mid-run ends it {@code failed} ("Budget exceeded: n of
 * m leads scored ..."), the leads scored before keeping their scores. The e-mails and follow-up plans of the run are
 * stored for review through {@link RunOutreach}.
 *
 * <p><b>Cancel.</b> Any instance may answer a cancel (it sets the run's {@code cancel_requested}); every instance
 * polls the requests of the runs it executes each second and interrupts them.
 */
public final class AgentRunWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentRunWorker.class);

    /**
     * What the worker needs.
     *
     * @param instance this instance's id (claims and heartbeats)
     * @param store runs
     * @param leads leads (input, scores)
     * @param crms the tenants' CRMs
     * @param agents the skills per tenant (models or rules)
     * @param enrichment firmographic enrichment for research
     * @param checkpointer graph checkpoints
     * @param hub SSE wake-ups
     * @param json JSON of events and output
     * @param clock time
     * @param runThreads runs executed at once
     * @param queueSize runs waiting for a thread in memory (more stay queued in the database)
     * @param leadThreads leads analyzed in parallel, over all runs
     * @param staleAfter a running run whose heartbeat is older is taken over
     * @param outreach where the runs' drafts and follow-ups are stored for review
     */
    public record Settings(String instance, AgentRunStore store, LeadStore leads, TenantCrmClients crms,
                           Function<UUID, SalesAgents> agents, EnrichmentProvider enrichment, Checkpointer checkpointer,
                           RunEventHub hub, JsonMapper json, Clock clock, int runThreads, int queueSize,
                           int leadThreads, Duration staleAfter, RunOutreach outreach) {
    }

    private final Settings s;
    private final ThreadPoolExecutor runPool;
    private final ExecutorService leadPool;
    private final ScheduledExecutorService timer;
    private final Map<UUID, Execution> executing = new ConcurrentHashMap<>();
    private volatile boolean closing;

    private record Execution(Future<?> future, RunRecorder recorder) {
    }

    /**
     * Creates the worker; nothing runs before {@link #start()}.
     *
     * @param settings what it needs
     */
    public AgentRunWorker(Settings settings) {
        this.s = Objects.requireNonNull(settings);
        this.runPool = new ThreadPoolExecutor(s.runThreads(), s.runThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(s.queueSize()), daemon("agent-run-" + s.instance()));
        this.leadPool = Executors.newFixedThreadPool(s.leadThreads(), daemon("agent-run-lead-" + s.instance()));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("agent-run-timer-" + s.instance()));
    }

    /** Starts the timers: resumes runs left running by a stopped instance, then dispatches and beats. */
    public void start() {
        long beat = Math.max(1, s.staleAfter().toMillis() / 3);
        timer.scheduleWithFixedDelay(this::safeDispatch, 0, Math.min(beat, 2000), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::flushAll, 200, 200, TimeUnit.MILLISECONDS);
        long poll = Math.min(beat, 1000);
        timer.scheduleWithFixedDelay(this::cancelRequested, poll, poll, TimeUnit.MILLISECONDS);
    }

    /**
     * Queues a run for execution on this instance (if the queue is full it stays {@code queued} for the dispatcher).
     *
     * @param runId a queued run
     */
    public void submit(UUID runId) {
        execute(runId, Mode.START);
    }

    /**
     * Continues a run awaiting approval: syncs to the CRM when approved, completes without syncing when rejected.
     *
     * @param runId the run
     * @param approve whether to sync
     * @return whether this call took the run (false when it was not awaiting approval)
     */
    public boolean resumeApproval(UUID runId, boolean approve) {
        if (!s.store().claimApproval(runId, s.instance(), s.clock().instant())) {
            return false;
        }
        execute(runId, approve ? Mode.APPROVE : Mode.REJECT);
        return true;
    }

    /**
     * Interrupts the run's analysis if it executes here (it then ends {@code cancelled}).
     *
     * @param runId the run
     */
    public void cancel(UUID runId) {
        Execution e = executing.get(runId);
        if (e != null) {
            e.future().cancel(true);
        }
    }

    /** Runs claimed here right now. */
    int executingCount() {
        return executing.size();
    }

    private enum Mode { START, APPROVE, REJECT }

    private void execute(UUID runId, Mode mode) {
        if (closing || executing.containsKey(runId)) {
            return;
        }
        AgentRun queued = s.store().find(runId).orElse(null);
        if (queued == null) {
            return;
        }
        RunRecorder recorder = new RunRecorder(runId, queued.tenantId(), s.instance(), s.store(), s.hub(), s.json(), s.clock());
        try {
            synchronized (executing) {
                if (executing.containsKey(runId)) {
                    return;
                }
                Future<?> f = runPool.submit(() -> run(runId, mode, recorder));
                executing.put(runId, new Execution(f, recorder));
            }
        } catch (RejectedExecutionException e) {
            if (mode != Mode.START) {
                // an approval was claimed: give it back so that it can be sent again
                s.store().status(runId, "awaiting_approval", null, null);
            }
        }
    }

    private void run(UUID runId, Mode mode, RunRecorder recorder) {
        try {
            if (mode == Mode.START && !s.store().claim(runId, s.instance(), s.clock().instant(),
                    s.clock().instant().minus(s.staleAfter()))) {
                return;
            }
            recorder.begin();
            AgentRun run = s.store().find(runId).orElseThrow();
            boolean resumed = mode == Mode.START && run.attempts() > 1;
            recorder.runEvent(mode == Mode.START ? "run.started" : "run.resumed", Map.of("type", run.type(),
                    "attempt", run.attempts(), "resumed_from_checkpoint", resumed || mode != Mode.START,
                    "lead_count", run.leadIds().size()));
            recorder.flush();
            process(run, mode, resumed, recorder);
        } catch (RuntimeException e) {
            failedOrLeft(runId, recorder, e);
        } finally {
            recorder.flush();
            synchronized (executing) { // after execute() registered this execution
                executing.remove(runId);
            }
        }
    }

    private void process(AgentRun run, Mode mode, boolean resumed, RunRecorder recorder) {
        SalesAgents agents = s.agents().apply(run.tenantId());
        boolean syncs = run.type().equals("lead_pipeline");
        CrmRefusals refusals = new CrmRefusals();
        LeadPipeline pipeline = LeadPipeline.builder()
                .crm(refusals.watch(s.crms().forTenant(run.tenantId())))
                .agents(agents)
                .enrichment(s.enrichment())
                .checkpointer(s.checkpointer())
                .requireApproval(!syncs || run.requireApproval())
                .executor(leadPool)
                .clock(s.clock())
                .tenant(run.tenantId().toString())
                .listener(recorder)
                .build();
        PipelineResult result;
        if (mode == Mode.APPROVE) {
            result = pipeline.approve(run.threadId());
        } else if (mode == Mode.REJECT) {
            result = pipeline.reject(run.threadId());
        } else if (resumed && pipeline.graph().snapshot(run.threadId()).isPresent()) {
            result = pipeline.resume(run.threadId());
        } else {
            result = pipeline.run(leads(run), run.threadId());
        }
        if (result.status() == PipelineResult.Status.AWAITING_APPROVAL && !syncs) {
            result = pipeline.reject(run.threadId()); // research, outreach, follow_up never write to the CRM
        }
        String method = agents.method().name().toLowerCase(Locale.ROOT);
        String model = result.leads().stream().map(LeadResult::model).filter(Objects::nonNull).findFirst()
                .orElse(null);
        saveScores(run, result, method);
        if (closing && Thread.currentThread().isInterrupted()) {
            return; // shutting down mid-write: the next instance resumes from the checkpoint
        }
        Optional<CrmException> refused = refusals.first();
        Map<String, Map<String, Object>> links = s.outreach().store(run, result); // kept also when the run fails
        Map<String, Object> out = output(run, result, links);
        String output = s.json().writeValueAsString(out);
        if (refused.isPresent()) {
            // the CRM refused a whole call during the analysis (the pipeline kept it on the leads): the run failed
            String error = "CRM: " + refused.get().getClass().getSimpleName() + ": " + refused.get().getMessage();
            failWithOutput(run, result, method, model, output, out, error, recorder);
            return;
        }
        if (result.status() == PipelineResult.Status.BUDGET_EXCEEDED) {
            // a hard budget limit refused the model calls of some leads before they were sent: the run did not do
            // its work; the leads scored before the limit keep their scores (saved above)
            long scored = result.leads().stream().filter(l -> l.score() != null).count();
            String refusal = result.leads().stream().map(LeadResult::error)
                    .filter(e -> e != null && e.startsWith("BudgetExceededException")).findFirst().orElse("");
            String error = "Budget exceeded: " + scored + " of " + result.leads().size() + " leads scored before the "
                    + "limit; the model calls over it were refused before they were sent. " + refusal;
            failWithOutput(run, result, method, model, output, out, error, recorder);
            return;
        }
        if (result.status() == PipelineResult.Status.AWAITING_APPROVAL) {
            s.store().finish(run.id(), "awaiting_approval", method, model, result.inputTokens(),
                    result.outputTokens(), result.costUsd(), output, null, null);
            recorder.runEvent("run.awaiting_approval", totals(result, out));
            return;
        }
        s.store().finish(run.id(), "completed", method, model, result.inputTokens(), result.outputTokens(),
                result.costUsd(), output, null, s.clock().instant());
        recorder.runEvent("run.completed", totals(result, out));
    }

    /** Ends a run that did its analysis but not its work: {@code failed} with the error, its output and totals kept. */
    private void failWithOutput(AgentRun run, PipelineResult result, String method, String model, String output,
                                Map<String, Object> out, String error, RunRecorder recorder) {
        log.warn("Agent run {} failed: {}", run.id(), error);
        s.store().finish(run.id(), "failed", method, model, result.inputTokens(), result.outputTokens(),
                result.costUsd(), output, error, s.clock().instant());
        Map<String, Object> event = new LinkedHashMap<>(totals(result, out));
        event.put("error", error);
        recorder.runEvent("run.failed", event);
    }

    /** A failed execution: left running when the instance is stopping, cancelled when asked, else failed. */
    private void failedOrLeft(UUID runId, RunRecorder recorder, RuntimeException e) {
        if (closing) {
            log.info("Agent run {} interrupted by shutdown; the next instance resumes it from its last checkpoint",
                    runId);
            return;
        }
        AgentRun run = s.store().find(runId).orElse(null);
        if (run == null) {
            return;
        }
        if (run.cancelRequested()) {
            s.store().finish(runId, "cancelled", null, null, run.inputTokens(), run.outputTokens(), run.costUsd(),
                    run.output(), null, s.clock().instant());
            recorder.runEvent("run.cancelled", Map.of());
            return;
        }
        String error = describe(e);
        log.warn("Agent run {} failed: {}", runId, error);
        s.store().finish(runId, "failed", null, null, run.inputTokens(), run.outputTokens(), run.costUsd(),
                run.output(), error, s.clock().instant());
        recorder.runEvent("run.failed", Map.of("error", error));
    }

    /** The cause a user can act on: the CRM's or model's own message (status, retry-after), else the failure. */
    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CrmException crm) {
                return "CRM: " + crm.getClass().getSimpleName() + ": " + crm.getMessage();
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
    }

    private List<Lead> leads(AgentRun run) {
        Map<UUID, LeadRecord> byId = new LinkedHashMap<>();
        s.leads().findAll(run.tenantId(), run.leadIds(), LeadStore.Visibility.all())
                .forEach(r -> byId.put(r.id(), r));
        List<Lead> out = new ArrayList<>();
        for (UUID id : run.leadIds()) {
            LeadRecord r = byId.get(id);
            if (r != null) {
                out.add(r.toSdkLead());
            }
        }
        return out;
    }

    private void saveScores(AgentRun run, PipelineResult result, String method) {
        Instant now = s.clock().instant();
        Map<UUID, LeadRecord.Score> scores = new LinkedHashMap<>();
        for (LeadResult l : result.leads()) {
            if (l.score() != null && l.id() != null) {
                Map<String, Object> breakdown = l.breakdown() == null ? Map.of() : Map.of(
                        "budget", l.breakdown().budget(), "authority", l.breakdown().authority(),
                        "need", l.breakdown().need(), "timeline", l.breakdown().timeline());
                scores.put(UUID.fromString(l.id()), new LeadRecord.Score(l.score(),
                        l.grade().name().toLowerCase(Locale.ROOT),
                        l.method() == null ? method : l.method().name().toLowerCase(Locale.ROOT), l.model(), breakdown,
                        l.reasons(), now));
            }
        }
        s.leads().saveScores(run.tenantId(), scores);
    }

    private static Map<String, Object> output(AgentRun run, PipelineResult result,
                                              Map<String, Map<String, Object>> links) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", result.status().name().toLowerCase(Locale.ROOT));
        List<Map<String, Object>> leads = new ArrayList<>();
        int crmErrors = 0;
        for (LeadResult l : result.leads()) {
            if (l.crm() != null) {
                crmErrors += l.crm().errors().size();
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lead_id", l.id());
            m.put("score", l.score());
            m.put("grade", l.grade() == null ? null : l.grade().name().toLowerCase(Locale.ROOT));
            m.put("route", l.route() == null ? null : l.route().name().toLowerCase(Locale.ROOT));
            m.put("method", l.method() == null ? null : l.method().name().toLowerCase(Locale.ROOT));
            m.put("model", l.model());
            m.put("input_tokens", l.inputTokens());
            m.put("output_tokens", l.outputTokens());
            m.put("cost_usd", l.costUsd());
            switch (run.type()) {
                case "research" -> m.put("facts", l.facts());
                case "outreach" -> m.put("outreach", l.outreach());
                case "follow_up" -> m.put("follow_up", l.followUp());
                default -> {
                    m.put("outreach", l.outreach());
                    m.put("follow_up", l.followUp());
                    m.put("crm", l.crm());
                }
            }
            m.put("error", l.error());
            m.put("warnings", l.warnings());
            if (l.id() != null && links.containsKey(l.id())) {
                m.putAll(links.get(l.id()));
            }
            m.values().removeIf(Objects::isNull);
            leads.add(m);
        }
        out.put("leads", leads);
        if (result.crm() != null) {
            out.put("crm", result.crm());
        }
        // records the CRM rejected one by one (validation, conflict): each stays on its lead, counted here
        out.put("crm_errors", crmErrors);
        out.put("drafts", links.values().stream().filter(m -> m.containsKey("draft_id")).count());
        return out;
    }

    private static Map<String, Object> totals(PipelineResult r, Map<String, Object> output) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("leads", r.leads().size());
        m.put("input_tokens", r.inputTokens());
        m.put("output_tokens", r.outputTokens());
        m.put("cost_usd", r.costUsd().toPlainString());
        m.put("crm_errors", output.get("crm_errors"));
        m.put("drafts", output.get("drafts"));
        return m;
    }

    private void safeDispatch() {
        try {
            int free = s.runThreads() + s.queueSize() - runPool.getActiveCount() - runPool.getQueue().size();
            if (free <= 0 || closing) {
                return;
            }
            Instant now = s.clock().instant();
            for (UUID id : s.store().runnable(now.minusSeconds(5), now.minus(s.staleAfter()), free)) {
                submit(id);
            }
        } catch (RuntimeException e) {
            log.warn("Agent run dispatch failed: {}", e.toString());
        }
    }

    private void heartbeat() {
        try {
            s.store().heartbeat(s.instance(), List.copyOf(executing.keySet()), s.clock().instant());
        } catch (RuntimeException e) {
            log.warn("Agent run heartbeat failed: {}", e.toString());
        }
    }

    /**
     * Interrupts the runs executing here whose cancel was requested, also through another instance (the request is
     * a column of the run; the instance that answered the cancel could only interrupt its own runs).
     */
    void cancelRequested() {
        try {
            if (executing.isEmpty()) {
                return;
            }
            for (UUID id : s.store().cancelRequested(s.instance(), List.copyOf(executing.keySet()))) {
                log.info("Agent run {}: cancel requested, interrupting it", id);
                cancel(id);
            }
        } catch (RuntimeException e) {
            log.warn("Agent run cancel poll failed: {}", e.toString());
        }
    }

    private void flushAll() {
        for (Execution e : executing.values()) {
            try {
                e.recorder().flush();
            } catch (RuntimeException ex) {
                log.warn("Agent run event flush failed: {}", ex.toString());
            }
        }
    }

    /**
     * Stops: no new runs; the lead analyses in progress are interrupted and their runs stay {@code running} for the
     * next instance. Waits up to 10 s for the run threads to return.
     */
    @Override
    public void close() {
        closing = true;
        timer.shutdownNow();
        leadPool.shutdownNow();
        runPool.shutdown();
        try {
            if (!runPool.awaitTermination(10, TimeUnit.SECONDS)) {
                runPool.shutdownNow(); // interrupts the runs' threads (a hanging CRM call among them)
                runPool.awaitTermination(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runPool.shutdownNow();
        }
        for (Execution e : executing.values()) {
            e.recorder().flush();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
