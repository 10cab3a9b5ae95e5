package dev.salesagent.agents.sales.outreach;

import dev.langchain4j.model.chat.ChatModel;
import dev.salesagent.agents.sales.InvalidModelOutputException;
import dev.salesagent.agents.sales.ModelOptions;
import dev.salesagent.agents.sales.SellerProfile;
import dev.salesagent.agents.sales.internal.StructuredChat;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.research.LeadResearch;
import dev.salesagent.agents.sales.research.ResearchFact;
import dev.salesagent.agents.sales.scoring.IdealCustomerProfile;
import dev.salesagent.agents.sales.scoring.LeadScore;

import java.util.Objects;

/**
 * Writes a personalized first-touch e-mail that references the lead's role and at least one researched fact.
 * Implementations are thread-safe.
 */
public interface OutreachWriter {

    /**
     * Drafts the e-mail.
     *
     * @param lead     a normalized lead
     * @param research research facts; the only lead-specific claims a draft may make
     * @param score    the lead's score (tone and call to action depend on the grade)
     * @return the draft, citing research facts by number
     * @throws InvalidModelOutputException (model) if the answer is invalid after one repair retry
     */
    OutreachDraft draft(Lead lead, LeadResearch research, LeadScore score);

    /**
     * Templates with personalization: every lead-specific claim is a {@link ResearchFact} or a lead field, and
     * notes are never quoted (only profile pain keywords found in them are named).
     *
     * @param seller the sender and the product pitched
     * @return a template writer (see {@link RulesOutreachWriter})
     */
    static OutreachWriter rules(SellerProfile seller) {
        return rules(seller, IdealCustomerProfile.defaults());
    }

    /**
     * {@return a writer as {@link #rules(SellerProfile)}, naming the pain keywords of {@code profile} found in the lead's notes}
     *
     * @param seller the sender and the product pitched
     * @param profile the profile whose pain keywords are looked up in the notes
     */
    static OutreachWriter rules(SellerProfile seller, IdealCustomerProfile profile) {
        return new RulesOutreachWriter(Objects.requireNonNull(seller, "seller"), Objects.requireNonNull(profile, "profile"));
    }

    /**
     * {@return a writer in which a chat model writes the draft (feature {@code outreach}); it must cite facts by number}
     *
     * @param model the chat model that writes the draft
     * @param options batch size, temperature, output cap and cache of the model calls
     * @param seller the sender and the product pitched
     */
    static OutreachWriter model(ChatModel model, ModelOptions options, SellerProfile seller) {
        return new ModelOutreachWriter(new StructuredChat(model, options), seller);
    }
}
