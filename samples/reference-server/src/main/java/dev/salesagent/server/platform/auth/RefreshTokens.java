package dev.salesagent.server.platform.auth;

import dev.salesagent.server.platform.PlatformProperties;
import dev.salesagent.server.platform.db.Sql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Opaque refresh tokens: 256 random bits, stored only as their SHA-256. Every use rotates the token (the presented one
 * is marked used and a new one of the same family is issued); presenting a used token again is reuse — a sign the
 * token was stolen — and revokes the whole family, so both the thief's and the user's next refresh fail.
 * Callers run {@link #rotate} in a transaction.
 */
@Component
public class RefreshTokens {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final PlatformProperties.Tokens settings;
    private final SecureRandom random = new SecureRandom();

    RefreshTokens(JdbcClient jdbc, Clock clock, PlatformProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = properties.tokens();
    }

    /** Outcome of presenting a refresh token. */
    public enum Outcome {
        /** Rotated: a new token was issued. */
        ROTATED,
        /** Unknown, expired or revoked token. */
        INVALID,
        /** A used token presented again: its family is now revoked. */
        REUSED
    }

    /**
     * The result of {@link #rotate}.
     *
     * @param outcome what happened
     * @param userId the token's user (null when unknown)
     * @param tenantId the token's tenant (null when unknown)
     * @param newToken the new token when rotated
     */
    public record Rotation(Outcome outcome, UUID userId, UUID tenantId, String newToken) {
    }

    /** Issues the first token of a new family (a log-in). */
    public String issue(UUID userId, UUID tenantId) {
        return issue(userId, tenantId, UUID.randomUUID());
    }

    /**
     * Rotates a presented token. Must run in a transaction (it locks the token's row).
     *
     * @param presented the raw token
     * @return what happened; on {@link Outcome#REUSED} the family is revoked in this transaction
     */
    public Rotation rotate(String presented) {
        Instant now = clock.instant();
        record Row(UUID id, UUID userId, UUID tenantId, UUID familyId, Instant expiresAt, Instant usedAt,
                   Instant revokedAt) {
        }
        Optional<Row> found = jdbc.sql("""
                select id, user_id, tenant_id, family_id, expires_at, used_at, revoked_at from refresh_token
                where token_hash = ? for update""").param(hash(presented))
                .query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                        rs.getObject("tenant_id", UUID.class), rs.getObject("family_id", UUID.class),
                        Sql.instant(rs, "expires_at"), Sql.instant(rs, "used_at"), Sql.instant(rs, "revoked_at")))
                .optional();
        if (found.isEmpty()) {
            return new Rotation(Outcome.INVALID, null, null, null);
        }
        Row row = found.get();
        if (row.revokedAt() != null || !row.expiresAt().isAfter(now)) {
            return new Rotation(Outcome.INVALID, row.userId(), row.tenantId(), null);
        }
        if (row.usedAt() != null) {
            revokeFamily(row.familyId(), "reuse");
            return new Rotation(Outcome.REUSED, row.userId(), row.tenantId(), null);
        }
        jdbc.sql("update refresh_token set used_at = ? where id = ?").params(Sql.ts(now), row.id()).update();
        return new Rotation(Outcome.ROTATED, row.userId(), row.tenantId(),
                issue(row.userId(), row.tenantId(), row.familyId()));
    }

    /**
     * Revokes the family of a presented token (log-out).
     *
     * @return the token's user id, empty when the token is unknown
     */
    public Optional<UUID> revoke(String presented) {
        return jdbc.sql("select family_id, user_id from refresh_token where token_hash = ?").param(hash(presented))
                .query((rs, n) -> {
                    revokeFamily(rs.getObject("family_id", UUID.class), "logout");
                    return rs.getObject("user_id", UUID.class);
                })
                .optional();
    }

    /** Revokes every token of a user (password change, user disabled). */
    public void revokeUser(UUID userId, String reason) {
        jdbc.sql("update refresh_token set revoked_at = ?, revoked_reason = ? where user_id = ? and revoked_at is null")
                .params(Sql.ts(clock.instant()), reason, userId).update();
    }

    private void revokeFamily(UUID familyId, String reason) {
        jdbc.sql("update refresh_token set revoked_at = ?, revoked_reason = ? where family_id = ? and revoked_at is null")
                .params(Sql.ts(clock.instant()), reason, familyId).update();
    }

    private String issue(UUID userId, UUID tenantId, UUID familyId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        jdbc.sql("""
                insert into refresh_token (id, tenant_id, user_id, family_id, token_hash, issued_at, expires_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), tenantId, userId, familyId, hash(token), Sql.ts(now),
                        Sql.ts(now.plus(settings.refreshTokenTtl())))
                .update();
        return token;
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
