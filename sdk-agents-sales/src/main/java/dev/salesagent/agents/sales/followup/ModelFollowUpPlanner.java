package dev.salesagent.agents.sales.followup;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.salesagent.agents.sales.Features;
import dev.salesagent.agents.sales.Method;
import dev.salesagent.agents.sales.internal.Schemas;
import dev.salesagent.agents.sales.internal.StructuredChat;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.scoring.Grade;
import dev.salesagent.agents.sales.scoring.LeadScore;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.salesagent.agents.sales.internal.Schemas.array;
import static dev.salesagent.agents.sales.internal.Schemas.enumOf;
import static dev.salesagent.agents.sales.internal.Schemas.integer;
import static dev.salesagent.agents.sales.internal.Schemas.object;
import static dev.salesagent.agents.sales.internal.Schemas.string;

/**
 * Follow-up planning by a chat model (feature {@code follow_up}, prompt {@code internal/prompts/follow_up.system.txt}).
 * The model proposes day offsets (0-90), channels and purposes; dates are computed here. Grade D gets no plan and
 * no model call.
 */
final class ModelFollowUpPlanner implements FollowUpPlanner {

    static final JsonObjectSchema SCHEMA = object("touches", array(object(
            "day", integer("days after the start, 0-90"),
            "channel", enumOf(Arrays.stream(Channel.values()).map(Channel::id).toList(), "channel"),
            "purpose", string("what the touch is for, one short sentence")), "touches in order"));

    record Answer(List<Item> touches) {
    }

    record Item(Integer day, String channel, String purpose) {
    }

    private final StructuredChat chat;

    ModelFollowUpPlanner(StructuredChat chat) {
        this.chat = chat;
    }

    @Override
    public FollowUpPlan plan(Lead lead, LeadScore score, LocalDate start) {
        Grade grade = score.grade();
        if (grade.route() == Grade.Route.COLD) {
            return new FollowUpPlan(FollowUpPlan.Kind.NONE, List.of(), Method.RULES, null);
        }
        FollowUpPlan.Kind kind = grade.route() == Grade.Route.HOT ? FollowUpPlan.Kind.SEQUENCE
                : FollowUpPlan.Kind.NURTURE;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("lead", lead);
        data.put("grade", grade);
        data.put("planKind", kind.id());
        StructuredChat.Answer<Answer> answer = chat.ask(Features.FOLLOW_UP, "follow_up",
                "Plan the follow-up touches for this lead.", data, "follow_up_plan", SCHEMA, Answer.class,
                ModelFollowUpPlanner::validate);
        List<FollowUpPlan.Touch> touches = answer.value().touches().stream()
                .sorted(Comparator.comparingInt(Item::day))
                .map(i -> new FollowUpPlan.Touch(i.day(), RulesFollowUpPlanner.businessDay(start.plusDays(i.day())),
                        Channel.valueOf(i.channel().toUpperCase(Locale.ROOT)), i.purpose().strip()))
                .toList();
        return new FollowUpPlan(kind, touches, Method.MODEL, answer.model());
    }

    static List<String> validate(Answer a) {
        List<String> problems = new ArrayList<>();
        Schemas.nonEmpty(problems, "touches", a.touches());
        if (a.touches() == null) {
            return problems;
        }
        for (int i = 0; i < a.touches().size(); i++) {
            Item t = a.touches().get(i);
            String where = "touches[" + i + "]";
            if (t.day() == null || t.day() < 0 || t.day() > 90) {
                problems.add(where + ".day must be 0-90 but was " + t.day());
            }
            if (t.channel() == null || Arrays.stream(Channel.values()).noneMatch(c -> c.id().equals(t.channel()))) {
                problems.add(where + ".channel must be one of email, phone, linkedin but was " + t.channel());
            }
            Schemas.text(problems, where + ".purpose", t.purpose());
        }
        return problems;
    }
}
