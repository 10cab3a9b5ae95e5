package dev.salesagent.agents.react;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.salesagent.agents.graph.CompileConfig;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.graph.InMemoryCheckpointer;
import dev.salesagent.agents.graph.RunConfig;
import dev.salesagent.agents.graph.RunResult;
import dev.salesagent.agents.graph.StateGraph;
import dev.salesagent.agents.graph.Update;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real LangChain4j OpenAI client against WireMock serving OpenAI chat-completions responses with
 * tool calls (https://platform.openai.com/docs/api-reference/chat/create), over three iterations.
 */
class ReActAgentTest {

    private WireMockServer server;
    private OpenAiChatModel model;

    public static class CrmTools {
        final CountDownLatch bothRunning = new CountDownLatch(2);

        @Tool("Finds the CRM account of a web domain")
        public String lookupAccount(@P("the domain, e.g. acme.com") String domain) throws InterruptedException {
            bothRunning.countDown();
            boolean parallel = bothRunning.await(5, TimeUnit.SECONDS);
            return "{\"id\":\"acc-1\",\"name\":\"Acme\",\"domain\":\"" + domain + "\",\"parallel\":" + parallel + "}";
        }

        @Tool("Counts the open deals of an account")
        public int countOpenDeals(@P("account id") String accountId) throws InterruptedException {
            bothRunning.countDown();
            bothRunning.await(5, TimeUnit.SECONDS);
            return accountId.equals("acc-1") ? 3 : 0;
        }

        @Tool("Logs a call note")
        public String logNote(@P("note text") String text) {
            throw new IllegalStateException("CRM timeout while saving note");
        }
    }

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        model = OpenAiChatModel.builder().baseUrl(server.baseUrl() + "/v1").apiKey("test-key")
                .modelName("gpt-4o-mini").maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private static String toolCalls(String... calls) {
        return """
                {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[%s]},"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":120,"completion_tokens":30,"total_tokens":150}}
                """.formatted(String.join(",", calls));
    }

    private static String call(String id, String name, String argsJson) {
        return "{\"id\":\"" + id + "\",\"type\":\"function\",\"function\":{\"name\":\"" + name + "\",\"arguments\":"
                + "\"" + argsJson.replace("\"", "\\\"") + "\"}}";
    }

    private static final String FINAL = """
            {"id":"chatcmpl-3","object":"chat.completion","created":1700000002,"model":"gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Acme has 3 open deals."},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":300,"completion_tokens":10,"total_tokens":310}}
            """;

    private void stubThreeTurns() {
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("react").whenScenarioStateIs(STARTED)
                .willReturn(okJson(toolCalls(call("call_1", "lookupAccount", "{\"domain\":\"acme.com\"}"),
                        call("call_2", "countOpenDeals", "{\"accountId\":\"acc-1\"}")))).willSetStateTo("second"));
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("react").whenScenarioStateIs("second")
                .willReturn(okJson(toolCalls(call("call_3", "deleteEverything", "{}"),
                        call("call_4", "logNote", "{\"text\":\"called\"}")))).willSetStateTo("third"));
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("react").whenScenarioStateIs("third")
                .willReturn(okJson(FINAL)));
    }

    @Test
    @DisplayName("loops model -> parallel tool calls -> observations until the answer; bad tools become error observations")
    void reactLoopAsNode() {
        stubThreeTurns();
        CrmTools tools = new CrmTools();
        ReActAgent agent = ReActAgent.builder().chatModel(model).tools(tools).systemPrompt("You are a CRM assistant.").build();
        CompiledGraph g = StateGraph.of(ReActAgent.MESSAGES).addNode("agent", agent)
                .addEdge(StateGraph.START, "agent").addEdge("agent", StateGraph.END).compile();

        RunResult r = g.invoke(Update.append(ReActAgent.MESSAGES, UserMessage.from("How many open deals has acme.com?")));

        assertThat(r.status()).isEqualTo(RunResult.Status.COMPLETED);
        List<ChatMessage> messages = r.get(ReActAgent.MESSAGES);
        assertThat(messages).hasSize(8);
        assertThat(messages.get(1)).isInstanceOf(AiMessage.class);
        assertThat(((ToolExecutionResultMessage) messages.get(2)).text()).contains("\"parallel\":true").contains("acme.com");
        assertThat(((ToolExecutionResultMessage) messages.get(3)).text()).isEqualTo("3");
        assertThat(((ToolExecutionResultMessage) messages.get(5)).text())
                .isEqualTo("Error: unknown tool 'deleteEverything'. Available tools: countOpenDeals, logNote, lookupAccount");
        assertThat(((ToolExecutionResultMessage) messages.get(6)).text()).isEqualTo("Error: CRM timeout while saving note");
        assertThat(ReActAgent.finalAnswer(messages)).contains("Acme has 3 open deals.");

        List<LoggedRequest> requests = server.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")));
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).getBodyAsString()).contains("You are a CRM assistant.").contains("\"lookupAccount\"")
                .contains("\"tools\"");
        assertThat(requests.get(1).getBodyAsString()).containsPattern("\"tool_call_id\"\\s*:\\s*\"call_2\"");
        assertThat(requests.get(2).getBodyAsString()).contains("Error: unknown tool 'deleteEverything'")
                .contains("Error: CRM timeout while saving note");
        server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withHeader("Authorization", equalTo("Bearer test-key")));
    }

    @Test
    @DisplayName("as a graph, every iteration is its own checkpointed super-step")
    void reactAsGraph() {
        stubThreeTurns();
        InMemoryCheckpointer cp = new InMemoryCheckpointer();
        CompiledGraph g = ReActAgent.builder().chatModel(model).tools(new CrmTools()).build()
                .asGraph(CompileConfig.builder().checkpointer(cp).build());
        RunResult r = g.invoke(Update.append(ReActAgent.MESSAGES, UserMessage.from("How many open deals has acme.com?")),
                RunConfig.forThread("react-1"));
        assertThat(r.status()).isEqualTo(RunResult.Status.COMPLETED);
        assertThat(r.steps()).extracting(RunResult.Step::node).containsExactly("agent", "tools", "agent", "tools", "agent");
        assertThat(r.get(ReActAgent.MESSAGES)).hasSize(8);
        assertThat(ReActAgent.finalAnswer(r.get(ReActAgent.MESSAGES))).contains("Acme has 3 open deals.");
        assertThat(g.history("react-1")).as("input, __start__, five node steps").hasSize(7);
    }

    @Test
    @DisplayName("stops after maxIterations model calls")
    void maxIterations() {
        server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(okJson(toolCalls(call("call_1", "countOpenDeals", "{\"accountId\":\"acc-2\"}")))));
        ReActAgent agent = ReActAgent.builder().chatModel(model).maxIterations(2)
                .tool(ToolSpecification.builder().name("countOpenDeals").description("Counts open deals").build(), req -> "0")
                .build();
        CompiledGraph g = StateGraph.of(ReActAgent.MESSAGES).addNode("agent", agent)
                .addEdge(StateGraph.START, "agent").addEdge("agent", StateGraph.END).compile();
        RunResult r = g.invoke(Update.append(ReActAgent.MESSAGES, UserMessage.from("loop")));
        assertThat(server.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))).hasSize(2);
        assertThat(r.get(ReActAgent.MESSAGES)).hasSize(5);
        assertThat(ReActAgent.finalAnswer(r.get(ReActAgent.MESSAGES))).isEmpty();
    }
}
