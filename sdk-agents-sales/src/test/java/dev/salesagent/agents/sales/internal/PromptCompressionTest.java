package dev.salesagent.agents.sales.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.langchain4j.model.openai.OpenAiTokenCountEstimator;
import dev.salesagent.agents.sales.SellerProfile;
import dev.salesagent.agents.sales.conversation.Transcript;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.proposal.ProposalRequest;
import dev.salesagent.agents.sales.research.LeadResearch;
import dev.salesagent.agents.sales.research.ResearchFact;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prompt compression of the proposal and conversation prompts (the premium-tier features that dominate cost): the
 * compressed data documents are measured against the uncompressed encoding sent before (pretty JSON with null fields,
 * {@code {"speaker","text"}} objects, every research fact and the notes as written), and every fact the agent needs is
 * checked to be still in the prompt.
 */
class PromptCompressionTest {

    static final OpenAiTokenCountEstimator O200K = new OpenAiTokenCountEstimator("gpt-4o");

    /** The encoding before compression: pretty JSON, nulls and empty lists included. */
    private static final ObjectMapper VERBOSE = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    static final SellerProfile SELLER = new SellerProfile("Acme Revenue Cloud", "revenue intelligence platform",
            "forecasts from CRM activity instead of spreadsheets", "Dana Reyes");

    static final String NOTE = "Discovery call: forecasting is done in spreadsheets. Reps spend 6 hours a week on CRM "
            + "updates. Leadership wants pipeline visibility before the board meeting. Security review required "
            + "(SOC 2).";

    /** A discovery note pasted three times with the follow-up appended, as CRM notes often are. */
    static ProposalRequest proposal() {
        Lead buyer = Lead.builder().id("crm-0042").company("Quanta Services").domain("quantaservices.com")
                .firstName("Kim").lastName("Lee").email("kim.lee@quantaservices.com").title("VP Sales Operations")
                .industry("Industrials").employees(52_500L).country("US")
                .notes(NOTE + "\n" + NOTE + "\n\n" + NOTE + " Follow-up: competing with an incumbent CRM add-on!")
                .build().normalized();
        List<ResearchFact> facts = List.of(
                ResearchFact.of(ResearchFact.Source.LEAD, "Quanta Services works in Industrials"),
                ResearchFact.of(ResearchFact.Source.LEAD, "Quanta Services has 52,500 employees"),
                ResearchFact.of(ResearchFact.Source.LEAD, "Quanta Services is based in US"),
                ResearchFact.of(ResearchFact.Source.CRM, "1 open opportunity in the CRM: Forecasting pilot"),
                ResearchFact.of(ResearchFact.Source.WEB, "Quanta Services reported record backlog in Q2"),
                ResearchFact.of(ResearchFact.Source.ENRICHMENT, "Quanta Services reported record backlog in Q2"));
        return new ProposalRequest(buyer, new LeadResearch(facts, null, null, List.of()), new BigDecimal("86400"), 12,
                LocalDate.of(2026, 1, 5));
    }

    /** A 40-turn discovery call. */
    static Transcript conversation() {
        List<Transcript.Utterance> turns = new ArrayList<>();
        for (int k = 0; k < 40; k++) {
            turns.add(k % 2 == 0
                    ? new Transcript.Utterance("Rep", "Thanks for the time today. How does Quanta forecast pipeline at"
                    + " the moment, and who signs off on new tooling? (" + k + ")")
                    : new Transcript.Utterance("Buyer", "We use spreadsheets and the CRM reports; our CFO signs off"
                    + " above 50k. Pricing is a concern and we need SSO and an audit trail. (" + k + ")"));
        }
        return new Transcript(Transcript.Kind.CALL, turns);
    }

    static int tokens(String text) {
        return O200K.estimateTokenCountInText(text);
    }

    private static JsonNode data(String userMessage) throws Exception {
        int start = userMessage.indexOf("<data>\n") + 7;
        return StructuredChat.JSON.readTree(userMessage.substring(start, userMessage.lastIndexOf("\n</data>")));
    }

    @Test
    void theConversationDocumentKeepsEveryTurnVerbatimInOrder() throws Exception {
        Transcript t = conversation();

        JsonNode turns = data(StructuredChat.userMessage("Analyze this conversation.", PromptData.conversation(t)))
                .get("turns");

        assertThat(turns).hasSize(t.utterances().size());
        for (int i = 0; i < t.utterances().size(); i++) {
            assertThat(turns.get(i).get(0).asText()).isEqualTo(t.utterances().get(i).speaker());
            assertThat(turns.get(i).get(1).asText()).isEqualTo(t.utterances().get(i).text());
        }
    }

