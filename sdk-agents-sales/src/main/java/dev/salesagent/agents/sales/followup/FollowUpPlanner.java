package dev.salesagent.agents.sales.followup;

import dev.langchain4j.model.chat.ChatModel;
import dev.salesagent.agents.sales.InvalidModelOutputException;
import dev.salesagent.agents.sales.ModelOptions;
import dev.salesagent.agents.sales.internal.StructuredChat;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.scoring.LeadScore;

import java.time.LocalDate;

/** Plans follow-up touches by grade: sequences for hot leads, nurture for warm ones, none for cold. Thread-safe. */
public interface FollowUpPlanner {

    /**
     * Plans touches starting on {@code start}.
     *
     * @param lead  a normalized lead
     * @param score its score; the grade picks the cadence
     * @param start the date of day 0
     * @return the plan; {@link FollowUpPlan.Kind#NONE} for cold leads
     * @throws InvalidModelOutputException (model) if the answer is invalid after one repair retry
     */
    FollowUpPlan plan(Lead lead, LeadScore score, LocalDate start);

    /**
     * Fixed cadences (see {@link RulesFollowUpPlanner}): A 5 touches over 14 days, B 4 over 14, C nurture 4 over
     * 60 days, D none. Dates falling on Saturday or Sunday move to the next Monday.
     *
     * @return the rules planner
     */
    static FollowUpPlanner rules() {
        return new RulesFollowUpPlanner();
    }

    /**
     * {@return a planner in which a chat model proposes the touches (feature {@code follow_up}); cold leads still get no plan}
     *
     * @param model the chat model that proposes the touches
     * @param options batch size, temperature, output cap and cache of the model calls
     */
    static FollowUpPlanner model(ChatModel model, ModelOptions options) {
        return new ModelFollowUpPlanner(new StructuredChat(model, options));
    }
}
