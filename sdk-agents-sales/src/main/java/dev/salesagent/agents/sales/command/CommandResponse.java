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

    /** Copies the answers. */
    public CommandResponse {
        Objects.requireNonNull(query, "query");
        answers = List.copyOf(answers);
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(asOf, "asOf");
    }

    /** The main intent's wire name. */
    public String intent() {
        return query.intent().id();
    }

    /** Every intent's wire name. */
    public List<String> intents() {
        return query.intents().stream().map(Intent::id).toList();
    }

    /** The agents that answered, in order. */
    public List<String> agents() {
        return answers.stream().map(Answer::agent).toList();
    }

    /** The answers' texts, one paragraph each. */
    public String text() {
        return String.join("\n\n", answers.stream().map(Answer::text).toList());
    }

    /** The first answer's rows (empty if none). */
    public List<Map<String, Object>> data() {
        return answers.isEmpty() ? List.of() : answers.get(0).rows();
    }

    /** The first answer's chart, or a {@code table} chart with nothing to plot. */
    public ChartSpec chart() {
        return answers.isEmpty() ? ChartSpec.none("") : answers.get(0).chart();
    }

    /** {@code rules} or {@code model}: who routed the question. */
    public Method method() {
        return query.method();
    }
}
