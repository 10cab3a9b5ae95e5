package dev.salesagent.server.platform.gdpr;

import dev.salesagent.server.platform.audit.AuditTrail;
import dev.salesagent.server.platform.db.Sql;
import dev.salesagent.server.platform.security.CurrentUser;
import dev.salesagent.server.platform.security.Role;
import dev.salesagent.server.platform.user.User;
import dev.salesagent.server.platform.user.UserService;
import dev.salesagent.server.platform.user.UserStore;
import dev.salesagent.server.platform.web.PlatformException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * GDPR data subject requests for the people this platform holds data about (its users): export everything held
 * about an e-mail as one JSON document, and erasure by irreversible pseudonymisation. The audit chain stays valid:
 * audit rows hold ids, never e-mails, so erasing a person changes no audited row. Each request is recorded in
 * {@code gdpr_request} with the subject as a SHA-256 only.
 *
 * <p>Propagation of an erasure to the tenant's CRM is not done here yet: the CRM SPI has no contact delete; the
 * request records {@code not_supported} so the tenant knows to erase there.
 */
@Service
public class DataSubjectRequests {

    /** What {@code crm_propagation} records until the CRM SPI can delete contacts. */
    public static final String CRM_NOT_SUPPORTED = "not_supported";

    private final JdbcClient jdbc;
    private final UserStore users;
    private final AuditTrail audit;
    private final Clock clock;

    DataSubjectRequests(JdbcClient jdbc, UserStore users, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Everything held about a person of the actor's tenant.
     *
     * @param actor the signed-in admin
     * @param email the person's e-mail
     * @return the document: the user record, their sessions (refresh-token metadata) and the audit events they did
     *     or that targeted them
     * @throws PlatformException (404) when the tenant holds nobody with that e-mail
     */
    @Transactional
    public Map<String, Object> export(CurrentUser actor, String email) {
        User user = subject(actor, email);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("subject", UserService.normaliseEmail(email));
        doc.put("generated_at", clock.instant());
        doc.put("tenant_id", actor.tenantId());
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("id", user.id());
        profile.put("email", user.email());
        profile.put("display_name", user.displayName());
        profile.put("roles", user.roles().stream().map(Role::id).sorted().toList());
        profile.put("status", user.status());
        profile.put("territory", user.territory());
        profile.put("created_at", user.createdAt());
        profile.put("updated_at", user.updatedAt());
        doc.put("user", profile);
        doc.put("sessions", jdbc.sql("""
                select issued_at, expires_at, used_at, revoked_at, revoked_reason from refresh_token
                where tenant_id = ? and user_id = ? order by issued_at""").params(actor.tenantId(), user.id())
                .query((rs, n) -> {
                    Map<String, Object> session = new LinkedHashMap<>();
                    session.put("issued_at", Sql.instant(rs, "issued_at"));
                    session.put("expires_at", Sql.instant(rs, "expires_at"));
                    session.put("used_at", Sql.instant(rs, "used_at"));
                    session.put("revoked_at", Sql.instant(rs, "revoked_at"));
                    session.put("revoked_reason", rs.getString("revoked_reason"));
                    return session;
                }).list());
        doc.put("audit_events", jdbc.sql("""
                select seq, action, target_type, target_id, occurred_at, actor_id from audit_event
                where tenant_id = ? and (actor_id = ? or target_id = ?) order by seq""")
                .params(actor.tenantId(), user.id(), user.id().toString())
                .query((rs, n) -> {
                    Map<String, Object> event = new LinkedHashMap<>();
                    event.put("seq", rs.getLong("seq"));
                    event.put("action", rs.getString("action"));
                    event.put("target_type", rs.getString("target_type"));
                    event.put("target_id", rs.getString("target_id"));
                    event.put("occurred_at", Sql.instant(rs, "occurred_at"));
                    event.put("by_subject", user.id().equals(rs.getObject("actor_id", UUID.class)));
                    return event;
                }).list());
        record(actor, "export", email, user.id());
        audit.record("gdpr.exported", "user", user.id(), Map.of());
        return doc;
    }

    /**
     * Erases a person of the actor's tenant: e-mail and name replaced by a random pseudonym, password and territory
     * removed, user disabled, sessions deleted. Irreversible.
     *
     * @return the request id, the pseudonymised user id and what happened in the CRM
     * @throws PlatformException (404) unknown e-mail in the tenant, (409) the tenant's last owner or oneself
     */
    @Transactional
    public Map<String, Object> erase(CurrentUser actor, String email) {
        User user = subject(actor, email);
        if (user.id().equals(actor.id())) {
            throw PlatformException.conflict("you cannot erase yourself; ask another admin");
        }
        String pseudonym = "erased-" + UUID.randomUUID() + "@erased.invalid";
        int changed = jdbc.sql("""
                update app_user set email = ?, display_name = null, password_hash = null, territory = null,
                       status = 'disabled', updated_at = ? where tenant_id = ? and id = ?""")
                .params(pseudonym, Sql.ts(clock.instant()), actor.tenantId(), user.id()).update();
        if (changed != 1) {
            throw PlatformException.notFound("person");
        }
        if (user.roles().contains(Role.OWNER) && users.activeOwners(actor.tenantId()) == 0) {
            throw PlatformException.conflict("the tenant's last active owner cannot be erased");
        }
        jdbc.sql("delete from refresh_token where tenant_id = ? and user_id = ?").params(actor.tenantId(), user.id())
                .update();
        UUID requestId = record(actor, "erasure", email, user.id());
        audit.record("gdpr.erased", "user", user.id(), Map.of("request_id", requestId.toString(),
                "crm_propagation", CRM_NOT_SUPPORTED));
        return Map.of("request_id", requestId, "user_id", user.id(), "status", "erased",
                "crm_propagation", CRM_NOT_SUPPORTED);
    }

    /** The recorded requests of the actor's tenant, newest first. */
    @Transactional(readOnly = true)
    public List<Map<String, Object>> requests(CurrentUser actor) {
        return jdbc.sql("""
                select id, kind, subject_hash, subject_user_id, requested_by, created_at, crm_propagation
                from gdpr_request where tenant_id = ? order by created_at desc limit 100""").param(actor.tenantId())
                .query((rs, n) -> {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("id", rs.getObject("id", UUID.class));
                    r.put("kind", rs.getString("kind"));
                    r.put("subject_sha256", rs.getString("subject_hash"));
                    r.put("subject_user_id", rs.getObject("subject_user_id", UUID.class));
                    r.put("requested_by", rs.getObject("requested_by", UUID.class));
                    r.put("created_at", Sql.instant(rs, "created_at"));
                    r.put("crm_propagation", rs.getString("crm_propagation"));
                    return r;
                }).list();
    }

    private User subject(CurrentUser actor, String email) {
        return users.credentials(email == null ? "" : email.trim())
                .map(UserStore.Credentials::user)
                .filter(u -> u.tenantId().equals(actor.tenantId()))
                .orElseThrow(() -> PlatformException.notFound("person"));
    }

    private UUID record(CurrentUser actor, String kind, String email, UUID userId) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                insert into gdpr_request (id, tenant_id, kind, subject_hash, subject_user_id, requested_by, created_at,
                                          crm_propagation) values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, actor.tenantId(), kind, sha256(UserService.normaliseEmail(email)), userId, actor.id(),
                        Sql.ts(now), "export".equals(kind) ? "not_applicable" : CRM_NOT_SUPPORTED)
                .update();
        return id;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
