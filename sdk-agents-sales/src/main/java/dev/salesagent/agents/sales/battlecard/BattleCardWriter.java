package dev.salesagent.agents.sales.battlecard;

import dev.langchain4j.model.chat.ChatModel;
import dev.salesagent.agents.sales.InvalidModelOutputException;
import dev.salesagent.agents.sales.ModelOptions;
import dev.salesagent.agents.sales.SellerProfile;
import dev.salesagent.agents.sales.internal.StructuredChat;

import java.util.List;

/** Builds a battle card from a competitor's name and source notes (win/loss notes, reviews, pricing pages). */
public interface BattleCardWriter {

    /**
     * @param competitor  competitor name, e.g. {@code Acme CRM}
     * @param sourceNotes free-text notes; every statement on the card comes from them
     * @throws IllegalArgumentException if the competitor is blank
     * @throws InvalidModelOutputException (model) if the answer is invalid after one repair retry
     */
    BattleCard write(String competitor, List<String> sourceNotes);

    /** Sentence classification by keywords (see {@link RulesBattleCardWriter}). */
    static BattleCardWriter rules(SellerProfile seller) {
        return new RulesBattleCardWriter(seller);
    }

    /** A chat model builds the card from the notes (feature {@code battle_card}). */
    static BattleCardWriter model(ChatModel model, ModelOptions options, SellerProfile seller) {
        return new ModelBattleCardWriter(new StructuredChat(model, options), seller);
    }
}
