package dev.salesagent.agents.sales.battlecard;

import java.util.List;
import java.util.Objects;

/**
 * Input of the battle card graph.
 *
 * @param competitor  competitor name
 * @param sourceNotes win/loss notes, reviews, pricing pages (free text)
 */
public record BattleCardRequest(String competitor, List<String> sourceNotes) {

    /**
     * Validates the components (defensive copies, defaults for null).
     *
     * @param competitor competitor name
     * @param sourceNotes win/loss notes, reviews, pricing pages (free text)
     */
    public BattleCardRequest {
        Objects.requireNonNull(competitor, "competitor");
        sourceNotes = sourceNotes == null ? List.of() : List.copyOf(sourceNotes);
    }
}
