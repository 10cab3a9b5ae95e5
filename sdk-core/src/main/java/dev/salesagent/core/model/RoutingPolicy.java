package dev.salesagent.core.model;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Picks the {@link ModelTier} for a call. Implementations must be thread-safe and fast (called on every call).
 *
 * <p>{@link #defaults()} and {@link #builder()} give the standard policy, in order:
 * <ol>
 *   <li>a per-feature tier override (e.g. {@code battle_card -> ECONOMY}, {@code proposal -> PREMIUM});</li>
 *   <li>a declared complexity: LOW &rarr; ECONOMY, MEDIUM &rarr; STANDARD, HIGH &rarr; PREMIUM;</li>
 *   <li>otherwise a heuristic: STANDARD when the request offers tools or its prompt has at least
 *       {@link Builder#longPromptTokens(long) longPromptTokens} tokens (default 4,000), else ECONOMY.
 *       The heuristic never picks PREMIUM: that costs money and must be asked for.</li>
 * </ol>
 * The router also lets a caller force a tier or an endpoint, bypassing the policy.
 */
@FunctionalInterface
public interface RoutingPolicy {

    /**
     * {@return the tier for this task; never null}
     *
     * @param task what is known about the call: feature, declared complexity, estimated prompt tokens, tool use
     */
    ModelTier tierFor(TaskProfile task);

    /** {@return the standard policy without feature overrides} */
    static RoutingPolicy defaults() {
        return builder().build();
    }

    /** {@return a builder of the standard policy, with no feature overrides and a long-prompt threshold of 4,000 tokens} */
    static Builder builder() {
        return new Builder();
    }

    /** Builds the standard policy. */
    final class Builder {
        private final Map<String, ModelTier> featureTiers = new HashMap<>();
        private long longPromptTokens = 4_000;

        private Builder() {
        }

        /**
         * Always use {@code tier} for this feature.
         *
         * @param feature the feature name from {@code AiContext}, e.g. {@code proposal}; not null
         * @param tier the tier every call of this feature uses; not null
         * @return this builder
         * @throws NullPointerException if {@code feature} or {@code tier} is null
         */
        public Builder featureTier(String feature, ModelTier tier) {
            featureTiers.put(Objects.requireNonNull(feature, "feature"), Objects.requireNonNull(tier, "tier"));
            return this;
        }

        /**
         * Adds every feature override of the map (e.g. bound from configuration).
         *
         * @param tiers feature name to tier, e.g. {@code {battle_card=ECONOMY}}; keys and values not null
         * @return this builder
         */
        public Builder featureTiers(Map<String, ModelTier> tiers) {
            tiers.forEach(this::featureTier);
            return this;
        }

        /**
         * Prompt size in tokens from which the heuristic picks STANDARD; default 4,000.
         *
         * @param tokens the threshold in estimated prompt tokens, &gt; 0
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder longPromptTokens(long tokens) {
            if (tokens <= 0) {
                throw new IllegalArgumentException("longPromptTokens must be > 0 but was " + tokens);
            }
            this.longPromptTokens = tokens;
            return this;
        }

        /** {@return the standard policy with the overrides and threshold set so far; thread-safe and immutable} */
        public RoutingPolicy build() {
            Map<String, ModelTier> tiers = Map.copyOf(featureTiers);
            long threshold = longPromptTokens;
            return task -> {
                ModelTier override = task.feature() == null ? null : tiers.get(task.feature());
                if (override != null) {
                    return override;
                }
                if (task.complexity() != null) {
                    return switch (task.complexity()) {
                        case LOW -> ModelTier.ECONOMY;
                        case MEDIUM -> ModelTier.STANDARD;
                        case HIGH -> ModelTier.PREMIUM;
                    };
                }
                return task.needsTools() || task.estimatedInputTokens() >= threshold ? ModelTier.STANDARD
                        : ModelTier.ECONOMY;
            };
        }
    }
}
