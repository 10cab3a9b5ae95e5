package dev.salesagent.server.agentplatform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salesagent.server.agentplatform.api.LangGraphJson;
import dev.salesagent.server.agentplatform.license.AgentLicenses;
import dev.salesagent.server.agentplatform.license.RunQuotaExceededException;
import dev.salesagent.server.platform.PlatformTestSupport;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;

/** Per-tenant licensing of the agent platform: set by a platform admin (audited), enforced on every run create. */
class AgentLicenseTest extends PlatformTestSupport {

    private static final String API = "/api/v1/langgraph";

    @Autowired
    AgentLicenses licenses;

    @Autowired
    TransactionTemplate tx;

    private Session owner;
    private Session admin;

    @BeforeEach
    void signUp() throws Exception {
        owner = register("Licensed " + System.nanoTime());
        admin = platformAdmin();
    }

    @Test
    @DisplayName("without a license every assistant runs; the platform admin's license limits assistants (403) and"
            + " runs per month (429 with the reset), audited in the tenant's chain")
    void enforced() throws Exception {
        JsonNode initial = json(call(owner, get("/api/v1/tenant/agent-license"), null, 200));
        // nulls are left out of answers: no assistants list and no limit
        assertThat(initial.hasNonNull("assistants")).isFalse();
        assertThat(initial.hasNonNull("runs_per_month")).isFalse();
        assertThat(initial.get("tenant_id").asText()).isEqualTo(owner.tenantId().toString());
        call(owner, post(API + "/runs/wait"), "{\"assistant_id\":\"approval\",\"input\":{\"topic\":\"x\"}}", 200);

        JsonNode set = json(call(admin, put("/api/v1/platform/tenants/" + owner.tenantId() + "/agent-license"),
                "{\"assistants\":[\"steps\"],\"runs_per_month\":2}", 200));
        assertThat(set.get("assistants")).hasToString("[\"steps\"]");
        assertThat(set.get("runs_per_month").asInt()).isEqualTo(2);
        assertThat(set.get("runs_this_period").asInt()).isEqualTo(1);
        assertThat(set.get("updated_by").asText()).isEqualTo(admin.userId().toString());
        JsonNode audited = json(call(owner, get("/api/v1/admin/audit?action=agent-license.updated"), null, 200));
        assertThat(audited.get("items")).hasSize(1);
        assertThat(audited.at("/items/0/actor_id").asText()).isEqualTo(admin.userId().toString());

        MvcResult refused = call(owner, post(API + "/runs/wait"),
                "{\"assistant_id\":\"approval\",\"input\":{\"topic\":\"x\"}}", 403);
        assertThat(json(refused).get("type").asText()).isEqualTo("urn:salesagent:problem:assistant-not-licensed");
        assertThat(refused.getResponse().getContentType()).startsWith("application/problem+json");

        // 1 run counted before the license; one more is allowed this month
        String thread = json(call(owner, post(API + "/threads"), "{}", 200)).get("thread_id").asText();
        call(owner, post(API + "/threads/" + thread + "/runs/wait"), "{\"assistant_id\":\"steps\"}", 200);
        MvcResult quota = call(owner, post(API + "/threads/" + thread + "/runs"), "{\"assistant_id\":\"steps\"}", 429);
        JsonNode problem = json(quota);
        assertThat(problem.get("type").asText()).isEqualTo("urn:salesagent:problem:run-quota-exceeded");
        assertThat(problem.get("limit").asInt()).isEqualTo(2);
        LocalDate next = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).plusMonths(1);
        assertThat(problem.get("resets_at").asText()).isEqualTo(next.atStartOfDay(ZoneOffset.UTC).toInstant().toString());
        assertThat(Long.parseLong(quota.getResponse().getHeader("Retry-After"))).isPositive();
        // the streaming and stateless creates are refused the same way, and refusals are not counted
        call(owner, post(API + "/runs/stream"), "{\"assistant_id\":\"steps\"}", 429);
        assertThat(json(call(owner, get("/api/v1/tenant/agent-license"), null, 200)).get("runs_this_period").asInt())
                .isEqualTo(2);

