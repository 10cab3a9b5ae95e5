package dev.salesagent.server.workspace.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.salesagent.server.platform.PlatformTestSupport;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * A tenant whose CRM (HubSpot, served by WireMock with HubSpot's documented shapes: error body {@code status,
 * message, category, correlationId}; batch answers {@code 207} with {@code results} and {@code errors} carrying
 * {@code context.objectWriteTraceId}) refuses during a {@code lead_pipeline} run. A whole-call refusal (401, a 429
 * storm past the adapter's retries) ends the run {@code failed} with the provider's message, on the run and as the
 * {@code run.failed} SSE event, the output kept; a per-record rejection stays on its lead and is counted on the run.
 */
class CrmRefusalOnRunTest extends PlatformTestSupport {

    static final String TOKEN = "pat-na1-11111111-2222-3333-4444-555555555555";

    WireMockServer hubspot;

    @BeforeEach
    void startHubSpot() {
        hubspot = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        hubspot.start();
    }

    @AfterEach
    void stopHubSpot() {
        hubspot.stop();
    }

    private void connect(Session owner, int maxAttempts) throws Exception {
        mvc.perform(owner.auth(put("/api/v1/integrations/crm")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"provider\":\"hubspot\",\"config\":{\"accessToken\":\"" + TOKEN + "\",\"baseUrl\":\""
                                + hubspot.baseUrl() + "\",\"maxAttempts\":\"" + maxAttempts + "\"}}"))
                .andExpect(status().isOk());
    }

    private void answerAll(int status, String body) {
        hubspot.resetAll();
        hubspot.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private String lead(Session s, String body) throws Exception {
        MvcResult r = mvc.perform(s.auth(MockMvcRequestBuilders.post("/api/v1/leads"))
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isCreated()).andReturn();
        return read(r, "$.id");
    }

    private String run(Session s, List<String> leadIds) throws Exception {
        MvcResult r = mvc.perform(s.auth(MockMvcRequestBuilders.post("/api/v1/agent-runs"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\":\"lead_pipeline\",\"lead_ids\":[\"" + String.join("\",\"", leadIds)
                                + "\"]}"))
                .andExpect(status().isAccepted()).andReturn();
        return read(r, "$.id");
    }

    private MvcResult finished(Session s, String runId) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L; // a safety net for a hung run, not a speed check
        while (true) {
            MvcResult r = mvc.perform(s.auth(MockMvcRequestBuilders.get("/api/v1/agent-runs/" + runId)))
                    .andExpect(status().isOk()).andReturn();
            String st = read(r, "$.status");
            if (!st.equals("queued") && !st.equals("running")) {
                return r;
            }
            assertThat(System.nanoTime()).as("run still " + st).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** The run's SSE log replayed to a late subscriber, up to its terminal event. */
    private String events(Session s, String runId) throws Exception {
        MvcResult r = mvc.perform(s.auth(MockMvcRequestBuilders.get("/api/v1/agent-runs/" + runId + "/events")))
                .andExpect(request().asyncStarted()).andReturn();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            String body = r.getResponse().getContentAsString();
            if (body.contains("event:run.completed") || body.contains("event:run.failed")) {
                return body;
            }
            assertThat(System.nanoTime()).as(body).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    @DisplayName("HubSpot answers 401, then a 429 storm: the run fails with the provider's message, output kept")
    void wholeCallRefusalsFailTheRun() throws Exception {
        Session owner = register("Crm Refusal");
        connect(owner, 1);
        String leadId = lead(owner, "{\"email\":\"priya.natarajan@adobe.com\",\"company\":\"Adobe\","
                + "\"title\":\"VP Revenue Operations\",\"employees\":29945}");

        answerAll(401, "{\"status\":\"error\",\"message\":\"Authentication credentials not found.\","
                + "\"category\":\"INVALID_AUTHENTICATION\",\"correlationId\":\"0d4a7c1e-2b3f-4c5d-8e9f-0a1b2c3d4e5f\"}");
        String runId = run(owner, List.of(leadId));
        MvcResult failed = finished(owner, runId);
        assertThat((String) read(failed, "$.status")).as(failed.getResponse().getContentAsString())
                .isEqualTo("failed");
        String error = read(failed, "$.error");
        assertThat(error).startsWith("CRM: CrmAuthenticationException").contains("Authentication credentials not found");
        assertThat(hubspot.getAllServeEvents()).as("the CRM was called").isNotEmpty();
        String stream = events(owner, runId);
        assertThat(stream).contains("event:run.failed").contains("CrmAuthenticationException")
                .doesNotContain("event:run.completed");
        // nothing lost: the run's output still has the lead, with what stopped it
        List<String> leadErrors = read(failed, "$.output.leads[*].error");
        assertThat(leadErrors).singleElement().asString().isNotBlank();

        // a 429 storm: every attempt the adapter makes is refused
        answerAll(429, "{\"status\":\"error\",\"message\":\"You have reached your secondly limit.\","
                + "\"errorType\":\"RATE_LIMIT\",\"category\":\"RATE_LIMITS\",\"policyName\":\"SECONDLY\","
                + "\"correlationId\":\"9c8b7a6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d\"}");
        String stormRun = run(owner, List.of(leadId));
        MvcResult storm = finished(owner, stormRun);
        assertThat((String) read(storm, "$.status")).isEqualTo("failed");
        assertThat((String) read(storm, "$.error")).startsWith("CRM: CrmRateLimitException")
                .contains("secondly limit");
        assertThat(events(owner, stormRun)).contains("event:run.failed").contains("CrmRateLimitException");
    }

    @Test
    @DisplayName("HubSpot rejects one contact of a batch (207): the run completes, the error stays on its lead and is counted")
    void perRecordRejectionStaysOnTheLead() throws Exception {
        Session owner = register("Crm Record Refusal");
        connect(owner, 1);
        // consumer e-mail domains: no company look-up or write, only contacts and notes
        String maria = lead(owner, "{\"email\":\"maria.lopez@gmail.com\",\"first_name\":\"Maria\",\"last_name\":"
                + "\"Lopez\",\"company\":\"Lopez Consulting\",\"title\":\"Founder\"}");
        String tom = lead(owner, "{\"email\":\"tom.baker@gmail.com\",\"first_name\":\"Tom\",\"last_name\":\"Baker\","
                + "\"company\":\"Baker Studio\",\"title\":\"Owner\"}");

        hubspot.resetAll();
        String notFound = "{\"status\":\"error\",\"message\":\"resource not found\",\"category\":\"OBJECT_NOT_FOUND\","
                + "\"correlationId\":\"5b7e1f0c-6a4e-4b9c-9d7e-1f2a3b4c5d6e\"}";
        hubspot.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(notFound)));
        // the duplicate check reads the contact by e-mail: not there
        hubspot.stubFor(get(urlPathMatching("/crm/v3/objects/contacts/.+")).atPriority(5).willReturn(aResponse()
                .withStatus(404).withHeader("Content-Type", "application/json").withBody(notFound)));
        String now = "2026-12-02T16:00:00.000Z";
        String invalid = "Property values were not valid: [{\\\"isValid\\\":false,\\\"message\\\":\\\"Email address "
                + "tom.baker@gmail.com is invalid\\\",\\\"error\\\":\\\"INVALID_EMAIL\\\",\\\"name\\\":\\\"email\\\"}]";
        hubspot.stubFor(post(urlPathEqualTo("/crm/v3/objects/contacts/batch/upsert")).atPriority(1)
                .willReturn(aResponse().withStatus(207).withHeader("Content-Type", "application/json").withBody(
                        "{\"status\":\"COMPLETE\",\"results\":[{\"id\":\"501\",\"properties\":{\"email\":"
                                + "\"maria.lopez@gmail.com\",\"firstname\":\"Maria\",\"lastname\":\"Lopez\","
                                + "\"hs_object_id\":\"501\",\"createdate\":\"" + now + "\",\"lastmodifieddate\":\""
                                + now + "\"},\"createdAt\":\"" + now + "\",\"updatedAt\":\"" + now + "\","
                                + "\"archived\":false,\"new\":true,\"objectWriteTraceId\":\"0\"}],"
                                + "\"numErrors\":1,\"errors\":[{\"status\":\"error\",\"category\":\"VALIDATION_ERROR\","
                                + "\"message\":\"" + invalid + "\",\"correlationId\":"
                                + "\"3f2e1d0c-9b8a-4765-8432-10fedcba9876\",\"errors\":[{\"message\":\"Email address "
                                + "tom.baker@gmail.com is invalid\",\"code\":\"INVALID_EMAIL\",\"in\":\"email\"}],"
                                + "\"context\":{\"objectWriteTraceId\":[\"1\"]}}],"
                                + "\"startedAt\":\"" + now + "\",\"completedAt\":\"" + now + "\"}")));
        // the note's target is checked first: the contact just written exists
        hubspot.stubFor(get(urlPathEqualTo("/crm/v3/objects/contacts/501")).atPriority(1).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody(
                        "{\"id\":\"501\",\"properties\":{\"hs_object_id\":\"501\"},\"createdAt\":\"" + now
                                + "\",\"updatedAt\":\"" + now + "\",\"archived\":false}")));
        hubspot.stubFor(post(urlPathEqualTo("/crm/v3/objects/notes")).atPriority(1).willReturn(aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json").withBody(
                        "{\"id\":\"9001\",\"properties\":{\"hs_object_id\":\"9001\",\"hs_timestamp\":\"" + now + "\","
                                + "\"createdate\":\"" + now + "\",\"lastmodifieddate\":\"" + now + "\"},"
                                + "\"createdAt\":\"" + now + "\",\"updatedAt\":\"" + now + "\",\"archived\":false}")));

        String runId = run(owner, List.of(maria, tom));
        MvcResult done = finished(owner, runId);
        assertThat((String) read(done, "$.status")).as(done.getResponse().getContentAsString())
                .isEqualTo("completed");
        assertThat((Integer) read(done, "$.output.crm_errors")).isEqualTo(1);
        List<String> mariaErrors = read(done, "$.output.leads[0].crm.errors");
        assertThat(mariaErrors).isEmpty();
        List<String> tomErrors = read(done, "$.output.leads[1].crm.errors");
        assertThat(tomErrors).singleElement().asString().startsWith("contact:").contains("INVALID_EMAIL");
        assertThat(hubspot.findAll(postRequestedFor(urlPathEqualTo("/crm/v3/objects/contacts/batch/upsert"))))
                .hasSize(1);
        assertThat(hubspot.findAll(postRequestedFor(urlPathEqualTo("/crm/v3/objects/notes"))))
                .as("a note for the contact that was written, none for the rejected one").hasSize(1);
        assertThat(events(owner, runId)).contains("event:run.completed").containsPattern("\"crm_errors\":\\s*1\\b");
    }
}
