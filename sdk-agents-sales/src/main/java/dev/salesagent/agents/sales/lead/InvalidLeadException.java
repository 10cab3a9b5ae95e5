package dev.salesagent.agents.sales.lead;

import dev.salesagent.agents.sales.SalesAgentException;

import java.util.List;

/**
 * A lead failed validation. {@link #problems()} lists every problem found (not just the first), each a
 * human-readable reason such as {@code malformed e-mail 'jane@@acme.com'}.
 */
public class InvalidLeadException extends SalesAgentException {

    /** Every validation problem, in field order. */
    private final List<String> problems;

    /**
     * Creates the exception; the message lists every problem.
     *
     * @param problems every validation problem, in field order; not empty
     */
    public InvalidLeadException(List<String> problems) {
        super("invalid lead: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** {@return every validation problem, in field order; never empty} */
    public List<String> problems() {
        return problems;
    }
}
