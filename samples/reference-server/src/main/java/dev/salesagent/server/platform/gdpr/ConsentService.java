package dev.salesagent.server.platform.gdpr;

import dev.salesagent.server.platform.audit.AuditTrail;
import dev.salesagent.server.platform.db.Sql;
import dev.salesagent.server.platform.db.TenantScope;
import dev.salesagent.server.platform.security.CurrentUser;
import dev.salesagent.server.platform.user.UserService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consent flags on contacts, per tenant and e-mail: one row per change in {@code contact_consent} (the history is
 * kept; the newest row of a purpose is its current state). No record means no consent (opt-in), so
 * {@link #allows(UUID, String, ConsentPurpose)} is {@code false} for people never asked. Audit events name the change,
 * never the e-mail. An erasure deletes every row of the person ({@link #erase}).
 */
@Service
public class ConsentService {

    /** One recorded change. */
    public record ConsentRecord(ConsentPurpose purpose, boolean granted, String source, Instant recordedAt,
                                UUID recordedBy) {
    }

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final TenantScope tenantScope;
    private final Clock clock;

    ConsentService(JdbcClient jdbc, AuditTrail audit, TenantScope tenantScope, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.tenantScope = tenantScope;
        this.clock = clock;
    }

    /**
     * Whether the person currently consents to the purpose in this tenant: the newest record of the purpose says
     * granted. For outreach to call before contacting someone.
     *
     * @param tenantId the tenant
     * @param email the person's e-mail, any case
     * @param purpose what the contact would be for
     * @return {@code true} only if the newest record grants it; {@code false} without any record
     */
    @Transactional(readOnly = true)
    public boolean allows(UUID tenantId, String email, ConsentPurpose purpose) {
        tenantScope.enter(tenantId);
        return jdbc.sql("""
                select granted from contact_consent where tenant_id = ? and email = ? and purpose = ?
                order by recorded_at desc, id desc limit 1""")
                .params(tenantId, UserService.normaliseEmail(email), purpose.id())
                .query(Boolean.class).optional().orElse(false);
    }

    /**
     * Every recorded change of the person in this tenant, oldest first.
     *
     * @param tenantId the tenant
     * @param email the person's e-mail, any case
     * @return the history; empty when nothing was recorded
     */
    @Transactional(readOnly = true)
    public List<ConsentRecord> history(UUID tenantId, String email) {
        tenantScope.enter(tenantId);
        return jdbc.sql("""
                select purpose, granted, source, recorded_at, recorded_by from contact_consent
                where tenant_id = ? and email = ? order by recorded_at, id""")
                .params(tenantId, UserService.normaliseEmail(email))
                .query((rs, n) -> new ConsentRecord(ConsentPurpose.ofId(rs.getString("purpose")).orElseThrow(),
                        rs.getBoolean("granted"), rs.getString("source"), Sql.instant(rs, "recorded_at"),
                        rs.getObject("recorded_by", UUID.class)))
                .list();
    }

    /**
     * The person's consents as one document: the current state per purpose (purposes never recorded are absent)
     * and the history.
     *
     * @param tenantId the tenant
     * @param email the person's e-mail, any case
     * @return {@code {"email", "consents": {purpose: {granted, source, recorded_at}}, "history": [...]}}
     */
    @Transactional(readOnly = true)
    public Map<String, Object> document(UUID tenantId, String email) {
        List<ConsentRecord> history = history(tenantId, email);
        Map<ConsentPurpose, ConsentRecord> current = new EnumMap<>(ConsentPurpose.class);
        history.forEach(r -> current.put(r.purpose(), r));
        Map<String, Object> consents = new LinkedHashMap<>();
        current.forEach((p, r) -> consents.put(p.id(), entry(r, false)));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("email", UserService.normaliseEmail(email));
        doc.put("consents", consents);
        doc.put("history", history.stream().map(r -> entry(r, true)).toList());
        return doc;
    }

    /**
     * Records the person's consent for one or more purposes (one history row each) and audits the change.
     *
     * @param actor who records it (their tenant is the consent's tenant)
     * @param email the person's e-mail, any case
     * @param purposes granted ({@code true}) or withdrawn ({@code false}) per purpose
     * @param source where the consent was given, e.g. {@code web_form}, {@code call}, {@code import}
     * @return the person's consent document after the change
     */
    @Transactional
    public Map<String, Object> record(CurrentUser actor, String email, Map<ConsentPurpose, Boolean> purposes,
                                      String source) {
        tenantScope.enter(actor.tenantId());
        Instant now = clock.instant();
        String normalised = UserService.normaliseEmail(email);
        List<String> changes = new ArrayList<>();
        UUID first = null;
        for (Map.Entry<ConsentPurpose, Boolean> e : new EnumMap<>(purposes).entrySet()) {
            UUID id = UUID.randomUUID();
            first = first == null ? id : first;
            jdbc.sql("""
                    insert into contact_consent (id, tenant_id, email, purpose, granted, source, recorded_at, recorded_by)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, actor.tenantId(), normalised, e.getKey().id(), e.getValue(), source, Sql.ts(now),
                            actor.id())
                    .update();
            changes.add(e.getKey().id() + "=" + (e.getValue() ? "granted" : "withdrawn"));
        }
        audit.record("consent.recorded", "consent", first, Map.of("changes", String.join(",", changes),
                "source", source));
        return document(actor.tenantId(), normalised);
    }

    /**
     * Deletes every consent record of the person in the tenant (part of an erasure).
     *
     * @param tenantId the tenant
     * @param email the person's e-mail, any case
     * @return the number of rows deleted
     */
    @Transactional
    public int erase(UUID tenantId, String email) {
        tenantScope.enter(tenantId);
        return jdbc.sql("delete from contact_consent where tenant_id = ? and email = ?")
                .params(tenantId, UserService.normaliseEmail(email)).update();
    }

    private static Map<String, Object> entry(ConsentRecord r, boolean withPurpose) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (withPurpose) {
            m.put("purpose", r.purpose().id());
        }
        m.put("granted", r.granted());
        m.put("source", r.source());
        m.put("recorded_at", r.recordedAt());
        m.put("recorded_by", r.recordedBy());
        return m;
    }
}
