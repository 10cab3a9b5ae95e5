package dev.salesagent.server.agentplatform.apikey;

import dev.salesagent.server.platform.audit.AuditTrail;
import dev.salesagent.server.platform.db.Sql;
import dev.salesagent.server.platform.security.CurrentUser;
import dev.salesagent.server.platform.security.Permission;
import dev.salesagent.server.platform.user.UserStore;
import dev.salesagent.server.platform.web.PlatformException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Per-tenant API keys of the agent platform (migration V43). A key is {@value #PREFIX} followed by 43 base64url
 * characters (256 random bits); it is shown once, on creation, and only its SHA-256 is stored. A key acts for the
 * tenant admin who created it, limited to {@code agents:read} and {@code agents:run} (and to what that user may still
 * do: a disabled creator disables the key), and only on the LangGraph endpoints ({@link ApiKeyAuthenticationFilter}).
 * Creation and revocation are audited ({@code api-key.created}, {@code api-key.revoked}).
 */
@Service
public class ApiKeys {

    /** Every key starts with this, so leaked keys are easy to find by secret scanners. */
    public static final String PREFIX = "sak_";
    /** What a key may do at most. */
    static final Set<Permission> SCOPE = EnumSet.of(Permission.AGENTS_READ, Permission.AGENTS_RUN);

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A key as listings show it (never the key itself).
     *
     * @param id        the key's id
     * @param name      what the admin called it
     * @param prefix    the key's first 12 characters
     * @param createdBy the admin the key acts for
     * @param createdAt when it was created
     * @param revokedAt when it was revoked, or null while it is valid
     */
    public record ApiKey(UUID id, String name, String prefix, UUID createdBy, Instant createdAt, Instant revokedAt) {
    }

    /**
     * A new key and the key itself (shown this once).
     *
     * @param key    the stored key
     * @param secret the key to send as {@code x-api-key}
     */
    public record Created(ApiKey key, String secret) {
    }

    private final JdbcClient jdbc;
    private final UserStore users;
    private final AuditTrail audit;
    private final Clock clock;

    ApiKeys(JdbcClient jdbc, UserStore users, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Creates a key for the tenant, acting for the creating admin.
     *
     * @param creator the signed-in admin
     * @param name    a name to recognise the key by (1 to 100 characters)
     * @return the key and its secret
     */
    @Transactional
    public Created create(CurrentUser creator, String name) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String prefix = secret.substring(0, 12);
        jdbc.sql("insert into lg_api_key (id, tenant_id, name, prefix, key_hash, created_by, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?)")
                .params(id, creator.tenantId(), name, prefix, hash(secret), creator.id(), Sql.ts(now)).update();
        audit.record(creator.tenantId(), creator.id(), "api-key.created", "api_key", id,
                Map.of("name", name, "prefix", prefix));
        return new Created(find(creator.tenantId(), id).orElseThrow(), secret);
    }

    /** {@return the tenant's keys, newest first} */
    @Transactional(readOnly = true)
    public List<ApiKey> list(UUID tenantId) {
        return jdbc.sql("select * from lg_api_key where tenant_id = ? order by created_at desc, id")
                .param(tenantId).query(ApiKeys::row).list();
    }

    /**
     * Revokes a key of the tenant (again: no change).
     *
     * @param actor the signed-in admin
     * @param id    the key
     * @throws PlatformException 404 when the tenant has no such key
     */
    @Transactional
    public void revoke(CurrentUser actor, UUID id) {
        ApiKey key = find(actor.tenantId(), id).orElseThrow(() -> PlatformException.notFound("API key"));
        if (key.revokedAt() != null) {
            return;
        }
        jdbc.sql("update lg_api_key set revoked_at = ?, revoked_by = ? where id = ? and tenant_id = ?")
                .params(Sql.ts(clock.instant()), actor.id(), id, actor.tenantId()).update();
        audit.record(actor.tenantId(), actor.id(), "api-key.revoked", "api_key", id,
                Map.of("name", key.name(), "prefix", key.prefix()));
    }

    /**
     * The principal a key acts as: its creator, with the creator's permissions limited to {@link #SCOPE}.
     *
     * @param secret the {@code x-api-key} header
     * @return the principal, or empty when the key is unknown, revoked, or its creator can no longer sign in
     */
    @Transactional(readOnly = true)
    public Optional<CurrentUser> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        Optional<UUID[]> owner = jdbc.sql("select tenant_id, created_by from lg_api_key where key_hash = ?"
                        + " and revoked_at is null").param(hash(secret))
                .query((rs, n) -> new UUID[] {rs.getObject("tenant_id", UUID.class),
                        rs.getObject("created_by", UUID.class)})
                .optional();
        return owner.flatMap(o -> users.principal(o[1]).filter(u -> u.tenantId().equals(o[0])).map(u -> {
            EnumSet<Permission> scoped = EnumSet.noneOf(Permission.class);
            u.permissions().stream().filter(SCOPE::contains).forEach(scoped::add);
            return new CurrentUser(u.id(), u.tenantId(), u.tenantSlug(), u.tenantSuspended(), u.email(), u.roles(),
                    Set.copyOf(scoped), u.territory());
        }));
    }

    private Optional<ApiKey> find(UUID tenantId, UUID id) {
        return jdbc.sql("select * from lg_api_key where tenant_id = ? and id = ?").params(tenantId, id)
                .query(ApiKeys::row).optional();
    }

    private static ApiKey row(ResultSet rs, int n) throws SQLException {
        return new ApiKey(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("prefix"),
                rs.getObject("created_by", UUID.class), Sql.instant(rs, "created_at"), Sql.instant(rs, "revoked_at"));
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
