package dev.salesagent.agents.sales.command;

import java.util.List;

/**
 * A question back to the user when a name matched several records, e.g. "Sean" matching five customers.
 *
 * @param entity  the entity key, {@code customer} or {@code product}
 * @param mention the words of the question that matched
 * @param options the matching record names, best first (at most ten)
 */
public record Clarification(String entity, String mention, List<String> options) {

    /**
     * Copies {@code options}.
     *
     * @param entity  the entity key, {@code customer} or {@code product}
     * @param mention the words of the question that matched
     * @param options the matching record names, best first; not null, no null elements
     * @throws NullPointerException if {@code options} or one of them is null
     */
    public Clarification {
        options = List.copyOf(options);
    }

    /**
     * {@return the question to show, e.g. {@code Which customer did you mean by "sean": Sean Miller, Sean Braxton?}}
     */
    public String question() {
        return "Which " + entity + " did you mean by \"" + mention + "\": " + String.join(", ", options) + "?";
    }
}
