package dev.salesagent.agents.sales.pipeline;

import dev.salesagent.agents.graph.AgentState;
import dev.salesagent.agents.graph.CompileConfig;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.graph.RunConfig;
import dev.salesagent.agents.graph.RunResult;
import dev.salesagent.agents.graph.Send;
import dev.salesagent.agents.graph.StateGraph;
import dev.salesagent.agents.graph.Update;
import dev.salesagent.agents.sales.Features;
import dev.salesagent.agents.sales.SalesAgentException;
import dev.salesagent.agents.sales.SalesAgents;
import dev.salesagent.agents.sales.lead.InvalidLeadException;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.pipeline.PipelineState.AnalyzedLead;
import dev.salesagent.agents.sales.pipeline.PipelineState.DuplicateCheck;
import dev.salesagent.agents.sales.pipeline.PipelineState.IndexedLead;
import dev.salesagent.agents.sales.research.CrmSnapshot;
import dev.salesagent.agents.sales.research.LeadResearch;
import dev.salesagent.agents.sales.research.ResearchFact;
import dev.salesagent.agents.sales.scoring.LeadScore;
import dev.salesagent.agents.sales.scoring.LeadScorer;
import dev.salesagent.agents.sales.scoring.ScoringRequest;
import dev.salesagent.core.context.AiContext;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmCapability;
import dev.salesagent.core.cost.CostScope;
import dev.salesagent.core.cost.UsageRecord;
import dev.salesagent.crm.CrmClient;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import static dev.salesagent.agents.sales.pipeline.PipelineState.ANALYZED;
import static dev.salesagent.agents.sales.pipeline.PipelineState.BATCH;
import static dev.salesagent.agents.sales.pipeline.PipelineState.DEFER_SCORE;
import static dev.salesagent.agents.sales.pipeline.PipelineState.FINISHED;
import static dev.salesagent.agents.sales.pipeline.PipelineState.SCORED_ITEM;
import static dev.salesagent.agents.sales.pipeline.PipelineState.SCORES;
import static dev.salesagent.agents.sales.pipeline.PipelineState.DUPLICATE;
import static dev.salesagent.agents.sales.pipeline.PipelineState.ERRORS;
import static dev.salesagent.agents.sales.pipeline.PipelineState.FOLLOW_UP;
import static dev.salesagent.agents.sales.pipeline.PipelineState.INPUT;
import static dev.salesagent.agents.sales.pipeline.PipelineState.ITEM;
import static dev.salesagent.agents.sales.pipeline.PipelineState.LEAD;
import static dev.salesagent.agents.sales.pipeline.PipelineState.OUTREACH;
import static dev.salesagent.agents.sales.pipeline.PipelineState.RESEARCH;
import static dev.salesagent.agents.sales.pipeline.PipelineState.RESULTS;
import static dev.salesagent.agents.sales.pipeline.PipelineState.SCORE;
import static dev.salesagent.agents.sales.pipeline.PipelineState.SYNC;

/** Builds the lead graph and the pipeline graph of {@link LeadPipeline}; the nodes live here. */
final class PipelineGraphs {

    static final String VALIDATE = "validate";
    static final String RESEARCH_NODE = "research";
    static final String DUPLICATE_CHECK = "duplicate_check";
    static final String SCORE_NODE = "score";
    static final String OUTREACH_NODE = "outreach";
    static final String FOLLOW_UP_NODE = "follow_up";
    static final String NURTURE = "nurture";
    static final String ANALYZE = "analyze";
    static final String CRM_SYNC = "crm_sync";
    static final String RESULT = "result";
    static final String SCORE_BATCH = "score";
    static final String FINISH = "finish";
    /** AiContext attribute naming the {@link PipelineRun} of the current pipeline invocation in {@link #runs}. */
    static final String RUN_ATTRIBUTE = "salesagent.sales.pipelineRun";
    /** AiContext attribute naming the pipeline run's cost scope in {@link #pipelineScopes} for a per-lead run. */
    static final String SCOPE_ATTRIBUTE = "salesagent.sales.pipelineCostScope";

