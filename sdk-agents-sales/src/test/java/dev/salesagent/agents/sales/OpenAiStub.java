package dev.salesagent.agents.sales;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.salesagent.core.context.AiContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * A WireMock server answering OpenAI's Chat Completions API (https://platform.openai.com/docs/api-reference/chat)
 * in its documented shape, and the real langchain4j-open-ai client pointed at it.
 */
public final class OpenAiStub implements AutoCloseable {

    public static final String PATH = "/v1/chat/completions";
    public static final String MODEL = "gpt-4o-mini-2024-07-18";
    private static final ObjectMapper JSON = new ObjectMapper();

    public final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    /** AiContext feature seen by the model on each call, in order. */
    public final List<String> features = Collections.synchronizedList(new ArrayList<>());
    public final ChatModel model;

    public OpenAiStub() {
        server.start();
        OpenAiChatModel openAi = OpenAiChatModel.builder()
                .baseUrl(server.baseUrl() + "/v1")
                .apiKey("sk-test")
                .modelName("gpt-4o-mini")
                .strictJsonSchema(true)
                .timeout(Duration.ofSeconds(10))
                .maxRetries(0)
                .build();
        this.model = new ChatModel() {
            @Override
            public ChatResponse chat(ChatRequest request) {
                features.add(AiContext.current().feature());
                return openAi.chat(request);
            }
        };
    }

    /** Answers every call with {@code content}. */
    public OpenAiStub answer(String content) {
        server.stubFor(post(urlEqualTo(PATH)).willReturn(ok(content)));
        return this;
    }

    /** Answers calls whose body contains {@code marker} with {@code content}. */
    public OpenAiStub answerWhenBodyContains(String marker, String content) {
        server.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing(marker)).willReturn(ok(content)));
        return this;
    }

    /** Answers consecutive calls with the given contents, the last one repeating. */
    public OpenAiStub answerInOrder(String... contents) {
        String state = Scenario.STARTED;
        for (int i = 0; i < contents.length; i++) {
            String next = i == contents.length - 1 ? state : "call-" + (i + 2);
            server.stubFor(post(urlEqualTo(PATH)).inScenario("seq").whenScenarioStateIs(state)
                    .willReturn(ok(contents[i])).willSetStateTo(next));
            state = next;
        }
        return this;
    }

    public List<LoggedRequest> requests() {
        return server.findAll(postRequestedFor(urlEqualTo(PATH)));
    }

    public JsonNode requestBody(int i) {
        try {
            return JSON.readTree(requests().get(i).getBodyAsString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String content) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "chatcmpl-test");
        body.put("object", "chat.completion");
        body.put("created", 1_741_570_283L);
        body.put("model", MODEL);
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", "stop");
        ObjectNode usage = body.putObject("usage");
        usage.put("prompt_tokens", 420);
        usage.put("completion_tokens", 80);
        usage.put("total_tokens", 500);
        usage.putObject("prompt_tokens_details").put("cached_tokens", 0);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", 0);
        body.put("system_fingerprint", "fp_test");
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body.toString());
    }

    @Override
    public void close() {
        server.stop();
    }
}
