package dev.salesagent.agents.sales.command;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What a router needs besides the question.
 *
 * @param asOf     the day relative dates resolve against ("today", "this month")
 * @param previous the previous turn of the same conversation, or null
 */
public record RoutingContext(LocalDate asOf, RoutedQuery previous) {

    /**
     * Checks that {@code asOf} is set.
     *
     * @param asOf     the day relative dates resolve against, not null
     * @param previous the previous turn, or null for a first turn
     * @throws NullPointerException if {@code asOf} is null
     */
    public RoutingContext {
        Objects.requireNonNull(asOf, "asOf");
    }

    /**
     * A first turn (no previous question).
     *
     * @param asOf the day relative dates resolve against, not null
     * @return the context
     * @throws NullPointerException if {@code asOf} is null
     */
    public static RoutingContext asOf(LocalDate asOf) {
        return new RoutingContext(asOf, null);
    }

    /**
     * A first turn as of today.
     *
     * @param clock the clock whose current date (in the clock's zone) is the as-of day; not null
     * @return the context
     * @throws NullPointerException if {@code clock} is null
     */
    public static RoutingContext now(Clock clock) {
        return new RoutingContext(LocalDate.now(clock), null);
    }

    /**
     * A copy with the previous turn set, for a follow-up question.
     *
     * @param previousTurn the previous routed question of the same conversation, or null for none
     * @return the copy, with the same as-of day
     */
    public RoutingContext withPrevious(RoutedQuery previousTurn) {
        return new RoutingContext(asOf, previousTurn);
    }
}
