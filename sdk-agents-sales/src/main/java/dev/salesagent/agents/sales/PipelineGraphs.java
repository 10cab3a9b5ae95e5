package dev.salesagent.agents.sales;

import dev.salesagent.agents.graph.AgentState;
import dev.salesagent.agents.graph.CompileConfig;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.graph.NodeContext;
import dev.salesagent.agents.graph.RunConfig;
import dev.salesagent.agents.graph.RunResult;
import dev.salesagent.agents.graph.Send;
import dev.salesagent.agents.graph.StateGraph;
import dev.salesagent.agents.graph.Update;
import dev.salesagent.core.context.AiContext;
import dev.salesagent.crm.CrmCapability;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.Contact;
import dev.salesagent.agents.sales.PipelineState.AnalysedLead;
import dev.salesagent.agents.sales.PipelineState.DuplicateCheck;
import dev.salesagent.agents.sales.PipelineState.IndexedLead;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.salesagent.agents.sales.PipelineState.ANALYSED;
import static dev.salesagent.agents.sales.PipelineState.BATCH;
import static dev.salesagent.agents.sales.PipelineState.DUPLICATE;
import static dev.salesagent.agents.sales.PipelineState.ERRORS;
import static dev.salesagent.agents.sales.PipelineState.FOLLOW_UP;
import static dev.salesagent.agents.sales.PipelineState.INPUT;
import static dev.salesagent.agents.sales.PipelineState.ITEM;
import static dev.salesagent.agents.sales.PipelineState.LEAD;
import static dev.salesagent.agents.sales.PipelineState.OUTREACH;
import static dev.salesagent.agents.sales.PipelineState.RESEARCH;
import static dev.salesagent.agents.sales.PipelineState.RESULTS;
import static dev.salesagent.agents.sales.PipelineState.SCORE;
import static dev.salesagent.agents.sales.PipelineState.SYNC;

/** Builds the lead graph and the pipeline graph of {@link LeadPipeline}; the nodes live here. */
final class PipelineGraphs {

    static final String VALIDATE = "validate";
    static final String RESEARCH_NODE = "research";
    static final String DUPLICATE_CHECK = "duplicate_check";
    static final String SCORE_NODE = "score";
    static final String OUTREACH_NODE = "outreach";
    static final String FOLLOW_UP_NODE = "follow_up";
    static final String NURTURE = "nurture";
    static final String ANALYSE = "analyse";
    static final String CRM_SYNC = "crm_sync";
    static final String RESULT = "result";
    /** AiContext attribute carrying the pipeline run id into the per-lead runs (keys the account memo). */
    static final String BATCH_ATTRIBUTE = "salesagent.sales.pipelineRun";

    private final SalesAgents agents;
    private final LeadResearcher researcher;
    private final CrmClient crm;
    private final Clock clock;
    private final PipelineProgress progress;
    private final CrmSyncNode sync;
    private final CompiledGraph leadGraph;
    /** Per pipeline run (by run id): account lookups by domain, dropped when the run's last lead is analysed. */
    private final Map<String, Map<String, CompletableFuture<LeadResearcher.AccountContext>>> accountMemos =
            new ConcurrentHashMap<>();

    PipelineGraphs(SalesAgents agents, LeadResearcher researcher, CrmClient crm, Clock clock, PipelineProgress progress) {
        this.agents = agents;
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

    private CompiledGraph buildLeadGraph() {
        return StateGraph.of(INPUT, LEAD, ERRORS, RESEARCH, DUPLICATE, SCORE, OUTREACH, FOLLOW_UP)
                    .addNode(VALIDATE, (s, c) -> validate(s))
                    .addNode(RESEARCH_NODE, (s, c) -> research(s))
                    .addNode(DUPLICATE_CHECK, (s, c) -> duplicateCheck(s))
                    .addNode(SCORE_NODE, (s, c) -> score(s))
                    .addNode(OUTREACH_NODE, (s, c) -> Update.of(OUTREACH,
                            agents.outreach().draft(s.get(LEAD), s.get(RESEARCH), s.get(SCORE))))
                    .addNode(FOLLOW_UP_NODE, (s, c) -> followUp(s))
                    .addNode(NURTURE, (s, c) -> followUp(s))
                    .addEdge(StateGraph.START, VALIDATE)
                    .addConditionalEdges(VALIDATE,
                            s -> s.has(LEAD) ? List.of(RESEARCH_NODE, DUPLICATE_CHECK) : "invalid",
                            Map.of(RESEARCH_NODE, RESEARCH_NODE, DUPLICATE_CHECK, DUPLICATE_CHECK, "invalid", StateGraph.END))
                    .addEdge(List.of(RESEARCH_NODE, DUPLICATE_CHECK), SCORE_NODE)
                    .addConditionalEdges(SCORE_NODE, s -> switch (s.get(SCORE).grade().route()) {
                        case HOT -> List.of(OUTREACH_NODE, FOLLOW_UP_NODE);
                        case WARM -> NURTURE;
                        case COLD -> "cold";
                    }, Map.of(OUTREACH_NODE, OUTREACH_NODE, FOLLOW_UP_NODE, FOLLOW_UP_NODE, NURTURE, NURTURE,
                            "cold", StateGraph.END))
                    .addEdge(OUTREACH_NODE, StateGraph.END)
                    .addEdge(FOLLOW_UP_NODE, StateGraph.END)
                    .addEdge(NURTURE, StateGraph.END)
                    .compile(CompileConfig.builder().name("lead").build());
    }

    CompiledGraph pipelineGraph(CompileConfig config) {
        CompiledGraph lead = leadGraph();
        Map<String, AtomicInteger> doneByRun = new ConcurrentHashMap<>();
        return StateGraph.of(BATCH, ITEM, ANALYSED, PipelineState.APPROVED, SYNC, RESULTS)
                .addNode(ANALYSE, (s, c) -> analyse(lead, s, c, doneByRun))
                .addNode(CRM_SYNC, (s, c) -> Update.of(SYNC, sync.sync(s.get(ANALYSED), s.get(PipelineState.APPROVED))))
                .addNode(RESULT, (s, c) -> result(s))
                .addConditionalEdges(StateGraph.START, PipelineGraphs::fanOut, List.of(ANALYSE, CRM_SYNC))
                .addEdge(ANALYSE, CRM_SYNC)
                .addEdge(CRM_SYNC, RESULT)
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
        String batch = ctx.attributes().get(BATCH_ATTRIBUTE);
        Map<String, CompletableFuture<LeadResearcher.AccountContext>> memo = batch == null ? null : accountMemos.get(batch);
        Function<String, LeadResearcher.AccountContext> accounts = memo == null ? researcher::fetchAccount
                : domain -> memoized(memo, domain);
        return Update.of(RESEARCH, ctx.withFeature(Features.RESEARCH).call(() -> researcher.research(s.get(LEAD), accounts)));
    }

    /** One account lookup per domain and run; concurrent leads of the same company wait for the first lookup. */
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
        LeadScore score = agents.scorer().score(s.get(LEAD), merged);
        return Update.of(RESEARCH, merged).and(SCORE, score);
    }

