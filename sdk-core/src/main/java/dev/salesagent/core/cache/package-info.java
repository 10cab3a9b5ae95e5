/**
 * The response cache of the model router: {@link dev.salesagent.core.cache.ResponseCache} (per tenant, per feature
 * TTL, Caffeine in memory) and its {@code Policy}.
 *
 * <p>Nullness: parameters and return values are non-null unless their Javadoc says {@code null} is allowed or
 * returned; absent values of public accessors are documented as such (null or {@code Optional}).
 */
package dev.salesagent.core.cache;
