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
import dev.salesagent.agents.graph.CompileConfig;
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
}
