package dev.salesagent.agents.memory;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.openai.OpenAiTokenCountEstimator;
import dev.salesagent.core.model.ApproximateTokenCountEstimator;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.graph.Key;
import dev.salesagent.agents.graph.RunConfig;
import dev.salesagent.agents.graph.StateGraph;
import dev.salesagent.agents.graph.Update;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The message window and the recall node. The {@link MemoryStore} contract (in memory and JDBC) is proven by
 * sdk-store-tck's {@code MemoryStoreCompatibilityKit}.
 */
class MemoryTest {

    private final OpenAiTokenCountEstimator estimator = new OpenAiTokenCountEstimator("gpt-4o");

    @Test
    @DisplayName("the window keeps system messages and the newest messages that fit the token budget")
    void trimKeepsSystemAndNewest() {
        List<ChatMessage> conversation = new ArrayList<>();
        conversation.add(SystemMessage.from("You are a sales assistant."));
        for (int i = 0; i < 50; i++) {
            conversation.add(UserMessage.from("question number " + i + " about the Acme renewal"));
            conversation.add(AiMessage.from("answer number " + i + " about pricing tiers"));
        }
        MessageWindow window = MessageWindow.ofTokens(200, estimator);
        List<ChatMessage> trimmed = window.trim(conversation);
        assertThat(trimmed.get(0)).isEqualTo(conversation.get(0));
        assertThat(trimmed.get(trimmed.size() - 1)).isEqualTo(conversation.get(conversation.size() - 1));
        assertThat(estimator.estimateTokenCountInMessages(trimmed)).isLessThanOrEqualTo(200 + 3);
        assertThat(trimmed.size()).isBetween(5, 40);
        // adding one more message drops the oldest kept ones, never the system message
        List<ChatMessage> longer = new ArrayList<>(conversation);
        longer.add(UserMessage.from("one more question about the Acme renewal and discounts"));
        List<ChatMessage> next = window.trim(longer);
        assertThat(next).startsWith(conversation.get(0)).endsWith(longer.get(longer.size() - 1));
        assertThat(conversation.indexOf(next.get(1))).isGreaterThan(conversation.indexOf(trimmed.get(1)));
        assertThat(MessageWindow.ofTokens(100_000, estimator).trim(conversation)).isEqualTo(conversation);
    }

    @Test
    @DisplayName("the default window counts tokens approximately, without any provider tokenizer")
    void defaultWindowNeedsNoProviderClient() {
        List<ChatMessage> conversation = new ArrayList<>();
        conversation.add(SystemMessage.from("You are a sales assistant."));
        for (int i = 0; i < 50; i++) {
            conversation.add(UserMessage.from("question number " + i + " about the Acme renewal"));
        }
        List<ChatMessage> trimmed = MessageWindow.ofTokens(100).trim(conversation);
        assertThat(trimmed.get(0)).isEqualTo(conversation.get(0));
        assertThat(trimmed.get(trimmed.size() - 1)).isEqualTo(conversation.get(conversation.size() - 1));
        assertThat(ApproximateTokenCountEstimator.INSTANCE.estimateTokenCountInMessages(trimmed))
                .isLessThanOrEqualTo(100 + 3);
        assertThat(trimmed.size()).isBetween(3, 20);
    }

    @Test
    @DisplayName("a tool call and its results stay together; the window never starts with a tool result")
    void toolGroupsStayTogether() {
        ToolExecutionRequest req = ToolExecutionRequest.builder().id("c1").name("lookup").arguments("{}").build();
        List<ChatMessage> conversation = List.of(
                SystemMessage.from("sys"),
                UserMessage.from("x".repeat(400)),
                AiMessage.from(List.of(req)),
                ToolExecutionResultMessage.from(req, "y".repeat(200)),
                AiMessage.from("done"));
        int resultAndAnswer = estimator.estimateTokenCountInMessage(conversation.get(3))
                + estimator.estimateTokenCountInMessage(conversation.get(4))
                + estimator.estimateTokenCountInMessage(conversation.get(0));
        List<ChatMessage> trimmed = MessageWindow.ofTokens(resultAndAnswer + 1, estimator).trim(conversation);
        assertThat(trimmed).containsExactly(conversation.get(0), conversation.get(4));
        int withCall = resultAndAnswer + estimator.estimateTokenCountInMessage(conversation.get(2));
        assertThat(MessageWindow.ofTokens(withCall, estimator).trim(conversation))
                .containsExactly(conversation.get(0), conversation.get(2), conversation.get(3), conversation.get(4));
    }

    @Test
    @DisplayName("the recall node loads the run tenant's facts about the subject into a prompt key")
    void recallNode() {
        MemoryStore store = new InMemoryMemoryStore();
        store.remember(new MemoryFact("acme-tenant", "acme.com", "renewal due in March", "crm", Instant.parse("2026-02-01T00:00:00Z")));
        store.remember(new MemoryFact("default", "acme.com", "wrong tenant", "crm", Instant.parse("2026-02-02T00:00:00Z")));
        Key<String> domain = Key.of("domain", String.class);
        Key<String> facts = Key.of("facts", String.class);
        CompiledGraph g = StateGraph.of(domain, facts)
                .addNode("recall", MemoryNodes.recall(store, s -> s.get(domain), facts, 5))
                .addEdge(StateGraph.START, "recall").addEdge("recall", StateGraph.END).compile();
        String text = g.invoke(Update.of(domain, "acme.com"), RunConfig.builder().tenant("acme-tenant").build()).get(facts);
        assertThat(text).isEqualTo("Known facts about acme.com:\n- renewal due in March (2026-02-01)");
        assertThat(g.invoke(Update.of(domain, "unknown.com"), RunConfig.builder().tenant("acme-tenant").build()).get(facts)).isEmpty();
    }
}
