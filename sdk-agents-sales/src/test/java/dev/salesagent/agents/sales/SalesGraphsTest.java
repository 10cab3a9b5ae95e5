package dev.salesagent.agents.sales;

import dev.salesagent.agents.graph.RunResult;
import dev.salesagent.agents.graph.Update;
import dev.salesagent.agents.sales.battlecard.BattleCardRequest;
import dev.salesagent.agents.sales.battlecard.BattleCardWriter;
import dev.salesagent.agents.sales.conversation.ConversationAnalyzer;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.proposal.ProposalRequest;
import dev.salesagent.agents.sales.proposal.ProposalWriter;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SalesGraphsTest {

    @Test
    void conversationAnalysisRunsAsAGraph() {
        RunResult r = SalesGraphs.conversationAnalysis(ConversationAnalyzer.rules())
                .invoke(Update.of(SalesGraphs.TRANSCRIPT, Transcripts.pricingEmail()));

        assertThat(r.status()).isEqualTo(RunResult.Status.COMPLETED);
        assertThat(r.get(SalesGraphs.ANALYSIS).objections()).hasSize(2);
        assertThat(r.steps()).extracting(RunResult.Step::node).containsExactly("conversation_analysis");
    }

    @Test
    void proposalAndBattleCardGraphs() {
        Lead lead = Lead.builder().company("Globex").email("dana@globex.com").build().normalized();
        RunResult p = SalesGraphs.proposal(ProposalWriter.rules(SellerProfile.defaults())).invoke(Update.of(
                SalesGraphs.PROPOSAL_REQUEST, new ProposalRequest(lead, null, new BigDecimal("12000"), 12,
                        LocalDate.of(2026, 1, 5))));
        assertThat(p.get(SalesGraphs.PROPOSAL).markdown()).contains("| **Total** | **12** | **12,000.00** |");

        RunResult b = SalesGraphs.battleCard(BattleCardWriter.rules(SellerProfile.defaults())).invoke(Update.of(
                SalesGraphs.BATTLE_CARD_REQUEST, new BattleCardRequest("Pipedrive",
                        List.of("Pipedrive lacks a NetSuite connector."))));
        assertThat(b.get(SalesGraphs.BATTLE_CARD).theirWeaknesses()).containsExactly("Pipedrive lacks a NetSuite connector.");
    }

    @Test
    void aMissingInputFailsTheRunWithAClearMessage() {
        RunResult r = SalesGraphs.conversationAnalysis(ConversationAnalyzer.rules()).invoke(Update.empty());

        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.failure()).get().extracting(Throwable::toString).asString()
                .contains("the input key 'transcript' is not set");
    }

    @Test
    void resultsSurviveTheCheckpointCodec() {
        var graph = SalesGraphs.conversationAnalysis(ConversationAnalyzer.rules());
        RunResult r = graph.invoke(Update.of(SalesGraphs.TRANSCRIPT, Transcripts.discoveryCall()));

        var json = graph.codec().toJson(graph.codec().encodeState(r.state()));
        var restored = graph.codec().decodeState(graph.codec().parse(json));

        assertThat(restored.get(SalesGraphs.ANALYSIS)).isEqualTo(r.get(SalesGraphs.ANALYSIS));
        assertThat(restored.get(SalesGraphs.TRANSCRIPT)).isEqualTo(r.get(SalesGraphs.TRANSCRIPT));
    }
}