    private final SalesAgents agents;
    private final LeadResearcher researcher;
    private final CrmClient crm;
    private final Clock clock;
    private final PipelineProgress progress;
    private final CrmSyncNode sync;
    private final CompiledGraph leadGraph;
    /** Leads per scoring call in batch mode; 1 = each lead scored inside its own lead graph run. */
    private final int scoringBatchSize;
    /**
     * The pipeline run's cost scope while one of its per-lead runs is in progress (key: a fresh id per per-lead run,
     * passed in {@link #SCOPE_ATTRIBUTE}). Model calls of the per-lead run are made in this scope, so the run's
     * {@code maxCost} covers them.
     */
    private final Map<String, CostScope> pipelineScopes = new ConcurrentHashMap<>();
    /**
     * The invocations of the pipeline graph in progress, by {@link PipelineRun#key()}: each is removed by the
     * {@code finally} of the {@link LeadPipeline} method that opened it, so a failed lead, a failed or paused run
     * and a resume leave nothing behind.
     */
    private final Map<String, PipelineRun> runs = new ConcurrentHashMap<>();

    /** Listeners of the per-lead runs (the pipeline's own runs get them through their RunConfig). */
    private final List<dev.salesagent.agents.graph.GraphListener> leadListeners;

    PipelineGraphs(SalesAgents agents, LeadResearcher researcher, CrmClient crm, Clock clock, PipelineProgress progress,
                   int scoringBatchSize, List<dev.salesagent.agents.graph.GraphListener> leadListeners) {
        this.leadListeners = List.copyOf(leadListeners);
        this.agents = agents;
        this.scoringBatchSize = scoringBatchSize;
        this.researcher = researcher;
        this.crm = crm;
        this.clock = clock;
        this.progress = progress;
        this.sync = new CrmSyncNode(crm);
        this.leadGraph = buildLeadGraph();
    }

    CompiledGraph leadGraph() {
        return leadGraph;
    }

    /**
     * Opens the per-invocation state of one pipeline graph invocation; pass {@link PipelineRun#key()} in the
     * {@link #RUN_ATTRIBUTE} AiContext attribute of the invocation and close the run when the invocation returns.
     */
    PipelineRun openRun() {
        PipelineRun run = new PipelineRun(UUID.randomUUID().toString(), runs);
        runs.put(run.key(), run);
        return run;
    }

    /** Invocations currently open (0 when no pipeline call is in progress). */
    int openRuns() {
        return runs.size();
    }

    private PipelineRun currentRun() {
        String key = AiContext.current().attributes().get(RUN_ATTRIBUTE);
        return key == null ? null : runs.get(key);
    }

    private CompiledGraph buildLeadGraph() {
        return StateGraph.of(INPUT, LEAD, ERRORS, RESEARCH, DUPLICATE, SCORE, OUTREACH, FOLLOW_UP, DEFER_SCORE)
                    .addNode(VALIDATE, (s, c) -> validate(s))
                    .addNode(RESEARCH_NODE, (s, c) -> research(s))
                    .addNode(DUPLICATE_CHECK, (s, c) -> duplicateCheck(s))
                    .addNode(SCORE_NODE, (s, c) -> score(s))
                    .addNode(OUTREACH_NODE, (s, c) -> Update.of(OUTREACH, inPipelineScope(
                            () -> agents.outreach().draft(s.get(LEAD), s.get(RESEARCH), s.get(SCORE)))))
                    .addNode(FOLLOW_UP_NODE, (s, c) -> followUp(s))
                    .addNode(NURTURE, (s, c) -> followUp(s))
                    // a lead scored in a batch enters with its score and goes straight to its route
                    .addConditionalEdges(StateGraph.START, s -> s.has(SCORE) ? route(s) : VALIDATE,
                            Map.of(VALIDATE, VALIDATE, OUTREACH_NODE, OUTREACH_NODE, FOLLOW_UP_NODE, FOLLOW_UP_NODE,
                                    NURTURE, NURTURE, "cold", StateGraph.END))
                    .addConditionalEdges(VALIDATE,
                            s -> s.has(LEAD) ? List.of(RESEARCH_NODE, DUPLICATE_CHECK) : "invalid",
                            Map.of(RESEARCH_NODE, RESEARCH_NODE, DUPLICATE_CHECK, DUPLICATE_CHECK, "invalid", StateGraph.END))
                    .addEdge(List.of(RESEARCH_NODE, DUPLICATE_CHECK), SCORE_NODE)
                    .addConditionalEdges(SCORE_NODE, s -> s.has(SCORE) ? route(s) : "deferred",
                            Map.of(OUTREACH_NODE, OUTREACH_NODE, FOLLOW_UP_NODE, FOLLOW_UP_NODE, NURTURE, NURTURE,
                                    "cold", StateGraph.END, "deferred", StateGraph.END))
                    .addEdge(OUTREACH_NODE, StateGraph.END)
                    .addEdge(FOLLOW_UP_NODE, StateGraph.END)
                    .addEdge(NURTURE, StateGraph.END)
                    .compile(CompileConfig.builder().name("lead").build());
    }

