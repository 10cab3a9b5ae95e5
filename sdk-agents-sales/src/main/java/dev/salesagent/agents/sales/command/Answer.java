package dev.salesagent.agents.sales.command;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One agent's answer: a sentence or two for people, rows for tables and a chart specification. Every number in it
 * is computed from CRM data by code; a model may only rephrase {@code text}.
 *
 * @param agent the agent that answered: {@code order}, {@code pipeline}, {@code customer}, {@code product},
 *              {@code insight}, {@code transaction} or {@code router} (clarifications and unknown questions)
 * @param text  the answer in English
 * @param rows  the data behind it, one map per row (values are String, Long, BigDecimal USD, LocalDate)
 * @param chart how to draw it
 */
public record Answer(String agent, String text, List<Map<String, Object>> rows, ChartSpec chart) {

    /**
     * Checks the components and copies the rows.
     *
     * @param agent the agent that answered, e.g. {@code order}; not null
     * @param text  the answer in English, not null
     * @param rows  the data behind it, not null (copied; the maps themselves are not)
     * @param chart how to draw it, not null ({@link ChartSpec#none(String)} for nothing to plot)
     * @throws NullPointerException if a component is null
     */
    public Answer {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(text, "text");
        rows = List.copyOf(rows);
        Objects.requireNonNull(chart, "chart");
    }

    /**
     * A text-only answer.
     *
     * @param agent the agent that answered, e.g. {@code router}
     * @param text  the answer in English
     * @return an answer without rows and with an untitled {@code table} chart
     * @throws NullPointerException if either argument is null
     */
    public static Answer text(String agent, String text) {
        return new Answer(agent, text, List.of(), ChartSpec.none(""));
    }
}
