package dev.salesagent.core.model;

/**
 * What the {@link RoutingPolicy} knows about a call when it picks a tier. The router builds it from the request
 * and {@link dev.salesagent.core.context.AiContext}.
 *
 * @param feature              feature name from the context (e.g. {@code proposal}), or null
 * @param complexity           complexity the caller declared (see {@link ModelRouter#forComplexity}), or null
 * @param estimatedInputTokens estimated prompt size in tokens (about 4 characters per token, plus 4 per message)
 * @param needsTools           true if the request offers tools to the model
 */
public record TaskProfile(String feature, Complexity complexity, long estimatedInputTokens, boolean needsTools) {

    /** Caller-declared complexity of a task. */
    public enum Complexity {
        /** A simple task (e.g. classification or extraction); the standard policy routes it to {@code ECONOMY}. */
        LOW,
        /** A task of ordinary difficulty; the standard policy routes it to {@code STANDARD}. */
        MEDIUM,
        /** A hard task (e.g. multi-step reasoning or a long proposal); the standard policy routes it to {@code PREMIUM}. */
        HIGH
    }
}
