package dev.salesagent.server.workspace.cost;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.salesagent.core.cost.BudgetExceededException;
import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.cost.UsageRecord;
import dev.salesagent.server.platform.ContentBodies;
import dev.salesagent.server.platform.PlatformTestSupport;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/** The cost report over the SDK's usage records, budgets set through the API and enforced by the CostTracker, alerts. */
class CostsAndBudgetsTest extends PlatformTestSupport {

    @Autowired
    CostTracker tracker;

    WireMockServer webhook;

    @BeforeEach
    void startWebhook() {
        webhook = new WireMockServer(options().dynamicPort());
        webhook.start();
        webhook.stubFor(WireMock.post("/hooks/budget").willReturn(aResponse().withStatus(204)));
    }

    @AfterEach
    void stopWebhook() {
        webhook.stop();
    }

    private void usage(UUID tenant, UUID user, String feature, String model, Instant at, long in, long out,
                       String usd, boolean cacheHit) {
        tracker.record(UsageRecord.builder().timestamp(at).tenant(tenant.toString()).user(user.toString())
                .feature(feature).provider("openai").model(model).endpoint("main").inputTokens(in).outputTokens(out)
                .cacheHit(cacheHit).costUsd(new BigDecimal(usd)).build());
    }

    @Test
    @DisplayName("costs are exact sums per feature, user, model and day over the period, and only the caller's tenant's")
    void report() throws Exception {
        Session owner = register("Costs Report");
        Session finance = createUser(owner, "finance_viewer");
        Session other = register("Costs Other");
        UUID rep = UUID.randomUUID();
        Instant day1 = Instant.parse("2026-11-02T10:00:00Z");
        Instant day2 = Instant.parse("2026-11-03T09:30:00Z");
        usage(owner.tenantId(), owner.userId(), "proposal", "gpt-4o-mini", day1, 1200, 800, "0.000660", false);
        usage(owner.tenantId(), rep, "proposal", "gpt-4o-mini", day2, 1000, 500, "0.000450", false);
        usage(owner.tenantId(), rep, "lead_scoring", "claude-haiku-4-5", day2, 3000, 300, "0.004500", false);
        usage(owner.tenantId(), rep, "lead_scoring", "claude-haiku-4-5", day2, 0, 0, "0", true);
        usage(other.tenantId(), other.userId(), "proposal", "gpt-4o-mini", day1, 99, 99, "9.99", false);

        mvc.perform(finance.auth(get("/api/v1/costs").param("groupBy", "feature").param("from", "2026-11-01")
                        .param("to", "2026-12-01")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.currency").value("USD"))
                .andExpect(jsonPath("$.total.cost_usd").value("0.00561"))
                .andExpect(jsonPath("$.total.calls").value(4))
                .andExpect(jsonPath("$.total.cache_hits").value(1))
                .andExpect(jsonPath("$.total.input_tokens").value(5200))
                .andExpect(jsonPath("$.total.output_tokens").value(1600))
                .andExpect(jsonPath("$.groups[0].key").value("lead_scoring"))
                .andExpect(jsonPath("$.groups[0].cost_usd").value("0.0045"))
                .andExpect(jsonPath("$.groups[1].key").value("proposal"))
                .andExpect(jsonPath("$.groups[1].cost_usd").value("0.00111"))
                .andExpect(jsonPath("$.groups.length()").value(2));
        mvc.perform(finance.auth(get("/api/v1/costs").param("groupBy", "user").param("from", "2026-11-01")
                        .param("to", "2026-12-01")))
                .andExpect(jsonPath("$.groups[?(@.key == '" + rep + "')].cost_usd").value("0.00495"));
        mvc.perform(finance.auth(get("/api/v1/costs").param("groupBy", "day").param("from", "2026-11-03")
                        .param("to", "2026-11-04")))
                .andExpect(jsonPath("$.groups.length()").value(1))
                .andExpect(jsonPath("$.groups[0].key").value("2026-11-03"))
                .andExpect(jsonPath("$.groups[0].calls").value(3));
        mvc.perform(finance.auth(get("/api/v1/costs").param("groupBy", "model").param("from", "2026-11-01T00:00:00Z")
                        .param("to", "2026-11-03T00:00:00Z")))
                .andExpect(jsonPath("$.groups[0].key").value("gpt-4o-mini"))
                .andExpect(jsonPath("$.total.cost_usd").value("0.00066"));
        mvc.perform(other.auth(get("/api/v1/costs").param("groupBy", "feature").param("from", "2026-11-01")
                        .param("to", "2026-12-01")))
                .andExpect(jsonPath("$.total.cost_usd").value("9.99"));

        mvc.perform(finance.auth(get("/api/v1/costs").param("groupBy", "planet"))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("planet")));
        mvc.perform(finance.auth(get("/api/v1/costs").param("from", "2026-12-01").param("to", "2026-11-01")))
                .andExpect(status().isBadRequest());
        mvc.perform(finance.auth(get("/api/v1/costs").param("from", "yesterday"))).andExpect(status().isBadRequest());
    }

    @Test
    @DisplayName("cost per proposal divides the proposal feature's spend by the proposals generated")
    void costPerProposal() throws Exception {
        Session owner = register("Costs Per Proposal");
        for (int i = 0; i < 2; i++) {
            mvc.perform(owner.auth(post("/api/v1/proposals/generate")).contentType(MediaType.APPLICATION_JSON)
                    .content(ContentBodies.PROPOSAL)).andExpect(status().isCreated());
        }
        usage(owner.tenantId(), owner.userId(), "proposal", "gpt-4o-mini", Instant.now(), 100, 100, "0.003", false);
        mvc.perform(owner.auth(get("/api/v1/costs")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.per_outcome[?(@.feature == 'proposal')].outcomes").value(2))
                .andExpect(jsonPath("$.per_outcome[?(@.feature == 'proposal')].usd_per_outcome").value("0.0015"));
    }

    @Test
    @DisplayName("an admin's budget refuses the call that would pass it, alerts once per threshold to audit and webhook")
    void budgets() throws Exception {
        Session owner = register("Budgets");
        Session finance = createUser(owner, "finance_viewer");
        String tenant = owner.tenantId().toString();
        String url = "http://localhost:" + webhook.port() + "/hooks/budget";
        mvc.perform(owner.auth(put("/api/v1/budgets")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"budgets\":[{\"feature\":\"proposal\",\"period\":\"daily\",\"limit_usd\":\"0.10\","
                                + "\"alert_thresholds\":[50,90]},{\"period\":\"monthly\",\"limit_usd\":\"25\"}],"
                                + "\"alert_webhook_url\":\"" + url + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.budgets.length()").value(2))
                .andExpect(jsonPath("$.alert_webhook_url").value(url));

        // 0.06 settles; 0.05 more would pass 0.10 and is refused before anything is sent
        tracker.reserve(tenant, "proposal", new BigDecimal("0.07")).settle(UsageRecord.builder()
                .timestamp(Instant.now()).tenant(tenant).feature("proposal").provider("openai").model("gpt-4o-mini")
                .endpoint("main").inputTokens(10).outputTokens(10).costUsd(new BigDecimal("0.06")).build());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tracker.reserve(tenant, "proposal",
                new BigDecimal("0.05"))).isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("feature:proposal");
        tracker.reserve(tenant, "battle_card", new BigDecimal("0.05")).release(); // the feature budget only

        mvc.perform(finance.auth(get("/api/v1/budgets")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.budgets[?(@.feature == 'proposal')].spent_usd").value("0.06"))
                .andExpect(jsonPath("$.budgets[?(@.feature == 'proposal')].reserved_usd").value("0"));
        mvc.perform(finance.auth(put("/api/v1/budgets")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"budgets\":[]}")).andExpect(status().isForbidden());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> webhook.verify(1,
                postRequestedFor(urlEqualTo("/hooks/budget")).withRequestBody(equalToJson(
                        "{\"event\":\"budget.alert\",\"tenant_id\":\"" + tenant + "\",\"threshold_percent\":50,"
                                + "\"feature\":\"proposal\",\"spent_usd\":\"0.06\"}", true, true))));
        assertThat(jdbc.sql("select count(*) from audit_event where tenant_id = ? and action = 'budget.alert'")
                .param(owner.tenantId()).query(Long.class).single()).isEqualTo(1);

        // a raised limit applies at once, to the period's spend so far
        mvc.perform(owner.auth(put("/api/v1/budgets")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"budgets\":[{\"feature\":\"proposal\",\"period\":\"daily\",\"limit_usd\":\"1\"}]}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.alert_webhook_url").doesNotExist());
        tracker.reserve(tenant, "proposal", new BigDecimal("0.90")).release();
    }

    @Test
    @DisplayName("bad budgets are a typed 400 naming the problem, and nothing is replaced")
    void badBudgets() throws Exception {
        Session owner = register("Budgets Bad");
        mvc.perform(owner.auth(put("/api/v1/budgets")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"budgets\":[{\"period\":\"weekly\",\"limit_usd\":\"5\"}]}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value(
                        org.hamcrest.Matchers.containsString("weekly")));
        mvc.perform(owner.auth(put("/api/v1/budgets")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"budgets\":[{\"period\":\"daily\",\"limit_usd\":\"-1\"}]}"))
                .andExpect(status().isBadRequest());
        mvc.perform(owner.auth(put("/api/v1/budgets")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"budgets\":[{\"period\":\"daily\",\"limit_usd\":\"1\"},"
                                + "{\"period\":\"daily\",\"limit_usd\":\"2\"}]}"))
                .andExpect(status().isBadRequest());
        mvc.perform(owner.auth(put("/api/v1/budgets")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"budgets\":[],\"alert_webhook_url\":\"ftp://example.com/x\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(owner.auth(get("/api/v1/budgets"))).andExpect(jsonPath("$.budgets").isEmpty());
    }
}
