package dev.salesagent.agents.sales.proposal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.salesagent.agents.sales.Method;

import java.util.Objects;

/**
 * A proposal as markdown with the sections executive summary, problem, solution, pricing, timeline and next
 * steps. Prices and dates are always computed from the {@link ProposalRequest}, never written by a model.
 *
 * @param title    proposal title
 * @param markdown the full document
 * @param method   rules or model (model writes the prose sections only)
 * @param model    model name when {@code method} is model, else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Proposal(String title, String markdown, Method method, String model) {

    /**
     * Canonical constructor; the components are as described on the record.
     *
     * @param title proposal title
     * @param markdown the full document
     * @param method rules or model (model writes the prose sections only)
     * @param model model name when {@code method} is model, else null
     */
    public Proposal {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(markdown, "markdown");
        Objects.requireNonNull(method, "method");
    }
}
