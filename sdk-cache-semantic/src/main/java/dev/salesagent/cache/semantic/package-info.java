/**
 * Semantic response cache: {@link dev.salesagent.cache.semantic.SemanticCache} answers a request from an earlier
 * response when its prompt is similar enough, per tenant and feature, with embeddings computed in-process.
 *
 * <p>Nullness: parameters and return values are non-null unless their Javadoc says otherwise.
 */
package dev.salesagent.cache.semantic;
