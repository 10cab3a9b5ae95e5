package dev.salesagent.server.workspace.outreach;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import dev.salesagent.agents.sales.Method;
import dev.salesagent.agents.sales.SalesAgents;
import dev.salesagent.agents.sales.followup.FollowUpPlan;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.scoring.BantScores;
import dev.salesagent.agents.sales.scoring.Grade;
import dev.salesagent.agents.sales.scoring.LeadScore;
import dev.salesagent.server.platform.db.Sql;
import dev.salesagent.server.platform.db.TenantScope;
import dev.salesagent.server.platform.security.CurrentUser;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Follow-up touches of sent outreach e-mails (table {@code outreach_follow_up}). When a draft is sent, the SDK's
 * follow-up planner ({@link SalesAgents#followUps()}) plans its touches from the workspace lead's grade (grade B's
 * sequence when the draft has no graded lead); every touch after day 0 becomes a db-scheduler task due on its date at
 * the time of day the e-mail was sent (UTC). A due e-mail touch creates a follow-up draft for review (never mailed
 * unreviewed); a phone or LinkedIn touch becomes {@code due} (a reminder). A touch fires once: the task's row lock
 * picks one instance, and the touch's {@code scheduled -> drafted|due} update is the guard if a task is re-run.
 */
@Service
public class FollowUps {

    /**
     * A planned touch.
     *
     * @param draftId the sent draft
     * @param touch touch number (1 = first after the sent e-mail)
     * @param day days after the send, as planned
     * @param channel email, phone or linkedin
     * @param purpose what the touch is for
     * @param dueAt when it fires
     * @param status scheduled, drafted, due or cancelled
     * @param followUpId the follow-up draft created for an e-mail touch
     * @param firedAt when it fired
     */
    public record Touch(UUID draftId, int touch, int day, String channel, String purpose, Instant dueAt, String status,
                        UUID followUpId, Instant firedAt) {
    }

    private final JdbcClient jdbc;
    private final TenantScope scope;
    private final OutreachDrafts drafts;
    private final SalesAgents agents;
    private final ObjectProvider<Scheduler> scheduler;
    private final Clock clock;

    FollowUps(JdbcClient jdbc, TenantScope scope, OutreachDrafts drafts, SalesAgents agents,
              ObjectProvider<Scheduler> scheduler, Clock clock) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.drafts = drafts;
        this.agents = agents;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /**
     * Plans and schedules the touches of a sent first-touch draft (none for a follow-up or a grade-D lead).
     *
     * @param sent the draft, status {@code sent}
     * @return the scheduled touches
     */
    @Transactional
    public List<Touch> schedule(OutreachDrafts.Draft sent) {
        if (!"sent".equals(sent.status()) || !"first_touch".equals(sent.kind())) {
            return List.of();
        }
        scope.enter(sent.tenantId());
        Instant sentAt = sent.sentAt() != null ? sent.sentAt() : clock.instant();
        FollowUpPlan plan = agents.followUps().plan(Lead.builder().email(sent.toEmail()).build(),
                score(sent), sentAt.atZone(ZoneOffset.UTC).toLocalDate());
        LocalTime at = LocalTime.ofInstant(sentAt, ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        int n = 0;
        for (FollowUpPlan.Touch t : plan.touches()) {
            if (t.day() == 0) {
                continue; // day 0 is the e-mail just sent
            }
            n++;
            Instant due = t.date().atTime(at).toInstant(ZoneOffset.UTC);
            int inserted = jdbc.sql("""
                    insert into outreach_follow_up (tenant_id, draft_id, touch, day, channel, purpose, due_at, status,
                                                    plan_kind, plan_method, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, 'scheduled', ?, ?, ?) on conflict do nothing""")
                    .params(sent.tenantId(), sent.id(), n, t.day(), t.channel().name().toLowerCase(Locale.ROOT),
                            t.purpose(), Sql.ts(due), plan.kind().id(), plan.method().id(), Sql.ts(clock.instant()))
                    .update();
            if (inserted == 1) {
                scheduler.getObject().scheduleIfNotExists(FollowUpTasks.task(sent.tenantId(), sent.id(), n), due);
            }
        }
        return touches(sent.tenantId(), sent.id());
    }

    /**
     * Fires a due touch (the task's body): creates the follow-up draft of an e-mail touch, marks others due.
     * Does nothing if the touch is no longer {@code scheduled} (cancelled, or already fired by a re-run task).
     *
     * @param instanceId the task instance id, {@code tenant/draft/touch}
     */
    @Transactional
    public void fire(String instanceId) {
        FollowUpTasks.Key key = FollowUpTasks.parse(instanceId);
        scope.enter(key.tenantId());
        Optional<Touch> claimed = jdbc.sql("""
                update outreach_follow_up set status = case when channel = 'email' then 'drafted' else 'due' end,
                                              fired_at = ?
                where tenant_id = ? and draft_id = ? and touch = ? and status = 'scheduled' returning *""")
                .params(Sql.ts(clock.instant()), key.tenantId(), key.draftId(), key.touch())
                .query(FollowUps::row).optional();
        if (claimed.isEmpty() || !"email".equals(claimed.get().channel())) {
            return;
        }
        OutreachDrafts.Draft parent = drafts.find(key.tenantId(), key.draftId()).orElseThrow();
        Touch t = claimed.get();
        String subject = parent.subject().startsWith("Re: ") ? parent.subject() : "Re: " + parent.subject();
        String body = "Hello,\n\nI am following up on my e-mail of " + parent.sentAt().atZone(ZoneOffset.UTC)
                .toLocalDate() + " (\"" + parent.subject() + "\"): I would like to " + t.purpose() + ".\n\n"
                + "Best regards\n";
        OutreachDrafts.Draft followUp = drafts.createFollowUp(parent, t.touch(), subject, body);
        jdbc.sql("update outreach_follow_up set follow_up_id = ? where tenant_id = ? and draft_id = ? and touch = ?")
                .params(followUp.id(), key.tenantId(), key.draftId(), key.touch()).update();
    }

    /**
     * The touches of a draft the caller can see.
     *
     * @param user the caller
     * @param draftId the draft
     * @return its touches in order
     */
    @Transactional(readOnly = true)
    public List<Touch> list(CurrentUser user, UUID draftId) {
        drafts.get(user, draftId);
        return touches(user.tenantId(), draftId);
    }

    /**
     * Cancels a draft's pending touches (the lead replied, bounced or dropped out); fired touches stay.
     *
     * @param user the caller
     * @param draftId the draft
     * @return its touches after cancelling
     */
    @Transactional
    public List<Touch> cancel(CurrentUser user, UUID draftId) {
        drafts.get(user, draftId);
        List<Integer> pending = jdbc.sql("""
                update outreach_follow_up set status = 'cancelled'
                where tenant_id = ? and draft_id = ? and status = 'scheduled' returning touch""")
                .params(user.tenantId(), draftId).query(Integer.class).list();
        for (int touch : pending) {
            TaskInstanceId id = FollowUpTasks.instance(user.tenantId(), draftId, touch);
            if (scheduler.getObject().getScheduledExecution(id).isPresent()) {
                scheduler.getObject().cancel(id);
            }
        }
        return touches(user.tenantId(), draftId);
    }

    private List<Touch> touches(UUID tenantId, UUID draftId) {
        scope.enter(tenantId);
        return jdbc.sql("select * from outreach_follow_up where tenant_id = ? and draft_id = ? order by touch")
                .params(tenantId, draftId).query(FollowUps::row).list();
    }

    /** The workspace lead's grade and score, or grade B's when the draft has no graded lead. */
    private LeadScore score(OutreachDrafts.Draft sent) {
        record Graded(String grade, Integer score) {
        }
        Optional<Graded> graded = sent.leadId() == null ? Optional.empty()
                : jdbc.sql("select grade, score from lead where tenant_id = ? and id = ? and grade is not null")
                .params(sent.tenantId(), sent.leadId())
                .query((rs, n) -> new Graded(rs.getString("grade"), (Integer) rs.getObject("score"))).optional();
        Grade grade = graded.map(g -> Grade.valueOf(g.grade().toUpperCase(Locale.ROOT))).orElse(Grade.B);
        int overall = graded.map(Graded::score).orElse(0);
        return new LeadScore(new BantScores(0, 0, 0, 0), overall, grade,
                List.of(graded.isPresent() ? "grade of the workspace lead" : "no graded lead: default sequence"),
                Method.RULES, null);
    }

    private static Touch row(ResultSet rs, int n) throws SQLException {
        return new Touch(rs.getObject("draft_id", UUID.class), rs.getInt("touch"), rs.getInt("day"),
                rs.getString("channel"), rs.getString("purpose"), Sql.instant(rs, "due_at"), rs.getString("status"),
                rs.getObject("follow_up_id", UUID.class),
                rs.getTimestamp("fired_at") == null ? null : Sql.instant(rs, "fired_at"));
    }
}
