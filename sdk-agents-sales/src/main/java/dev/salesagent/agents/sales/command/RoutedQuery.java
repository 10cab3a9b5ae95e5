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

    /** Copies the lists; an empty intent list becomes {@code [unknown]}. */
    public RoutedQuery {
        Objects.requireNonNull(question, "question");
        intents = intents == null || intents.isEmpty() ? List.of(Intent.UNKNOWN) : List.copyOf(intents);
        entities = entities == null ? QueryEntities.NONE : entities;
        clarifications = clarifications == null ? List.of() : List.copyOf(clarifications);
        Objects.requireNonNull(method, "method");
    }

    /** The first (main) intent. */
    @JsonIgnore
    public Intent intent() {
        return intents.get(0);
    }

    /** True if the router needs the user to pick among several matches first. */
    @JsonIgnore
    public boolean needsClarification() {
        return !clarifications.isEmpty();
    }

    /** A copy marked as produced by {@code method} and {@code model}. */
    public RoutedQuery withMethod(Method newMethod, String newModel) {
        return new RoutedQuery(question, intents, entities, clarifications, newMethod, newModel, followUp, injection);
    }
}
