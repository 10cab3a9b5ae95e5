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

    /** Copies the rows. */
    public Answer {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(text, "text");
        rows = List.copyOf(rows);
        Objects.requireNonNull(chart, "chart");
    }

    /** A text-only answer. */
    public static Answer text(String agent, String text) {
        return new Answer(agent, text, List.of(), ChartSpec.none(""));
    }
}
