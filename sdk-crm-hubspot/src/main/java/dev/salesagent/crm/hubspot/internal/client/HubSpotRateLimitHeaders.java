package dev.salesagent.crm.hubspot.internal.client;

import dev.salesagent.crm.http.CrmResponse;
import dev.salesagent.crm.http.RateLimitHeaders;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads HubSpot's {@code X-HubSpot-RateLimit-Remaining} and {@code X-HubSpot-RateLimit-Interval-Milliseconds}: when
 * nothing remains in the rolling window, wait one window before the next attempt.
 *
 * @see <a href="https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines">Rate limit headers</a>
 */
public final class HubSpotRateLimitHeaders implements RateLimitHeaders {

  @Override
  public Optional<Duration> retryAfter(CrmResponse response) {
    if (response.status() != 429) {
      return Optional.empty();
    }
    return Optional.ofNullable(HubSpotErrors.retryAfter(n -> n.equalsIgnoreCase("Retry-After") ? null
        : response.header(n).orElse(null)));
  }
}
