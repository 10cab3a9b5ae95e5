/**
 * HTTP support for adapters: {@link dev.salesagent.crm.http.CrmHttpClient} (OkHttp with authentication, bounded
 * jittered retries honouring {@code Retry-After}, client-side rate limit, bulkhead, circuit breaker, metrics and
 * redacted logging), authentication strategies ({@link dev.salesagent.crm.http.AuthStrategy},
 * {@link dev.salesagent.crm.http.OAuth2TokenSource}) and the hooks an adapter implements
 * ({@link dev.salesagent.crm.http.VendorErrorMapper}, {@link dev.salesagent.crm.http.RateLimitHeaders}). For adapter
 * authors; applications do not use it directly.
 *
 * <p><b>Nullness.</b> Parameters and return values are non-null unless documented otherwise; a value that may be
 * absent is returned as {@link java.util.Optional} or documented as {@code null} on the method.
 */
package dev.salesagent.crm.http;
