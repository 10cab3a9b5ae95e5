package dev.salesagent.server.agentplatform.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.NoteTarget;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.server.agentplatform.api.LangGraphJson;
import dev.salesagent.server.platform.PlatformTestSupport;
import dev.salesagent.server.platform.crm.TenantCrmClients;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The four seed assistants through the LangGraph Platform protocol (MockMvc, the shared context, no model). */
class SeedAssistantsProtocolTest extends PlatformTestSupport {

    private static final String API = "/api/v1/langgraph";
    private static final String LEAD = "{\"company\":\"Acme\",\"domain\":\"acme.com\",\"firstName\":\"Cara\","
            + "\"lastName\":\"Ro\",\"email\":\"cro@acme.com\",\"title\":\"Chief Revenue Officer\",\"employees\":1200,"
            + "\"industry\":\"Software\",\"notes\":\"Forecasting is done in spreadsheets; budget approved this quarter\"}";

    @Autowired
    TenantCrmClients crms;

    private Session owner;

    @BeforeEach
    void signUp() throws Exception {
        owner = register("Seeds " + System.nanoTime());
    }

    @Test
    @DisplayName("the four seed assistants are listed and each serves its input schema")
    void listedWithSchemas() throws Exception {
        JsonNode all = json(call(post(API + "/assistants/search"), "{\"limit\":100}", 200));
        List<String> graphs = new ArrayList<>();
        all.forEach(a -> graphs.add(a.get("graph_id").asText()));
        assertThat(graphs).contains("bizdev", "marketing", "security", "coding");
        assertThat(json(call(get(API + "/assistants/marketing/schemas"), null, 200)).at("/input_schema/required/0")
                .asText()).isEqualTo("topic");
        assertThat(json(call(get(API + "/assistants/bizdev/schemas"), null, 200))
                .at("/input_schema/properties/lead/properties/email/type").asText()).isEqualTo("string");
        assertThat(json(call(get(API + "/assistants/security/schemas"), null, 200)).at("/input_schema/required/0")
                .asText()).isEqualTo("dependencies");
        assertThat(json(call(get(API + "/assistants/coding/schemas"), null, 200)).at("/input_schema/required/0")
                .asText()).isEqualTo("requirements");
    }

    @Test
    @DisplayName("bizdev: interrupt, resume with approve, records in the tenant's CRM; a rerun adds no duplicate note")
    void bizdev() throws Exception {
        String thread = thread();
        JsonNode paused = json(call(post(API + "/threads/" + thread + "/runs/wait"),
                "{\"assistant_id\":\"bizdev\",\"input\":{\"lead\":" + LEAD + "}}", 200));
        assertThat(paused.at("/__interrupt__/0/value/contact/email").asText()).isEqualTo("cro@acme.com");
        CrmClient crm = crms.forTenant(owner.tenantId());
        assertThat(crm.contacts().findByEmail("cro@acme.com")).isEmpty();
        JsonNode done = json(call(post(API + "/threads/" + thread + "/runs/wait"),
                "{\"assistant_id\":\"bizdev\",\"command\":{\"resume\":{\"decision\":\"approve\"}}}", 200));
        assertThat(done.get("status").asText()).isEqualTo("written");
        assertThat(done.at("/score/method").asText()).isEqualTo("rules");
        assertThat(done.at("/crm/contactCreated").asBoolean()).isTrue();
        assertThat(done.at("/follow_up/touches").size()).isPositive();
        Contact contact = crm.contacts().findByEmail("cro@acme.com").orElseThrow();
        assertThat(contact.id().value()).isEqualTo(done.at("/crm/contactId").asText());
        int notes = crm.notes().list(NoteTarget.contact(contact.id()), PageRequest.first()).items().size();
        assertThat(notes).isEqualTo(2);

        JsonNode rerun = json(call(post(API + "/runs/wait"),
                "{\"assistant_id\":\"bizdev\",\"input\":{\"lead\":" + LEAD + ",\"require_approval\":false}}", 200));
        assertThat(rerun.at("/crm/contactCreated").asBoolean()).isFalse();
        assertThat(rerun.at("/crm/noteCreated").asBoolean()).isFalse();
        assertThat(crm.notes().list(NoteTarget.contact(contact.id()), PageRequest.first()).items()).hasSize(notes);
    }

