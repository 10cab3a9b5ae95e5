package dev.salesagent.agents.sales.battlecard;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.salesagent.agents.sales.Method;

import java.util.List;
import java.util.Objects;

/**
 * A competitive battle card.
 *
 * @param competitor        the competitor's name
 * @param ourStrengths      where we are strong
 * @param theirWeaknesses   where they are weak
 * @param pricingComparison statements comparing price and packaging
 * @param differentiators   the few points to lead with
 * @param objections        objection to response pairs
 * @param method            rules or model
 * @param model             model name when {@code method} is model, else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BattleCard(String competitor, List<String> ourStrengths, List<String> theirWeaknesses,
                         List<String> pricingComparison, List<String> differentiators,
                         List<ObjectionResponse> objections, Method method, String model) {

    /**
     * Canonical constructor; the components are as described on the record.
     *
     * @param competitor the competitor's name
     * @param ourStrengths where we are strong
     * @param theirWeaknesses where they are weak
     * @param pricingComparison statements comparing price and packaging
     * @param differentiators the few points to lead with
     * @param objections objection to response pairs
     * @param method rules or model
     * @param model model name when {@code method} is model, else null
     */
    public BattleCard {
        Objects.requireNonNull(competitor, "competitor");
        Objects.requireNonNull(method, "method");
        ourStrengths = List.copyOf(ourStrengths);
        theirWeaknesses = List.copyOf(theirWeaknesses);
        pricingComparison = List.copyOf(pricingComparison);
        differentiators = List.copyOf(differentiators);
        objections = List.copyOf(objections);
    }

    /**
     * What a prospect says, and how to answer.
     *
     * @param objection what the prospect says, e.g. {@code "You are more expensive"}
     * @param response how to answer it, grounded in the source notes
     */
    public record ObjectionResponse(String objection, String response) {
        /**
         * Checks that both components are present.
         *
         * @param objection what the prospect says, not null
         * @param response how to answer it, not null
         * @throws NullPointerException if either is null
         */
        public ObjectionResponse {
            Objects.requireNonNull(objection, "objection");
            Objects.requireNonNull(response, "response");
        }
    }
}
