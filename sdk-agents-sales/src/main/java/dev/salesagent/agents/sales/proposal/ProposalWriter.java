package dev.salesagent.agents.sales.proposal;

import dev.langchain4j.model.chat.ChatModel;
import dev.salesagent.agents.sales.InvalidModelOutputException;
import dev.salesagent.agents.sales.ModelOptions;
import dev.salesagent.agents.sales.SellerProfile;
import dev.salesagent.agents.sales.internal.StructuredChat;
import dev.salesagent.agents.sales.scoring.IdealCustomerProfile;

import java.util.Objects;

/** Writes a markdown proposal for a deal. Thread-safe. */
public interface ProposalWriter {

    /**
     * @param request the lead, research, deal size (USD), term and start date
     * @return the markdown proposal with computed pricing and timeline
     * @throws InvalidModelOutputException (model) if the answer is invalid after one repair retry
     */
    Proposal write(ProposalRequest request);

    /**
     * {@return a writer of a template proposal grounded in the lead's notes pains and research facts}
     *
     * @param seller the seller whose product is proposed
     */
    static ProposalWriter rules(SellerProfile seller) {
        return rules(seller, IdealCustomerProfile.defaults());
    }

    /**
     * {@return a writer as {@link #rules(SellerProfile)}, naming the pain keywords of {@code profile} found in the lead's notes}
     *
     * @param seller the seller whose product is proposed
     * @param profile the profile whose pain keywords are looked up in the notes
     */
    static ProposalWriter rules(SellerProfile seller, IdealCustomerProfile profile) {
        return new RulesProposalWriter(Objects.requireNonNull(seller, "seller"), Objects.requireNonNull(profile, "profile"));
    }

    /**
     * {@return a writer in which a chat model writes the prose sections (feature {@code proposal}); pricing and timeline stay computed}
     *
     * @param model the chat model that writes the prose sections
     * @param options batch size, temperature, output cap and cache of the model calls
     * @param seller the seller whose product is proposed
     */
    static ProposalWriter model(ChatModel model, ModelOptions options, SellerProfile seller) {
        return new ModelProposalWriter(new StructuredChat(model, options), seller);
    }
}
