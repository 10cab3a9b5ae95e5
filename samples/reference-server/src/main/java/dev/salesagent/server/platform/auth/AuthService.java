package dev.salesagent.server.platform.auth;

import dev.salesagent.server.platform.PlatformProperties;
import dev.salesagent.server.platform.audit.AuditTrail;
import dev.salesagent.server.platform.tenant.Tenant;
import dev.salesagent.server.platform.tenant.TenantService;
import dev.salesagent.server.platform.tenant.TenantStore;
import dev.salesagent.server.platform.user.Passwords;
import dev.salesagent.server.platform.user.User;
import dev.salesagent.server.platform.user.UserStore;
import dev.salesagent.server.platform.web.PlatformException;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Log-in, refresh with rotation and reuse detection, log-out and self-service sign-up. Failures that must be recorded
 * (failed log-in, refresh-token reuse) commit their audit row and revocation before the error is returned.
 */
@Service
public class AuthService {

    private final UserStore users;
    private final TenantStore tenants;
    private final TenantService tenantService;
    private final Passwords passwords;
    private final TokenService tokens;
    private final RefreshTokens refreshTokens;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final PlatformProperties properties;
    private final TotpEnrollment totp;

    AuthService(UserStore users, TenantStore tenants, TenantService tenantService, Passwords passwords,
                TokenService tokens, RefreshTokens refreshTokens, AuditTrail audit, TransactionTemplate tx,
                PlatformProperties properties, TotpEnrollment totp) {
        this.totp = totp;
        this.users = users;
        this.tenants = tenants;
        this.tenantService = tenantService;
        this.passwords = passwords;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.audit = audit;
        this.tx = tx;
        this.properties = properties;
    }

