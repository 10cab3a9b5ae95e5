package dev.salesagent.server.workspace.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.langchain4j.model.chat.Capability;
import dev.salesagent.core.model.ModelEndpoint;
import dev.salesagent.core.model.ModelTier;
import dev.salesagent.model.anthropic.AnthropicEndpoints;
import dev.salesagent.model.openai.OpenAiEndpoints;
import dev.salesagent.server.platform.PlatformTestSupport;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Models on the agent-run path: the platform's model router with Claude first and GPT as its fallback in the economy
 * tier that lead scoring is routed to ({@code salesagent.routing.feature-tiers}, cheap first), both served by WireMock with the vendors'
 * documented response shapes (Anthropic Messages: {@code content[].text}, {@code usage.input_tokens/output_tokens},
 * errors {@code {type: error, error: {type: rate_limit_error}}}; OpenAI Chat Completions: {@code choices[].message},
 * {@code usage.prompt_tokens/completion_tokens}). Scoring one lead per call ({@code batch-size 1}) with scores that
 * route every lead cold, so each lead costs exactly one model call. A context of its own (the endpoints are
 * configuration), on its own embedded PostgreSQL.
 */
@Import(ModelRoutingOnRunsTest.Endpoints.class)
class ModelRoutingOnRunsTest extends PlatformTestSupport {

    static final WireMockServer ANTHROPIC = new WireMockServer(options().dynamicPort());
    static final WireMockServer OPENAI = new WireMockServer(options().dynamicPort());

    /** The scorer's answer for one lead (id lead-1): low BANT scores, so the lead is cold (no outreach call). */
    static final String SCORES = "{\"scores\":[{\"id\":\"lead-1\",\"budget\":5,\"authority\":5,\"need\":5,"
            + "\"timeline\":5,\"reasons\":[\"No budget, authority or timeline is stated for this lead.\"]}]}";
    /** gpt-4o-mini: 1000 input tokens at 0.15 USD/MTok + 200 output tokens at 0.60 USD/MTok (bundled price table). */
    static final BigDecimal GPT_CALL = new BigDecimal("0.00027");

    static {
        ANTHROPIC.start();
        OPENAI.start();
    }

    @DynamicPropertySource
    static void routing(DynamicPropertyRegistry registry) {
        registry.add("salesagent.platform.data-dir", () -> "target/test-data-model-runs");
        registry.add("salesagent.routing.feature-tiers.lead_scoring", () -> "economy");
        registry.add("salesagent.routing.max-attempts-per-endpoint", () -> "2");
        registry.add("salesagent.routing.initial-backoff", () -> "10ms");
        // keep the circuit breaker out of the counts: every call tries Claude first
        registry.add("salesagent.routing.circuit-breaker.minimum-number-of-calls", () -> "1000");
        registry.add("salesagent.routing.circuit-breaker.sliding-window-size", () -> "1000");
        registry.add("salesagent.agents.model.batch-size", () -> "1");
    }

