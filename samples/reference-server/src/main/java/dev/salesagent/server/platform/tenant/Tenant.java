package dev.salesagent.server.platform.tenant;

import java.time.Instant;
import java.util.UUID;

/**
 * A tenant: a customer company (tier {@code customer}) or the platform operator (tier {@code admin}).
 *
 * @param id tenant id
 * @param slug short unique name (lowercase letters, digits, dashes)
 * @param name display name
 * @param tier {@code admin} or {@code customer}
 * @param status {@code active} or {@code suspended} (a suspended tenant's users get 403 on every call)
 * @param ssoDomain e-mail domain whose SSO users are provisioned into this tenant, may be null
 * @param createdAt creation time
 * @param updatedAt last change
 */
public record Tenant(UUID id, String slug, String name, String tier, String status, String ssoDomain,
                     Instant createdAt, Instant updatedAt) {

    /** Tier of the platform operator's tenants. */
    public static final String TIER_ADMIN = "admin";
    /** Tier of customer tenants. */
    public static final String TIER_CUSTOMER = "customer";
    /** Status of a working tenant. */
    public static final String ACTIVE = "active";
    /** Status of a suspended tenant. */
    public static final String SUSPENDED = "suspended";
}
