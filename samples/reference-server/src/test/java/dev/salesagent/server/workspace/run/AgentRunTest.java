package dev.salesagent.server.workspace.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.salesagent.crm.PageRequest;
import dev.salesagent.server.platform.PlatformTestSupport;
import dev.salesagent.server.platform.crm.InMemoryTenantCrmClients;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

/** Agent runs end to end on the rules agents and the tenant's memory CRM, followed over SSE. */
class AgentRunTest extends PlatformTestSupport {

    @Autowired
    InMemoryTenantCrmClients crms;

    static final String[] LEADS = {
        "{\"email\":\"priya.natarajan@adobe.com\",\"first_name\":\"Priya\",\"last_name\":\"Natarajan\","
            + "\"company\":\"Adobe\",\"title\":\"VP Revenue Operations\",\"industry\":\"Software\","
            + "\"employees\":29945,\"country\":\"US\",\"notes\":\"Budget approved for this quarter; wants a pilot asap.\"}",
        "{\"email\":\"marcus.lee@salesforce.com\",\"company\":\"Salesforce\",\"title\":\"Director of Sales Development\","
            + "\"industry\":\"Software\",\"employees\":72682,\"country\":\"US\"}",
        "{\"email\":\"intern@tinybakery.example.org\",\"company\":\"Tiny Bakery\",\"title\":\"Intern\","
            + "\"employees\":3}"};

    private List<String> leads(Session s) throws Exception {
        List<String> ids = new ArrayList<>();
        for (String body : LEADS) {
            MvcResult r = mvc.perform(s.auth(post("/api/v1/leads")).contentType(MediaType.APPLICATION_JSON)
                    .content(body)).andExpect(status().isCreated()).andReturn();
            ids.add(read(r, "$.id"));
        }
        return ids;
    }

    private String start(Session s, String type, List<String> ids, boolean approval) throws Exception {
        MvcResult r = mvc.perform(s.auth(post("/api/v1/agent-runs")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\":\"" + type + "\",\"lead_ids\":" + json(ids) + ",\"require_approval\":"
                                + approval + "}"))
                .andExpect(status().isAccepted()).andExpect(jsonPath("$.status").value("queued")).andReturn();
        return read(r, "$.id");
    }