    /**
     * The two endpoints, built by the provider modules' own builders (the same code the starter runs for
     * {@code salesagent.models.endpoints[n]}), as {@code ModelEndpoint} beans in fallback order. Beans rather than
     * properties because a property-configured Anthropic endpoint declares no capabilities (the starter has no key for
     * them), so the router would skip Claude for the JSON-schema answers of the scorer; Claude Haiku 4.5 supports
     * Anthropic structured outputs ({@code output_config.format}).
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class Endpoints {

        @Bean
        @Order(1)
        ModelEndpoint claude() {
            return AnthropicEndpoints.builder("claude", ModelTier.ECONOMY).model("claude-haiku-4-5")
                    .apiKey("sk-ant-test").baseUrl(ANTHROPIC.baseUrl() + "/v1/").maxOutputTokens(200)
                    .supportedCapabilities(Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA)).build();
        }

        @Bean
        @Order(2)
        ModelEndpoint gpt() {
            return OpenAiEndpoints.builder("gpt", ModelTier.ECONOMY).model("gpt-4o-mini").apiKey("sk-test")
                    .baseUrl(OPENAI.baseUrl() + "/v1").maxOutputTokens(200).build();
        }
    }

    @AfterAll
    static void stop() {
        ANTHROPIC.stop();
        OPENAI.stop();
    }

    @BeforeEach
    void reset() {
        ANTHROPIC.resetAll();
        OPENAI.resetAll();
        OPENAI.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"chatcmpl-1\",\"object\":"
                        + "\"chat.completion\",\"created\":1764000000,\"model\":\"gpt-4o-mini-2024-07-18\","
                        + "\"choices\":[{\"index\":0,\"finish_reason\":\"stop\",\"message\":{\"role\":\"assistant\","
                        + "\"content\":" + quote(SCORES) + "}}],"
                        + "\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":200,\"total_tokens\":1200}}")));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private List<String> leads(Session s, int n, String who) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            MvcResult r = mvc.perform(s.auth(MockMvcRequestBuilders.post("/api/v1/leads"))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"email\":\"" + who + i + "@tinybakery" + i + ".example.org\",\"company\":"
                                    + "\"Tiny Bakery " + i + "\",\"title\":\"Intern\",\"employees\":3}"))
                    .andExpect(status().isCreated()).andReturn();
            ids.add(read(r, "$.id"));
        }
        return ids;
    }

    private MvcResult run(Session s, List<String> ids) throws Exception {
        MvcResult started = mvc.perform(s.auth(MockMvcRequestBuilders.post("/api/v1/agent-runs"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\":\"lead_pipeline\",\"lead_ids\":" + json(ids) + "}"))
                .andExpect(status().isAccepted()).andReturn();
        String runId = read(started, "$.id");
        long deadline = System.nanoTime() + 180_000_000_000L; // a safety net for a hung run, not a speed check
        while (true) {
            MvcResult r = mvc.perform(s.auth(get("/api/v1/agent-runs/" + runId))).andExpect(status().isOk())
                    .andReturn();
            String st = read(r, "$.status");
            if (!st.equals("queued") && !st.equals("running")) {
                return r;
            }
            assertThat(System.nanoTime()).as("run still " + st).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static BigDecimal decimal(Object number) {
        return new BigDecimal(String.valueOf(number));
    }

    @Test
    @DisplayName("a 429 storm from Anthropic: each lead falls back to OpenAI, the run completes, model and exact cost per lead")
    void rateLimitStormFallsBackToOpenAi() throws Exception {
        ANTHROPIC.stubFor(post(urlPathEqualTo("/v1/messages")).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withBody("{\"type\":\"error\",\"error\":{\"type\":"
                        + "\"rate_limit_error\",\"message\":\"Number of request tokens has exceeded your per-minute "
                        + "rate limit (https://docs.claude.com/en/api/rate-limits).\"}}")));
        Session owner = register("Model Storm");
        List<String> ids = leads(owner, 3, "storm");

        MvcResult done = run(owner, ids);
        assertThat((String) read(done, "$.status")).as(done.getResponse().getContentAsString())
                .isEqualTo("completed");
        assertThat((String) read(done, "$.method")).isEqualTo("model");
        List<Map<String, Object>> leads = read(done, "$.output.leads");
        assertThat(leads).hasSize(3);
        for (Map<String, Object> lead : leads) {
            assertThat(lead.get("method")).isEqualTo("model");
            assertThat((String) lead.get("model")).startsWith("gpt-4o-mini");
            assertThat(((Number) lead.get("input_tokens")).longValue()).isEqualTo(1000);
            assertThat(((Number) lead.get("output_tokens")).longValue()).isEqualTo(200);
            assertThat(decimal(lead.get("cost_usd"))).isEqualByComparingTo(GPT_CALL);
            assertThat(lead.get("score")).isNotNull();
        }
        assertThat(decimal(read(done, "$.cost_usd"))).isEqualByComparingTo(GPT_CALL.multiply(BigDecimal.valueOf(3)));
        // Claude was tried first for every lead (two attempts each), then GPT answered once per lead
        assertThat(ANTHROPIC.findAll(postRequestedFor(urlPathEqualTo("/v1/messages")))).hasSize(6);
        assertThat(OPENAI.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))).hasSize(3);
        // the scores landed on the leads with their model
        MvcResult lead = mvc.perform(owner.auth(get("/api/v1/leads/" + ids.get(0)))).andExpect(status().isOk())
                .andReturn();
        assertThat((String) read(lead, "$.score_method")).isEqualTo("model");
        // the tenant's cost report has exactly what the run says
        MvcResult costs = mvc.perform(owner.auth(get("/api/v1/costs").param("groupBy", "feature")))
                .andExpect(status().isOk()).andReturn();
        assertThat((String) read(costs, "$.groups[0].key")).isEqualTo("lead_scoring");
        assertThat(decimal(read(costs, "$.groups[0].cost_usd")))
                .isEqualByComparingTo(GPT_CALL.multiply(BigDecimal.valueOf(3)));
    }
}
