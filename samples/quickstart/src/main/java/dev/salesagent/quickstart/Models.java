package dev.salesagent.quickstart;

import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.model.ModelRouter;
import dev.salesagent.core.model.ModelTier;
import dev.salesagent.model.anthropic.AnthropicEndpoints;
import dev.salesagent.model.openai.OpenAiEndpoints;

import java.util.Map;
import java.util.Optional;

/**
 * Model endpoints from the environment: {@code OPENAI_API_KEY} (model {@code OPENAI_MODEL}, default
 * {@code gpt-4o-mini}; base URL {@code OPENAI_BASE_URL}) and {@code ANTHROPIC_API_KEY} (model {@code ANTHROPIC_MODEL},
 * default {@code claude-haiku-4-5}; base URL {@code ANTHROPIC_BASE_URL}). With both set, both serve the economy tier
 * and the router fails over between them. With neither, there is no model and the agents run on rules.
 */
final class Models {

    private Models() {
    }

    static Optional<ModelRouter> fromEnvironment(Map<String, String> env, CostTracker costs) {
        return fromEnvironment(env, costs, java.time.Duration.ofSeconds(60), 2);
    }

    /**
     * @param timeout per model call (each endpoint's HTTP call timeout)
     * @param retries attempts per endpoint after the first (the router's retries, with backoff)
     */
    static Optional<ModelRouter> fromEnvironment(Map<String, String> env, CostTracker costs, java.time.Duration timeout,
                                                 int retries) {
        ModelRouter.Builder router = ModelRouter.builder().costTracker(costs).maxAttemptsPerEndpoint(retries + 1);
        boolean any = false;
        String openAiKey = env.get("OPENAI_API_KEY");
        if (openAiKey != null && !openAiKey.isBlank()) {
            OpenAiEndpoints.Builder b = OpenAiEndpoints.builder("openai", ModelTier.ECONOMY)
                    .model(env.getOrDefault("OPENAI_MODEL", "gpt-4o-mini")).apiKey(openAiKey).timeout(timeout);
            if (env.get("OPENAI_BASE_URL") != null) {
                b.baseUrl(env.get("OPENAI_BASE_URL"));
            }
            router.endpoint(b.build());
            any = true;
        }
        String anthropicKey = env.get("ANTHROPIC_API_KEY");
        if (anthropicKey != null && !anthropicKey.isBlank()) {
            AnthropicEndpoints.Builder b = AnthropicEndpoints.builder("anthropic", ModelTier.ECONOMY)
                    .model(env.getOrDefault("ANTHROPIC_MODEL", "claude-haiku-4-5")).apiKey(anthropicKey).timeout(timeout);
            if (env.get("ANTHROPIC_BASE_URL") != null) {
                b.baseUrl(env.get("ANTHROPIC_BASE_URL"));
            }
            router.endpoint(b.build());
            any = true;
        }
        return any ? Optional.of(router.build()) : Optional.empty();
    }
}
