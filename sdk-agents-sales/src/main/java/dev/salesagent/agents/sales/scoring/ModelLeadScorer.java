package dev.salesagent.agents.sales.scoring;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.salesagent.agents.sales.Features;
import dev.salesagent.agents.sales.Method;
import dev.salesagent.agents.sales.ModelOptions;
import dev.salesagent.agents.sales.internal.Schemas;
import dev.salesagent.agents.sales.internal.StructuredChat;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.research.LeadResearch;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static dev.salesagent.agents.sales.internal.Schemas.array;
import static dev.salesagent.agents.sales.internal.Schemas.integer;
import static dev.salesagent.agents.sales.internal.Schemas.object;
import static dev.salesagent.agents.sales.internal.Schemas.string;
import static dev.salesagent.agents.sales.internal.Schemas.strings;

/**
 * Lead scoring by a chat model (feature {@code lead_scoring}, prompt {@code internal/prompts/lead_scoring.system.txt}).
 * The model returns the four BANT scores and reasons per lead id; the overall score and grade are computed from
 * them with the profile's weights and cut-offs, so grades mean the same under rules and model. Before that, each BANT
 * score is held to the facts the rules read from the data ({@link HardFactCheck}: within 25 points where the data
 * states employees, a title, an industry or country outside the profile, or stalling words); moved values are listed
 * in {@link LeadScore#corrections()}. A batch sends up
 * to {@link ModelOptions#batchSize()} leads per call, each with id {@code lead-<n>}; the answer must contain every
 * id exactly once.
 */
final class ModelLeadScorer implements LeadScorer {

    static final JsonObjectSchema SCHEMA = object("scores", array(object(
            "id", string("the lead id exactly as given"),
            "budget", integer("0-100"),
            "authority", integer("0-100"),
            "need", integer("0-100"),
            "timeline", integer("0-100"),
            "reasons", strings("one reason per BANT dimension, each citing a fact from the data")), "one per lead"));

    record Answer(List<Item> scores) {
    }

    record Item(String id, Integer budget, Integer authority, Integer need, Integer timeline, List<String> reasons) {
    }

    private final StructuredChat chat;
    private final IdealCustomerProfile profile;
    private final RulesLeadScorer rules;

    ModelLeadScorer(StructuredChat chat, IdealCustomerProfile profile) {
        this.chat = chat;
        this.profile = profile;
        this.rules = new RulesLeadScorer(tenant -> profile, Clock.systemUTC());
    }

    @Override
    public LeadScore score(Lead lead, LeadResearch research) {
        return scoreAll(List.of(new ScoringRequest(lead, research))).get(0);
    }

    @Override
    public List<LeadScore> scoreAll(List<ScoringRequest> requests) {
        List<LeadScore> out = new ArrayList<>(requests.size());
        int size = chat.options().batchSize();
        for (int from = 0; from < requests.size(); from += size) {
            out.addAll(scoreBatch(requests.subList(from, Math.min(requests.size(), from + size)), from));
        }
        return out;
    }

    private List<LeadScore> scoreBatch(List<ScoringRequest> batch, int offset) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("idealCustomerProfile", Map.of(
                "industries", profile.industries(),
                "employees", profile.minEmployees() + (profile.maxEmployees() == Long.MAX_VALUE ? " or more"
                        : "-" + profile.maxEmployees()),
                "countries", profile.countries(),
                "buyerFunctions", profile.functions(),
                "painKeywords", profile.painKeywords()));
        List<Map<String, Object>> leads = new ArrayList<>(batch.size());
        List<String> ids = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            String id = "lead-" + (offset + i + 1);
            ids.add(id);
            ScoringRequest r = batch.get(i);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", id);
            entry.put("lead", r.lead());
            entry.put("facts", r.research().facts());
            leads.add(entry);
        }
        data.put("leads", leads);
        Set<String> expected = Set.copyOf(ids);
        StructuredChat.Answer<Answer> answer = chat.ask(Features.LEAD_SCORING, "lead_scoring",
                "Score each lead below. Return exactly one entry per lead id.", data, "lead_scores", SCHEMA,
                Answer.class, a -> validate(a, expected));
        Map<String, Item> byId = new HashMap<>();
        for (Item item : answer.value().scores()) {
            byId.put(item.id(), item);
        }
        List<LeadScore> out = new ArrayList<>(batch.size());
        for (int i = 0; i < ids.size(); i++) {
            Item item = byId.get(ids.get(i));
            ScoringRequest r = batch.get(i);
            BantScores said = new BantScores(item.budget(), item.authority(), item.need(), item.timeline());
            HardFactCheck.Checked checked = HardFactCheck.check(said,
                    rules.score(r.lead(), r.research()).breakdown(), r.lead(), r.research(), profile);
            int overall = profile.overall(checked.breakdown());
            out.add(new LeadScore(checked.breakdown(), overall, profile.grade(overall), item.reasons(), Method.MODEL,
                    answer.model(), checked.corrections()));
        }
        return out;
    }

    static List<String> validate(Answer answer, Set<String> expectedIds) {
        List<String> problems = new ArrayList<>();
        if (answer == null || answer.scores() == null) {
            return List.of("'scores' is missing");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < answer.scores().size(); i++) {
            Item item = answer.scores().get(i);
            String where = "scores[" + i + "]";
            if (item == null) {
                problems.add(where + " is null");
                continue;
            }
            if (item.id() == null || !expectedIds.contains(item.id())) {
                problems.add(where + ".id '" + item.id() + "' is not one of the lead ids given");
            } else if (seen.merge(item.id(), 1, Integer::sum) > 1) {
                problems.add("lead id '" + item.id() + "' appears more than once");
            }
            Schemas.percent(problems, where + ".budget", item.budget());
            Schemas.percent(problems, where + ".authority", item.authority());
            Schemas.percent(problems, where + ".need", item.need());
            Schemas.percent(problems, where + ".timeline", item.timeline());
            Schemas.nonEmpty(problems, where + ".reasons", item.reasons());
        }
        for (String id : expectedIds.stream().sorted().toList()) {
            if (!seen.containsKey(id)) {
                problems.add("no score for lead id '" + id + "'");
            }
        }
        return problems;
    }

    @Override
    public String toString() {
        return "ModelLeadScorer[" + Objects.toString(chat.options().modelName()) + "]";
    }
}