    private MvcResult awaitStatus(Session s, String runId, String wanted) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L; // a safety net for a hung run, not a speed check
        while (true) {
            MvcResult r = mvc.perform(s.auth(get("/api/v1/agent-runs/" + runId))).andExpect(status().isOk())
                    .andReturn();
            String st = read(r, "$.status");
            if (st.equals(wanted)) {
                return r;
            }
            assertThat(st).as(r.getResponse().getContentAsString()).isNotIn("failed", "cancelled");
            assertThat(System.nanoTime()).as("run " + runId + " still " + st).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    @DisplayName("lead_pipeline: steps, scores on the leads, records in the memory CRM, SSE events in order")
    void leadPipelineEndToEnd() throws Exception {
        Session rep = createUser(register("Runs Pipeline"), "sales_rep");
        List<String> ids = leads(rep);
        String runId = start(rep, "lead_pipeline", ids, false);
        // a live subscriber from the start
        MvcResult live = mvc.perform(rep.auth(get("/api/v1/agent-runs/" + runId + "/events")))
                .andExpect(request().asyncStarted()).andReturn();

        MvcResult done = awaitStatus(rep, runId, "completed");
        assertThat((String) read(done, "$.method")).isEqualTo("rules");
        assertThat(((Number) read(done, "$.cost_usd")).doubleValue()).isZero();
        assertThat(((Number) read(done, "$.input_tokens")).longValue()).isZero();
        List<String> nodes = read(done, "$.steps[?(@.graph == 'lead_pipeline')].node");
        assertThat(nodes.stream().filter("analyze"::equals).count()).isEqualTo(3);
        assertThat(nodes).contains("crm_sync", "result");
        List<String> leadNodes = read(done, "$.steps[?(@.graph == 'lead')].node");
        assertThat(leadNodes.stream().filter("validate"::equals).count()).isEqualTo(3);
        assertThat(leadNodes.stream().filter("score"::equals).count()).isEqualTo(3);
        List<String> outcomes = read(done, "$.steps[*].outcome");
        assertThat(outcomes).containsOnly("completed");
        List<Integer> durations = read(done, "$.steps[*].duration_ms");
        assertThat(durations).allMatch(d -> d >= 0);
        List<String> grades = read(done, "$.output.leads[*].grade");
        assertThat(grades).hasSize(3).doesNotContainNull();

        // scores landed on the leads
        mvc.perform(rep.auth(get("/api/v1/leads/" + ids.get(0)))).andExpect(status().isOk())
                .andExpect(jsonPath("$.score_method").value("rules"))
                .andExpect(jsonPath("$.grade").isNotEmpty())
                .andExpect(jsonPath("$.breakdown.budget").isNumber())
                .andExpect(jsonPath("$.reasons").isArray());
        // the tenant's memory CRM has the contacts
        var crm = crms.memory(rep.tenantId());
        assertThat(crm.contacts().findByEmail("priya.natarajan@adobe.com")).isPresent();
        assertThat(crm.contacts().findByEmail("marcus.lee@salesforce.com")).isPresent();

        // SSE: the live stream ended with run.completed, events in order with increasing ids
        String stream = awaitStream(live);
        List<String> events = names(stream);
        assertThat(events.get(0)).isEqualTo("run.started");
        assertThat(events.get(events.size() - 1)).isEqualTo("run.completed");
        assertThat(events).contains("step.started", "step.completed");
        assertThat(events.indexOf("step.completed")).isGreaterThan(events.indexOf("step.started"));
        List<Long> seq = ids(stream);
        assertThat(seq).isSorted().doesNotHaveDuplicates().startsWith(1L);

        // a late subscriber gets the same log replayed; Last-Event-ID continues after an event
        MvcResult late = mvc.perform(rep.auth(get("/api/v1/agent-runs/" + runId + "/events")))
                .andExpect(request().asyncStarted()).andReturn();
        assertThat(ids(awaitStream(late))).isEqualTo(seq);
        MvcResult resumed = mvc.perform(rep.auth(get("/api/v1/agent-runs/" + runId + "/events"))
                .header("Last-Event-ID", "3")).andExpect(request().asyncStarted()).andReturn();
        assertThat(ids(awaitStream(resumed))).isEqualTo(seq.subList(3, seq.size()));

        // other users: another rep does not see it, the tenant's owner of another tenant neither
        Session otherTenant = register("Runs Stranger");
        mvc.perform(otherTenant.auth(get("/api/v1/agent-runs/" + runId))).andExpect(status().isNotFound());
        mvc.perform(otherTenant.auth(get("/api/v1/agent-runs/" + runId + "/events"))).andExpect(status().isNotFound());
        mvc.perform(otherTenant.auth(post("/api/v1/agent-runs")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"type\":\"research\",\"lead_ids\":" + json(ids) + "}")).andExpect(status().isNotFound());
        mvc.perform(otherTenant.auth(get("/api/v1/agent-runs"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.items").isEmpty());
    }

    @Test
    @DisplayName("require_approval pauses before the CRM sync; resume syncs; research never writes to the CRM")
    void approvalAndResearch() throws Exception {
        Session owner = register("Runs Approval");
        List<String> ids = leads(owner);
        String runId = start(owner, "lead_pipeline", ids, true);
        awaitStatus(owner, runId, "awaiting_approval");
        var crm = crms.memory(owner.tenantId());
        assertThat(crm.contacts().changedSince(java.time.Instant.EPOCH, PageRequest.first()).items()).isEmpty();
        mvc.perform(owner.auth(post("/api/v1/agent-runs/" + runId + "/resume")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"approve\":true}")).andExpect(status().isAccepted());
        MvcResult done = awaitStatus(owner, runId, "completed");
        List<String> nodes = read(done, "$.steps[?(@.graph == 'lead_pipeline')].node");
        assertThat(nodes.stream().filter("analyze"::equals).count()).as("analysis not repeated").isEqualTo(3);
        assertThat(crm.contacts().changedSince(java.time.Instant.EPOCH, PageRequest.first()).items()).hasSize(3);
        mvc.perform(owner.auth(post("/api/v1/agent-runs/" + runId + "/resume")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"approve\":true}")).andExpect(status().isConflict());
        mvc.perform(owner.auth(post("/api/v1/agent-runs/" + runId + "/cancel"))).andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("completed"));

        Session other = register("Runs Research");
        List<String> otherIds = leads(other);
        String research = start(other, "research", otherIds, false);
        MvcResult r = awaitStatus(other, research, "completed");
        assertThat((List<?>) read(r, "$.output.leads[*].facts")).hasSize(3);
        assertThat(crms.memory(other.tenantId()).contacts().changedSince(java.time.Instant.EPOCH,
                PageRequest.first()).items()).isEmpty();
        mvc.perform(other.auth(post("/api/v1/agent-runs")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"type\":\"poetry\",\"lead_ids\":" + json(otherIds) + "}")).andExpect(status().isBadRequest());
    }

    private static String awaitStream(MvcResult r) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            String s = r.getResponse().getContentAsString();
            if (s.contains("event:run.completed") || s.contains("event:run.failed")) {
                return s;
            }
            assertThat(System.nanoTime()).as(s).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static List<String> names(String stream) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^event:(.+)$").matcher(stream);
        while (m.find()) {
            out.add(m.group(1).strip());
        }
        return out;
    }

    private static List<Long> ids(String stream) {
        List<Long> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^id:(\\d+)$").matcher(stream);
        while (m.find()) {
            out.add(Long.parseLong(m.group(1)));
        }
        return out;
    }
}
