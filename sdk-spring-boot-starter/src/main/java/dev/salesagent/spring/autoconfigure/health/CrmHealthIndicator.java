package dev.salesagent.spring.autoconfigure.health;

import dev.salesagent.common.redact.PiiRedactor;
import dev.salesagent.crm.CrmCapability;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmRateLimitException;
import dev.salesagent.crm.PageRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of one {@link CrmClient}: a cheap authenticated read (one record changed since now, so normally an empty
 * page) against the first capability the client declares of contacts, accounts, opportunities, products. The result
 * is cached for {@code cacheTtl} so frequent probes (load balancers, Kubernetes) do not spend the CRM's API quota.
 *
 * <ul>
 *   <li>UP: the call succeeded, or the CRM answered 429 (credentials valid, quota temporarily used up;
 *       detail {@code rateLimited=true}).</li>
 *   <li>DOWN: any other {@link CrmException} (authentication, permission, unavailable, ...) with its type, HTTP
 *       status, vendor code and request id as details, or an unexpected exception. Messages pass through the
 *       {@link PiiRedactor}: health endpoints are often readable by more people than logs.</li>
 *   <li>UNKNOWN: the client declares none of the probed capabilities.</li>
 * </ul>
 * Never throws; never called during start-up.
 */
public final class CrmHealthIndicator implements HealthIndicator {

    private static final PiiRedactor REDACTOR = PiiRedactor.defaults();

    private final CrmClient client;
    private final Duration cacheTtl;
    private final Clock clock;
    private Health cached;
    private Instant cachedUntil = Instant.MIN;

    /**
     * @param client   the client to probe
     * @param cacheTtl how long a result is reused; {@link Duration#ZERO} probes on every call
     * @param clock    time source for the cache
     */
    public CrmHealthIndicator(CrmClient client, Duration cacheTtl, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.cacheTtl = Objects.requireNonNull(cacheTtl, "cacheTtl");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (cacheTtl.isNegative()) {
            throw new IllegalArgumentException("cacheTtl must not be negative: " + cacheTtl);
        }
    }

    /** The cached result, or a fresh probe once the cache expired. */
    @Override
    public synchronized Health health() {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(cachedUntil)) {
            cached = probe(now);
            cachedUntil = now.plus(cacheTtl);
        }
        return cached;
    }

    private Health probe(Instant now) {
        Health.Builder builder;
        String probe = null;
        try {
            PageRequest one = PageRequest.first(1);
            if (client.supports(CrmCapability.CONTACTS)) {
                probe = "contacts.changedSince";
                client.contacts().changedSince(now, one);
            } else if (client.supports(CrmCapability.ACCOUNTS)) {
                probe = "accounts.changedSince";
                client.accounts().changedSince(now, one);
            } else if (client.supports(CrmCapability.OPPORTUNITIES)) {
                probe = "opportunities.changedSince";
                client.opportunities().changedSince(now, one);
            } else if (client.supports(CrmCapability.PRODUCTS)) {
                probe = "products.search";
                client.products().search("", one);
            } else {
                return Health.unknown().withDetail("provider", client.providerId())
                        .withDetail("reason", "no cheap probe for capabilities " + client.capabilities()).build();
            }
            builder = Health.up();
        } catch (CrmRateLimitException e) {
            Health.Builder rateLimited = Health.up().withDetail("rateLimited", true);
            builder = rateLimited;
            e.retryAfter().ifPresent(d -> rateLimited.withDetail("retryAfter", d.toString()));
        } catch (CrmException e) {
            builder = Health.down().withDetail("error", e.getClass().getSimpleName())
                    .withDetail("message", REDACTOR.redact(e.getMessage()));
            if (e.httpStatus() != 0) {
                builder.withDetail("httpStatus", e.httpStatus());
            }
            if (e.vendorCode() != null) {
                builder.withDetail("vendorCode", e.vendorCode());
            }
            if (e.requestId() != null) {
                builder.withDetail("requestId", e.requestId());
            }
        } catch (RuntimeException e) {
            builder = Health.down().withDetail("error", e.getClass().getName())
                    .withDetail("message", REDACTOR.redact(String.valueOf(e.getMessage())));
        }
        return builder.withDetail("provider", client.providerId()).withDetail("probe", probe)
                .withDetail("checkedAt", now.toString()).build();
    }
}
