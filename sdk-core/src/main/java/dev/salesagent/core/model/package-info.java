/**
 * Model routing: {@link dev.salesagent.core.model.ModelRouter} (a LangChain4j {@code ChatModel}) over
 * {@link dev.salesagent.core.model.ModelEndpoint}s by {@link dev.salesagent.core.model.ModelTier}, with fallback,
 * retries, circuit breakers, budgets and cost. Any LangChain4j {@code ChatModel} is an endpoint
 * ({@link dev.salesagent.core.model.ModelEndpoint#builder}); the optional modules {@code sdk-model-openai} and
 * {@code sdk-model-anthropic} build OpenAI and Anthropic endpoints whose HTTP failures arrive as
 * {@link dev.salesagent.core.model.ProviderError}s. This package depends on {@code langchain4j-core} only.
 *
 * <p>Nullness: parameters and return values are non-null unless their Javadoc says {@code null} is allowed or
 * returned; absent values of public accessors are documented as such (null or {@code Optional}).
 */
package dev.salesagent.core.model;
