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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * GDPR data subject requests for the people this platform holds data about (its users, and contacts with consent
 * records): export everything held about an e-mail as one JSON document, and erasure by irreversible pseudonymisation
 * of the user, deletion of their consent records and deletion of their contact in the tenant's CRM. The audit chain
 * stays valid: audit rows hold ids, never e-mails, so erasing a person changes no audited row. Each request is
 * recorded in {@code gdpr_request} with the subject as a SHA-256 only, its status ({@code completed} for exports,
 * {@code erased} or {@code incomplete} for erasures) and what each system did ({@code outcomes}).
 *
 * <p>The CRM call runs after the local erasure has committed, outside any database transaction (it is an HTTP call
 * with retries). A failed CRM call leaves the request {@code incomplete} with the reason; re-submitting the erasure
 * retries the CRM (the local part is then already done).
 */
@Service
public class DataSubjectRequests {

    /** Status of an erasure that every system completed. */
    public static final String ERASED = "erased";
    /** Status of an erasure whose CRM call failed (the local part is done); re-submit to retry. */
    public static final String INCOMPLETE = "incomplete";

    private final JdbcClient jdbc;
    private final UserStore users;
    private final AuditTrail audit;
    private final Clock clock;
    private final ConsentService consents;
    private final CrmErasure crm;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    DataSubjectRequests(JdbcClient jdbc, UserStore users, AuditTrail audit, Clock clock, ConsentService consents,
                        CrmErasure crm, PlatformTransactionManager transactions, JsonMapper json) {
        this.jdbc = jdbc;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
        this.consents = consents;
        this.crm = crm;
        this.tx = new TransactionTemplate(transactions);
        this.json = json;
    }