    private static Object route(AgentState s) {
        return switch (s.get(SCORE).grade().route()) {
            case HOT -> List.of(OUTREACH_NODE, FOLLOW_UP_NODE);
            case WARM -> NURTURE;
            case COLD -> "cold";
        };
    }

    /** Whether leads are scored in batches by a pipeline node (model scorer and batch size > 1). */
    boolean batchScoring() {
        return scoringBatchSize > 1;
    }

    /**
     * Per-lead scoring: {@code START -> analyze (Send per lead) -> crm_sync -> result}. Batch scoring:
     * {@code START -> analyze (Send per lead, up to research) -> score (scoreAll in batches) -> finish (Send per
     * scored lead: route, outreach, follow-up) -> crm_sync -> result}.
     */
    CompiledGraph pipelineGraph(CompileConfig config) {
        CompiledGraph lead = leadGraph();
        StateGraph g = StateGraph.of(BATCH, ITEM, ANALYZED, PipelineState.APPROVED, SYNC, RESULTS, SCORES, SCORED_ITEM,
                        FINISHED)
                .addNode(ANALYZE, (s, c) -> analyze(lead, s))
                .addNode(CRM_SYNC, (s, c) -> Update.of(SYNC, sync.sync(analyzed(s), s.get(PipelineState.APPROVED))))
                .addNode(RESULT, (s, c) -> result(s))
                .addConditionalEdges(StateGraph.START, PipelineGraphs::fanOut, List.of(ANALYZE, CRM_SYNC));
        if (batchScoring()) {
            g.addNode(SCORE_BATCH, (s, c) -> scoreBatch(s))
                    .addNode(FINISH, (s, c) -> finish(lead, s))
                    .addEdge(ANALYZE, SCORE_BATCH)
                    .addConditionalEdges(SCORE_BATCH, PipelineGraphs::fanOutScored, List.of(FINISH, CRM_SYNC))
                    .addEdge(FINISH, CRM_SYNC);
        } else {
            g.addEdge(ANALYZE, CRM_SYNC);
        }
        return g.addEdge(CRM_SYNC, RESULT)
                .addEdge(RESULT, StateGraph.END)
                .compile(config);
    }

    // ------------------------------------------------------------------ lead graph nodes

    private static Update validate(AgentState s) {
        try {
            return Update.of(LEAD, s.get(INPUT).normalized());
        } catch (InvalidLeadException e) {
            return Update.of(ERRORS, e.problems());
        }
    }

    private Update research(AgentState s) {
        AiContext ctx = AiContext.current();
        PipelineRun run = currentRun();
        Map<String, CompletableFuture<LeadResearcher.AccountContext>> memo = run == null ? null : run.accounts;
        Function<String, LeadResearcher.AccountContext> accounts = memo == null ? researcher::fetchAccount
                : domain -> memoized(memo, domain);
        return Update.of(RESEARCH, ctx.withFeature(Features.RESEARCH).call(() -> researcher.research(s.get(LEAD), accounts)));
    }

    /**
     * One account lookup per domain and pipeline invocation; concurrent leads of the same company wait for the first
     * lookup.
     */
    private LeadResearcher.AccountContext memoized(Map<String, CompletableFuture<LeadResearcher.AccountContext>> memo,
                                                   String domain) {
        CompletableFuture<LeadResearcher.AccountContext> mine = new CompletableFuture<>();
        CompletableFuture<LeadResearcher.AccountContext> existing = memo.putIfAbsent(domain, mine);
        if (existing == null) {
            try {
                mine.complete(researcher.fetchAccount(domain));
            } catch (RuntimeException e) {
                memo.remove(domain, mine);
                mine.completeExceptionally(e);
                throw e;
            }
            return mine.join();
        }
        try {
            return existing.join();
        } catch (CompletionException e) {
            return researcher.fetchAccount(domain); // the first lookup failed: try on our own
        }
    }

