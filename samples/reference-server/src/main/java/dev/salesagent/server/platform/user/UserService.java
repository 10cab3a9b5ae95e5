package dev.salesagent.server.platform.user;

import dev.salesagent.server.platform.audit.AuditTrail;
import dev.salesagent.server.platform.auth.RefreshTokens;
import dev.salesagent.server.platform.db.TenantConnections;
import dev.salesagent.server.platform.db.TenantScope;
import dev.salesagent.server.platform.security.CurrentUser;
import dev.salesagent.server.platform.security.Role;
import dev.salesagent.server.platform.tenant.Tenant;
import dev.salesagent.server.platform.tenant.TenantStore;
import dev.salesagent.server.platform.web.Cursors;
import dev.salesagent.server.platform.web.PlatformException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules around a tenant's users: who may grant which role, the last owner cannot go, disabling or deleting a
 * user revokes their refresh tokens, every change is audited.
 */
@Service
public class UserService {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(UserService.class);

    private final UserStore users;
    private final TenantStore tenants;
    private final Passwords passwords;
    private final RefreshTokens refreshTokens;
    private final AuditTrail audit;
    private final Clock clock;
    private final TenantScope tenantScope;
    private final DataSource dataSource;

    UserService(UserStore users, TenantStore tenants, Passwords passwords, RefreshTokens refreshTokens,
                AuditTrail audit, Clock clock, TenantScope tenantScope, DataSource dataSource) {
        this.tenantScope = tenantScope;
        this.dataSource = dataSource;
        this.users = users;
        this.tenants = tenants;
        this.passwords = passwords;
        this.refreshTokens = refreshTokens;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Creates a user in a tenant without an acting user (seeding, sign-up, tenant creation).
     *
     * @throws PlatformException (409) when the e-mail is taken, (400) for a bad password
     */
    @Transactional
    public User createUnchecked(UUID tenantId, String email, String displayName, Set<Role> roles, String password,
                                String territory) {
        String normalised = normaliseEmail(email);
        if (TenantConnections.asSystem(dataSource, () -> users.emailExists(normalised))) { // e-mails are global
            throw PlatformException.conflict("a user with this e-mail already exists");
        }
        Instant now = clock.instant();
        User user = new User(UUID.randomUUID(), tenantId, normalised, displayName, Set.copyOf(roles), User.ACTIVE,
                territory, now, now);
        users.insert(user, password == null ? null : passwords.hash(password));
        return user;
    }

    /**
     * Creates a user in the signed-in admin's tenant.
     *
     * @throws PlatformException (403) for a role the actor may not grant, (409) for a taken e-mail
     */
    @Transactional
    public User create(CurrentUser actor, String email, String displayName, Set<Role> roles, String password,
                       String territory) {
        checkGrant(actor, roles);
        User user = createUnchecked(actor.tenantId(), email, displayName, roles, password, territory);
        audit.record("user.created", "user", user.id(), Map.of("roles", roleIds(roles)));
        log.info("Created user {} <{}> with roles {}", user.id(), user.email(), roleIds(roles));
        return user;
    }

    /**
     * A user of the actor's tenant.
     *
     * @throws PlatformException (404) when no such user exists in the tenant
     */
    @Transactional(readOnly = true)
    public User get(CurrentUser actor, UUID id) {
        return users.find(actor.tenantId(), id).orElseThrow(() -> PlatformException.notFound("user"));
    }

    /**
     * A page of the actor's tenant's users: one statement, so no transaction (autocommit, one round trip); row-level
     * security binds it through the request's tenant-scoped connection.
     */
    public List<User> list(CurrentUser actor, Role role, String status, String query, String cursor, int limit) {
        tenantScope.enter(actor.tenantId()); // row-level security as a second line behind the tenant filter
        return users.list(actor.tenantId(), role, status, query, Cursors.decode(cursor), limit);
    }

    /**
     * Changes a user; null arguments keep the current value.
     *
     * @throws PlatformException (404) unknown in the tenant, (403) role not grantable, (409) last owner
     */
    @Transactional
    public User update(CurrentUser actor, UUID id, String displayName, Set<Role> roles, String status,
                       String territory, String password) {
        User current = get(actor, id);
        if (roles != null) {
            checkGrant(actor, roles);
            if (current.roles().contains(Role.OWNER) && !actor.roles().contains(Role.OWNER)) {
                throw PlatformException.forbidden("only an owner can change an owner's roles");
            }
        }
        if (status != null && !User.ACTIVE.equals(status) && !User.DISABLED.equals(status)) {
            throw PlatformException.badRequest("status must be active or disabled");
        }
        User next = new User(current.id(), current.tenantId(), current.email(),
                displayName != null ? displayName : current.displayName(),
                roles != null ? Set.copyOf(roles) : current.roles(),
                status != null ? status : current.status(),
                territory != null ? territory : current.territory(), current.createdAt(), clock.instant());
        users.update(next);
        if (current.roles().contains(Role.OWNER) && users.activeOwners(actor.tenantId()) == 0) {
            throw PlatformException.conflict("the tenant's last active owner cannot be removed or disabled");
        }
        if (password != null) {
            users.setPassword(actor.tenantId(), id, passwords.hash(password));
            refreshTokens.revokeUser(id, "password_changed");
        }
        if (User.DISABLED.equals(next.status())) {
            refreshTokens.revokeUser(id, "disabled");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("roles", roleIds(next.roles()));
        details.put("status", next.status());
        details.put("password_changed", password != null);
        audit.record("user.updated", "user", id, details);
        return next;
    }

    /**
     * Deletes a user of the actor's tenant.
     *
     * @throws PlatformException (404) unknown in the tenant, (409) self or last owner
     */
    @Transactional
    public void delete(CurrentUser actor, UUID id) {
        User user = get(actor, id);
        if (user.id().equals(actor.id())) {
            throw PlatformException.conflict("you cannot delete yourself");
        }
        if (user.roles().contains(Role.OWNER) && !actor.roles().contains(Role.OWNER)) {
            throw PlatformException.forbidden("only an owner can delete an owner");
        }
        users.delete(actor.tenantId(), id);
        if (user.roles().contains(Role.OWNER) && users.activeOwners(actor.tenantId()) == 0) {
            throw PlatformException.conflict("the tenant's last active owner cannot be removed or disabled");
        }
        audit.record("user.deleted", "user", id, Map.of());
    }

    /** Lower-cased, trimmed e-mail. */
    public static String normaliseEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    private void checkGrant(CurrentUser actor, Set<Role> roles) {
        if (roles.isEmpty()) {
            throw PlatformException.badRequest("a user needs at least one role");
        }
        if (roles.contains(Role.PLATFORM_ADMIN)) {
            Tenant tenant = tenants.find(actor.tenantId()).orElseThrow();
            if (!Tenant.TIER_ADMIN.equals(tenant.tier()) || !actor.roles().contains(Role.PLATFORM_ADMIN)) {
                throw PlatformException.forbidden("platform_admin can only be granted by a platform admin of an admin-tier tenant");
            }
        }
        if (roles.contains(Role.OWNER) && !actor.roles().contains(Role.OWNER)) {
            throw PlatformException.forbidden("only an owner can grant owner");
        }
    }

    private static List<String> roleIds(Set<Role> roles) {
        return roles.stream().map(Role::id).sorted().toList();
    }
}
