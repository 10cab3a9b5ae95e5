package dev.salesagent.benchmarks.cost;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.salesagent.agents.sales.SellerProfile;
import dev.salesagent.agents.sales.conversation.Transcript;
import dev.salesagent.agents.sales.internal.PromptData;
import dev.salesagent.agents.sales.internal.StructuredChat;
import dev.salesagent.agents.sales.proposal.ProposalRequest;
import dev.salesagent.agents.sales.research.LeadResearch;
import dev.salesagent.agents.sales.research.ResearchFact;
import dev.salesagent.cache.semantic.SemanticCache;
import dev.salesagent.core.cache.ResponseCache;
import dev.salesagent.core.context.AiContext;
import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.cost.OutcomeCost;
import dev.salesagent.core.model.ModelEndpoint;
import dev.salesagent.core.model.ModelRouter;
import dev.salesagent.core.model.ModelTier;
import dev.salesagent.core.model.RoutingPolicy;
import dev.salesagent.core.model.batch.BatchRequest;
import dev.salesagent.core.model.batch.BatchResult;
import dev.salesagent.model.anthropic.AnthropicBatches;
import dev.salesagent.model.anthropic.AnthropicEndpoints;
import dev.salesagent.model.openai.OpenAiEndpoints;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * Cost per outcome of the platform's workload mix under seven strategies, replayed through the real
 * {@link ModelRouter}, the real OpenAI and Anthropic LangChain4j clients and the SDK's caches against WireMock
 * endpoints that answer in the vendors' shapes with realistic token usage ({@link ProviderSimulator}).
 *
 * <p>Workload per user and month (assumed mix): 200 leads scored (from the real S&amp;P 500 list; 35 of them exact
 * re-imports of an earlier lead and 15 near-duplicates: name suffix or title variant), 40 battle cards (20 distinct
 * requests, 8 repeated word for word, 12 paraphrased), 10 proposals and 30 conversation analyses (all distinct).
 * Each simulated user is a tenant; caches never cross tenants. System prompts are the SDK's real sales prompts.
 *
 * <p>Strategies: premium-only (every feature on claude-sonnet-4-5); tiered (lead scoring on gpt-4o-mini, battle cards
 * on gpt-4.1-mini, proposals and conversation analysis stay premium); + exact response cache (lead scoring and
 * battle cards, 24 h); + semantic cache (battle cards, threshold 0.85, lead scoring exact-only); + batching (lead
 * scoring 20 leads per call, exact duplicates in an import scored once); + compression (the proposal and conversation
 * requests as sdk-agents-sales builds them now: shorter prompts, the data rule in the system message, compact JSON
 * without null fields, conversation turns as {@code [speaker, text]} pairs, notes without repeated sentences, no
 * research fact that restates the buyer record; the lead-scoring system message gets the shorter data rule). The rows
 * before it send those requests as the SDK did before (prompts in the {@code uncompressed/} resources, pretty JSON
 * with null fields, the data rule in the user message); + vendor batch API (each user's month of conversation
 * analyses, compressed, submitted as one Anthropic Message Batch through {@code AnthropicBatches} to the same premium
 * model and recorded at its batch price, 50% of input and output; proposals stay interactive).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.salesagent.benchmarks.cost.CostPerOutcomeReplay [users]}
 * (default 3 users). Writes the table to stdout and {@code target/cost-per-outcome.md}.
 */
public final class CostPerOutcomeReplay {

    static final String LEADS = "lead_scoring";
    static final String CARDS = "battle_card";
    static final String PROPOSALS = "proposal";
    static final String CONVERSATIONS = "conversation_analysis";
    static final List<String> FEATURES = List.of(LEADS, CARDS, PROPOSALS, CONVERSATIONS);
    static final long MONTHLY_USERS = 10_000;

