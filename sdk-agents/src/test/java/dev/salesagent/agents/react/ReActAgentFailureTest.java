package dev.salesagent.agents.react;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.salesagent.agents.graph.Command;
import dev.salesagent.agents.graph.CompileConfig;
import dev.salesagent.agents.graph.InMemoryCheckpointer;
import dev.salesagent.agents.graph.Key;
import dev.salesagent.agents.graph.StateGraph;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.graph.RunConfig;
import dev.salesagent.agents.graph.RunResult;
import dev.salesagent.agents.graph.Update;
import dev.salesagent.core.cost.BudgetExceededException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Which tool failures the model sees as "Error:" observations and which end the agent. */
class ReActAgentFailureTest {

    /** Asks for the tool on every turn until it sees an observation, then answers. */
    static final class ToolCallingModel implements ChatModel {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public ChatResponse chat(ChatRequest request) {
            int n = calls.incrementAndGet();
            List<ChatMessage> msgs = request.messages();
            if (msgs.get(msgs.size() - 1) instanceof ToolExecutionResultMessage t) {
                return ChatResponse.builder().aiMessage(AiMessage.from("saw: " + t.text())).build();
            }
            return ChatResponse.builder().aiMessage(AiMessage.from(List.of(ToolExecutionRequest.builder()
                    .id("call-" + n).name("crm").arguments("{}").build()))).build();
        }
    }

    private static RunResult run(Exception toolFailure, ToolCallingModel model) {
        try (ReActAgent agent = ReActAgent.builder().chatModel(model)
                .tool(ToolSpecification.builder().name("crm").description("CRM lookup").build(), r -> {
                    throw toolFailure;
                }).build()) {
            CompiledGraph g = agent.asGraph(CompileConfig.defaults());
            return g.invoke(Update.append(ReActAgent.MESSAGES, UserMessage.from("hi")), RunConfig.builder().executor(Runnable::run).build());
        }
    }

    @Test
    @DisplayName("an ordinary tool failure becomes an Error: observation and the model answers")
    void ordinaryFailureIsObservation() {
        ToolCallingModel model = new ToolCallingModel();
        RunResult r = run(new IllegalArgumentException("no such account"), model);
        assertThat(r.status()).isEqualTo(RunResult.Status.COMPLETED);
        assertThat(ReActAgent.finalAnswer(r.get(ReActAgent.MESSAGES))).hasValue("saw: Error: no such account");
    }

    @Test
    @DisplayName("a budget exhausted inside a tool ends the run instead of being fed back to the model")
    void budgetPropagates() {
        ToolCallingModel model = new ToolCallingModel();
        RunResult r = run(new BudgetExceededException("tenant:acme", new BigDecimal("1.00"), new BigDecimal("1.00"),
                new BigDecimal("0.10")), model);
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).isInstanceOf(BudgetExceededException.class);
        assertThat(model.calls).hasValue(1);
    }

    @Test
    @DisplayName("an authentication failure inside a tool ends the run")
    void authenticationPropagates() {
        ToolCallingModel model = new ToolCallingModel();
        RunResult r = run(new AuthenticationException("401 invalid api key"), model);
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).hasRootCauseInstanceOf(AuthenticationException.class);
        assertThat(model.calls).hasValue(1);
    }

    @Test
    @DisplayName("builder.propagate adds failures that end the agent")
    void customPropagation() {
        ToolCallingModel model = new ToolCallingModel();
        try (ReActAgent agent = ReActAgent.builder().chatModel(model).propagate(t -> t instanceof IllegalStateException)
                .tool(ToolSpecification.builder().name("crm").description("CRM lookup").build(), r -> {
                    throw new IllegalStateException("tenant suspended");
                }).build()) {
            RunResult r = agent.asGraph(CompileConfig.defaults()).invoke(Update.append(ReActAgent.MESSAGES, UserMessage.from("hi")),
                    RunConfig.builder().executor(Runnable::run).build());
            assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
            assertThat(r.error()).hasRootCauseInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    @DisplayName("an interrupt raised inside a tool (a graph the tool invokes pauses) pauses the run instead of becoming an Error: observation; resume answers it")
    void interruptPropagates() {
        ToolCallingModel model = new ToolCallingModel();
        Key<String> answer = Key.of("answer", String.class);
        CompiledGraph approval = StateGraph.of(answer)
                .addNode("ask", (s, c) -> Update.of(answer, String.valueOf(c.interrupt("approve?"))))
                .addEdge(StateGraph.START, "ask").compile();
        try (ReActAgent agent = ReActAgent.builder().chatModel(model).executor(Runnable::run)
                .tool(ToolSpecification.builder().name("crm").description("CRM lookup").build(),
                        r -> approval.invoke(Update.empty()).get(answer)).build()) {
            CompiledGraph g = agent.asGraph(CompileConfig.builder().checkpointer(new InMemoryCheckpointer()).build());
            RunConfig cfg = RunConfig.builder().threadId("react-interrupt").executor(Runnable::run).build();
            RunResult paused = g.invoke(Update.append(ReActAgent.MESSAGES, UserMessage.from("hi")), cfg);
            assertThat(paused.status()).isEqualTo(RunResult.Status.INTERRUPTED);
            assertThat(paused.interrupts()).extracting(RunResult.Interrupt::payload).containsExactly("approve?");
            assertThat(model.calls).hasValue(1);
            RunResult done = g.resume(Command.resume("yes"), cfg);
            assertThat(done.status()).isEqualTo(RunResult.Status.COMPLETED);
            assertThat(ReActAgent.finalAnswer(done.get(ReActAgent.MESSAGES))).hasValue("saw: yes");
        }
    }
}
