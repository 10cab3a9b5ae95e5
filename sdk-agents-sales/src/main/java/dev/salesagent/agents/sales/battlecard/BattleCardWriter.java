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
     * @return the card; every statement comes from {@code sourceNotes}
     * @throws IllegalArgumentException if the competitor is blank
     * @throws InvalidModelOutputException (model) if the answer is invalid after one repair retry
     */
    BattleCard write(String competitor, List<String> sourceNotes);

    /**
     * {@return a writer that classifies sentences by keywords (see {@link RulesBattleCardWriter})}
     *
     * @param seller the seller whose strengths the card names
     */
    static BattleCardWriter rules(SellerProfile seller) {
        return new RulesBattleCardWriter(seller);
    }

    /**
     * {@return a writer in which a chat model builds the card from the notes (feature {@code battle_card})}
     *
     * @param model the chat model that builds the card
     * @param options batch size, temperature, output cap and cache of the model calls
     * @param seller the seller whose strengths the card names
     */
    static BattleCardWriter model(ChatModel model, ModelOptions options, SellerProfile seller) {
        return new ModelBattleCardWriter(new StructuredChat(model, options), seller);
    }
}
