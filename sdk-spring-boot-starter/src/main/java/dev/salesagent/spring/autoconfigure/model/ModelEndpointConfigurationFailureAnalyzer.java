package dev.salesagent.spring.autoconfigure.model;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link ModelEndpointConfigurationException} at start-up into Spring Boot's "APPLICATION FAILED TO START"
 * report: every problem, and as the action the keys of an endpoint. Registered in {@code META-INF/spring.factories}.
 */
class ModelEndpointConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<ModelEndpointConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ModelEndpointConfigurationException cause) {
        String nl = System.lineSeparator();
        StringBuilder description = new StringBuilder("The model endpoints configured under salesagent.models.endpoints"
                + " are invalid:");
        cause.problems().forEach(p -> description.append(nl).append("    - ").append(p));
        String action = "Fix salesagent.models.endpoints[n] (environment variables SALESAGENT_MODELS_ENDPOINTS_<n>_<KEY>):"
                + nl + "    name (required): unique endpoint name"
                + nl + "    provider (required): openai or anthropic (add dev.salesagent:sdk-model-openai or"
                + " dev.salesagent:sdk-model-anthropic), or any priced provider id with chat-model-bean"
                + nl + "    model (required): the provider's model id, e.g. gpt-4o-mini"
                + nl + "    api-key (secret, required without chat-model-bean): e.g. ${OPENAI_API_KEY}"
                + nl + "    tier: economy, standard (default) or premium"
                + nl + "    base-url, timeout (default 60s), context-window, max-output-tokens (default 4096), chat-model-bean"
                + nl + "Or remove salesagent.models.endpoints to run offline on the rules-based implementations.";
        return new FailureAnalysis(description.toString(), action, cause);
    }
}
