package dev.salesagent.server.agentplatform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salesagent.server.agentplatform.api.LangGraphJson;
import dev.salesagent.server.platform.PlatformTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Per-tenant API keys: created and revoked by tenant admins (audited), accepted as x-api-key on the LangGraph API. */
class ApiKeyTest extends PlatformTestSupport {

    private static final String API = "/api/v1/langgraph";

    private Session owner;

    @BeforeEach
    void signUp() throws Exception {
        owner = register("Keys " + System.nanoTime());
    }

    @Test
    @DisplayName("a key is shown once, stored hashed, runs assistants as x-api-key in its tenant, and stops at revocation")
    void lifecycle() throws Exception {
        JsonNode created = json(call(owner.auth(post("/api/v1/tenant/api-keys")), "{\"name\":\"ci\"}", 201));
        String key = created.get("key").asText();
        String id = created.at("/api_key/id").asText();
        assertThat(key).startsWith("sak_").hasSize(4 + 43);
        assertThat(created.at("/api_key/prefix").asText()).isEqualTo(key.substring(0, 12));
        String listed = call(owner.auth(get("/api/v1/tenant/api-keys")), null, 200).getResponse().getContentAsString();
        assertThat(listed).contains(id).doesNotContain(key);
        String stored = jdbc.sql("select key_hash from lg_api_key where id = ?::uuid").param(id).query(String.class)
                .single();
        assertThat(stored).hasSize(64).isNotEqualTo(key).doesNotContain(key.substring(4));

        // the LangGraph API with the key and no bearer token: a run in the owner's tenant
        JsonNode thread = json(call(withKey(post(API + "/threads"), key), "{}", 200));
        JsonNode values = json(call(withKey(post(API + "/threads/" + thread.get("thread_id").asText() + "/runs/wait"),
                key), "{\"assistant_id\":\"steps\",\"input\":{\"topic\":\"k\"}}", 200));
        assertThat(values.get("log")).hasToString("[\"one\",\"two\",\"three\"]");
        String tenantOfThread = jdbc.sql("select tenant_id::text from lg_thread where thread_id = ?::uuid")
                .param(thread.get("thread_id").asText()).query(String.class).single();
        assertThat(tenantOfThread).isEqualTo(owner.tenantId().toString());
        // the thread is the tenant's: the owner's bearer token reads it
        call(owner.auth(get(API + "/threads/" + thread.get("thread_id").asText())), null, 200);

        // the key is limited to the LangGraph API: elsewhere it is no credential at all
        call(withKey(get("/api/v1/users"), key), null, 401);
        call(withKey(get("/api/v1/tenant/api-keys"), key), null, 401);
        // a wrong key is refused with a problem, not passed on as anonymous
        MvcResult wrong = call(withKey(post(API + "/assistants/search"), "sak_" + "x".repeat(43)), "{}", 401);
        assertThat(json(wrong).get("type").asText()).isEqualTo("urn:salesagent:problem:invalid-api-key");

        call(owner.auth(delete("/api/v1/tenant/api-keys/" + id)), null, 204);
        call(withKey(post(API + "/assistants/search"), key), "{}", 401);
        call(owner.auth(delete("/api/v1/tenant/api-keys/" + id)), null, 204);
        JsonNode audit = json(call(owner.auth(get("/api/v1/admin/audit?target_type=api_key")), null, 200));
        assertThat(audit.get("items").findValuesAsText("action")).containsExactly("api-key.revoked", "api-key.created");
    }

    @Test
    @DisplayName("keys act for their creator: another tenant cannot revoke them, reps cannot create them, a disabled"
            + " creator disables the key")
    void scope() throws Exception {
        Session admin = createUser(owner, "admin");
        String key = json(call(admin.auth(post("/api/v1/tenant/api-keys")), "{\"name\":\"bot\"}", 201)).get("key").asText();
        String id = json(call(owner.auth(get("/api/v1/tenant/api-keys")), null, 200)).at("/0/id").asText();
        Session other = register("Other keys " + System.nanoTime());
        call(other.auth(delete("/api/v1/tenant/api-keys/" + id)), null, 404);
        assertThat(json(call(other.auth(get("/api/v1/tenant/api-keys")), null, 200))).isEmpty();
        Session rep = createUser(owner, "sales_rep");
        call(rep.auth(post("/api/v1/tenant/api-keys")), "{\"name\":\"mine\"}", 403);
        call(owner.auth(post("/api/v1/tenant/api-keys")), "{\"name\":\" \"}", 400);

        call(withKey(post(API + "/assistants/search"), key), "{}", 200);
        call(owner.auth(patch("/api/v1/users/" + admin.userId())), "{\"status\":\"disabled\"}", 200);
        call(withKey(post(API + "/assistants/search"), key), "{}", 401);
    }

    private static MockHttpServletRequestBuilder withKey(MockHttpServletRequestBuilder request, String key) {
        return request.header("x-api-key", key).with(randomClient());
    }

    private MvcResult call(MockHttpServletRequestBuilder b, String body, int expected) throws Exception {
        if (body != null) {
            b.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        MvcResult r = mvc.perform(b).andReturn();
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(expected);
        return r;
    }

    private static JsonNode json(MvcResult r) throws Exception {
        return LangGraphJson.parse(r.getResponse().getContentAsString());
    }
}
