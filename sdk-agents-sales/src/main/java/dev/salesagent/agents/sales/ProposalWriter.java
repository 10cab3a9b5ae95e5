package dev.salesagent.agents.sales;

import dev.langchain4j.model.chat.ChatModel;

/** Writes a markdown proposal for a deal. Thread-safe. */
public interface ProposalWriter {

    /**
     * @throws InvalidModelOutputException (model) if the answer is invalid after one repair retry
     */
    Proposal write(ProposalRequest request);

    /** Template proposal grounded in the lead's notes pains and research facts. */
    static ProposalWriter rules(SellerProfile seller) {
        return new RulesProposalWriter(seller, IdealCustomerProfile.defaults());
    }

    /** A chat model writes the prose sections (feature {@code proposal}); pricing and timeline stay computed. */
    static ProposalWriter model(ChatModel model, ModelOptions options, SellerProfile seller) {
        return new ModelProposalWriter(new StructuredChat(model, options), seller);
    }
}
