package dev.salesagent.agents.sales.command;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A chart a UI can draw without knowing the question: one label per point, one or more named series of the same
 * length. Serialized as {@code {"type":"bar","title":..,"labels":[..],"series":[{"name":..,"values":[..]}]}}.
 *
 * @param type   {@code bar}, {@code line}, {@code pie} or {@code table} (nothing to plot)
 * @param title  a short title
 * @param labels x-axis labels (or pie slices)
 * @param series the series, each with {@code labels.size()} values (USD, counts or units as the title says)
 */
public record ChartSpec(String type, String title, List<String> labels, List<Series> series) {

    /**
     * One series.
     *
     * @param name   legend name, e.g. {@code Revenue (USD)}
     * @param values one value per label
     */
    public record Series(String name, List<BigDecimal> values) {
        /**
         * Checks the name and copies the values.
         *
         * @param name   legend name, not null
         * @param values one value per label, not null, no null elements (copied)
         * @throws NullPointerException if {@code name}, {@code values} or a value is null
         */
        public Series {
            Objects.requireNonNull(name, "name");
            values = List.copyOf(values);
        }
    }

    /**
     * Checks the shape and copies the lists.
     *
     * @param type   {@code bar}, {@code line}, {@code pie} or {@code table}, not null
     * @param title  a short title
     * @param labels x-axis labels (or pie slices), not null (copied)
     * @param series the series, not null (copied), each with {@code labels.size()} values
     * @throws NullPointerException     if {@code type}, {@code labels} or {@code series} is null
     * @throws IllegalArgumentException if a series' length differs from the labels'
     */
    public ChartSpec {
        Objects.requireNonNull(type, "type");
        labels = List.copyOf(labels);
        series = List.copyOf(series);
        for (Series s : series) {
            if (s.values().size() != labels.size()) {
                throw new IllegalArgumentException("series " + s.name() + " has " + s.values().size()
                        + " values for " + labels.size() + " labels");
            }
        }
    }

    /**
     * A one-series chart.
     *
     * @param type       {@code bar}, {@code line}, {@code pie} or {@code table}
     * @param title      a short title
     * @param labels     x-axis labels (or pie slices)
     * @param seriesName legend name of the series, e.g. {@code Revenue (USD)}
     * @param values     one value per label (USD, counts or units)
     * @return the chart
     * @throws NullPointerException     if {@code type}, {@code seriesName}, a list or a value is null
     * @throws IllegalArgumentException if {@code values} and {@code labels} differ in length
     */
    public static ChartSpec of(String type, String title, List<String> labels, String seriesName,
                               List<BigDecimal> values) {
        return new ChartSpec(type, title, labels, List.of(new Series(seriesName, values)));
    }

    /**
     * No chart (the answer is text or rows only).
     *
     * @param title a short title for the table or text, may be empty
     * @return a {@code table} chart without labels or series
     */
    public static ChartSpec none(String title) {
        return new ChartSpec("table", title, List.of(), List.of());
    }
}
