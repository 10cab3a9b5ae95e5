package dev.salesagent.agents.sales.proposal;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.salesagent.agents.sales.Features;
import dev.salesagent.agents.sales.Method;
import dev.salesagent.agents.sales.SellerProfile;
import dev.salesagent.agents.sales.internal.Schemas;
import dev.salesagent.agents.sales.internal.PromptData;
import dev.salesagent.agents.sales.internal.StructuredChat;

import java.util.ArrayList;
import java.util.List;

import static dev.salesagent.agents.sales.internal.Schemas.object;
import static dev.salesagent.agents.sales.internal.Schemas.string;
import static dev.salesagent.agents.sales.internal.Schemas.strings;

/**
 * Proposal prose by a chat model (feature {@code proposal}, prompt {@code internal/prompts/proposal.system.txt}); the
 * pricing table and timeline are computed by {@link ProposalDocument} so no number comes from the model.
 */
final class ModelProposalWriter implements ProposalWriter {

    static final JsonObjectSchema SCHEMA = object(
            "executiveSummary", string("2-4 sentences"),
            "problem", string("the buyer's problem, grounded in the data"),
            "solution", string("how the seller's product solves it"),
            "nextSteps", strings("2-5 concrete next steps"));

    record Answer(String executiveSummary, String problem, String solution, List<String> nextSteps) {
    }

    private final StructuredChat chat;
    private final SellerProfile seller;

    ModelProposalWriter(StructuredChat chat, SellerProfile seller) {
        this.chat = chat;
        this.seller = seller;
    }

    @Override
    public Proposal write(ProposalRequest req) {
        StructuredChat.Answer<Answer> a = chat.ask(Features.PROPOSAL, "proposal",
                "Write the prose sections of a proposal for this deal.", PromptData.proposal(seller, req), "proposal_sections", SCHEMA,
                Answer.class, ModelProposalWriter::validate);
        String md = ProposalDocument.render(seller, req, a.value().executiveSummary(), a.value().problem(),
                a.value().solution(), a.value().nextSteps());
        return new Proposal(ProposalDocument.title(seller, req), md, Method.MODEL, a.model());
    }

    static List<String> validate(Answer a) {
        List<String> problems = new ArrayList<>();
        Schemas.text(problems, "executiveSummary", a.executiveSummary());
        Schemas.text(problems, "problem", a.problem());
        Schemas.text(problems, "solution", a.solution());
        Schemas.nonEmpty(problems, "nextSteps", a.nextSteps());
        return problems;
    }
}
