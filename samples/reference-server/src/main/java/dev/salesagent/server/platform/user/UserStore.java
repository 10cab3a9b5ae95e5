package dev.salesagent.server.platform.user;

import dev.salesagent.server.platform.db.Sql;
import dev.salesagent.server.platform.security.CurrentUser;
import dev.salesagent.server.platform.security.Role;
import dev.salesagent.server.platform.security.RolePermissions;
import dev.salesagent.server.platform.tenant.Tenant;
import dev.salesagent.server.platform.web.Cursors;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Users in PostgreSQL. Every read and write of a tenant's users names the tenant.
 *
 * <p>The principals of bearer-token requests ({@link #cachedPrincipal}) are kept for
 * {@code salesagent.platform.principal-cache-ttl} (default 2 s, {@code 0} turns the cache off) in this process only,
 * so a request does not reload its user and tenant from the database. Every change through this process that alters a
 * principal (a user's roles, status or e-mail, a tenant's status, a user's deletion or erasure) evicts it at once and
 * again after its transaction commits; a change made by another instance is seen here within the TTL at the latest.
 * Only active users are kept: a user who can no longer sign in is looked up on every request.
 */
@Repository
public class UserStore {

    private final JdbcClient jdbc;
    private final Cache<UUID, CurrentUser> principals;

    UserStore(JdbcClient jdbc, @Value("${salesagent.platform.principal-cache-ttl:2s}") Duration principalTtl) {
        this.jdbc = jdbc;
        this.principals = principalTtl.isZero() || principalTtl.isNegative() ? null
                : Caffeine.newBuilder().expireAfterWrite(principalTtl).maximumSize(100_000).build();
    }

    /** A user and their password hash (for log-in only). */
    public record Credentials(User user, String passwordHash, String tenantStatus) {
    }

    /** Inserts a user. */
    public void insert(User u, String passwordHash) {
        jdbc.sql("""
                insert into app_user (id, tenant_id, email, display_name, password_hash, roles, status, territory,
                                      created_at, updated_at)
                values (?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?)""")
                .params(u.id(), u.tenantId(), u.email(), u.displayName(), passwordHash, roles(u.roles()), u.status(),
                        u.territory(), Sql.ts(u.createdAt()), Sql.ts(u.updatedAt()))
                .update();
    }

    /** Whether an e-mail is taken (case-insensitive, platform-wide). */
    public boolean emailExists(String email) {
        return jdbc.sql("select count(*) from app_user where lower(email) = lower(?)").param(email)
                .query(Integer.class).single() > 0;
    }

    /** The user of a tenant with this id; another tenant's id finds nothing. */
    public Optional<User> find(UUID tenantId, UUID id) {
        return jdbc.sql("select * from app_user where tenant_id = ? and id = ?").params(tenantId, id)
                .query(UserStore::row).optional();
    }

    /** The user with this e-mail and their hash, for log-in. */
    public Optional<Credentials> credentials(String email) {
        return jdbc.sql("""
                select u.*, t.status as tenant_status from app_user u join tenant t on t.id = u.tenant_id
                where lower(u.email) = lower(?)""").param(email)
                .query((rs, n) -> new Credentials(row(rs, n), rs.getString("password_hash"),
                        rs.getString("tenant_status")))
                .optional();
    }

    /** The signed-in user of a request (active users only), with the tenant's status: one indexed join per request. */
    public Optional<CurrentUser> principal(UUID userId) {
        return jdbc.sql("""
                select u.id, u.tenant_id, u.email, u.roles, u.status, u.territory, t.slug, t.status as tenant_status
                from app_user u join tenant t on t.id = u.tenant_id where u.id = ? and u.status = 'active'""")
                .param(userId)
                .query((rs, n) -> {
                    Set<Role> roles = parseRoles(Sql.strings(rs, "roles"));
                    return new CurrentUser(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                            rs.getString("slug"), Tenant.SUSPENDED.equals(rs.getString("tenant_status")),
                            rs.getString("email"), roles, RolePermissions.union(roles), rs.getString("territory"));
                })
                .optional();
    }

    /**
     * The signed-in user of a bearer-token request: {@link #principal} kept for the principal cache's TTL (see the
     * class comment), or loaded when absent or expired.
     *
     * @param userId the token's subject
     * @return the active user with the tenant's status, or empty when the user is unknown or not active
     */
    public Optional<CurrentUser> cachedPrincipal(UUID userId) {
        if (principals == null) {
            return principal(userId);
        }
        CurrentUser cached = principals.getIfPresent(userId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<CurrentUser> loaded = principal(userId);
        loaded.ifPresent(u -> principals.put(userId, u));
        return loaded;
    }

    /**
     * Drops a user's cached principal now and, inside a transaction, again after it commits (a request that reloads
     * it in between would otherwise keep the old row for a TTL).
     *
     * @param userId the user whose roles, status, e-mail or tenant changed
     */
    public void evictPrincipal(UUID userId) {
        evict(() -> principals.invalidate(userId));
    }

    /**
     * Drops the cached principals of every user of a tenant, now and after the current transaction commits.
     *
     * @param tenantId the tenant whose status or slug changed
     */
    public void evictTenantPrincipals(UUID tenantId) {
        evict(() -> principals.asMap().values().removeIf(u -> u.tenantId().equals(tenantId)));
    }

    private void evict(Runnable eviction) {
        if (principals == null) {
            return;
        }
        eviction.run();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    eviction.run();
                }
            });
        }
    }

    /** Updates a user's profile, roles and status; returns whether a row changed. */
    public boolean update(User u) {
        evictPrincipal(u.id());
        return jdbc.sql("""
                update app_user set display_name = ?, roles = ?::text[], status = ?, territory = ?, updated_at = ?
                where tenant_id = ? and id = ?""")
                .params(u.displayName(), roles(u.roles()), u.status(), u.territory(), Sql.ts(u.updatedAt()),
                        u.tenantId(), u.id())
                .update() == 1;
    }

    /** Sets a new password hash. */
    public void setPassword(UUID tenantId, UUID id, String hash) {
        jdbc.sql("update app_user set password_hash = ? where tenant_id = ? and id = ?").params(hash, tenantId, id)
                .update();
    }

    /** Deletes a user of a tenant; returns whether a row was deleted. */
    public boolean delete(UUID tenantId, UUID id) {
        evictPrincipal(id);
        return jdbc.sql("delete from app_user where tenant_id = ? and id = ?").params(tenantId, id).update() == 1;
    }

    /** Number of active owners of a tenant. */
    public int activeOwners(UUID tenantId) {
        return jdbc.sql("""
                select count(*) from app_user where tenant_id = ? and status = 'active' and 'owner' = any(roles)""")
                .param(tenantId).query(Integer.class).single();
    }

    /**
     * A page of a tenant's users in creation order.
     *
     * @param tenantId the tenant
     * @param role filter, may be null
     * @param status filter, may be null
     * @param query case-insensitive substring of e-mail or name, may be null
     * @param after keyset position, may be null
     * @param limit rows
     */
    public List<User> list(UUID tenantId, Role role, String status, String query, Cursors.Position after, int limit) {
        StringBuilder sql = new StringBuilder("select * from app_user where tenant_id = ?");
        List<Object> params = new ArrayList<>(List.of(tenantId));
        if (role != null) {
            sql.append(" and roles @> ?::text[]");
            params.add(roles(Set.of(role)));
        }
        if (status != null) {
            sql.append(" and status = ?");
            params.add(status);
        }
        if (query != null && !query.isBlank()) {
            sql.append(" and (email ilike ? or display_name ilike ?)");
            String like = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(like);
            params.add(like);
        }
        Sql.keysetPage(sql, params, after, limit);
        return jdbc.sql(sql.toString()).params(params).query(UserStore::row).list();
    }

    private static String roles(Set<Role> roles) {
        return Sql.textArray(roles.stream().map(Role::id).sorted().toList());
    }

    static Set<Role> parseRoles(List<String> ids) {
        return ids.stream().map(id -> Role.ofId(id).orElse(null)).filter(r -> r != null)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    private static User row(ResultSet rs, int n) throws SQLException {
        return new User(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class), rs.getString("email"),
                rs.getString("display_name"), parseRoles(Sql.strings(rs, "roles")), rs.getString("status"),
                rs.getString("territory"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