    private Update duplicateCheck(AgentState s) {
        Lead lead = s.get(LEAD);
        if (lead.email() == null || !crm.supports(CrmCapability.CONTACTS)) {
            return Update.of(DUPLICATE, new DuplicateCheck(null, null, null));
        }
        Optional<Contact> existing = crm.contacts().findByEmail(lead.email());
        return Update.of(DUPLICATE, existing
                .map(c -> new DuplicateCheck(c.id() == null ? null : c.id().value(),
                        c.accountId() == null ? null : c.accountId().value(), c.updatedAt()))
                .orElse(new DuplicateCheck(null, null, null)));
    }

    private Update score(AgentState s) {
        LeadResearch r = s.get(RESEARCH);
        DuplicateCheck d = s.get(DUPLICATE);
        LeadResearch merged = r;
        if (d != null && d.contactId() != null) {
            CrmSnapshot base = r.crm() != null ? r.crm() : CrmSnapshot.empty(crm.providerId());
            java.time.Instant last = base.lastActivity();
            if (d.updatedAt() != null && (last == null || d.updatedAt().isAfter(last))) {
                last = d.updatedAt();
            }
            CrmSnapshot snap = new CrmSnapshot(base.provider(), base.accountId() != null ? base.accountId() : d.accountId(),
                    d.contactId(), base.openOpportunities(), base.openPipelineUsd(), last);
            List<ResearchFact> facts = new ArrayList<>(r.facts());
            facts.add(ResearchFact.of(ResearchFact.Source.CRM, "the contact already exists in the CRM"));
            merged = new LeadResearch(facts, r.firmographics(), snap, r.errors());
        }
        if (s.get(DEFER_SCORE)) {
            return Update.of(RESEARCH, merged); // scored later with the other leads of the run (batch mode)
        }
        LeadResearch research = merged;
        LeadScore score = inPipelineScope(() -> agents.scorer().score(s.get(LEAD), research));
        return Update.of(RESEARCH, merged).and(SCORE, score);
    }

    private Update followUp(AgentState s) {
        return Update.of(FOLLOW_UP, inPipelineScope(
                () -> agents.followUps().plan(s.get(LEAD), s.get(SCORE), LocalDate.now(clock))));
    }

    /**
     * Runs a model call of a per-lead run in the pipeline run's cost scope (when the per-lead run was started by the
     * pipeline), keeping the per-lead run id on the usage records so each lead's cost can still be told apart.
     */
    private <T> T inPipelineScope(java.util.function.Supplier<T> call) {
        AiContext ctx = AiContext.current();
        String key = ctx.attributes().get(SCOPE_ATTRIBUTE);
        CostScope pipeline = key == null ? null : pipelineScopes.get(key);
        if (pipeline == null || pipeline == ctx.costScope()) {
            return call.get();
        }
        return ctx.toBuilder().costScope(pipeline).build().call(call);
    }

    // ------------------------------------------------------------------ pipeline graph nodes

    /** One send per lead; a lead whose natural key repeats an earlier one is marked as its duplicate. */
    static Object fanOut(AgentState s) {
        List<Lead> leads = s.get(BATCH).leads();
        if (leads.isEmpty()) {
            return CRM_SYNC;
        }
        Map<String, Integer> firstByKey = new HashMap<>();
        List<Send> sends = new ArrayList<>(leads.size());
        for (int i = 0; i < leads.size(); i++) {
            Integer duplicateOf = null;
            try {
                String key = leads.get(i).normalized().naturalKey();
                duplicateOf = firstByKey.putIfAbsent(key, i);
            } catch (InvalidLeadException ignored) {
                // reported by the lead's own validation
            }
            Lead first = duplicateOf == null ? null : leads.get(duplicateOf);
            sends.add(Send.to(ANALYZE, ITEM, new IndexedLead(i, leads.get(i), duplicateOf, first, leads.size())));
        }
        return sends;
    }

