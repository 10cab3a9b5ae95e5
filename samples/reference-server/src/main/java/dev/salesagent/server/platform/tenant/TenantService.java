package dev.salesagent.server.platform.tenant;

import dev.salesagent.server.platform.audit.AuditTrail;
import dev.salesagent.server.platform.security.Role;
import dev.salesagent.server.platform.user.User;
import dev.salesagent.server.platform.user.UserService;
import dev.salesagent.server.platform.web.Cursors;
import dev.salesagent.server.platform.web.PlatformException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating, listing, suspending and reactivating tenants; every change audited in the tenant's own chain. */
@Service
public class TenantService {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?");

    private final TenantStore tenants;
    private final UserService users;
    private final AuditTrail audit;
    private final Clock clock;

    TenantService(TenantStore tenants, UserService users, AuditTrail audit, Clock clock) {
        this.tenants = tenants;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A new tenant with its first owner.
     *
     * @param tenant the tenant
     * @param owner its owner
     */
    public record Created(Tenant tenant, User owner) {
    }

    /**
     * Creates a tenant and its owner in one transaction.
     *
     * @param slug wanted slug, or null to derive one from the name (a suffix is added when taken)
     * @param name display name
     * @param tier {@code admin} or {@code customer}
     * @param ssoDomain e-mail domain for SSO provisioning, may be null
     * @param ownerEmail owner's e-mail
     * @param ownerPassword owner's password
     * @param actorId who created it (platform admin), null for self-service sign-up and seeding
     * @param action the audit action ({@code tenant.created} or {@code tenant.registered})
     * @throws PlatformException (409) when the slug or e-mail is taken, (400) for a bad slug, tier or password
     */
    @Transactional
    public Created create(String slug, String name, String tier, String ssoDomain, String ownerEmail,
                          String ownerPassword, UUID actorId, String action) {
        if (!Tenant.TIER_ADMIN.equals(tier) && !Tenant.TIER_CUSTOMER.equals(tier)) {
            throw PlatformException.badRequest("tier must be admin or customer");
        }
        String finalSlug;
        if (slug != null) {
            if (!SLUG.matcher(slug).matches()) {
                throw PlatformException.badRequest("slug must be 1-50 lowercase letters, digits or dashes");
            }
            if (tenants.slugExists(slug)) {
                throw PlatformException.conflict("slug " + slug + " is taken");
            }
            finalSlug = slug;
        } else {
            finalSlug = freeSlug(name);
        }
        Instant now = clock.instant();
        Tenant tenant = new Tenant(UUID.randomUUID(), finalSlug, name, tier, Tenant.ACTIVE,
                ssoDomain == null ? null : ssoDomain.toLowerCase(Locale.ROOT), now, now);
        tenants.insert(tenant);
        Set<Role> roles = Tenant.TIER_ADMIN.equals(tier) ? Set.of(Role.OWNER, Role.PLATFORM_ADMIN) : Set.of(Role.OWNER);
        User owner = users.createUnchecked(tenant.id(), ownerEmail, null, roles, ownerPassword, null);
        audit.record(tenant.id(), actorId, action, "tenant", tenant.id(), Map.of("slug", finalSlug, "tier", tier));
        audit.record(tenant.id(), actorId, "user.created", "user", owner.id(), Map.of("roles", List.of("owner")));
        return new Created(tenant, owner);
    }

    /**
     * A tenant by id.
     *
     * @throws PlatformException (404) when unknown
     */
    @Transactional(readOnly = true)
    public Tenant get(UUID id) {
        return tenants.find(id).orElseThrow(() -> PlatformException.notFound("tenant"));
    }

    /** A page of tenants. */
    @Transactional(readOnly = true)
    public List<Tenant> list(String status, String tier, String cursor, int limit) {
        return tenants.list(status, tier, Cursors.decode(cursor), limit);
    }

    /**
     * Suspends or reactivates a tenant.
     *
     * @throws PlatformException (404) when unknown, (409) when suspending an admin-tier tenant
     */
    @Transactional
    public Tenant setStatus(UUID id, String status, UUID actorId) {
        Tenant t = get(id);
        if (Tenant.SUSPENDED.equals(status) && Tenant.TIER_ADMIN.equals(t.tier())) {
            throw PlatformException.conflict("admin-tier tenants cannot be suspended");
        }
        tenants.update(id, t.name(), status, clock.instant());
        audit.record(id, actorId, Tenant.SUSPENDED.equals(status) ? "tenant.suspended" : "tenant.activated",
                "tenant", id, Map.of());
        return get(id);
    }

    /** Renames the actor's own tenant. */
    @Transactional
    public Tenant rename(UUID id, String name) {
        Tenant t = get(id);
        tenants.update(id, name, t.status(), clock.instant());
        audit.record("tenant.updated", "tenant", id, Map.of("name", name));
        return get(id);
    }

    private String freeSlug(String name) {
        String base = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (base.isEmpty()) {
            base = "tenant";
        }
        base = base.length() > 40 ? base.substring(0, 40).replaceAll("-+$", "") : base;
        String candidate = base;
        for (int i = 2; tenants.slugExists(candidate); i++) {
            candidate = base + "-" + i;
        }
        return candidate;
    }
}