        // lifting the limit lets runs through again
        call(admin, put("/api/v1/platform/tenants/" + owner.tenantId() + "/agent-license"), "{}", 200);
        call(owner, post(API + "/threads/" + thread + "/runs/wait"), "{\"assistant_id\":\"approval\"}", 200);
    }

    @Test
    @DisplayName("a run create refused inside its transaction (busy thread) is not counted against the quota")
    void refusedNotCounted() throws Exception {
        call(admin, put("/api/v1/platform/tenants/" + owner.tenantId() + "/agent-license"),
                "{\"runs_per_month\":5}", 200);
        String thread = json(call(owner, post(API + "/threads"), "{}", 200)).get("thread_id").asText();
        // a run scheduled ten minutes ahead keeps the thread busy; a second run with strategy reject is refused (422)
        // inside the create's transaction, after the count: the count is rolled back with it
        call(owner, post(API + "/threads/" + thread + "/runs"), "{\"assistant_id\":\"steps\",\"after_seconds\":600}", 200);
        JsonNode before = json(call(owner, get("/api/v1/tenant/agent-license"), null, 200));
        assertThat(before.get("runs_this_period").asInt()).isEqualTo(1);
        MvcResult busy = call(owner, post(API + "/threads/" + thread + "/runs"),
                "{\"assistant_id\":\"steps\",\"multitask_strategy\":\"reject\"}", 422);
        assertThat(json(busy).get("type").asText()).isEqualTo("urn:salesagent:problem:thread-busy");
        JsonNode after = json(call(owner, get("/api/v1/tenant/agent-license"), null, 200));
        assertThat(after.get("runs_this_period").asInt()).isEqualTo(before.get("runs_this_period").asInt());
    }

    @Test
    @DisplayName("bad licenses: unknown assistant 422, negative limit 400, unknown tenant 404; tenants cannot set their own")
    void invalid() throws Exception {
        String path = "/api/v1/platform/tenants/" + owner.tenantId() + "/agent-license";
        MvcResult unknown = call(admin, put(path), "{\"assistants\":[\"steps\",\"nope\"]}", 422);
        assertThat(json(unknown).get("detail").asText()).contains("nope");
        call(admin, put(path), "{\"runs_per_month\":-1}", 400);
        call(admin, put("/api/v1/platform/tenants/" + UUID.randomUUID() + "/agent-license"), "{}", 404);
        call(admin, get("/api/v1/platform/tenants/" + UUID.randomUUID() + "/agent-license"), null, 404);
        call(owner, put(path), "{}", 403);
        // assistant ids are accepted and stored as graph ids
        JsonNode byUuid = json(call(admin, put(path), "{\"assistants\":[\""
                + dev.salesagent.server.agentplatform.graph.AssistantRegistry.assistantId("approval") + "\"]}", 200));
        assertThat(byUuid.get("assistants")).hasToString("[\"approval\"]");
    }

    @Test
    @DisplayName("40 concurrent counts on separate connections against a limit of 7 admit exactly 7")
    void atomicCount() throws Exception {
        licenses.set(owner.tenantId(), null, 7, admin.userId());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        tx.executeWithoutResult(s -> licenses.countRun(owner.tenantId()));
                        return true;
                    } catch (RunQuotaExceededException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int admitted = 0;
            for (Future<Boolean> f : results) {
                admitted += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(7);
            assertThat(licenses.usage(owner.tenantId()).runs()).isEqualTo(7);
        } finally {
            pool.shutdownNow();
        }
    }

    private static JsonNode json(MvcResult r) throws Exception {
        return LangGraphJson.parse(r.getResponse().getContentAsString());
    }
}
