package dev.salesagent.agents.sales.battlecard;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.salesagent.agents.sales.Features;
import dev.salesagent.agents.sales.Method;
import dev.salesagent.agents.sales.SellerProfile;
import dev.salesagent.agents.sales.internal.Schemas;
import dev.salesagent.agents.sales.internal.StructuredChat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.salesagent.agents.sales.internal.Schemas.array;
import static dev.salesagent.agents.sales.internal.Schemas.object;
import static dev.salesagent.agents.sales.internal.Schemas.string;
import static dev.salesagent.agents.sales.internal.Schemas.strings;

/** Battle cards by a chat model (feature {@code battle_card}, prompt {@code internal/prompts/battle_card.system.txt}). */
final class ModelBattleCardWriter implements BattleCardWriter {

    static final JsonObjectSchema SCHEMA = object(
            "ourStrengths", strings("where the seller is strong, from the notes"),
            "theirWeaknesses", strings("where the competitor is weak, from the notes"),
            "pricingComparison", strings("price and packaging comparisons from the notes"),
            "differentiators", strings("the 1-3 points to lead with"),
            "objections", array(object("objection", string("what a prospect says"),
                    "response", string("how to answer")), "objection handling"));

    record Answer(List<String> ourStrengths, List<String> theirWeaknesses, List<String> pricingComparison,
                  List<String> differentiators, List<BattleCard.ObjectionResponse> objections) {
    }

    private final StructuredChat chat;
    private final SellerProfile seller;

    ModelBattleCardWriter(StructuredChat chat, SellerProfile seller) {
        this.chat = chat;
        this.seller = seller;
    }

    @Override
    public BattleCard write(String competitor, List<String> sourceNotes) {
        if (competitor == null || competitor.isBlank()) {
            throw new IllegalArgumentException("competitor must not be blank");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("seller", seller);
        data.put("competitor", competitor.strip());
        data.put("sourceNotes", sourceNotes == null ? List.of() : sourceNotes);
        StructuredChat.Answer<Answer> a = chat.ask(Features.BATTLE_CARD, "battle_card",
                "Build a battle card against this competitor from the source notes.", data, "battle_card", SCHEMA,
                Answer.class, ModelBattleCardWriter::validate);
        Answer v = a.value();
        return new BattleCard(competitor.strip(), v.ourStrengths(), v.theirWeaknesses(), v.pricingComparison(),
                v.differentiators(), v.objections(), Method.MODEL, a.model());
    }

    static List<String> validate(Answer a) {
        List<String> problems = new ArrayList<>();
        if (a.ourStrengths() == null) problems.add("ourStrengths is missing");
        if (a.theirWeaknesses() == null) problems.add("theirWeaknesses is missing");
        if (a.pricingComparison() == null) problems.add("pricingComparison is missing");
        if (a.differentiators() == null) problems.add("differentiators is missing");
        Schemas.nonEmpty(problems, "objections", a.objections());
        if (a.objections() != null) {
            for (int i = 0; i < a.objections().size(); i++) {
                BattleCard.ObjectionResponse o = a.objections().get(i);
                if (o == null || o.objection() == null || o.objection().isBlank() || o.response() == null
                        || o.response().isBlank()) {
                    problems.add("objections[" + i + "] needs a non-empty objection and response");
                }
            }
        }
        return problems;
    }
}
