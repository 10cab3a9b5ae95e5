package dev.salesagent.agents.memory;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.openai.OpenAiTokenCountEstimator;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.graph.Key;
import dev.salesagent.agents.graph.RunConfig;
import dev.salesagent.agents.graph.StateGraph;
import dev.salesagent.agents.graph.Update;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

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

    static MemoryStore store(String kind) {
        if (kind.equals("memory")) {
            return new InMemoryMemoryStore();
        }
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:mem-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return new JdbcMemoryStore(ds).createSchema();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"memory", "jdbc"})
    @DisplayName("facts are kept per tenant and subject, newest first, and can be forgotten")
    void storeContract(String kind) {
        MemoryStore store = store(kind);
        Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
        store.remember(new MemoryFact("acme-tenant", "jane@acme.com", "prefers email", "run-1", t0));
        store.remember(new MemoryFact("acme-tenant", "jane@acme.com", "budget approved in Q3", "crm", t0.plusSeconds(60)));
        store.remember(new MemoryFact("acme-tenant", "bob@acme.com", "on leave", null, t0));
        store.remember(new MemoryFact("other-tenant", "jane@acme.com", "secret of another tenant", null, t0.plusSeconds(120)));
        assertThat(store.recall("acme-tenant", "jane@acme.com", 10)).extracting(MemoryFact::fact)
                .containsExactly("budget approved in Q3", "prefers email");
        assertThat(store.recall("acme-tenant", "jane@acme.com", 1)).extracting(MemoryFact::fact).containsExactly("budget approved in Q3");
        assertThat(store.recall("acme-tenant", "jane@acme.com", 10).get(1).recordedAt()).isEqualTo(t0);
        assertThat(store.recall("nobody", "jane@acme.com", 10)).isEmpty();
        assertThat(store.forget("acme-tenant", "jane@acme.com")).isEqualTo(2);
        assertThat(store.recall("acme-tenant", "jane@acme.com", 10)).isEmpty();
        assertThat(store.recall("other-tenant", "jane@acme.com", 10)).hasSize(1);
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
