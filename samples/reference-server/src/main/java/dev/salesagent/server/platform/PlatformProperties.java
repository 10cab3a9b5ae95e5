package dev.salesagent.server.platform;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Platform settings, prefix {@code salesagent.platform}. Every one of them can be set by an environment variable; the
 * server README's table lists the short names ({@code SALESAGENT_DATA_DIR}, {@code SALESAGENT_DB_URL}, ...).
 *
 * @param dataDir directory for the embedded PostgreSQL data (default {@code ./data}); unused with an external database
 * @param db external database settings; when {@code db.url} is blank the embedded PostgreSQL is started
 * @param demo the demo tenant seeded at start-up
 * @param registrationEnabled whether {@code POST /api/v1/auth/register} (self-service sign-up) is open; default true
 * @param tokens access and refresh token lifetimes
 * @param maxRequestBytes largest request body accepted, in bytes (default 1 MiB); larger bodies get 413
 * @param secrets encryption of per-tenant secrets
 */
@ConfigurationProperties("salesagent.platform")
public record PlatformProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue Db db,
        @DefaultValue Demo demo,
        @DefaultValue("true") boolean registrationEnabled,
        @DefaultValue Tokens tokens,
        @DefaultValue("1048576") long maxRequestBytes,
        @DefaultValue Secrets secrets) {

    /**
     * Keys of the per-tenant secrets (AES-256-GCM).
     *
     * @param key base64 of 32 random bytes ({@code openssl rand -base64 32}); blank uses (and on first start creates)
     *     {@code <data-dir>/secrets.key}, which suits one embedded instance only
     * @param previousKey the key before the last rotation, still accepted for reading; blank for none
     */
    public record Secrets(String key, String previousKey) {
    }

    /**
     * External database.
     *
     * @param url JDBC URL of an external PostgreSQL 15+; blank (the default) starts the embedded PostgreSQL
     * @param username user name for {@code url}
     * @param password password for {@code url}
     * @param cleanEmbedded whether to wipe the embedded data directory at start (tests only; default false)
     */
    public record Db(String url, String username, String password, @DefaultValue("false") boolean cleanEmbedded) {
        /** Whether an external database is configured. */
        public boolean external() {
            return url != null && !url.isBlank();
        }
    }

    /**
     * The demo tenant.
     *
     * @param enabled whether to seed tenant {@code demo} and the platform admin tenant at start (default true)
     * @param password password of {@code demo@example.com}; blank generates one and prints it once
     * @param platformAdminPassword password of {@code admin@example.com} (platform admin); blank generates and prints
     */
    public record Demo(@DefaultValue("true") boolean enabled, String password, String platformAdminPassword) {
    }

    /**
     * Token lifetimes.
     *
     * @param issuer the {@code iss} claim of access tokens (default {@code salesagent})
     * @param accessTokenTtl lifetime of a JWT access token (default 15 min)
     * @param refreshTokenTtl lifetime of an opaque refresh token (default 30 days; each use rotates it)
     * @param signingKeyRetention how long a rotated-out signing key still verifies tokens (default 1 h, at least the
     *     access token lifetime)
     * @param decodeCacheTtl how long a verified access token's decoded claims are reused by this instance (default
     *     60 s, never past the token's {@code exp}; {@code 0} verifies every request's token anew)
     */
    public record Tokens(@DefaultValue("salesagent") String issuer,
                         @DefaultValue("15m") Duration accessTokenTtl,
                         @DefaultValue("30d") Duration refreshTokenTtl,
                         @DefaultValue("1h") Duration signingKeyRetention,
                         @DefaultValue("60s") Duration decodeCacheTtl) {
    }
}
