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

    /** The tier for this task; never null. */
    ModelTier tierFor(TaskProfile task);

    /** The standard policy without feature overrides. */
    static RoutingPolicy defaults() {
        return builder().build();
    }

    static Builder builder() {
        return new Builder();
    }

    /** Builds the standard policy. */
    final class Builder {
        private final Map<String, ModelTier> featureTiers = new HashMap<>();
        private long longPromptTokens = 4_000;

        private Builder() {
        }

        /** Always use {@code tier} for this feature. */
        public Builder featureTier(String feature, ModelTier tier) {
            featureTiers.put(Objects.requireNonNull(feature, "feature"), Objects.requireNonNull(tier, "tier"));
            return this;
        }

        /** Adds every feature override of the map (e.g. bound from configuration). */
        public Builder featureTiers(Map<String, ModelTier> tiers) {
            tiers.forEach(this::featureTier);
            return this;
        }

        /**
         * Prompt size in tokens from which the heuristic picks STANDARD; default 4,000.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder longPromptTokens(long tokens) {
            if (tokens <= 0) {
                throw new IllegalArgumentException("longPromptTokens must be > 0 but was " + tokens);
            }
            this.longPromptTokens = tokens;
            return this;
        }

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
