package dev.salesagent.spring.autoconfigure.model;

import dev.salesagent.core.model.ModelEndpoint;

/**
 * Builds a {@link ModelEndpoint} of one provider from {@code salesagent.models.endpoints[n]}. One bean per provider
 * module on the classpath ({@code sdk-model-openai}, {@code sdk-model-anthropic}), registered only when the module's
 * classes are present, so the starter works without either.
 */
interface PropertyEndpointFactory {

    /** Provider id as written in {@code salesagent.models.endpoints[n].provider}, lower case. */
    String provider();

    /**
     * @throws IllegalArgumentException if the provider module rejects a value
     */
    ModelEndpoint build(ModelProperties.Endpoint endpoint);
}
