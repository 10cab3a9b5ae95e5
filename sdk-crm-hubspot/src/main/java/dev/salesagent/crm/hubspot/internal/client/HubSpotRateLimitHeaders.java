package dev.salesagent.crm.hubspot.internal.client;

import dev.salesagent.crm.http.CrmResponse;
import dev.salesagent.crm.http.RateLimitHeaders;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads HubSpot's {@code X-HubSpot-RateLimit-Remaining} and {@code X-HubSpot-RateLimit-Interval-Milliseconds}: when
 * nothing remains in the rolling window, wait one window before the next attempt. A 423 (record locked while HubSpot
 * syncs a burst of writes) asks for the documented 2 s.
 *
 * @see <a href="https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines">Rate limit headers</a>
 */
public final class HubSpotRateLimitHeaders implements RateLimitHeaders {

    /** HubSpot's documented wait after 423 Locked. */
    static final Duration LOCKED_WAIT = Duration.ofSeconds(2);

    @Override
    public Optional<Duration> retryAfter(CrmResponse response) {
        if (response.status() == 423) {
            return Optional.of(LOCKED_WAIT);
        }
        if (response.status() != 429) {
            return Optional.empty();
        }
        return Optional.ofNullable(HubSpotErrors.windowWait(n -> response.header(n).orElse(null)));
    }
}
