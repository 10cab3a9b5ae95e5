package dev.salesagent.server.workspace.outreach;

import dev.salesagent.server.platform.db.Sql;
import dev.salesagent.server.platform.db.TenantScope;
import dev.salesagent.server.platform.security.CurrentUser;
import dev.salesagent.server.platform.web.Cursors;
import dev.salesagent.server.platform.web.PlatformException;
import dev.salesagent.server.workspace.content.CreatorScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Outreach drafts of the tenants (table {@code outreach_draft}): created by the workspace's agent runs through
 * {@link #create} or by {@code POST /api/v1/outreach/drafts}, reviewed and edited, then approved and sent once.
 * Statuses: {@code draft} -> {@code sending} (claimed by one approval) -> {@code sent}, or {@code failed} (the mail
 * server refused it; can be edited and approved again).
 */
@Service
public class OutreachDrafts {

    /** Statuses in which a draft can still be edited and approved. */
    static final Set<String> OPEN = Set.of("draft", "failed");

    /**
     * A draft.
     *
     * @param id draft id
     * @param tenantId tenant
     * @param leadId workspace lead, if any
     * @param runId agent run that drafted it, if any
     * @param toEmail recipient
     * @param subject subject
     * @param body plain-text body
     * @param method rules, model or manual
     * @param model model that wrote it, if any
     * @param status draft, sending, sent or failed
     * @param createdBy creator (the user who started the run or called the endpoint), if any
     * @param approvedBy who approved it, if approved
     * @param messageId Message-ID of the sent e-mail
     * @param crmNoteId id of the note logged in the tenant's CRM
     * @param error why sending or logging to the CRM failed
     * @param createdAt creation time
     * @param updatedAt last change
     * @param sentAt when it was sent
     * @param kind {@code first_touch} or {@code follow_up}
     * @param parentId for a follow-up: the sent draft it follows up on
     * @param touch for a follow-up: its touch number in the parent's plan (1 = first after the sent e-mail)
     */
    public record Draft(UUID id, UUID tenantId, UUID leadId, UUID runId, String toEmail, String subject, String body,
                        String method, String model, String status, UUID createdBy, UUID approvedBy,
                        String messageId, String crmNoteId, String error, Instant createdAt, Instant updatedAt,
                        Instant sentAt, String kind, UUID parentId, Integer touch) {
    }

    private final JdbcClient jdbc;
    private final TenantScope scope;
    private final Clock clock;

    OutreachDrafts(JdbcClient jdbc, TenantScope scope, Clock clock) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.clock = clock;
    }

    /**
     * Stores a new draft for review (status {@code draft}).
     *
     * @param tenantId the tenant
     * @param createdBy the user on whose behalf it was drafted (its data scope owner), or null for the system
     * @param leadId the workspace lead, or null
     * @param toEmail the recipient's e-mail address
     * @param subject the subject
     * @param body the plain-text body
     * @param method {@code rules}, {@code model} or {@code manual}
     * @param model the model that wrote it, or null
     * @param runId the agent run that drafted it, or null
     * @return the stored draft
     * @throws PlatformException 400 if the address, subject or body is blank or the method unknown
     */
    @Transactional
    public Draft create(UUID tenantId, UUID createdBy, UUID leadId, String toEmail, String subject, String body,
                        String method, String model, UUID runId) {
        if (toEmail == null || !toEmail.contains("@") || subject == null || subject.isBlank() || body == null
                || body.isBlank()) {
            throw PlatformException.badRequest("a draft needs a recipient e-mail, a subject and a body");
        }
        if (!Set.of("rules", "model", "manual").contains(method)) {
            throw PlatformException.badRequest("method must be rules, model or manual but was " + method);
        }
        return insert(tenantId, createdBy, leadId, toEmail, subject, body, method, model, runId, null, null);
    }

    /**
     * Stores the follow-up draft of touch {@code touch} of a sent draft, for review (status {@code draft}, kind
     * {@code follow_up}, same recipient, lead and creator); it is mailed only once approved like any draft.
     *
     * @param parent the sent draft
     * @param touch the touch number in its plan
     * @param subject the subject
     * @param body the plain-text body
     * @return the stored draft
     */
    @Transactional
    public Draft createFollowUp(Draft parent, int touch, String subject, String body) {
        return insert(parent.tenantId(), parent.createdBy(), parent.leadId(), parent.toEmail(), subject, body, "rules",
                null, null, parent.id(), touch);
    }

    /**
     * One first-touch e-mail drafted by an agent run for a lead.
     *
     * @param leadId the workspace lead
     * @param toEmail the recipient (the lead's e-mail)
     * @param subject the subject
     * @param body the plain-text body
     * @param method {@code rules} or {@code model}
     * @param model the model that wrote it, or null
     */
    public record RunDraft(UUID leadId, String toEmail, String subject, String body, String method, String model) {
    }

    /**
     * Stores the first-touch drafts of an agent run for review (status {@code draft}, {@code run_id} set), at most
     * one per lead and run: storing the same run again (a run resumed after a restart, or approved after a pause)
     * adds nothing. Drafts without a recipient, subject or body are left out.
     *
     * @param tenantId the tenant
     * @param createdBy the user who started the run (the drafts' data scope owner)
     * @param runId the run
     * @param drafts the drafts
     * @return the run's draft id per lead (including drafts stored by an earlier attempt of the run)
     */
    @Transactional
    public java.util.Map<UUID, UUID> createForRun(UUID tenantId, UUID createdBy, UUID runId, List<RunDraft> drafts) {
        scope.enter(tenantId);
        List<RunDraft> valid = drafts.stream().filter(d -> d.leadId() != null && d.toEmail() != null
                && d.toEmail().contains("@") && d.subject() != null && !d.subject().isBlank() && d.body() != null
                && !d.body().isBlank()).toList();
        Instant now = now();
        for (int from = 0; from < valid.size(); from += 1000) {
            List<RunDraft> chunk = valid.subList(from, Math.min(valid.size(), from + 1000));
            jdbc.sql("""
                    insert into outreach_draft (id, tenant_id, lead_id, run_id, to_email, subject, body, method, model,
                                                status, created_by, created_at, updated_at, kind)
                    select gen_random_uuid(), ?, t.lead_id::uuid, ?, t.to_email, t.subject, t.body, t.method, t.model,
                           'draft', ?, ?, ?, 'first_touch'
                    from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                         as t(lead_id, to_email, subject, body, method, model)
                    on conflict (run_id, lead_id) where run_id is not null and kind = 'first_touch' do nothing""")
                    .params(tenantId, runId, createdBy, Sql.ts(now), Sql.ts(now),
                            chunk.stream().map(d -> d.leadId().toString()).toArray(String[]::new),
                            chunk.stream().map(d -> d.toEmail().strip()).toArray(String[]::new),
                            chunk.stream().map(d -> d.subject().strip()).toArray(String[]::new),
                            chunk.stream().map(RunDraft::body).toArray(String[]::new),
                            chunk.stream().map(RunDraft::method).toArray(String[]::new),
                            chunk.stream().map(RunDraft::model).toArray(String[]::new))
                    .update();
        }
        java.util.Map<UUID, UUID> ids = new java.util.LinkedHashMap<>();
        jdbc.sql("select lead_id, id from outreach_draft where tenant_id = ? and run_id = ? and kind = 'first_touch'")
                .params(tenantId, runId)
                .query((rs, n) -> ids.put(rs.getObject("lead_id", UUID.class), rs.getObject("id", UUID.class)))
                .list();
        return ids;
    }

    /**
     * The lead's most recently sent first-touch draft, without the caller's data scope (for agent runs).
     *
     * @param tenantId the tenant
     * @param leadId the workspace lead
     * @return the draft, or empty when nothing was sent to the lead
     */
    @Transactional(readOnly = true)
    public Optional<Draft> lastSent(UUID tenantId, UUID leadId) {
        scope.enter(tenantId);
        return jdbc.sql("""
                select * from outreach_draft where tenant_id = ? and lead_id = ? and kind = 'first_touch'
                  and status = 'sent' order by sent_at desc, id desc limit 1""").params(tenantId, leadId)
                .query(OutreachDrafts::row).optional();
    }

    private Draft insert(UUID tenantId, UUID createdBy, UUID leadId, String toEmail, String subject, String body,
                         String method, String model, UUID runId, UUID parentId, Integer touch) {
        scope.enter(tenantId);
        UUID id = UUID.randomUUID();
        Instant now = now();
        String kind = parentId == null ? "first_touch" : "follow_up";
        jdbc.sql("""
                insert into outreach_draft (id, tenant_id, lead_id, run_id, to_email, subject, body, method, model,
                                            status, created_by, created_at, updated_at, kind, parent_id, touch)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?)""")
                .params(id, tenantId, leadId, runId, toEmail.strip(), subject.strip(), body, method, model, createdBy,
                        Sql.ts(now), Sql.ts(now), kind, parentId, touch)
                .update();
        return new Draft(id, tenantId, leadId, runId, toEmail.strip(), subject.strip(), body, method, model, "draft",
                createdBy, null, null, null, null, now, now, null, kind, parentId, touch);
    }

    /**
     * A draft of a tenant, without the caller's data scope (for the system's follow-up tasks).
     *
     * @param tenantId the tenant
     * @param id the draft
     * @return the draft, or empty
     */
    @Transactional(readOnly = true)
    public Optional<Draft> find(UUID tenantId, UUID id) {
        scope.enter(tenantId);
        return jdbc.sql("select * from outreach_draft where tenant_id = ? and id = ?").params(tenantId, id)
                .query(OutreachDrafts::row).optional();
    }

    /**
     * A draft the caller can see.
     *
     * @throws PlatformException 404 otherwise
     */
    @Transactional(readOnly = true)
    public Draft get(CurrentUser user, UUID id) {
        return find(user, id).orElseThrow(() -> PlatformException.notFound("outreach draft"));
    }

    /** One page of the caller's visible drafts, newest first. */
    @Transactional(readOnly = true)
    List<Draft> list(CurrentUser user, UUID leadId, String status, Cursors.Position after, int limit) {
        scope.enter(user.tenantId());
        List<Object> params = new ArrayList<>(List.of(user.tenantId()));
        StringBuilder sql = new StringBuilder("select * from outreach_draft where tenant_id = ?");
        if (leadId != null) {
            sql.append(" and lead_id = ?");
            params.add(leadId);
        }
        if (status != null) {
            sql.append(" and status = ?");
            params.add(status);
        }
        if (after != null) {
            sql.append(" and (created_at, id) < (?, ?)");
            params.add(Sql.ts(after.createdAt()));
            params.add(after.id());
        }
        sql.append(CreatorScope.condition(user, "created_by", params)).append(" order by created_at desc, id desc limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(OutreachDrafts::row).list();
    }

    /**
     * Changes an open draft; null fields stay.
     *
     * @throws PlatformException 404 if not visible, 409 if it was already sent or is being sent
     */
    @Transactional
    Draft edit(CurrentUser user, UUID id, String toEmail, String subject, String body) {
        Draft d = get(user, id);
        if (!OPEN.contains(d.status())) {
            throw PlatformException.conflict("the draft is " + d.status() + " and can no longer be edited");
        }
        jdbc.sql("""
                update outreach_draft set to_email = ?, subject = ?, body = ?, method = 'manual', updated_at = ?
                where id = ? and tenant_id = ? and status in ('draft', 'failed')""")
                .params(toEmail == null ? d.toEmail() : toEmail.strip(), subject == null ? d.subject() : subject.strip(),
                        body == null ? d.body() : body, Sql.ts(now()), id, user.tenantId())
                .update();
        return get(user, id);
    }

    /**
     * Claims an open draft for sending: exactly one caller (across instances) moves it to {@code sending}.
     *
     * @return the claimed draft, or empty if it is not open (already sent or being sent)
     * @throws PlatformException 404 if not visible
     */
    @Transactional
    Optional<Draft> claim(CurrentUser user, UUID id) {
        get(user, id);
        return jdbc.sql("""
                update outreach_draft set status = 'sending', approved_by = ?, error = null, updated_at = ?
                where id = ? and tenant_id = ? and status in ('draft', 'failed') returning *""")
                .params(user.id(), Sql.ts(now()), id, user.tenantId()).query(OutreachDrafts::row).optional();
    }

    /** Records the outcome of a claimed draft's delivery. */
    @Transactional
    void delivered(UUID tenantId, UUID id, String messageId, String crmNoteId, String crmError) {
        scope.enter(tenantId);
        jdbc.sql("""
                update outreach_draft set status = 'sent', message_id = ?, crm_note_id = ?, error = ?, sent_at = ?,
                                          updated_at = ?
                where id = ? and tenant_id = ? and status = 'sending'""")
                .params(messageId, crmNoteId, crmError, Sql.ts(now()), Sql.ts(now()), id, tenantId).update();
    }

    /** Marks a claimed draft as failed, with the reason; it can be approved again. */
    @Transactional
    void failed(UUID tenantId, UUID id, String error) {
        scope.enter(tenantId);
        jdbc.sql("update outreach_draft set status = 'failed', error = ?, updated_at = ? where id = ? and tenant_id = ?"
                        + " and status = 'sending'")
                .params(error, Sql.ts(now()), id, tenantId).update();
    }

    private Optional<Draft> find(CurrentUser user, UUID id) {
        scope.enter(user.tenantId());
        List<Object> params = new ArrayList<>(List.of(user.tenantId(), id));
        String sql = "select * from outreach_draft where tenant_id = ? and id = ?"
                + CreatorScope.condition(user, "created_by", params);
        return jdbc.sql(sql).params(params).query(OutreachDrafts::row).optional();
    }

    private static Draft row(ResultSet rs, int n) throws SQLException {
        return new Draft(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                rs.getObject("lead_id", UUID.class), rs.getObject("run_id", UUID.class), rs.getString("to_email"),
                rs.getString("subject"), rs.getString("body"), rs.getString("method"), rs.getString("model"),
                rs.getString("status"), rs.getObject("created_by", UUID.class), rs.getObject("approved_by", UUID.class),
                rs.getString("message_id"), rs.getString("crm_note_id"), rs.getString("error"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"),
                rs.getTimestamp("sent_at") == null ? null : Sql.instant(rs, "sent_at"), rs.getString("kind"),
                rs.getObject("parent_id", UUID.class), (Integer) rs.getObject("touch"));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
