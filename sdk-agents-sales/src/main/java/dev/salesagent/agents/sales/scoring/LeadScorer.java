package dev.salesagent.agents.sales.scoring;

import dev.langchain4j.model.chat.ChatModel;
import dev.salesagent.agents.sales.InvalidModelOutputException;
import dev.salesagent.agents.sales.ModelOptions;
import dev.salesagent.agents.sales.internal.StructuredChat;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.research.LeadResearch;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Scores leads with a BANT breakdown, an overall score, a grade and reasons citing facts. Implementations are
 * thread-safe.
 *
 * <ul>
 *   <li>{@link #rules(IdealCustomerProfile)}: offline, weighted facts documented on {@link RulesLeadScorer}. A fact
 *       the lead's data does not state (no title, no employee count, no industry, no pain or timing words) is
 *       neither for nor against the lead: it counts as the neutral 50 at half its weight, so a lead with nothing
 *       known scores 50 (grade C by default) and a lead with few facts is graded on those. The reasons are one per
 *       BANT dimension plus a fifth, {@code confidence N%: unknown ...}, naming the facts that were missing and the
 *       share of the profile's weight resting on known facts.</li>
 *   <li>{@link #model(ChatModel, ModelOptions)}: a LangChain4j chat model answering in JSON that follows a JSON
 *       schema, validated, with one repair retry; calls carry the {@code lead_scoring} feature.</li>
 * </ul>
 */
public interface LeadScorer {

    /**
     * Scores one lead.
     *
     * @param lead     a normalized lead ({@link Lead#normalized()})
     * @param research what research found; may be {@link LeadResearch#none()}
     * @return the score: overall 0-100, grade, BANT breakdown and reasons
     * @throws InvalidModelOutputException (model) if the answer is invalid after one repair retry
     * @throws dev.salesagent.core.model.ModelCallException (model) if the model call fails
     */
    LeadScore score(Lead lead, LeadResearch research);

    /**
     * Scores several leads; results are in input order. The default scores one by one; the model scorer sends up to
     * {@link ModelOptions#batchSize()} leads per model call and maps the answers back by per-lead id.
     *
     * @param requests leads with their research
     * @return one score per request, in input order
     * @throws InvalidModelOutputException (model) if a batch answer is still invalid after one repair retry
     */
    default List<LeadScore> scoreAll(List<ScoringRequest> requests) {
        List<LeadScore> out = new ArrayList<>(requests.size());
        for (ScoringRequest r : requests) {
            out.add(score(r.lead(), r.research()));
        }
        return out;
    }

    /** {@return the rules scorer with the {@linkplain IdealCustomerProfile#defaults() default profile}} */
    static LeadScorer rules() {
        return rules(IdealCustomerProfile.defaults());
    }

    /**
     * {@return the rules scorer with one profile for every tenant}
     *
     * @param profile the profile for every tenant
     */
    static LeadScorer rules(IdealCustomerProfile profile) {
        Objects.requireNonNull(profile, "profile");
        return new RulesLeadScorer(tenant -> profile, Clock.systemUTC());
    }

    /**
     * The rules scorer with a profile per tenant (the {@code AiContext} tenant current at scoring time) and
     * {@code fallback} for tenants not in the map.
     *
     * @param byTenant {@code AiContext} tenant id to that tenant's profile
     * @param fallback the profile of tenants not in the map
     * @return the rules scorer
     */
    static LeadScorer rules(Map<String, IdealCustomerProfile> byTenant, IdealCustomerProfile fallback) {
        Map<String, IdealCustomerProfile> copy = Map.copyOf(byTenant);
        Objects.requireNonNull(fallback, "fallback");
        return new RulesLeadScorer(tenant -> copy.getOrDefault(tenant, fallback), Clock.systemUTC());
    }

    /**
     * The rules scorer with a tenant-to-profile function and a clock (used to judge "recent" CRM activity,
     * within 30 days).
     *
     * @param profileForTenant gives the profile of an {@code AiContext} tenant id
     * @param clock the clock that decides what activity is recent
     * @return the rules scorer
     */
    static LeadScorer rules(Function<String, IdealCustomerProfile> profileForTenant, Clock clock) {
        return new RulesLeadScorer(profileForTenant, clock);
    }

    /**
     * {@return the model scorer with {@link ModelOptions#defaults()}}
     *
     * @param model the chat model that scores
     */
    static LeadScorer model(ChatModel model) {
        return model(model, ModelOptions.defaults());
    }

    /**
     * {@return the model scorer grading with the default profile; prompt in {@code internal/prompts/lead_scoring.system.txt}}
     *
     * @param model the chat model that scores
     * @param options batch size, temperature, output cap and cache of the model calls
     */
    static LeadScorer model(ChatModel model, ModelOptions options) {
        return model(model, options, IdealCustomerProfile.defaults());
    }

    /**
     * The model scorer. The profile is shown to the model, and its weights and cut-offs turn the model's BANT scores
     * into the overall score and grade.
     *
     * @param model the chat model that scores
     * @param options batch size, temperature, output cap and cache of the model calls
     * @param profile the profile shown to the model; its weights and cut-offs make the overall score and grade
     * @return the model scorer
     */
    static LeadScorer model(ChatModel model, ModelOptions options, IdealCustomerProfile profile) {
        return new ModelLeadScorer(new StructuredChat(model, options), Objects.requireNonNull(profile, "profile"));
    }
}
