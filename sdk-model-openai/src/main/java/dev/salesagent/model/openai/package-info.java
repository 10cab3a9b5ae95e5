/**
 * OpenAI endpoints for the model router: {@link dev.salesagent.model.openai.OpenAiEndpoints} (Chat Completions, also
 * for OpenAI-compatible servers) with streaming, the local tokenizer and the cached-token split.
 *
 * <p>Nullness: parameters and return values are non-null unless their Javadoc says {@code null} is allowed or
 * returned; absent values of public accessors are documented as such (null or {@code Optional}).
 */
package dev.salesagent.model.openai;
