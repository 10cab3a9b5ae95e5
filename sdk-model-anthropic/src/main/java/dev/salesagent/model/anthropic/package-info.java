/**
 * Anthropic endpoints for the model router: {@link dev.salesagent.model.anthropic.AnthropicEndpoints} (Messages API)
 * with streaming and the cache-read/cache-write token split.
 *
 * <p>Nullness: parameters and return values are non-null unless their Javadoc says {@code null} is allowed or
 * returned; absent values of public accessors are documented as such (null or {@code Optional}).
 */
package dev.salesagent.model.anthropic;
