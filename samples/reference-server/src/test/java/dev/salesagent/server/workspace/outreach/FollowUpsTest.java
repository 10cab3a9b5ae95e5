package dev.salesagent.server.workspace.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.kagkarlsson.scheduler.Scheduler;
import dev.salesagent.agents.sales.Method;
import dev.salesagent.agents.sales.followup.FollowUpPlan;
import dev.salesagent.agents.sales.followup.FollowUpPlanner;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.scoring.BantScores;
import dev.salesagent.agents.sales.scoring.Grade;
import dev.salesagent.agents.sales.scoring.LeadScore;
import dev.salesagent.server.platform.ContentBodies;
import dev.salesagent.server.platform.PlatformTestSupport;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

/** Follow-up touches: scheduled on db-scheduler when a draft is sent, fired once into a follow-up draft, cancellable. */
class FollowUpsTest extends PlatformTestSupport {

    @Autowired
    Scheduler scheduler;

    @Autowired
    FollowUps followUps;

    @Autowired
    OutreachDrafts drafts;

    @Test
    @DisplayName("approving schedules the planner's touches on their days; a due e-mail touch makes exactly one draft")
    void scheduleFireCancel() throws Exception {
        Session rep = createUser(register("Follow Ups"), "sales_rep");
        String to = email("follow");
        MvcResult created = mvc.perform(rep.auth(post("/api/v1/outreach/drafts")).contentType(MediaType.APPLICATION_JSON)
                        .content(ContentBodies.OUTREACH.replace("dana.reyes@acme-robotics.com", to)))
                .andExpect(status().isCreated()).andReturn();
        UUID id = UUID.fromString(read(created, "$.id"));
        mvc.perform(rep.auth(get("/api/v1/outreach/drafts/" + id + "/follow-ups")))
                .andExpect(status().isOk()).andExpect(jsonPath("$").isEmpty());

        mvc.perform(rep.auth(post("/api/v1/outreach/drafts/" + id + "/approve")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("sent"));
        Instant sentAt = drafts.find(rep.tenantId(), id).orElseThrow().sentAt();

        // the draft has no graded workspace lead: grade B's sequence, every touch after day 0
        FollowUpPlan plan = FollowUpPlanner.rules().plan(Lead.builder().email(to).build(),
                new LeadScore(new BantScores(0, 0, 0, 0), 0, Grade.B, List.of(), Method.RULES, null),
                sentAt.atZone(ZoneOffset.UTC).toLocalDate());
        LocalTime at = LocalTime.ofInstant(sentAt, ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        List<FollowUpPlan.Touch> expected = plan.touches().stream().filter(t -> t.day() > 0).toList();
        assertThat(expected).extracting(FollowUpPlan.Touch::day).containsExactly(3, 7, 14);

        MvcResult listed = mvc.perform(rep.auth(get("/api/v1/outreach/drafts/" + id + "/follow-ups")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(3))
                .andExpect(jsonPath("$[*].status").value(org.hamcrest.Matchers.everyItem(
                        org.hamcrest.Matchers.is("scheduled"))))
                .andExpect(jsonPath("$[*].channel").value(org.hamcrest.Matchers.contains("phone", "email", "linkedin")))
                .andReturn();
        List<String> due = read(listed, "$[*].due_at");
        for (int i = 0; i < expected.size(); i++) {
            Instant want = expected.get(i).date().atTime(at).toInstant(ZoneOffset.UTC);
            assertThat(Instant.parse(due.get(i))).isEqualTo(want);
            assertThat(taskTime(rep.tenantId(), id, i + 1)).isEqualTo(want);
        }

        // the e-mail touch (2) becomes due now: the running scheduler fires it once into a follow-up draft
        assertThat(scheduler.reschedule(FollowUpTasks.instance(rep.tenantId(), id, 2), Instant.now())).isTrue();
        scheduler.triggerCheckForDueExecutions();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (followUpDrafts(id) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(followUpDrafts(id)).isEqualTo(1);
        while (taskCount(rep.tenantId(), id, 2) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(taskCount(rep.tenantId(), id, 2)).isZero();
        // a re-run of the same task (a crash before db-scheduler removed it) changes nothing
        followUps.fire(FollowUpTasks.instance(rep.tenantId(), id, 2).getId());
        assertThat(followUpDrafts(id)).isEqualTo(1);

        mvc.perform(rep.auth(get("/api/v1/outreach/drafts").param("status", "draft")))
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].kind").value("follow_up"))
                .andExpect(jsonPath("$.items[0].parent_id").value(id.toString()))
                .andExpect(jsonPath("$.items[0].touch").value(2))
                .andExpect(jsonPath("$.items[0].to_email").value(to))
                .andExpect(jsonPath("$.items[0].subject").value(org.hamcrest.Matchers.startsWith("Re: ")));
        mvc.perform(rep.auth(get("/api/v1/outreach/drafts/" + id + "/follow-ups")))
                .andExpect(jsonPath("$[1].status").value("drafted"))
                .andExpect(jsonPath("$[1].follow_up_id").isNotEmpty())
                .andExpect(jsonPath("$[1].fired_at").isNotEmpty());

        // other tenants see nothing; the lead replied: pending touches are cancelled, the fired one stays
        Session stranger = register("Follow Ups Stranger");
        mvc.perform(stranger.auth(get("/api/v1/outreach/drafts/" + id + "/follow-ups")))
                .andExpect(status().isNotFound());
        mvc.perform(stranger.auth(delete("/api/v1/outreach/drafts/" + id + "/follow-ups")))
                .andExpect(status().isNotFound());
        mvc.perform(rep.auth(delete("/api/v1/outreach/drafts/" + id + "/follow-ups")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].status").value(org.hamcrest.Matchers.contains("cancelled", "drafted",
                        "cancelled")));
        assertThat(taskCount(rep.tenantId(), id, 1) + taskCount(rep.tenantId(), id, 3)).isZero();
        followUps.fire(FollowUpTasks.instance(rep.tenantId(), id, 3).getId());
        assertThat(followUpDrafts(id)).isEqualTo(1);
    }

    private int followUpDrafts(UUID parent) {
        return jdbc.sql("select count(*) from outreach_draft where parent_id = ? and kind = 'follow_up'")
                .param(parent).query(Integer.class).single();
    }

    private int taskCount(UUID tenant, UUID draft, int touch) {
        return jdbc.sql("select count(*) from scheduled_tasks where task_name = ? and task_instance = ?")
                .params(FollowUpScheduling.TASK, FollowUpTasks.instance(tenant, draft, touch).getId())
                .query(Integer.class).single();
    }

    private Instant taskTime(UUID tenant, UUID draft, int touch) {
        return jdbc.sql("select execution_time from scheduled_tasks where task_name = ? and task_instance = ?")
                .params(FollowUpScheduling.TASK, FollowUpTasks.instance(tenant, draft, touch).getId())
                .query(java.sql.Timestamp.class).single().toInstant();
    }
}