    /**
     * Everything held about a person of the actor's tenant.
     *
     * @param actor the signed-in admin
     * @param email the person's e-mail
     * @return the document: the consent flags (current and history), and for a user the user record, their sessions
     *     (refresh-token metadata) and the audit events they did or that targeted them
     * @throws PlatformException (404) when the tenant holds no user and no consent record with that e-mail
     */
    @Transactional
    public Map<String, Object> export(CurrentUser actor, String email) {
        Optional<User> found = user(actor, email);
        Map<String, Object> consentDoc = consents.document(actor.tenantId(), email);
        if (found.isEmpty() && ((List<?>) consentDoc.get("history")).isEmpty()) {
            throw PlatformException.notFound("person");
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("subject", UserService.normaliseEmail(email));
        doc.put("generated_at", clock.instant());
        doc.put("tenant_id", actor.tenantId());
        doc.put("consents", consentDoc.get("consents"));
        doc.put("consent_history", consentDoc.get("history"));
        if (found.isEmpty()) {
            doc.put("user", null);
            UUID requestId = record(actor, "export", email, null, "completed", "not_applicable", null);
            audit.record("gdpr.exported", "gdpr_request", requestId, Map.of());
            return doc;
        }
        User user = found.get();
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
        record(actor, "export", email, user.id(), "completed", "not_applicable", null);
        audit.record("gdpr.exported", "user", user.id(), Map.of());
        return doc;
    }

    /**
     * Erases a person of the actor's tenant: a user's e-mail and name replaced by a random pseudonym, password and
     * territory removed, user disabled, sessions deleted; the person's consent records deleted (one transaction); then
     * the person's contact deleted in the tenant's CRM ({@link CrmErasure}). Irreversible. Re-submitting retries the CRM.
     *
     * @param actor the signed-in admin
     * @param email the person's e-mail
     * @return the request id, the pseudonymised user id (or null), the status ({@value #ERASED}, or {@value #INCOMPLETE}
     *     when the CRM call failed), {@code crm_propagation} ({@code deleted}, {@code not_found}, {@code unsupported},
     *     {@code failed}) and the outcome per system
     * @throws PlatformException (404) when the tenant holds no user, no consent record and no CRM contact with that
     *     e-mail; (409) the tenant's last owner or oneself
     */
    public Map<String, Object> erase(CurrentUser actor, String email) {
        String subject = UserService.normaliseEmail(email);
        Map<String, Object> local = tx.execute(status -> eraseLocally(actor, subject));
        CrmErasure.Outcome crmOutcome = crm.erase(actor.tenantId(), subject);
        UUID userId = (UUID) local.get("user_id");
        boolean heldLocally = userId != null || (Integer) local.get("consents_deleted") > 0;
        if (!heldLocally && (crmOutcome.result() == CrmErasure.Result.NOT_FOUND
                || crmOutcome.result() == CrmErasure.Result.UNSUPPORTED)) {
            throw PlatformException.notFound("person");
        }
        String status = crmOutcome.result() == CrmErasure.Result.FAILED ? INCOMPLETE : ERASED;
        Map<String, Object> outcomes = new LinkedHashMap<>();
        outcomes.put("platform_user", userId != null ? "pseudonymised" : "none");
        outcomes.put("consents", local.get("consents_deleted"));
        outcomes.put("crm", crmOutcome.toMap());
        UUID requestId = tx.execute(s -> {
            UUID id = record(actor, "erasure", subject, userId, status, crmOutcome.result().id(), outcomes);
            audit.record("gdpr.erased", userId != null ? "user" : "gdpr_request", userId != null ? userId : id,
                    Map.of("request_id", id.toString(), "status", status, "crm_propagation", crmOutcome.result().id()));
            return id;
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("request_id", requestId);
        out.put("user_id", userId);
        out.put("status", status);
        out.put("crm_propagation", crmOutcome.result().id());
        out.put("outcomes", outcomes);
        return out;
    }

    private Map<String, Object> eraseLocally(CurrentUser actor, String subject) {
        Optional<User> found = user(actor, subject);
        UUID userId = null;
        if (found.isPresent()) {
            User user = found.get();
            if (user.id().equals(actor.id())) {
                throw PlatformException.conflict("you cannot erase yourself; ask another admin");
            }
            String pseudonym = "erased-" + UUID.randomUUID() + "@erased.invalid";
            users.evictPrincipal(user.id());
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
            jdbc.sql("delete from refresh_token where tenant_id = ? and user_id = ?")
                    .params(actor.tenantId(), user.id()).update();
            userId = user.id();
        }
        Map<String, Object> local = new HashMap<>();
        local.put("user_id", userId);
        local.put("consents_deleted", consents.erase(actor.tenantId(), subject));
        return local;
    }

    /** The recorded requests of the actor's tenant, newest first. */
    @Transactional(readOnly = true)
    public List<Map<String, Object>> requests(CurrentUser actor) {
        return jdbc.sql("""
                select id, kind, subject_hash, subject_user_id, requested_by, created_at, crm_propagation, status,
                       outcomes
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
                    r.put("status", rs.getString("status"));
                    String outcomes = rs.getString("outcomes");
                    r.put("outcomes", outcomes == null ? null : json.readTree(outcomes));
                    return r;
                }).list();
    }

    private Optional<User> user(CurrentUser actor, String email) {
        return users.credentials(email == null ? "" : email.trim())
                .map(UserStore.Credentials::user)
                .filter(u -> u.tenantId().equals(actor.tenantId()));
    }

    private UUID record(CurrentUser actor, String kind, String email, UUID userId, String status, String crmPropagation,
                        Map<String, Object> outcomes) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                insert into gdpr_request (id, tenant_id, kind, subject_hash, subject_user_id, requested_by, created_at,
                                          crm_propagation, status, outcomes) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, actor.tenantId(), kind, sha256(UserService.normaliseEmail(email)), userId, actor.id(),
                        Sql.ts(now), crmPropagation, status, outcomes == null ? null : json.writeValueAsString(outcomes))
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
