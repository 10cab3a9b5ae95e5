package dev.salesagent.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** The quickstart with OPENAI_API_KEY set, against WireMock serving OpenAI's Chat Completions shape. */
class QuickstartModelTest {

    @TempDir
    Path dir;

    private final WireMockServer openAi = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @AfterEach
    void stop() {
        openAi.stop();
    }

    private void answer(String schemaName, String content) {
        answer(schemaName, content, true);
    }

    private void answer(String schemaName, String content, boolean withUsage) {
        ObjectNode body = Quickstart.JSON.createObjectNode();
        body.put("id", "chatcmpl-q").put("object", "chat.completion").put("created", 1_741_570_283L)
                .put("model", "gpt-4o-mini-2024-07-18");
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        if (withUsage) {
            body.putObject("usage").put("prompt_tokens", 1000).put("completion_tokens", 100).put("total_tokens", 1100);
        }
        openAi.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("\"" + schemaName + "\""))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(body.toString())));
    }

    @Test
    void scoresWithTheModelAndReportsCostByFeatureAndModel() throws Exception {
        openAi.start();
        answer("lead_scores", "{\"scores\":[{\"id\":\"lead-1\",\"budget\":90,\"authority\":90,\"need\":90,"
                + "\"timeline\":90,\"reasons\":[\"authority 90: title 'VP Sales'\"]}]}");
        answer("outreach_draft", "{\"subject\":\"Hello\",\"body\":\"Hi, as VP Sales...\",\"factsUsed\":[1]}");
        answer("follow_up_plan", "{\"touches\":[{\"day\":0,\"channel\":\"email\",\"purpose\":\"intro\"}]}");
        Path csv = dir.resolve("leads.csv");
        Files.writeString(csv, """
                company,email,title,industry,employees
                Globex,dana@globex.com,VP Sales,Software,800
                Initech,bill@initech.com,CTO,Software,300
                """);
        Path out = dir.resolve("out.jsonl");

        QuickstartTest.Run r = QuickstartTest.run(Map.of("OPENAI_API_KEY", "sk-test",
                "OPENAI_BASE_URL", openAi.baseUrl() + "/v1"), "--leads", csv.toString(), "--out", out.toString());

        assertThat(r.exit()).as(r.err() + r.out()).isZero();
        List<JsonNode> lines = QuickstartTest.lines(out);
        assertThat(lines).hasSize(2).allSatisfy(n -> {
            assertThat(n.get("method").asText()).isEqualTo("model");
            assertThat(n.get("grade").asText()).isEqualTo("A");
            assertThat(n.at("/outreach/method").asText()).isEqualTo("model");
            assertThat(n.get("inputTokens").asLong()).isEqualTo(3000); // scoring, outreach, follow-up
        });
        // 2 leads x (scoring + outreach + follow-up)
        assertThat(openAi.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))).hasSize(6);
        assertThat(r.out()).contains("model [gpt-4o-mini]", "Cost by feature and model:");
        assertThat(r.out()).containsPattern("lead_scoring\\s+gpt-4o-mini\\S*\\s+2 calls\\s+2,000 in\\s+200 out");
        assertThat(r.out()).containsPattern("outreach\\s+gpt-4o-mini\\S*\\s+2 calls");
        assertThat(r.out()).containsPattern("follow_up\\s+gpt-4o-mini\\S*\\s+2 calls");
        assertThat(r.out()).containsPattern("total\\s+6 calls\\s+6,000 in\\s+600 out");
    }

    private Path twoLeads() throws Exception {
        Path csv = dir.resolve("leads.csv");
        Files.writeString(csv, """
                company,email,title,industry,employees
                Globex,dana@globex.com,VP Sales,Software,800
                Initech,bill@initech.com,CTO,Software,300
                """);
        return csv;
    }

    @Test
    void scoreBatchScoresBothLeadsInOneCall() throws Exception {
        openAi.start();
        answer("lead_scores", "{\"scores\":[{\"id\":\"lead-2\",\"budget\":10,\"authority\":10,\"need\":10,"
                + "\"timeline\":10,\"reasons\":[\"no fit\"]},{\"id\":\"lead-1\",\"budget\":90,\"authority\":90,"
                + "\"need\":90,\"timeline\":90,\"reasons\":[\"VP Sales\"]}]}");
        answer("outreach_draft", "{\"subject\":\"Hello\",\"body\":\"Hi, as VP Sales...\",\"factsUsed\":[1]}");
        answer("follow_up_plan", "{\"touches\":[{\"day\":0,\"channel\":\"email\",\"purpose\":\"intro\"}]}");
        Path out = dir.resolve("out.jsonl");

        QuickstartTest.Run r = QuickstartTest.run(Map.of("OPENAI_API_KEY", "sk-test",
                "OPENAI_BASE_URL", openAi.baseUrl() + "/v1"), "--leads", twoLeads().toString(), "--out", out.toString(),
                "--score-batch", "2");

        assertThat(r.exit()).as(r.err() + r.out()).isZero();
        List<JsonNode> lines = QuickstartTest.lines(out);
        assertThat(lines.get(0).get("grade").asText()).isEqualTo("A");
        assertThat(lines.get(1).get("grade").asText()).isEqualTo("D");
        // 1 scoring call for both leads + outreach and follow-up for the hot one
        assertThat(openAi.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))).hasSize(3);
        assertThat(r.out()).containsPattern("lead_scoring\\s+gpt-4o-mini\\S*\\s+1 calls");
    }

    @Test
    void aZeroCostLimitSendsNoModelCall() throws Exception {
        openAi.start();
        answer("lead_scores", "{\"scores\":[]}");
        Path out = dir.resolve("out.jsonl");

        QuickstartTest.Run r = QuickstartTest.run(Map.of("OPENAI_API_KEY", "sk-test",
                "OPENAI_BASE_URL", openAi.baseUrl() + "/v1"), "--leads", twoLeads().toString(), "--out", out.toString(),
                "--max-cost", "0");

        assertThat(r.exit()).as("every lead failed: exit 4").isEqualTo(Quickstart.EXIT_NONE_SCORED);
        assertThat(openAi.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))).isEmpty();
        assertThat(QuickstartTest.lines(out)).allSatisfy(n ->
                assertThat(n.get("error").asText()).startsWith("BudgetExceededException:"));
        assertThat(r.out()).contains("Cost limit of 0 USD reached: 2 lead(s) not finished");
    }

    @Test
    void aFailingModelFallsBackToRulesWithTheReasonUnlessNoFallback() throws Exception {
        openAi.start();
        openAi.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}")));
        Path out = dir.resolve("out.jsonl");
        Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-test", "OPENAI_BASE_URL", openAi.baseUrl() + "/v1");

        QuickstartTest.Run r = QuickstartTest.run(env, "--leads", twoLeads().toString(), "--out", out.toString(),
                "--model-retries", "0");

        assertThat(r.exit()).as(r.err() + r.out()).isZero();
        assertThat(QuickstartTest.lines(out)).hasSize(2).allSatisfy(n -> {
            assertThat(n.get("method").asText()).isEqualTo("rules");
            assertThat(n.has("grade")).isTrue();
            assertThat(n.get("fallbackReason").asText()).startsWith("model path failed: ");
            assertThat(n.at("/crm/synced").asBoolean()).isTrue();
        });
        assertThat(r.out()).contains("2 lead(s) scored on rules because their model calls failed");
        assertThat(openAi.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))).isNotEmpty();

        QuickstartTest.Run strict = QuickstartTest.run(env, "--leads", twoLeads().toString(), "--out",
                out.toString(), "--model-retries", "0", "--no-fallback");

        assertThat(strict.exit()).isEqualTo(Quickstart.EXIT_NONE_SCORED);
        assertThat(QuickstartTest.lines(out)).allSatisfy(n -> {
            assertThat(n.get("problem").asText()).isEqualTo("failed");
            assertThat(n.has("fallbackReason")).isFalse();
        });
    }

    @Test
    void aModelGradeAgainstTheFactsIsCorrectedAndEstimatedTokensAreMarked() throws Exception {
        openAi.start();
        // a grade-A answer for a lead without company or title, in an industry outside the profile; no usage
        answer("lead_scores", "{\"scores\":[{\"id\":\"lead-1\",\"budget\":95,\"authority\":95,\"need\":95,"
                + "\"timeline\":95,\"reasons\":[\"looks great\"]}]}", false);
        answer("follow_up_plan", "{\"touches\":[{\"day\":0,\"channel\":\"email\",\"purpose\":\"nurture\"}]}", false);
        Path csv = dir.resolve("leads.csv");
        Files.writeString(csv, """
                email,industry
                jo@gmail.com,Metals & Mining
                """);
        Path out = dir.resolve("out.jsonl");

        QuickstartTest.Run r = QuickstartTest.run(Map.of("OPENAI_API_KEY", "sk-test",
                "OPENAI_BASE_URL", openAi.baseUrl() + "/v1"), "--leads", csv.toString(), "--out", out.toString());

        assertThat(r.exit()).as(r.err() + r.out()).isZero();
        JsonNode line = QuickstartTest.lines(out).get(0);
        assertThat(line.get("method").asText()).as(line.toString()).isEqualTo("model");
        assertThat(line.get("grade").asText()).isEqualTo("C");
        assertThat(line.at("/breakdown/budget").asInt()).isEqualTo(50);
        assertThat(line.at("/breakdown/authority").asInt()).isEqualTo(50);
        assertThat(line.at("/breakdown/need").asInt()).isEqualTo(42);
        assertThat(line.at("/breakdown/timeline").asInt()).isEqualTo(50);
        assertThat(line.get("corrections")).extracting(JsonNode::asText).containsExactly(
                "budget 95 -> 50: no company and no employee count in the data, the model may claim at most the "
                        + "neutral 50",
                "authority 95 -> 50: no title in the data, the model may claim at most the neutral 50",
                "need 95 -> 42: industry 'Metals & Mining' is outside the ideal customer profile gives 17 on the rules, "
                        + "the model may differ by at most 25",
                "timeline 95 -> 50: no notes, no research and no CRM record in the data, the model may claim at most "
                        + "the neutral 50");
        assertThat(line.get("tokensEstimated").asBoolean()).isTrue();
        assertThat(line.get("inputTokens").asLong()).isPositive();
        assertThat(r.out()).contains("token counts of 1 lead(s) are estimated",
                "1 model score(s) corrected to agree with the facts in the data");
    }
}
