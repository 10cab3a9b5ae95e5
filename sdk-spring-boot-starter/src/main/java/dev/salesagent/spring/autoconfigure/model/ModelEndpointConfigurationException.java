package dev.salesagent.spring.autoconfigure.model;

import java.util.List;

/**
 * Invalid {@code salesagent.models.endpoints} entries, every problem listed. Spring Boot turns it into an
 * "APPLICATION FAILED TO START" report ({@link ModelEndpointConfigurationFailureAnalyzer}).
 */
public class ModelEndpointConfigurationException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** The problems, one line each naming its property; unmodifiable. */
    private final List<String> problems;

    /** @param problems one line per problem, each naming its property */
    public ModelEndpointConfigurationException(List<String> problems) {
        super("Invalid model endpoint configuration:\n - " + String.join("\n - ", problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * Every problem, each naming its property, e.g. {@code salesagent.models.endpoints[0].model is required}.
     *
     * @return the problems, one line each; unmodifiable, never empty
     */
    public List<String> problems() {
        return problems;
    }
}