    @Test
    @DisplayName("marketing: {topic} gives a rules draft that passes; no webhook configured, and a per-run http URL refused")
    void marketing() throws Exception {
        JsonNode r = json(call(post(API + "/runs/wait"),
                "{\"assistant_id\":\"marketing\",\"input\":{\"topic\":\"usage-based pricing\"}}", 200));
        assertThat(r.get("draft_method").asText()).isEqualTo("rules");
        assertThat(r.at("/check/passed").asBoolean()).isTrue();
        assertThat(r.at("/publication/published").asBoolean()).isFalse();
        assertThat(r.at("/publication/reason").asText()).contains("no incoming webhook configured");
        JsonNode perRun = json(call(post(API + "/threads/" + thread() + "/runs/wait"),
                "{\"assistant_id\":\"marketing\",\"input\":{\"topic\":\"pricing\"},\"config\":{\"configurable\":"
                        + "{\"slack_webhook_url\":\"http://127.0.0.1:9/hook\"}}}", 200));
        assertThat(perRun.at("/publication/reason").asText())
                .isEqualTo("config.configurable.slack_webhook_url must be an absolute https URL");
    }

    @Test
    @DisplayName("security: log4j-core 2.14.1 and lodash 4.17.20 found with fixed versions; the verdict is fail")
    void security() throws Exception {
        JsonNode r = json(call(post(API + "/runs/wait"), "{\"assistant_id\":\"security\",\"input\":{\"dependencies\":"
                + "[\"org.apache.logging.log4j:log4j-core:2.14.1\",\"lodash@4.17.20\",\"lodash@4.17.21\"],"
                + "\"licenses\":{\"lodash\":\"MIT\",\"org.apache.logging.log4j:log4j-core\":\"Apache-2.0\"}}}", 200));
        assertThat(r.get("findings")).hasSize(2);
        assertThat(r.at("/findings/0/id").asText()).isEqualTo("GHSA-jfh8-c2jp-5v3q");
        assertThat(r.at("/findings/0/aliases/0").asText()).isEqualTo("CVE-2021-44228");
        assertThat(r.at("/findings/0/fixed").asText()).isEqualTo("2.15.0");
        assertThat(r.at("/findings/1/id").asText()).isEqualTo("GHSA-35jh-r3h4-6jhm");
        assertThat(r.at("/report/verdict").asText()).isEqualTo("fail");
        assertThat(r.at("/report/summaryMethod").asText()).isEqualTo("rules");
        JsonNode bad = json(call(post(API + "/runs/wait"),
                "{\"assistant_id\":\"security\",\"input\":{\"dependencies\":[\"nonsense\"]}}", 200));
        assertThat(bad.toString()).contains("'nonsense'");
    }

    @Test
    @DisplayName("coding: requirements give a rules skeleton; without GitLab configured the MR is not opened and says why")
    void coding() throws Exception {
        JsonNode r = json(call(post(API + "/runs/wait"), "{\"assistant_id\":\"coding\",\"input\":{\"requirements\":"
                + "\"Validate the invoice number\\nCompute the total\",\"name\":\"Invoice checks\"}}", 200));
        assertThat(r.get("code_method").asText()).isEqualTo("rules");
        assertThat(r.at("/files/1/filePath").asText()).isEqualTo("src/main/java/generated/InvoiceChecks.java");
        assertThat(r.at("/merge_request/opened").asBoolean()).isFalse();
        assertThat(r.at("/merge_request/reason").asText()).contains("GitLab is not configured");
    }

    private String thread() throws Exception {
        return json(call(post(API + "/threads"), "{}", 200)).get("thread_id").asText();
    }

    private MvcResult call(MockHttpServletRequestBuilder request, String body, int expected) throws Exception {
        return call(owner, request, body, expected);
    }

    private static JsonNode json(MvcResult r) throws Exception {
        return LangGraphJson.parse(r.getResponse().getContentAsString());
    }
}
