package dev.salesagent.server.workspace.cost;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.salesagent.server.platform.ContentBodies;
import dev.salesagent.server.platform.PlatformTestSupport;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The model path: the server configured with an OpenAI endpoint served by WireMock (Chat Completions shapes); a
 * tenant's proposal budget runs out part-way through a series of proposals. The call that would pass the limit answers
 * 402 budget-exceeded and is never sent: WireMock sees exactly the admitted calls. A context of its own (the model
 * endpoint is configuration), on its own embedded PostgreSQL.
 */
class BudgetOnModelPathTest extends PlatformTestSupport {

    static final WireMockServer OPENAI = new WireMockServer(options().dynamicPort());

    static {
        OPENAI.start();
        String content = "{\"executiveSummary\":\"Acme Robotics can cut lead response time in half.\","
                + "\"problem\":\"Leads wait days for a first touch.\","
                + "\"solution\":\"Agents research, score and draft outreach within minutes.\","
                + "\"nextSteps\":[\"Pilot with one team\",\"Review results after four weeks\"]}";
        String body = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1764000000,"
                + "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\","
                + "\"message\":{\"role\":\"assistant\",\"content\":" + quote(content) + "}}],"
                + "\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":1000,\"total_tokens\":2000}}";
        OPENAI.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @DynamicPropertySource
    static void modelEndpoint(DynamicPropertyRegistry registry) {
        registry.add("salesagent.platform.data-dir", () -> "target/test-data-model");
        registry.add("salesagent.models.endpoints[0].name", () -> "mini");
        registry.add("salesagent.models.endpoints[0].provider", () -> "openai");
        registry.add("salesagent.models.endpoints[0].model", () -> "gpt-4o-mini");
        registry.add("salesagent.models.endpoints[0].api-key", () -> "sk-test");
        registry.add("salesagent.models.endpoints[0].max-output-tokens", () -> "1000");
        registry.add("salesagent.models.endpoints[0].base-url", () -> OPENAI.baseUrl() + "/v1");
    }

    @AfterAll
    static void stop() {
        OPENAI.stop();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    @DisplayName("a budget that runs out part-way: admitted calls reach the model, the next gets 402 and is not sent")
    void budgetRunsOutMidWay() throws Exception {
        Session owner = register("Model Budget");
        Session rep = createUser(owner, "sales_rep");

        // one proposal without a budget: the model writes it, and its exact cost is recorded
        MvcResult first = mvc.perform(rep.auth(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .post("/api/v1/proposals/generate")).contentType(MediaType.APPLICATION_JSON)
                        .content(ContentBodies.PROPOSAL))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.method").value("model"))
                .andExpect(jsonPath("$.model").isNotEmpty())
                .andReturn();
        assertThat((String) read(first, "$.markdown")).contains("Leads wait days for a first touch.")
                .contains("120,000.00");
        MvcResult costs = mvc.perform(owner.auth(get("/api/v1/costs").param("groupBy", "feature")))
                .andExpect(jsonPath("$.groups[0].key").value("proposal"))
                .andExpect(jsonPath("$.groups[0].input_tokens").value(1000))
                .andExpect(jsonPath("$.groups[0].output_tokens").value(1000))
                .andReturn();
        BigDecimal perCall = new BigDecimal((String) read(costs, "$.groups[0].cost_usd"));
        assertThat(perCall).isPositive();

        // room for the spend so far plus about two and a half more calls' actual cost
        BigDecimal limit = perCall.multiply(new BigDecimal("3.5"));
        mvc.perform(owner.auth(put("/api/v1/budgets")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"budgets\":[{\"feature\":\"proposal\",\"period\":\"daily\",\"limit_usd\":\""
                                + limit.toPlainString() + "\"}]}"))
                .andExpect(status().isOk());
        int sentBefore = OPENAI.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).size();

        List<Integer> statuses = new ArrayList<>();
        String refusal = null;
        for (int i = 0; i < 6; i++) {
            MvcResult r = mvc.perform(rep.auth(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                            .post("/api/v1/proposals/generate")).contentType(MediaType.APPLICATION_JSON)
                            .content(ContentBodies.PROPOSAL))
                    .andReturn();
            statuses.add(r.getResponse().getStatus());
            if (r.getResponse().getStatus() == 402) {
                refusal = r.getResponse().getContentAsString();
            }
        }
        long admitted = statuses.stream().filter(s -> s == 201).count();
        assertThat(admitted).as("statuses %s", statuses).isBetween(1L, 2L);
        assertThat(statuses.subList(0, (int) admitted)).containsOnly(201);
        assertThat(statuses.subList((int) admitted, statuses.size())).containsOnly(402);
        assertThat(refusal).contains("urn:salesagent:problem:budget-exceeded").contains("feature:proposal/daily")
                .contains("\"limit_usd\":\"" + limit.stripTrailingZeros().toPlainString() + "\"");
        // exactly the admitted calls were sent; nothing over the limit reached the provider
        assertThat(OPENAI.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))).hasSize(
                sentBefore + (int) admitted);
        MvcResult after = mvc.perform(owner.auth(get("/api/v1/costs").param("groupBy", "feature"))).andReturn();
        assertThat(new BigDecimal((String) read(after, "$.groups[0].cost_usd"))).isLessThanOrEqualTo(limit)
                .isEqualByComparingTo(perCall.multiply(BigDecimal.valueOf(1 + admitted)));
    }
}
