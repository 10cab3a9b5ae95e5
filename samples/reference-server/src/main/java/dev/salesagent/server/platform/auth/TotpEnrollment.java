package dev.salesagent.server.platform.auth;

import dev.salesagent.server.platform.PlatformProperties;
import dev.salesagent.server.platform.audit.AuditTrail;
import dev.salesagent.server.platform.secret.TenantSecrets;
import dev.salesagent.server.platform.security.CurrentUser;
import dev.salesagent.server.platform.web.PlatformException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The optional TOTP second factor of a user: enrol (secret shown once), confirm with a first code, disable with a
 * current code, and the check at log-in. The secret is stored AES-GCM encrypted ({@link TenantSecrets#seal}), bound to
 * the user; each accepted code's time step is remembered so a code cannot be replayed.
 */
@Service
public class TotpEnrollment {

    private final JdbcClient jdbc;
    private final Totp totp;
    private final TenantSecrets crypto;
    private final AuditTrail audit;
    private final String issuer;

    TotpEnrollment(JdbcClient jdbc, Totp totp, TenantSecrets crypto, AuditTrail audit, PlatformProperties properties) {
        this.jdbc = jdbc;
        this.totp = totp;
        this.crypto = crypto;
        this.audit = audit;
        this.issuer = properties.tokens().issuer();
    }

    /**
     * A pending enrolment.
     *
     * @param secret Base32 secret to type into an authenticator app (shown once)
     * @param otpauthUri the same as an {@code otpauth://} URI for a QR code
     */
    public record Enrolment(String secret, String otpauthUri) {
    }

    /**
     * Starts (or restarts) enrolment; the factor is enforced only after {@link #confirm}.
     *
     * @throws PlatformException (409) when TOTP is already on
     */
    @Transactional
    public Enrolment enrol(CurrentUser user) {
        if (state(user.id()).map(State::enabled).orElse(false)) {
            throw PlatformException.conflict("TOTP is already enabled; disable it first");
        }
        String secret = totp.newSecret();
        jdbc.sql("update app_user set totp_secret = ?, totp_enabled = false, totp_last_step = null where id = ?")
                .params(crypto.seal(user.tenantId(), name(user.id()), secret), user.id()).update();
        return new Enrolment(secret, Totp.uri(issuer, user.email(), secret));
    }

    /**
     * Turns TOTP on with a first valid code.
     *
     * @throws PlatformException (400) without a pending enrolment or with a wrong code
     */
    @Transactional
    public void confirm(CurrentUser user, String code) {
        State s = state(user.id()).filter(st -> st.secret() != null)
                .orElseThrow(() -> PlatformException.badRequest("start enrolment first (POST /api/v1/me/totp)"));
        accept(user.tenantId(), user.id(), s, code).orElseThrow(() -> PlatformException.badRequest("the code is wrong"));
        jdbc.sql("update app_user set totp_enabled = true where id = ?").param(user.id()).update();
        audit.record("auth.totp_enabled", "user", user.id(), Map.of());
    }

    /**
     * Turns TOTP off with a current code.
     *
     * @throws PlatformException (400) when TOTP is off or the code is wrong
     */
    @Transactional
    public void disable(CurrentUser user, String code) {
        State s = state(user.id()).filter(State::enabled)
                .orElseThrow(() -> PlatformException.badRequest("TOTP is not enabled"));
        accept(user.tenantId(), user.id(), s, code).orElseThrow(() -> PlatformException.badRequest("the code is wrong"));
        jdbc.sql("update app_user set totp_secret = null, totp_enabled = false, totp_last_step = null where id = ?")
                .param(user.id()).update();
        audit.record("auth.totp_disabled", "user", user.id(), Map.of());
    }

    /**
     * The log-in check: passes when the user has no TOTP, or the code is valid and unused.
     *
     * @throws PlatformException (401 {@code totp-required}) when a code is needed but missing
     * @return false when the code is wrong or replayed
     */
    @Transactional
    public boolean check(UUID tenantId, UUID userId, String code) {
        Optional<State> s = state(userId).filter(State::enabled);
        if (s.isEmpty()) {
            return true;
        }
        if (code == null || code.isBlank()) {
            throw new PlatformException(HttpStatus.UNAUTHORIZED, "totp-required", "Second factor required",
                    "This account uses a one-time code: send totp_code with the e-mail and password");
        }
        return accept(tenantId, userId, s.get(), code).isPresent();
    }

    private Optional<Long> accept(UUID tenantId, UUID userId, State s, String code) {
        String secret = crypto.open(tenantId, name(userId), s.secret());
        var step = totp.verify(secret, code, s.lastStep() == null ? -1 : s.lastStep());
        if (step.isEmpty()) {
            return Optional.empty();
        }
        int won = jdbc.sql("""
                update app_user set totp_last_step = ? where id = ? and (totp_last_step is null or totp_last_step < ?)""")
                .params(step.getAsLong(), userId, step.getAsLong()).update();
        return won == 1 ? Optional.of(step.getAsLong()) : Optional.empty();
    }

    private Optional<State> state(UUID userId) {
        return jdbc.sql("select totp_secret, totp_enabled, totp_last_step from app_user where id = ?").param(userId)
                .query((rs, n) -> new State(rs.getBytes("totp_secret"), rs.getBoolean("totp_enabled"),
                        (Long) rs.getObject("totp_last_step")))
                .optional();
    }

    private static String name(UUID userId) {
        return "totp:" + userId;
    }

    private record State(byte[] secret, boolean enabled, Long lastStep) {
    }
}
