package dev.salesagent.agents.sales.command;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.salesagent.agents.sales.Method;
import java.util.List;
import java.util.Objects;

/**
 * A routed question: its intents (one or several, in the order they were asked), entities, what must be asked back,
 * and which implementation produced it.
 *
 * @param question       the question as asked
 * @param intents        at least one intent; {@code [unknown]} when nothing matched
 * @param entities       the entities (names resolved to the CRM's spelling)
 * @param clarifications names that matched several records; non-empty means "ask back before answering"
 * @param method         {@code rules} or {@code model}
 * @param model          the model that produced it, or null for rules
 * @param followUp       true if the question continued the previous turn (its intents and entities were reused)
 * @param injection      true if the question contained instructions aimed at the system (prompt injection); such a
 *                       question never yields {@code create_transaction}
 */
public record RoutedQuery(String question, List<Intent> intents, QueryEntities entities,
                          List<Clarification> clarifications, Method method, String model, boolean followUp,
                          boolean injection) {

    /**
     * Copies the lists and fills defaults: a null or empty intent list becomes {@code [unknown]}, null entities
     * {@link QueryEntities#NONE}, null clarifications an empty list.
     *
     * @param question       the question as asked, not null
     * @param intents        the intents in the order asked, or null/empty for {@code [unknown]}
     * @param entities       the entities, or null for none
     * @param clarifications names that matched several records, or null for none
     * @param method         {@code rules} or {@code model}, not null
     * @param model          the model that produced it, or null for rules
     * @param followUp       true if the question continued the previous turn
     * @param injection      true if the question contained prompt injection
     * @throws NullPointerException if {@code question} or {@code method} is null
     */
    public RoutedQuery {
        Objects.requireNonNull(question, "question");
        intents = intents == null || intents.isEmpty() ? List.of(Intent.UNKNOWN) : List.copyOf(intents);
        entities = entities == null ? QueryEntities.NONE : entities;
        clarifications = clarifications == null ? List.of() : List.copyOf(clarifications);
        Objects.requireNonNull(method, "method");
    }

    /** {@return the first (main) intent; {@link Intent#UNKNOWN} when nothing matched} */
    @JsonIgnore
    public Intent intent() {
        return intents.get(0);
    }

    /** {@return true if the router needs the user to pick among several matches first} */
    @JsonIgnore
    public boolean needsClarification() {
        return !clarifications.isEmpty();
    }

    /**
     * A copy marked as produced by another implementation (e.g. a custom router that wraps another one and reports
     * itself).
     *
     * @param newMethod {@code rules} or {@code model}, not null
     * @param newModel  the model's name, or null for rules
     * @return the copy; this instance is unchanged
     * @throws NullPointerException if {@code newMethod} is null
     */
    public RoutedQuery withMethod(Method newMethod, String newModel) {
        return new RoutedQuery(question, intents, entities, clarifications, newMethod, newModel, followUp, injection);
    }
}