    private Update analyze(CompiledGraph lead, AgentState s) {
        IndexedLead item = s.get(ITEM);
        int total = item.total();
        AnalyzedLead analyzed;
        if (item.duplicateOf() != null) {
            Lead in = item.lead();
            Lead first = item.first();
            String of = first.id() != null && !first.id().isBlank() ? first.id() : "lead #" + (item.duplicateOf() + 1);
            analyzed = new AnalyzedLead(errorResult(item.index(), in, "duplicate of " + of + " (same "
                    + (blank(in.email()) ? "domain" : "e-mail") + ")", Usage.NONE), null);
        } else {
            Update input = Update.of(INPUT, item.lead());
            if (batchScoring()) {
                input = input.and(DEFER_SCORE, Boolean.TRUE);
            }
            LeadRun r = runLead(lead, input);
            analyzed = toAnalyzed(item.index(), item.lead(), r, Usage.NONE);
        }
        PipelineRun run = currentRun();
        // the count restarts with each invocation: after a resume it counts the leads analyzed again
        int done = run == null ? s.get(ANALYZED).size() + 1 : run.analyzed.incrementAndGet();
        try {
            progress.analyzed(analyzed.result(), done, total);
        } catch (RuntimeException ignored) {
            // a progress listener never breaks the run
        }
        return Update.append(ANALYZED, analyzed);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /**
     * Model usage: tokens (input includes cached and cache-write tokens), USD, and whether any of the tokens were
     * estimated because a provider reported no usage.
     */
    record Usage(long inputTokens, long outputTokens, BigDecimal costUsd, boolean estimated) {
        static final Usage NONE = new Usage(0, 0, BigDecimal.ZERO, false);

        static Usage of(UsageRecord u) {
            return new Usage(u.inputTokens() + u.cachedInputTokens() + u.cacheWriteTokens(), u.outputTokens(),
                    u.costOrZero(), u.tokensEstimated());
        }

        Usage plus(Usage o) {
            return new Usage(inputTokens + o.inputTokens, outputTokens + o.outputTokens, costUsd.add(o.costUsd),
                    estimated || o.estimated);
        }
    }

    /** A finished per-lead run and its model usage (in its own scope plus in the pipeline's). */
    record LeadRun(RunResult result, Usage usage) {
    }

    /**
     * Invokes the lead graph inline for one lead of the current pipeline invocation. The current (pipeline node's)
     * cost scope is lent to the per-lead run's model calls, so the pipeline run's {@code maxCost} applies to them;
     * their usage is then read back by the per-lead run id from the invocation's usage index.
     */
    private LeadRun runLead(CompiledGraph lead, Update input) {
        AiContext outer = AiContext.current();
        CostScope scope = outer.costScope();
        String key = scope == null ? null : UUID.randomUUID().toString();
        Map<String, String> attributes = new HashMap<>(outer.attributes());
        if (key != null) {
            attributes.put(SCOPE_ATTRIBUTE, key);
            pipelineScopes.put(key, scope);
        }
        try {
            RunConfig.Builder config = RunConfig.builder().executor(Runnable::run).recursionLimit(20);
            leadListeners.forEach(config::listener);
            RunResult r = outer.toBuilder().attributes(attributes).build().call(() -> lead.invoke(input,
                    config.build()));
            // the run's own scope is only used outside LeadPipeline; its RunResult does not say whether it estimated
            Usage usage = new Usage(r.inputTokens(), r.outputTokens(), r.costUsd(), false);
            if (scope != null) {
                PipelineRun run = currentRun();
                usage = usage.plus(run != null ? run.takeUsage(scope, r.runId()) : usageOf(scope, r.runId()));
            }
            return new LeadRun(r, usage);
        } finally {
            if (key != null) {
                pipelineScopes.remove(key);
            }
        }
    }

    /** Usage of one per-lead run by a scan of the scope; only when the graph is invoked outside LeadPipeline. */
    private static Usage usageOf(CostScope scope, String runId) {
        Usage usage = Usage.NONE;
        for (UsageRecord u : scope.records()) {
            if (runId.equals(u.runId())) {
                usage = usage.plus(Usage.of(u));
            }
        }
        return usage;
    }

    /** The per-lead run's outcome as a result; {@code earlier} is usage spent on the lead before this run. */
    private static AnalyzedLead toAnalyzed(int index, Lead input, LeadRun run, Usage earlier) {
        RunResult r = run.result();
        AgentState st = r.state();
        Lead lead = st.get(LEAD);
        Usage u = run.usage().plus(earlier);
        if (r.status() != RunResult.Status.COMPLETED) {
            String why = r.failure().map(PipelineGraphs::describe).orElse(r.status().name().toLowerCase());
            return new AnalyzedLead(errorResult(index, lead != null ? lead : input, why, u), null);
        }
        if (lead == null) {
            return new AnalyzedLead(errorResult(index, input, String.join("; ", st.get(ERRORS)), u), null);
        }
        LeadScore score = st.get(SCORE);
        LeadResearch research = st.get(RESEARCH);
        if (score == null) { // batch mode: analyzed up to scoring
            LeadResult partial = new LeadResult(index, lead.id(), lead.email(), lead.company(), lead.domain(), null,
                    null, null, null, List.of(), null, null, research.facts(), null, null, null, u.inputTokens(),
                    u.outputTokens(), u.costUsd(), null, research.errors(), List.of(), u.estimated());
            return new AnalyzedLead(partial, lead, research);
        }
        LeadResult result = new LeadResult(index, lead.id(), lead.email(), lead.company(), lead.domain(),
                score.overall(), score.grade(), score.grade().route(), score.breakdown(), score.reasons(),
                score.method(), score.model(), research == null ? List.of() : research.facts(), st.get(OUTREACH),
                st.get(FOLLOW_UP), null, u.inputTokens(), u.outputTokens(), u.costUsd(), null,
                research == null ? List.of() : research.errors(), score.corrections(), u.estimated());
        return new AnalyzedLead(result, lead);
    }

    // ------------------------------------------------------------------ batch scoring nodes

    /**
     * Scores every lead awaiting a score with {@link LeadScorer#scoreAll}, {@code scoringBatchSize} leads per call, in
     * input order. A failed call (invalid answer after the repair, model failure, budget) fails only its batch's
     * leads. The tokens and cost of a call are shared evenly among its leads (remainder to the first).
     */
    private Update scoreBatch(AgentState s) {
        List<AnalyzedLead> pending = s.get(ANALYZED).stream().filter(AnalyzedLead::awaitingScore)
                .sorted(Comparator.comparingInt(a -> a.result().index())).toList();
        CostScope scope = AiContext.current().costScope();
        List<PipelineState.IndexedScore> out = new ArrayList<>(pending.size());
        for (int from = 0; from < pending.size(); from += scoringBatchSize) {
            List<AnalyzedLead> batch = pending.subList(from, Math.min(pending.size(), from + scoringBatchSize));
            Usage before = scope == null ? Usage.NONE : totals(scope);
            long estimatedBefore = scope == null ? 0 : scope.estimatedTokenCalls();
            List<LeadScore> scores = null;
            String error = null;
            try {
                scores = agents.scorer().scoreAll(batch.stream()
                        .map(a -> new ScoringRequest(a.lead(), a.research())).toList());
            } catch (RuntimeException e) {
                error = describe(e);
            }
            Usage spent = scope == null ? Usage.NONE : minus(totals(scope), before);
            boolean estimated = scope != null && scope.estimatedTokenCalls() > estimatedBefore;
            int n = batch.size();
            for (int i = 0; i < n; i++) {
                long inShare = spent.inputTokens() / n + (i == 0 ? spent.inputTokens() % n : 0);
                long outShare = spent.outputTokens() / n + (i == 0 ? spent.outputTokens() % n : 0);
                BigDecimal costShare = spent.costUsd().divide(BigDecimal.valueOf(n), 10, RoundingMode.DOWN);
                if (i == 0) {
                    costShare = spent.costUsd().subtract(costShare.multiply(BigDecimal.valueOf(n - 1)));
                }
                out.add(new PipelineState.IndexedScore(batch.get(i).result().index(),
                        scores == null ? null : scores.get(i), error, inShare, outShare, costShare, estimated));
            }
        }
        return Update.of(SCORES, new PipelineState.ScoreList(out));
    }

    private static Usage totals(CostScope scope) {
        return new Usage(scope.inputTokens() + scope.cachedInputTokens() + scope.cacheWriteTokens(),
                scope.outputTokens(), scope.spentUsd(), false);
    }

    private static Usage minus(Usage a, Usage b) {
        return new Usage(a.inputTokens() - b.inputTokens(), a.outputTokens() - b.outputTokens(),
                a.costUsd().subtract(b.costUsd()), a.estimated());
    }

    /**
     * One send per lead scored in a batch, carrying the score and the lead's analysis (a Send's argument is the
     * node's whole input); leads whose batch failed keep their error (see {@link #analyzed}).
     */
    static Object fanOutScored(AgentState s) {
        PipelineState.ScoreList scores = s.get(SCORES);
        List<Send> sends = new ArrayList<>();
        if (scores != null) {
            Map<Integer, AnalyzedLead> byIndex = new HashMap<>();
            s.get(ANALYZED).forEach(a -> byIndex.put(a.result().index(), a));
            for (PipelineState.IndexedScore sc : scores.scores()) {
                if (sc.score() != null) {
                    AnalyzedLead prepared = byIndex.get(sc.index());
                    sends.add(new Send(FINISH, Update.of(SCORED_ITEM, sc)
                            .and(ANALYZED, prepared == null ? List.of() : List.of(prepared))));
                }
            }
        }
        return sends.isEmpty() ? CRM_SYNC : sends;
    }

    /** Runs the lead graph from the lead's batch score: route, outreach, follow-up or nurture. */
    private Update finish(CompiledGraph lead, AgentState s) {
        PipelineState.IndexedScore sc = s.get(SCORED_ITEM);
        AnalyzedLead prepared = s.get(ANALYZED).stream().filter(a -> a.result().index() == sc.index()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no analyzed lead #" + sc.index()));
        LeadResult p = prepared.result();
        Usage earlier = usage(p).plus(sc.usage());
        Update input = Update.of(INPUT, prepared.lead()).and(LEAD, prepared.lead()).and(RESEARCH, prepared.research())
                .and(SCORE, sc.score());
        LeadRun r = runLead(lead, input);
        return Update.append(FINISHED, toAnalyzed(sc.index(), prepared.lead(), r, earlier));
    }

    /**
     * Every lead's latest result: the analysis, replaced in batch mode by the batch-scoring error or the finished
     * result of the lead.
     */
    static List<AnalyzedLead> analyzed(AgentState s) {
        Map<Integer, AnalyzedLead> byIndex = new java.util.TreeMap<>();
        s.get(ANALYZED).forEach(a -> byIndex.put(a.result().index(), a));
        PipelineState.ScoreList scores = s.get(SCORES);
        if (scores != null) {
            for (PipelineState.IndexedScore sc : scores.scores()) {
                AnalyzedLead a = byIndex.get(sc.index());
                if (sc.error() != null && a != null) {
                    LeadResult p = a.result();
                    byIndex.put(sc.index(), new AnalyzedLead(errorResult(sc.index(), a.lead(), sc.error(),
                            usage(p).plus(sc.usage())), null));
                }
            }
        }
        List<AnalyzedLead> finished = s.get(FINISHED);
        if (finished != null) {
            finished.forEach(a -> byIndex.put(a.result().index(), a));
        }
        return new ArrayList<>(byIndex.values());
    }

    private static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root
                && !(root instanceof SalesAgentException) && !(root instanceof dev.salesagent.crm.CrmException)
                && !(root instanceof dev.salesagent.core.model.ModelCallException)) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    static LeadResult errorResult(int index, Lead lead, String error, Usage u) {
        return new LeadResult(index, lead.id(), lead.email(), lead.company(), lead.domain(), null, null, null, null,
                List.of(), null, null, List.of(), null, null, null, u.inputTokens(), u.outputTokens(), u.costUsd(), error,
                List.of(), List.of(), u.estimated());
    }

    /** The usage a result already carries. */
    private static Usage usage(LeadResult r) {
        return new Usage(r.inputTokens(), r.outputTokens(), r.costUsd(), r.tokensEstimated());
    }

    private Update result(AgentState s) {
        Map<Integer, CrmOutcome> outcomes = new HashMap<>();
        PipelineState.SyncReport report = s.get(SYNC);
        if (report != null) {
            report.outcomes().forEach(o -> outcomes.put(o.index(), o.outcome()));
        }
        List<LeadResult> results = analyzed(s).stream().map(AnalyzedLead::result)
                .map(r -> outcomes.containsKey(r.index()) ? r.withCrm(outcomes.get(r.index())) : r)
                .sorted(Comparator.comparingInt(LeadResult::index))
                .toList();
        return Update.of(RESULTS, new PipelineState.ResultList(results));
    }
}
