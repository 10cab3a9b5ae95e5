package dev.salesagent.server.workspace.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.salesagent.server.platform.PlatformTestSupport;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Outreach and follow_up agent runs store what they wrote for review: each e-mail as an outreach draft (the same
 * review, edit and approve flow as {@code POST /api/v1/outreach/drafts}), each follow-up plan as scheduled follow-up
 * touches; the run output links the draft ids.
 */
class RunDraftsTest extends PlatformTestSupport {

    static final String HOT = "{\"email\":\"%s\",\"first_name\":\"%s\",\"last_name\":\"Natarajan\","
            + "\"company\":\"Adobe\",\"title\":\"VP Revenue Operations\",\"industry\":\"Software\","
            + "\"employees\":29945,\"country\":\"US\",\"notes\":\"Budget approved for this quarter; wants a pilot asap.\"}";

    @Autowired
    OutreachDrafts drafts;

    private String lead(Session s, String body) throws Exception {
        MvcResult r = mvc.perform(s.auth(post("/api/v1/leads")).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn();
        return read(r, "$.id");
    }

    private MvcResult run(Session s, String type, List<String> leadIds) throws Exception {
        MvcResult started = mvc.perform(s.auth(post("/api/v1/agent-runs")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\":\"" + type + "\",\"lead_ids\":" + json(leadIds) + "}"))
                .andExpect(status().isAccepted()).andReturn();
        String runId = read(started, "$.id");
        long deadline = System.nanoTime() + 120_000_000_000L; // a safety net for a hung run, not a speed check
        while (true) {
            MvcResult r = mvc.perform(s.auth(get("/api/v1/agent-runs/" + runId))).andExpect(status().isOk())
                    .andReturn();
            String st = read(r, "$.status");
            if (st.equals("completed")) {
                return r;
            }
            assertThat(st).as(r.getResponse().getContentAsString()).isIn("queued", "running");
            assertThat(System.nanoTime()).as("run still " + st).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    @DisplayName("an outreach run stores its e-mails as drafts for review; a follow_up run schedules the touches")
    void runsStoreDraftsAndFollowUps() throws Exception {
        Session rep = createUser(register("Run Drafts"), "sales_rep");
        String priya = lead(rep, HOT.formatted("priya.natarajan@adobe.com", "Priya"));

        MvcResult outreach = run(rep, "outreach", List.of(priya));
        String runId = read(outreach, "$.id");
        String draftId = read(outreach, "$.output.leads[0].draft_id");
        assertThat((Integer) read(outreach, "$.output.drafts")).isEqualTo(1);
        String subject = read(outreach, "$.output.leads[0].outreach.subject");
        // the same draft the outreach endpoints review, edit and approve
        mvc.perform(rep.auth(get("/api/v1/outreach/drafts/" + draftId))).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("draft"))
                .andExpect(jsonPath("$.run_id").value(runId))
                .andExpect(jsonPath("$.lead_id").value(priya))
                .andExpect(jsonPath("$.to_email").value("priya.natarajan@adobe.com"))
                .andExpect(jsonPath("$.subject").value(subject))
                .andExpect(jsonPath("$.method").value("rules"));
        mvc.perform(rep.auth(get("/api/v1/outreach/drafts").param("leadId", priya))).andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(1));

        // storing the run again (a resumed or approved run) adds nothing
        UUID lead = UUID.fromString(priya);
        Map<UUID, UUID> again = drafts.createForRun(rep.tenantId(), rep.userId(), UUID.fromString(runId),
                List.of(new OutreachDrafts.RunDraft(lead, "priya.natarajan@adobe.com", "another", "another body",
                        "rules", null)));
        assertThat(again).containsExactly(Map.entry(lead, UUID.fromString(draftId)));
        assertThat(jdbc.sql("select count(*) from outreach_draft where run_id = ?").param(UUID.fromString(runId))
                .query(Integer.class).single()).isEqualTo(1);

        // reviewed and sent; then its touches are gone (sent before they were planned) and a follow_up run plans them
        mvc.perform(rep.auth(post("/api/v1/outreach/drafts/" + draftId + "/approve"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("sent"));
        jdbc.sql("delete from scheduled_tasks where task_instance like ?").param("%" + draftId + "%").update();
        jdbc.sql("delete from outreach_follow_up where draft_id = ?").param(UUID.fromString(draftId)).update();
        String sam = lead(rep, HOT.formatted("sam.natarajan@adobe.com", "Sam"));

        MvcResult followUp = run(rep, "follow_up", List.of(priya, sam));
        assertThat((String) read(followUp, "$.output.leads[0].follow_up_status")).isEqualTo("scheduled");
        assertThat((String) read(followUp, "$.output.leads[0].follow_up_of_draft_id")).isEqualTo(draftId);
        List<String> touchStatuses = read(followUp, "$.output.leads[0].follow_up_touches[*].status");
        assertThat(touchStatuses).isNotEmpty().containsOnly("scheduled");
        mvc.perform(rep.auth(get("/api/v1/outreach/drafts/" + draftId + "/follow-ups"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(touchStatuses.size()));
        assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_instance like ?")
                .param("%" + draftId + "%").query(Integer.class).single()).isEqualTo(touchStatuses.size());
        // a lead never e-mailed: its first e-mail is a draft; its touches are scheduled once that draft is sent
        String samDraft = read(followUp, "$.output.leads[1].draft_id");
        assertThat((String) read(followUp, "$.output.leads[1].follow_up_status")).isEqualTo("scheduled_when_sent");
        mvc.perform(rep.auth(get("/api/v1/outreach/drafts/" + samDraft))).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("draft"))
                .andExpect(jsonPath("$.to_email").value("sam.natarajan@adobe.com"));

        // a user of another tenant does not see the run drafts
        Session other = createUser(register("Run Drafts Other"), "sales_rep");
        mvc.perform(other.auth(get("/api/v1/outreach/drafts/" + draftId))).andExpect(status().isNotFound());
    }
}
