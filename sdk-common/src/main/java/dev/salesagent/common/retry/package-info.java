/**
 * The one {@link dev.salesagent.common.retry.Sleeper} (how retries wait, injectable for tests) and the one
 * {@code Retry-After} parser ({@link dev.salesagent.common.retry.RetryAfter}: seconds, HTTP dates and
 * {@code retry-after-ms}) used by the model router and the CRM HTTP support.
 *
 * <p>Nullness: parameters and return values are non-null unless their Javadoc says {@code null} is allowed or
 * returned; absent values of public accessors are documented as such (null or {@code Optional}).
 */
package dev.salesagent.common.retry;
