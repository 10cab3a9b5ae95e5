package dev.salesagent.crm.hubspot.internal.client;

import dev.salesagent.crm.CrmRateLimitException;
import dev.salesagent.crm.ErrorDetails;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Client-side guard for HubSpot's daily request limit: once {@code limit} calls were made in the current UTC day,
 * further calls fail fast with a quota-exhausted {@link CrmRateLimitException} (vendor code {@code DAILY}) instead of
 * spending requests on 429s. HubSpot resets its counter at midnight in the account's time zone, so this guard is
 * approximate; HubSpot's own 429 {@code DAILY} answer is mapped the same way. A limit of 0 disables the guard.
 */
public final class DailyQuota {

    private final String provider;
    private final long limit;
    private final Clock clock;
    private LocalDate day;
    private long used;

    public DailyQuota(String provider, long limit, Clock clock) {
        this.provider = provider;
        this.limit = limit;
        this.clock = clock;
    }

    /** Counts one call. @throws CrmRateLimitException when today's limit is used up */
    public synchronized void acquire() {
        if (limit <= 0) {
            return;
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (!today.equals(day)) {
            day = today;
            used = 0;
        }
        if (used >= limit) {
            throw new CrmRateLimitException("client-side daily limit of " + limit + " HubSpot requests reached for " + day,
                    ErrorDetails.http(provider, 0, "DAILY", null), null, true);
        }
        used++;
    }
}