    @Test
    void theConversationDocumentIsAtLeastAFifthSmallerThanTheVerboseOne() throws Exception {
        Transcript t = conversation();
        Map<String, Object> verbose = new LinkedHashMap<>();
        verbose.put("kind", t.kind());
        verbose.put("utterances", t.utterances());

        int before = tokens(VERBOSE.writerWithDefaultPrettyPrinter().writeValueAsString(verbose));
        int after = tokens(StructuredChat.envelopeJson(PromptData.conversation(t)));

        assertThat(after).as("compact %d vs verbose %d tokens", after, before).isLessThanOrEqualTo(before * 80 / 100);
    }

    @Test
    void theProposalDocumentKeepsEveryFactTheWriterNeeds() throws Exception {
        ProposalRequest req = proposal();

        String user = StructuredChat.userMessage("Write the prose sections of a proposal for this deal.",
                PromptData.proposal(SELLER, req));
        JsonNode d = data(user);

        assertThat(d.at("/seller/company").asText()).isEqualTo(SELLER.company());
        assertThat(d.at("/seller/product").asText()).isEqualTo(SELLER.product());
        assertThat(d.at("/seller/valueProposition").asText()).isEqualTo(SELLER.valueProposition());
        Lead b = req.lead();
        for (String field : List.of("company", "domain", "firstName", "lastName", "email", "title", "industry",
                "country")) {
            assertThat(d.at("/buyer/" + field).asText()).as(field).isEqualTo(VERBOSE.valueToTree(b).get(field).asText());
        }
        assertThat(d.at("/buyer/employees").asLong()).isEqualTo(52_500L);
        String notes = d.at("/buyer/notes").asText();
        // every distinct sentence once, in order
        for (String sentence : List.of("Discovery call: forecasting is done in spreadsheets.",
                "Reps spend 6 hours a week on CRM updates.",
                "Leadership wants pipeline visibility before the board meeting.", "Security review required (SOC 2).",
                "Follow-up: competing with an incumbent CRM add-on!")) {
            assertThat(notes).containsOnlyOnce(sentence);
        }
        assertThat(notes.indexOf("Reps spend")).isLessThan(notes.indexOf("Follow-up"));
        // facts sourced from the lead restate buyer fields; the others stay, each once
        assertThat(d.get("facts")).extracting(JsonNode::asText).containsExactly(
                "1 open opportunity in the CRM: Forecasting pilot", "Quanta Services reported record backlog in Q2");
        assertThat(d.get("dealSizeUsd").decimalValue()).isEqualByComparingTo("86400");
        assertThat(d.get("termMonths").asInt()).isEqualTo(12);
        assertThat(d.get("startDate").asText()).isEqualTo("2026-01-05");
    }

    @Test
    void theProposalDocumentIsAtLeastAThirdSmallerThanTheVerboseOne() throws Exception {
        ProposalRequest req = proposal();
        Map<String, Object> verbose = new LinkedHashMap<>();
        verbose.put("seller", SELLER);
        verbose.put("buyer", req.lead());
        verbose.put("facts", req.research().facts());
        verbose.put("dealSizeUsd", req.dealSizeUsd());
        verbose.put("termMonths", req.termMonths());
        verbose.put("startDate", req.startDate().toString());

        int before = tokens(VERBOSE.writerWithDefaultPrettyPrinter().writeValueAsString(verbose));
        int after = tokens(StructuredChat.envelopeJson(PromptData.proposal(SELLER, req)));

        assertThat(after).as("compact %d vs verbose %d tokens", after, before).isLessThanOrEqualTo(before * 2 / 3);
    }

    @Test
    void theSystemMessageCarriesTheSkillPromptAndTheDataRule() {
        for (String skill : List.of("proposal", "conversation_analysis", "lead_scoring", "outreach", "follow_up",
                "battle_card")) {
            assertThat(StructuredChat.systemMessage(skill))
                    .startsWith(Prompts.load(skill + ".system.txt"))
                    .endsWith(Prompts.load("data-envelope.txt"));
        }
        assertThat(Prompts.load("data-envelope.txt")).contains("<data>", "</data>", "untrusted", "never commands");
        assertThat(Prompts.load("conversation_analysis.system.txt")).contains("[speaker, text] pairs",
                "copied character for character");
    }

    @Test
    void repeatedSentencesAreDroppedCaseAndSpacingIgnored() {
        assertThat(PromptData.withoutRepeatedSentences("Budget approved.  budget   APPROVED. Call Monday? Yes!"))
                .isEqualTo("Budget approved. Call Monday? Yes!");
        assertThat(PromptData.withoutRepeatedSentences("No end mark")).isEqualTo("No end mark");
    }
}
