package dev.salesagent.agents.sales;

import dev.salesagent.agents.graph.CompileConfig;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.graph.Key;
import dev.salesagent.agents.graph.StateGraph;
import dev.salesagent.agents.graph.Update;
import dev.salesagent.agents.sales.battlecard.BattleCard;
import dev.salesagent.agents.sales.battlecard.BattleCardRequest;
import dev.salesagent.agents.sales.battlecard.BattleCardWriter;
import dev.salesagent.agents.sales.conversation.ConversationAnalysis;
import dev.salesagent.agents.sales.conversation.ConversationAnalyzer;
import dev.salesagent.agents.sales.conversation.Transcript;
import dev.salesagent.agents.sales.pipeline.LeadPipeline;
import dev.salesagent.agents.sales.proposal.Proposal;
import dev.salesagent.agents.sales.proposal.ProposalRequest;
import dev.salesagent.agents.sales.proposal.ProposalWriter;

import java.util.Objects;

/**
 * The single-document sales agents as graphs on the sdk-agents runtime, so they get what every graph gets: run ids,
 * cost per run ({@code RunResult.costUsd()}), budgets ({@code RunConfig.maxCost}), streaming, checkpoints and use as
 * subgraphs. Each graph reads one input key and writes one output key; its node runs the skill with the skill's
 * {@code AiContext} feature. The lead pipeline's graphs are on {@link LeadPipeline}.
 *
 * <pre>{@code
 * RunResult r = SalesGraphs.conversationAnalysis(agents.conversations())
 *         .invoke(Update.of(SalesGraphs.TRANSCRIPT, transcript));
 * ConversationAnalysis analysis = r.get(SalesGraphs.ANALYSIS);
 * }</pre>
 */
public final class SalesGraphs {

    /** Input of {@link #conversationAnalysis}. */
    public static final Key<Transcript> TRANSCRIPT = Key.of("transcript", Transcript.class);
    /** Output of {@link #conversationAnalysis}. */
    public static final Key<ConversationAnalysis> ANALYSIS = Key.of("analysis", ConversationAnalysis.class);
    /** Input of {@link #proposal}. */
    public static final Key<ProposalRequest> PROPOSAL_REQUEST = Key.of("proposal_request", ProposalRequest.class);
    /** Output of {@link #proposal}. */
    public static final Key<Proposal> PROPOSAL = Key.of("proposal", Proposal.class);
    /** Input of {@link #battleCard}. */
    public static final Key<BattleCardRequest> BATTLE_CARD_REQUEST = Key.of("battle_card_request", BattleCardRequest.class);
    /** Output of {@link #battleCard}. */
    public static final Key<BattleCard> BATTLE_CARD = Key.of("battle_card", BattleCard.class);

    private SalesGraphs() {
    }

    /**
     * {@code START -> conversation_analysis -> END}: {@link #TRANSCRIPT} in, {@link #ANALYSIS} out.
     *
     * @param analyzer the analyzer the node calls
     * @return the compiled one-node graph
     */
    public static CompiledGraph conversationAnalysis(ConversationAnalyzer analyzer) {
        Objects.requireNonNull(analyzer, "analyzer");
        return single(Features.CONVERSATION_ANALYSIS, TRANSCRIPT, ANALYSIS,
                s -> Update.of(ANALYSIS, analyzer.analyze(s)));
    }

    /**
     * {@code START -> proposal -> END}: {@link #PROPOSAL_REQUEST} in, {@link #PROPOSAL} out.
     *
     * @param writer the writer the node calls
     * @return the compiled one-node graph
     */
    public static CompiledGraph proposal(ProposalWriter writer) {
        Objects.requireNonNull(writer, "writer");
        return single(Features.PROPOSAL, PROPOSAL_REQUEST, PROPOSAL, r -> Update.of(PROPOSAL, writer.write(r)));
    }

    /**
     * {@code START -> battle_card -> END}: {@link #BATTLE_CARD_REQUEST} in, {@link #BATTLE_CARD} out.
     *
     * @param writer the writer the node calls
     * @return the compiled one-node graph
     */
    public static CompiledGraph battleCard(BattleCardWriter writer) {
        Objects.requireNonNull(writer, "writer");
        return single(Features.BATTLE_CARD, BATTLE_CARD_REQUEST, BATTLE_CARD,
                r -> Update.of(BATTLE_CARD, writer.write(r.competitor(), r.sourceNotes())));
    }

    private static <I> CompiledGraph single(String node, Key<I> in, Key<?> out, java.util.function.Function<I, Update> work) {
        return StateGraph.of(in, out)
                .addNode(node, (s, c) -> {
                    I input = s.get(in);
                    if (input == null) {
                        throw new IllegalArgumentException("the input key '" + in.name() + "' is not set");
                    }
                    return work.apply(input);
                })
                .addEdge(StateGraph.START, node)
                .addEdge(node, StateGraph.END)
                .compile(CompileConfig.builder().name(node).build());
    }
}