    /**
     * An OAuth 2.0 token response (RFC 6749 section 5.1 names through the snake_case JSON naming).
     *
     * @param accessToken the JWT access token
     * @param tokenType always {@code Bearer}
     * @param expiresIn access token lifetime in seconds
     * @param refreshToken the opaque refresh token (single use)
     */
    public record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken) {
    }

    /**
     * Signs in with e-mail and password.
     *
     * @param totpCode the current one-time code when the user has TOTP on, else null
     * @throws PlatformException (401 {@code invalid-credentials}) for a wrong e-mail, password, one-time code or a
     *     disabled user — one answer for all, so e-mails cannot be probed; (401 {@code totp-required}) when the user
     *     has TOTP on and no code was sent; (403 {@code tenant-suspended}) for a suspended tenant
     */
    public TokenResponse login(String email, String password, String totpCode) {
        UserStore.Credentials found = users.credentials(email.trim()).orElse(null);
        if (found == null) {
            passwords.burn(password);
            throw invalidCredentials();
        }
        User user = found.user();
        if (!passwords.matches(password, found.passwordHash()) || !User.ACTIVE.equals(user.status())) {
            audit.record(user.tenantId(), user.id(), "auth.login_failed", "user", user.id(), Map.of());
            throw invalidCredentials();
        }
        if (Tenant.SUSPENDED.equals(found.tenantStatus())) {
            throw suspended();
        }
        if (!totp.check(user.tenantId(), user.id(), totpCode)) {
            audit.record(user.tenantId(), user.id(), "auth.login_failed", "user", user.id(), Map.of("factor", "totp"));
            throw invalidCredentials();
        }
        return tx.execute(s -> {
            audit.record(user.tenantId(), user.id(), "auth.login", "user", user.id(), Map.of("method", "password"));
            return issue(user, refreshTokens.issue(user.id(), user.tenantId()));
        });
    }

    /**
     * Exchanges a refresh token for a new pair; the presented token is spent.
     *
     * @throws PlatformException (401 {@code invalid-grant}) for an unknown, expired, revoked or reused token (reuse
     *     also revokes every token of its family); (403) for a suspended tenant or disabled user
     */
    public TokenResponse refresh(String presented) {
        RefreshTokens.Rotation rotation = tx.execute(s -> {
            RefreshTokens.Rotation r = refreshTokens.rotate(presented);
            if (r.outcome() == RefreshTokens.Outcome.REUSED) {
                audit.record(r.tenantId(), r.userId(), "auth.refresh_reuse", "user", r.userId(),
                        Map.of("family_revoked", true));
            }
            return r;
        });
        if (rotation.outcome() != RefreshTokens.Outcome.ROTATED) {
            throw PlatformException.unauthorized("invalid-grant", "The refresh token is invalid, expired or revoked");
        }
        var principal = users.principal(rotation.userId());
        if (principal.isEmpty()) {
            throw PlatformException.unauthorized("invalid-grant", "The user can no longer sign in");
        }
        if (principal.get().tenantSuspended()) {
            throw suspended();
        }
        User user = users.find(rotation.tenantId(), rotation.userId()).orElseThrow();
        return issue(user, rotation.newToken());
    }

    /** Revokes the family of a refresh token (log-out). Unknown tokens are ignored (log-out is idempotent). */
    public void logout(String presented) {
        tx.executeWithoutResult(s -> refreshTokens.revoke(presented).ifPresent(userId ->
                users.principal(userId).ifPresent(u ->
                        audit.record(u.tenantId(), u.id(), "auth.logout", "user", u.id(), Map.of()))));
    }

    /**
     * Self-service sign-up: a new customer tenant and its owner, signed in.
     *
     * @throws PlatformException (403 {@code registration-disabled}) when switched off, (409) for a taken e-mail
     */
    public TokenResponse register(String companyName, String email, String password, String displayName) {
        if (!properties.registrationEnabled()) {
            throw new PlatformException(HttpStatus.FORBIDDEN, "registration-disabled", "Registration disabled",
                    "Self-service sign-up is switched off on this server");
        }
        return tx.execute(s -> {
            TenantService.Created created = tenantService.create(null, companyName, Tenant.TIER_CUSTOMER, null, email,
                    password, null, "tenant.registered");
            User owner = created.owner();
            if (displayName != null) {
                owner = new User(owner.id(), owner.tenantId(), owner.email(), displayName, owner.roles(),
                        owner.status(), owner.territory(), owner.createdAt(), owner.updatedAt());
                users.update(owner);
            }
            return issue(owner, refreshTokens.issue(owner.id(), owner.tenantId()));
        });
    }

    /**
     * Signs in a user whose identity an external provider asserted (SSO log-in): no password, same token pair.
     *
     * @param user the user ({@code ExternalIdentities} found or provisioned them)
     * @param method how they signed in, audited (e.g. {@code sso:okta})
     * @throws PlatformException (401 {@code invalid-credentials}) for a disabled user, (403 {@code tenant-suspended})
     *     for a suspended tenant
     */
    public TokenResponse signInExternal(User user, String method) {
        var principal = users.principal(user.id());
        if (principal.isEmpty()) {
            throw invalidCredentials();
        }
        if (principal.get().tenantSuspended()) {
            throw suspended();
        }
        return tx.execute(s -> {
            audit.record(user.tenantId(), user.id(), "auth.login", "user", user.id(), Map.of("method", method));
            return issue(user, refreshTokens.issue(user.id(), user.tenantId()));
        });
    }

    private TokenResponse issue(User user, String refreshToken) {
        String slug = tenants.find(user.tenantId()).map(Tenant::slug).orElseThrow();
        return new TokenResponse(tokens.accessToken(user, slug), "Bearer", tokens.accessTokenTtl().toSeconds(),
                refreshToken);
    }

    private static PlatformException invalidCredentials() {
        return PlatformException.unauthorized("invalid-credentials", "E-mail or password is wrong");
    }

    private static PlatformException suspended() {
        return new PlatformException(HttpStatus.FORBIDDEN, "tenant-suspended", "Tenant suspended",
                "This tenant is suspended; contact the platform operator");
    }

}
