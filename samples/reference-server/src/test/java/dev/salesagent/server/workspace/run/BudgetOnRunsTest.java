package dev.salesagent.server.workspace.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.salesagent.core.model.ModelEndpoint;
import dev.salesagent.core.model.ModelTier;
import dev.salesagent.model.openai.OpenAiEndpoints;
import dev.salesagent.server.platform.PlatformTestSupport;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * A tenant's lead-scoring budget runs out in the middle of an agent run. One OpenAI endpoint (WireMock, Chat
 * Completions shapes) for a test model that {@code budget-run-prices.json} prices with free input and 1 USD per million
 * output tokens; WireMock reports the call's output cap (200) as its completion tokens, so each call's worst-case
 * reservation equals its actual cost (0.0002 USD) and a limit of three calls admits exactly three, whatever the order
 * in which the run's parallel leads reserve. The run ends {@code failed} saying so, the three leads keep their scores,
 * the calls over the limit never reach the provider and the cost report stays at the limit. A context of its own (the
 * endpoint is configuration), on its own embedded PostgreSQL.
 */
@Import(BudgetOnRunsTest.Endpoint.class)
class BudgetOnRunsTest extends PlatformTestSupport {

    static final WireMockServer OPENAI = new WireMockServer(options().dynamicPort());
    static final int OUTPUT_CAP = 200;
    /** 200 output tokens at 1 USD per million; input free. */
    static final BigDecimal CALL = new BigDecimal("0.0002");
    static final String SCORES = "{\"scores\":[{\"id\":\"lead-1\",\"budget\":5,\"authority\":5,\"need\":5,"
            + "\"timeline\":5,\"reasons\":[\"No budget, authority or timeline is stated for this lead.\"]}]}";

    static {
        OPENAI.start();
        OPENAI.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"chatcmpl-1\",\"object\":"
                        + "\"chat.completion\",\"created\":1764000000,\"model\":\"budget-run-model\","
                        + "\"choices\":[{\"index\":0,\"finish_reason\":\"stop\",\"message\":{\"role\":\"assistant\","
                        + "\"content\":" + quote(SCORES) + "}}],"
                        + "\"usage\":{\"prompt_tokens\":900,\"completion_tokens\":" + OUTPUT_CAP
                        + ",\"total_tokens\":" + (900 + OUTPUT_CAP) + "}}")));
    }

    @DynamicPropertySource
    static void model(DynamicPropertyRegistry registry) {
        registry.add("salesagent.platform.data-dir", () -> "target/test-data-budget-runs");
        registry.add("salesagent.cost.prices-file", () -> "classpath:budget-run-prices.json");
        registry.add("salesagent.routing.feature-tiers.lead_scoring", () -> "economy");
        registry.add("salesagent.agents.model.batch-size", () -> "1");
        registry.add("salesagent.agents.model.max-output-tokens", () -> String.valueOf(OUTPUT_CAP));
    }

    /** The endpoint, built by the provider module's own builder (what the starter runs for its properties). */
    @TestConfiguration(proxyBeanMethods = false)
    static class Endpoint {
        @Bean
        ModelEndpoint gpt() {
            return OpenAiEndpoints.builder("gpt", ModelTier.ECONOMY).model("budget-run-model").apiKey("sk-test")
                    .baseUrl(OPENAI.baseUrl() + "/v1").maxOutputTokens(OUTPUT_CAP).build();
        }
    }

    @AfterAll
    static void stop() {
        OPENAI.stop();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    @DisplayName("a budget that runs out mid-run: exactly the leads that fit are scored, the rest are refused unsent, the run fails saying so")
    void budgetRunsOutMidRun() throws Exception {
        Session owner = register("Budget Runs");
        mvc.perform(owner.auth(put("/api/v1/budgets")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"budgets\":[{\"feature\":\"lead_scoring\",\"period\":\"daily\",\"limit_usd\":\""
                                + CALL.multiply(BigDecimal.valueOf(3)).toPlainString() + "\"}]}"))
                .andExpect(status().isOk());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            MvcResult r = mvc.perform(owner.auth(MockMvcRequestBuilders.post("/api/v1/leads"))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"email\":\"buyer" + i + "@bakery" + i + ".example.org\",\"company\":"
                                    + "\"Bakery " + i + "\",\"title\":\"Intern\",\"employees\":3}"))
                    .andExpect(status().isCreated()).andReturn();
            ids.add(read(r, "$.id"));
        }

        MvcResult started = mvc.perform(owner.auth(MockMvcRequestBuilders.post("/api/v1/agent-runs"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\":\"lead_pipeline\",\"lead_ids\":" + json(ids) + "}"))
                .andExpect(status().isAccepted()).andReturn();
        String runId = read(started, "$.id");
        MvcResult done;
        long deadline = System.nanoTime() + 180_000_000_000L; // a safety net for a hung run, not a speed check
        while (true) {
            done = mvc.perform(owner.auth(get("/api/v1/agent-runs/" + runId))).andExpect(status().isOk())
                    .andReturn();
            String st = read(done, "$.status");
            if (!st.equals("queued") && !st.equals("running")) {
                break;
            }
            assertThat(System.nanoTime()).as("run still " + st).isLessThan(deadline);
            Thread.sleep(100);
        }

        String body = done.getResponse().getContentAsString();
        assertThat((String) read(done, "$.status")).as(body).isEqualTo("failed");
        assertThat((String) read(done, "$.error")).as(body).startsWith("Budget exceeded: 3 of 6 leads scored");
        // exactly the admitted calls reached the provider
        assertThat(OPENAI.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))).hasSize(3);
        List<Map<String, Object>> leads = read(done, "$.output.leads");
        assertThat(leads).hasSize(6);
        assertThat(leads.stream().filter(l -> l.get("score") != null && "model".equals(l.get("method"))))
                .as(body).hasSize(3);
        // the scores landed on the three leads; the tenant's cost report holds exactly the limit
        long scoredLeads = 0;
        for (String id : ids) {
            MvcResult lead = mvc.perform(owner.auth(get("/api/v1/leads/" + id))).andExpect(status().isOk())
                    .andReturn();
            if (lead.getResponse().getContentAsString().contains("\"score_method\":\"model\"")) {
                scoredLeads++;
            }
        }
        assertThat(scoredLeads).isEqualTo(3);
        MvcResult costs = mvc.perform(owner.auth(get("/api/v1/costs").param("groupBy", "feature")))
                .andExpect(status().isOk()).andReturn();
        assertThat((String) read(costs, "$.groups[0].key")).isEqualTo("lead_scoring");
        assertThat(new BigDecimal(String.valueOf((Object) read(costs, "$.groups[0].cost_usd"))))
                .isEqualByComparingTo(CALL.multiply(BigDecimal.valueOf(3)));
    }
}
