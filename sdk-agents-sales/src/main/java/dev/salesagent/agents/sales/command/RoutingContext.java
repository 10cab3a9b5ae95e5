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

    /** Requires {@code asOf}. */
    public RoutingContext {
        Objects.requireNonNull(asOf, "asOf");
    }

    /** A first turn as of {@code asOf}. */
    public static RoutingContext asOf(LocalDate asOf) {
        return new RoutingContext(asOf, null);
    }

    /** A first turn as of today on {@code clock} (in the clock's zone). */
    public static RoutingContext now(Clock clock) {
        return new RoutingContext(LocalDate.now(clock), null);
    }

    /** A copy with the previous turn set. */
    public RoutingContext withPrevious(RoutedQuery previousTurn) {
        return new RoutingContext(asOf, previousTurn);
    }
}
