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
     * Canonical constructor; the components are as described on the record.
     *
     * @param competitor competitor name
     * @param sourceNotes win/loss notes, reviews, pricing pages (free text)
     */
    public BattleCardRequest {
        Objects.requireNonNull(competitor, "competitor");
        sourceNotes = sourceNotes == null ? List.of() : List.copyOf(sourceNotes);
    }
}
