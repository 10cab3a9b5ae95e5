package dev.salesagent.agents.sales;

import java.util.List;

/**
 * A model's structured answer was still invalid (unparseable JSON or failing validation) after the one repair
 * retry. Carries the feature, the model name and the problems of the last attempt.
 */
public class InvalidModelOutputException extends SalesAgentException {

    /** The AiContext feature of the call. */
    private final String feature;
    /** The model name. */
    private final String model;
    /** What was wrong with the last answer. */
    private final List<String> problems;

    /**
     * Creates the exception; the message names the feature, the model and every problem.
     *
     * @param feature the AiContext feature of the call, e.g. {@code lead_scoring}
     * @param model the model name
     * @param problems what was wrong with the last answer
     */
    public InvalidModelOutputException(String feature, String model, List<String> problems) {
        super("model " + model + " returned invalid output for feature " + feature + " after one repair attempt: "
                + String.join("; ", problems));
        this.feature = feature;
        this.model = model;
        this.problems = List.copyOf(problems);
    }

    /** {@return the AiContext feature of the call, e.g. {@code lead_scoring}} */
    public String feature() {
        return feature;
    }

    /** {@return the model name as reported by the response, or the configured name} */
    public String model() {
        return model;
    }

    /** {@return what was wrong with the last answer} */
    public List<String> problems() {
        return problems;
    }
}
