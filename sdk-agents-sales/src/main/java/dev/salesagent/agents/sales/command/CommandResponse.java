package dev.salesagent.agents.sales.command;

import dev.salesagent.agents.sales.Method;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The command center's reply to one question: the routing, one {@link Answer} per answered intent, and the thread it
 * belongs to. The server's {@code /query/ask} body maps to it one to one: {@code intent} = {@link #intent()},
 * {@code intents}, {@code entities} = {@code query.entities().toMap()}, {@code agents}, {@code answer} =
 * {@link #text()}, {@code data} = {@link #data()}, {@code chart} = {@link #chart()}, {@code method}, {@code threadId}.
 *
 * @param query    the routed question
 * @param answers  one answer per intent (a clarification or the transaction hand-off is an answer of agent
 *                 {@code router} / {@code transaction})
 * @param threadId the conversation thread
 * @param asOf     the day relative dates resolved against
 */
public record CommandResponse(RoutedQuery query, List<Answer> answers, String threadId, LocalDate asOf) {

    /**
     * Checks the components and copies the answers.
     *
     * @param query    the routed question, not null
     * @param answers  one answer per intent, not null (copied)
     * @param threadId the conversation thread, not null
     * @param asOf     the day relative dates resolved against, not null
     * @throws NullPointerException if a component is null
     */
    public CommandResponse {
        Objects.requireNonNull(query, "query");
        answers = List.copyOf(answers);
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(asOf, "asOf");
    }

    /** {@return the main intent's wire name, e.g. {@code order_status}} */
    public String intent() {
        return query.intent().id();
    }

    /** {@return every intent's wire name, in the order asked} */
    public List<String> intents() {
        return query.intents().stream().map(Intent::id).toList();
    }

    /** {@return the agents that answered, one per answer, in order (e.g. {@code [order, customer]})} */
    public List<String> agents() {
        return answers.stream().map(Answer::agent).toList();
    }

    /** {@return the answers' texts, one paragraph each, separated by a blank line} */
    public String text() {
        return String.join("\n\n", answers.stream().map(Answer::text).toList());
    }

    /** {@return the first answer's rows (empty if none)} */
    public List<Map<String, Object>> data() {
        return answers.isEmpty() ? List.of() : answers.get(0).rows();
    }

    /** {@return the first answer's chart, or a {@code table} chart with nothing to plot} */
    public ChartSpec chart() {
        return answers.isEmpty() ? ChartSpec.none("") : answers.get(0).chart();
    }

    /** {@return who routed the question: {@code rules} or {@code model}} */
    public Method method() {
        return query.method();
    }
}