    enum Strategy {
        PREMIUM_ONLY("premium-only"), TIERED("tiered"), EXACT_CACHE("tiered + exact cache"),
        SEMANTIC_CACHE("+ semantic cache"), BATCHING("+ batching"), COMPRESSION("+ compression"),
        BATCH_API("+ vendor batch API (conversation analysis)");

        final String label;

        Strategy(String label) {
            this.label = label;
        }
    }

    record Lead(String company, String sector, String subIndustry, String hq, String title, String notes) {
        String json(String id) {
            return "{\"id\": \"" + id + "\", \"company\": " + q(company) + ", \"title\": " + q(title) + ", \"industry\": "
                    + q(sector) + ", \"subIndustry\": " + q(subIndustry) + ", \"hq\": " + q(hq) + ", \"notes\": "
                    + q(notes) + "}";
        }
    }

    record UserMonth(String tenant, List<Lead> leads, List<String> cards, List<ProposalRequest> proposals,
                     List<Transcript> conversations) {
    }

    static final SellerProfile SELLER = new SellerProfile("Acme Revenue Cloud", "revenue intelligence platform",
            "forecasts and pipeline visibility from CRM activity instead of spreadsheets, 120 USD per seat and month",
            "Dana Reyes");
    static final String PROPOSAL_TASK = "Write the prose sections of a proposal for this deal.";
    static final String CONVERSATION_TASK = "Analyze this conversation.";
    /** The data encoding before compression: pretty JSON with null and empty fields. */
    private static final ObjectMapper VERBOSE = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    private CostPerOutcomeReplay() {
    }

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<String[]> companies = companies();
        List<UserMonth> workload = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            workload.add(userMonth("user-" + u, companies, new Random(1000 + u)));
        }
        ProviderSimulator simulator = new ProviderSimulator();
        WireMockServer wm = new WireMockServer(wireMockConfig().dynamicPort().extensions(simulator));
        wm.start();
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        Map<Strategy, Map<String, OutcomeCost>> results = new LinkedHashMap<>();
        Map<Strategy, Long> calls = new LinkedHashMap<>();
        try {
            for (Strategy s : Strategy.values()) {
                long before = simulator.calls.get();
                results.put(s, run(s, workload, wm.baseUrl()));
                calls.put(s, simulator.calls.get() - before);
            }
        } finally {
            wm.stop();
        }
        String table = table(results, calls, users);
        System.out.println(table);
        Path out = Path.of("target", "cost-per-outcome.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
    }

    static Map<String, OutcomeCost> run(Strategy s, List<UserMonth> workload, String baseUrl) {
        CostTracker tracker = CostTracker.inMemory();
        ModelEndpoint premium = AnthropicEndpoints.builder("sonnet", ModelTier.PREMIUM).model("claude-sonnet-4-5")
                .apiKey("sk-ant-bench").baseUrl(baseUrl + "/v1/").maxOutputTokens(4000)
                .timeout(Duration.ofSeconds(60)).build();
        ModelEndpoint standard = OpenAiEndpoints.builder("mini41", ModelTier.STANDARD).model("gpt-4.1-mini")
                .apiKey("sk-bench").baseUrl(baseUrl + "/v1").maxOutputTokens(4000).timeout(Duration.ofSeconds(60))
                .build();
        ModelEndpoint economy = OpenAiEndpoints.builder("mini4o", ModelTier.ECONOMY).model("gpt-4o-mini")
                .apiKey("sk-bench").baseUrl(baseUrl + "/v1").maxOutputTokens(4000).timeout(Duration.ofSeconds(60))
                .build();
        RoutingPolicy policy = s == Strategy.PREMIUM_ONLY
                ? RoutingPolicy.builder().featureTier(LEADS, ModelTier.PREMIUM).featureTier(CARDS, ModelTier.PREMIUM)
                .featureTier(PROPOSALS, ModelTier.PREMIUM).featureTier(CONVERSATIONS, ModelTier.PREMIUM).build()
                : RoutingPolicy.builder().featureTier(LEADS, ModelTier.ECONOMY).featureTier(CARDS, ModelTier.STANDARD)
                .featureTier(PROPOSALS, ModelTier.PREMIUM).featureTier(CONVERSATIONS, ModelTier.PREMIUM).build();
        ModelRouter.Builder rb = ModelRouter.builder().endpoint(premium).endpoint(standard).endpoint(economy)
                .routingPolicy(policy).costTracker(tracker);
        if (s.ordinal() >= Strategy.EXACT_CACHE.ordinal()) {
            rb.responseCache(ResponseCache.inMemory(100_000), ResponseCache.Policy.builder()
                    .feature(LEADS, Duration.ofHours(24)).feature(CARDS, Duration.ofHours(24)).build());
        }
        ModelRouter router = rb.build();
        ChatModel model = router;
        if (s.ordinal() >= Strategy.SEMANTIC_CACHE.ordinal()) {
            model = SemanticCache.builder(router).costTracker(tracker).feature(CARDS, 0.85, Duration.ofHours(24))
                    .exactOnly(LEADS, PROPOSALS, CONVERSATIONS).build();
        }
        boolean compressed = s.ordinal() >= Strategy.COMPRESSION.ordinal();
        AnthropicBatches batchApi = s != Strategy.BATCH_API ? null : AnthropicBatches.builder()
                .model("claude-sonnet-4-5").apiKey("sk-ant-bench").baseUrl(baseUrl + "/v1/").maxOutputTokens(4000)
                .costTracker(tracker).sleeper(d -> { }).build();
        String envelope = compressed ? prompt("data-envelope.txt") : uncompressed("data-envelope.txt");
        String leadSystem = prompt("lead_scoring.system.txt") + "\n\n" + envelope;
        String seller = "\"seller\": {\"name\": \"Acme Revenue Cloud\", \"icp\": \"US companies with 1,000+ employees"
                + " in Information Technology, Financials or Health Care\"}";
        for (UserMonth u : workload) {
            ChatModel m = model;
            AiContext leadsCtx = AiContext.builder().tenant(u.tenant()).feature(LEADS).build();
            if (s.ordinal() >= Strategy.BATCHING.ordinal()) {
                List<Lead> unique = new ArrayList<>(new LinkedHashSet<>(u.leads()));
                for (int i = 0; i < unique.size(); i += 20) {
                    List<Lead> batch = unique.subList(i, Math.min(unique.size(), i + 20));
                    StringBuilder data = new StringBuilder("<data>{" + seller + ", \"leads\": [");
                    for (int j = 0; j < batch.size(); j++) {
                        data.append(j == 0 ? "" : ", ").append(batch.get(j).json("L" + (i + j + 1)));
                    }
                    data.append("]}</data>");
                    leadsCtx.run(() -> m.chat(request(leadSystem, data.toString())));
                }
                // duplicates in the import get their twin's score: every lead is a scored lead
                tracker.recordOutcomes(u.tenant(), LEADS, u.leads().size());
            } else {
                for (Lead l : u.leads()) {
                    leadsCtx.run(() -> m.chat(request(leadSystem, "<data>{" + seller + ", \"leads\": [" + l.json("L1")
                            + "]}</data>")));
                    tracker.recordOutcomes(u.tenant(), LEADS, 1);
                }
            }
            String cardSystem = prompt("battle_card.system.txt");
            for (String card : u.cards()) {
                AiContext.builder().tenant(u.tenant()).feature(CARDS).build().run(() -> m.chat(request(cardSystem, card)));
                tracker.recordOutcomes(u.tenant(), CARDS, 1);
            }
            for (ProposalRequest p : u.proposals()) {
                ChatRequest r = compressed
                        ? request(StructuredChat.systemMessage("proposal"),
                        StructuredChat.userMessage(PROPOSAL_TASK, PromptData.proposal(SELLER, p)))
                        : verbose("proposal.system.txt", PROPOSAL_TASK, envelope, proposalData(p));
                AiContext.builder().tenant(u.tenant()).feature(PROPOSALS).build().run(() -> m.chat(r));
                tracker.recordOutcomes(u.tenant(), PROPOSALS, 1);
            }
            if (batchApi != null) {
                // the month's conversation analyses as one Message Batch at the premium model's batch price
                List<BatchRequest> batch = new ArrayList<>();
                for (Transcript c : u.conversations()) {
                    batch.add(BatchRequest.of("conversation-" + (batch.size() + 1), request(
                            StructuredChat.systemMessage("conversation_analysis"),
                            StructuredChat.userMessage(CONVERSATION_TASK, PromptData.conversation(c)))));
                }
                List<BatchResult> results = AiContext.builder().tenant(u.tenant()).feature(CONVERSATIONS).build()
                        .call(() -> batchApi.run(batch));
                for (BatchResult r : results) {
                    if (!r.succeeded()) {
                        throw new IllegalStateException("batch request " + r.customId() + " " + r.status() + ": "
                                + r.errorType() + " " + r.errorMessage());
                    }
                }
                tracker.recordOutcomes(u.tenant(), CONVERSATIONS, results.size());
                continue;
            }
            for (Transcript c : u.conversations()) {
                ChatRequest r = compressed
                        ? request(StructuredChat.systemMessage("conversation_analysis"),
                        StructuredChat.userMessage(CONVERSATION_TASK, PromptData.conversation(c)))
                        : verbose("conversation_analysis.system.txt", CONVERSATION_TASK, envelope,
                        conversationData(c));
                AiContext.builder().tenant(u.tenant()).feature(CONVERSATIONS).build().run(() -> m.chat(r));
                tracker.recordOutcomes(u.tenant(), CONVERSATIONS, 1);
            }
        }
        Map<String, OutcomeCost> byFeature = new LinkedHashMap<>();
        for (String f : FEATURES) {
            long outcomes = 0;
            long n = 0;
            BigDecimal cost = BigDecimal.ZERO;
            for (UserMonth u : workload) {
                OutcomeCost c = tracker.costPerOutcome(u.tenant(), f, null, null);
                outcomes += c.outcomes();
                n += c.calls();
                cost = cost.add(c.costUsd());
            }
            byFeature.put(f, new OutcomeCost(f, outcomes, cost, n));
        }
        router.close();
        return byFeature;
    }

    static String table(Map<Strategy, Map<String, OutcomeCost>> results, Map<Strategy, Long> calls, int users) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Cost per outcome, %d simulated user-months, USD (provider calls in brackets)%n%n",
                users));
        sb.append("| strategy | per scored lead | per battle card | per proposal | per conversation | per user-month |"
                + " per month, 10,000 users | vs premium-only |\n|---|---|---|---|---|---|---|---|\n");
        BigDecimal base = null;
        for (Map.Entry<Strategy, Map<String, OutcomeCost>> e : results.entrySet()) {
            BigDecimal total = BigDecimal.ZERO;
            for (OutcomeCost c : e.getValue().values()) {
                total = total.add(c.costUsd());
            }
            BigDecimal perUser = total.divide(BigDecimal.valueOf(users), 6, RoundingMode.HALF_UP);
            BigDecimal monthly = perUser.multiply(BigDecimal.valueOf(MONTHLY_USERS)).setScale(0, RoundingMode.HALF_UP);
            if (base == null) {
                base = monthly;
            }
            String reduction = base.signum() == 0 ? "n/a" : String.format(Locale.ROOT, "-%.1f%%",
                    BigDecimal.ONE.subtract(monthly.divide(base, 6, RoundingMode.HALF_UP)).movePointRight(2)
                            .doubleValue());
            sb.append("| ").append(e.getKey().label).append(" (").append(calls.get(e.getKey())).append(")");
            for (String f : FEATURES) {
                sb.append(" | ").append(e.getValue().get(f).usdPerOutcome().map(v -> v.setScale(5, RoundingMode.HALF_UP)
                        .toPlainString()).orElse("-"));
            }
            sb.append(" | ").append(perUser.setScale(4, RoundingMode.HALF_UP).toPlainString())
                    .append(" | ").append(monthly.toPlainString()).append(" | ").append(reduction).append(" |\n");
        }
        return sb.toString();
    }

    /**
     * A request as sdk-agents-sales built it before compression: the prompt, then a user message with the task, the
     * data rule and the data as pretty JSON with null fields.
     */
    static ChatRequest verbose(String systemPrompt, String task, String envelope, Object data) {
        try {
            return request(uncompressed(systemPrompt), task + "\n\n" + envelope + "\n<data>\n"
                    + VERBOSE.writerWithDefaultPrettyPrinter().writeValueAsString(data) + "\n</data>");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The conversation data as ModelConversationAnalyzer sent it before compression. */
    static Map<String, Object> conversationData(Transcript t) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", t.kind());
        data.put("utterances", t.utterances());
        return data;
    }

    /** The proposal data as ModelProposalWriter sent it before compression. */
    static Map<String, Object> proposalData(ProposalRequest p) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("seller", SELLER);
        data.put("buyer", p.lead());
        data.put("facts", p.research().facts());
        data.put("dealSizeUsd", p.dealSizeUsd());
        data.put("termMonths", p.termMonths());
        data.put("startDate", p.startDate().toString());
        return data;
    }

    static ChatRequest request(String system, String user) {
        return ChatRequest.builder().messages(SystemMessage.from(system), UserMessage.from(user)).build();
    }

    static UserMonth userMonth(String tenant, List<String[]> companies, Random r) {
        String[] titles = {"VP Sales", "Chief Revenue Officer", "Head of Sales Operations", "Director of IT",
                "CFO", "Procurement Manager"};
        String[] variants = {"VP of Sales", "CRO", "Sales Ops Lead", "IT Director", "Chief Financial Officer",
                "Procurement Lead"};
        String[] notes = {"Wants a demo next quarter, budget approved.", "Evaluating vendors, decision by March.",
                "No timeline yet, exploring options.", "Renewal with incumbent in 60 days; unhappy with support.",
                "Downloaded the pricing guide twice this week."};
        List<Lead> unique = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String[] c = companies.get(r.nextInt(companies.size()));
            unique.add(new Lead(c[1], c[2], c[3], c[4], titles[r.nextInt(titles.length)], notes[r.nextInt(notes.length)]));
        }
        List<Lead> leads = new ArrayList<>(unique);
        for (int i = 0; i < 35; i++) {
            leads.add(unique.get(r.nextInt(unique.size())));
        }
        for (int i = 0; i < 15; i++) {
            Lead l = unique.get(r.nextInt(unique.size()));
            int t = java.util.Arrays.asList(titles).indexOf(l.title());
            leads.add(i % 2 == 0 ? new Lead(l.company() + " Inc.", l.sector(), l.subIndustry(), l.hq(), l.title(), l.notes())
                    : new Lead(l.company(), l.sector(), l.subIndustry(), l.hq(), variants[t], l.notes()));
        }
        java.util.Collections.shuffle(leads, r);

        String[] competitors = {"Salesforce", "HubSpot", "Microsoft Dynamics", "Oracle NetSuite", "Zoho CRM",
                "Pipedrive", "SAP Sales Cloud", "Freshsales"};
        List<String[]> asks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            asks.add(new String[] {competitors[r.nextInt(competitors.length)], companies.get(r.nextInt(companies.size()))[1]});
        }
        List<String> cards = new ArrayList<>();
        for (String[] a : asks) {
            cards.add("Build a battle card against " + a[0] + " for our deal with " + a[1] + ".");
        }
        for (int i = 0; i < 8; i++) {
            cards.add(cards.get(r.nextInt(20)));
        }
        for (int i = 0; i < 12; i++) {
            String[] a = asks.get(r.nextInt(20));
            cards.add(i % 2 == 0 ? "Create a competitive battle card versus " + a[0] + " for the " + a[1] + " opportunity."
                    : "We are up against " + a[0] + " at " + a[1] + ": prepare a battle card.");
        }
        java.util.Collections.shuffle(cards, r);

        List<ProposalRequest> proposals = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String[] c = companies.get(r.nextInt(companies.size()));
            int seats = 50 + r.nextInt(400);
            // the discovery note as CRM notes often hold it: pasted several times (re-saved, quoted in replies)
            dev.salesagent.agents.sales.lead.Lead buyer = dev.salesagent.agents.sales.lead.Lead.builder().company(c[1]).domain(c[0].toLowerCase(Locale.ROOT) + ".com")
                    .title(titles[r.nextInt(titles.length)]).industry(c[2]).country(c[4])
                    .notes(("Discovery call: forecasting is done in spreadsheets; reps spend 6 hours a week on CRM "
                            + "updates; leadership wants pipeline visibility before the board meeting. Security review "
                            + "required (SOC 2). Competing with an incumbent CRM add-on. ").repeat(4).strip())
                    .build();
            List<ResearchFact> facts = List.of(
                    ResearchFact.of(ResearchFact.Source.LEAD, c[1] + " works in " + c[2]),
                    ResearchFact.of(ResearchFact.Source.LEAD, c[1] + " is based in " + c[4]),
                    ResearchFact.of(ResearchFact.Source.CRM, "1 open opportunity in the CRM: " + seats + " seats"),
                    ResearchFact.of(ResearchFact.Source.WEB, c[1] + " is in the S&P 500 (" + c[3] + ")"));
            proposals.add(new ProposalRequest(buyer, new LeadResearch(facts, null, null, List.of()),
                    BigDecimal.valueOf(120L * 12 * seats), 12, java.time.LocalDate.of(2026, 1, 5)));
        }
        List<Transcript> conversations = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String[] c = companies.get(r.nextInt(companies.size()));
            List<Transcript.Utterance> turns = new ArrayList<>();
            for (int k = 0; k < 40; k++) {
                turns.add(new Transcript.Utterance(k % 2 == 0 ? "rep" : "buyer", k % 2 == 0
                        ? "Thanks for the time today. How does " + c[1] + " forecast pipeline at the moment, and"
                        + " who signs off on new tooling? (" + k + ")"
                        : "We use spreadsheets and the CRM reports; our CFO signs off above 50k. Pricing is a"
                        + " concern and we need SSO and an audit trail. (" + k + ")"));
            }
            conversations.add(new Transcript(Transcript.Kind.CALL, turns));
        }
        return new UserMonth(tenant, leads, cards, proposals, conversations);
    }

    static List<String[]> companies() throws IOException {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(CostPerOutcomeReplay.class.getResourceAsStream(
                "sp500-constituents.csv"), "sp500-constituents.csv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            org.apache.commons.csv.CSVFormat format = org.apache.commons.csv.CSVFormat.DEFAULT.builder()
                    .setHeader().setSkipHeaderRecord(true).get();
            for (org.apache.commons.csv.CSVRecord rec : format.parse(r)) {
                out.add(new String[] {rec.get(0), rec.get(1), rec.get(2), rec.get(3), rec.get(4)});
            }
        }
        return out;
    }

    static String prompt(String name) {
        try (InputStream in = Objects.requireNonNull(CostPerOutcomeReplay.class.getClassLoader().getResourceAsStream(
                "dev/salesagent/agents/sales/internal/prompts/" + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A prompt as it was before compression (benchmark resource {@code uncompressed/}). */
    static String uncompressed(String name) {
        try (InputStream in = Objects.requireNonNull(CostPerOutcomeReplay.class.getResourceAsStream(
                "uncompressed/" + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
