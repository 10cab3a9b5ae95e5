package dev.salesagent.agents.sales.outreach;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.salesagent.agents.sales.Method;
import dev.salesagent.agents.sales.research.ResearchFact;

import java.util.List;
import java.util.Objects;

/**
 * A first-touch e-mail draft. Never sent by the SDK: a human or the caller's code sends it.
 *
 * @param subject   e-mail subject
 * @param body      plain-text body
 * @param factsUsed the research facts the body cites (at least one)
 * @param method    rules or model
 * @param model     model name when {@code method} is model, else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutreachDraft(String subject, String body, List<ResearchFact> factsUsed, Method method, String model) {

    /**
     * Canonical constructor; the components are as described on the record.
     *
     * @param subject e-mail subject
     * @param body plain-text body
     * @param factsUsed the research facts the body cites (at least one)
     * @param method rules or model
     * @param model model name when {@code method} is model, else null
     */
    public OutreachDraft {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(method, "method");
        factsUsed = factsUsed == null ? List.of() : List.copyOf(factsUsed);
    }
}