    private Update followUp(AgentState s) {
        return Update.of(FOLLOW_UP, agents.followUps().plan(s.get(LEAD), s.get(SCORE), LocalDate.now(clock)));
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
            sends.add(Send.to(ANALYSE, ITEM, new IndexedLead(i, leads.get(i), duplicateOf)));
        }
        return sends;
    }

    private Update analyse(CompiledGraph lead, AgentState s, NodeContext c, Map<String, AtomicInteger> doneByRun) {
        IndexedLead item = s.get(ITEM);
        int total = s.get(BATCH).leads().size();
        AnalysedLead analysed;
        if (item.duplicateOf() != null) {
            Lead in = item.lead();
            Lead first = s.get(BATCH).leads().get(item.duplicateOf());
            String of = first.id() != null && !first.id().isBlank() ? first.id() : "lead #" + (item.duplicateOf() + 1);
            analysed = new AnalysedLead(errorResult(item.index(), in, "duplicate of " + of + " (same "
                    + (blank(in.email()) ? "domain" : "e-mail") + ")", 0, 0, null), null);
        } else {
            accountMemos.computeIfAbsent(c.runId(), k -> new ConcurrentHashMap<>());
            Map<String, String> attributes = new HashMap<>(AiContext.current().attributes());
            attributes.put(BATCH_ATTRIBUTE, c.runId());
            RunResult r = AiContext.current().toBuilder().attributes(attributes).build().call(() -> lead.invoke(
                    Update.of(INPUT, item.lead()), RunConfig.builder().executor(Runnable::run).recursionLimit(20).build()));
            analysed = toAnalysed(item, r);
        }
        AtomicInteger counter = doneByRun.computeIfAbsent(c.runId(), k -> new AtomicInteger());
        int done = counter.incrementAndGet();
        if (done >= total) {
            doneByRun.remove(c.runId());
            accountMemos.remove(c.runId());
        }
        try {
            progress.analysed(analysed.result(), done, total);
        } catch (RuntimeException ignored) {
            // a progress listener never breaks the run
        }
        return Update.append(ANALYSED, analysed);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static AnalysedLead toAnalysed(IndexedLead item, RunResult r) {
        AgentState st = r.state();
        Lead lead = st.get(LEAD);
        long in = r.inputTokens();
        long out = r.outputTokens();
        if (r.status() != RunResult.Status.COMPLETED) {
            String why = r.failure().map(PipelineGraphs::describe).orElse(r.status().name().toLowerCase());
            return new AnalysedLead(errorResult(item.index(), lead != null ? lead : item.lead(), why, in, out,
                    r.costUsd()), null);
        }
        if (lead == null) {
            return new AnalysedLead(errorResult(item.index(), item.lead(), String.join("; ", st.get(ERRORS)), in, out,
                    r.costUsd()), null);
        }
        LeadScore score = st.get(SCORE);
        LeadResearch research = st.get(RESEARCH);
        LeadResult result = new LeadResult(item.index(), lead.id(), lead.email(), lead.company(), lead.domain(),
                score.overall(), score.grade(), score.grade().route(), score.breakdown(), score.reasons(),
                score.method(), score.model(), research == null ? List.of() : research.facts(), st.get(OUTREACH),
                st.get(FOLLOW_UP), null, in, out, r.costUsd(), null, research == null ? List.of() : research.errors());
        return new AnalysedLead(result, lead);
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

    static LeadResult errorResult(int index, Lead lead, String error, long in, long out, java.math.BigDecimal cost) {
        return new LeadResult(index, lead.id(), lead.email(), lead.company(), lead.domain(), null, null, null, null,
                List.of(), null, null, List.of(), null, null, null, in, out, cost, error, List.of());
    }

    private Update result(AgentState s) {
        Map<Integer, CrmOutcome> outcomes = new HashMap<>();
        PipelineState.SyncReport report = s.get(SYNC);
        if (report != null) {
            report.outcomes().forEach(o -> outcomes.put(o.index(), o.outcome()));
        }
        List<LeadResult> results = s.get(ANALYSED).stream().map(AnalysedLead::result)
                .map(r -> outcomes.containsKey(r.index()) ? r.withCrm(outcomes.get(r.index())) : r)
                .sorted(Comparator.comparingInt(LeadResult::index))
                .toList();
        return Update.of(RESULTS, new PipelineState.ResultList(results));
    }
}
