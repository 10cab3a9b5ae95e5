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
     * @throws InvalidModelOutputException (model) if the answer is invalid after one repair retry
     */
    Proposal write(ProposalRequest request);

    /** Template proposal grounded in the lead's notes pains and research facts. */
    static ProposalWriter rules(SellerProfile seller) {
        return rules(seller, IdealCustomerProfile.defaults());
    }

    /** As {@link #rules(SellerProfile)}, naming the pain keywords of {@code profile} found in the lead's notes. */
    static ProposalWriter rules(SellerProfile seller, IdealCustomerProfile profile) {
        return new RulesProposalWriter(Objects.requireNonNull(seller, "seller"), Objects.requireNonNull(profile, "profile"));
    }

    /** A chat model writes the prose sections (feature {@code proposal}); pricing and timeline stay computed. */
    static ProposalWriter model(ChatModel model, ModelOptions options, SellerProfile seller) {
        return new ModelProposalWriter(new StructuredChat(model, options), seller);
    }
}
