package dev.salesagent.agents.graph;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.salesagent.agents.graph.StateGraph.END;
import static dev.salesagent.agents.graph.StateGraph.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateCodecTest {

    record Lead(String email, BigDecimal dealSize, Instant seenAt) {
    }

    static final Key<List<ChatMessage>> MESSAGES = Key.appending("messages", ChatMessage.class);
    static final Key<Lead> LEAD = Key.of("lead", Lead.class);
    static final Key<List<Lead>> LEADS = Key.listOf("leads", Lead.class);
    static final Key<Map<String, Lead>> BY_EMAIL = Key.merging("byEmail", Lead.class);
    static final Key<Long> TOTAL = Key.reducing("total", Long.class, 0L, Long::sum);

    @Test
    @DisplayName("states and updates of every key kind round-trip through JSON with their types")
    void roundTrip() {
        Lead lead = new Lead("jane@acme.com", new BigDecimal("12500.50"), Instant.parse("2026-03-01T09:30:00Z"));
        Update update = Update.of(LEAD, lead).and(LEADS, List.of(lead, lead)).and(BY_EMAIL, Map.of(lead.email(), lead))
                .and(TOTAL, 5L).andAppend(MESSAGES, UserMessage.from("hi"), AiMessage.from("hello"));
        AgentState state = AgentState.of(update).apply(Update.of(TOTAL, 7L));
        StateCodec codec = StateCodec.of(List.of(MESSAGES, LEAD, LEADS, BY_EMAIL, TOTAL));

        JsonNode json = codec.parse(codec.toJson(codec.encodeState(state)));
        AgentState back = codec.decodeState(json);
        assertThat(back).isEqualTo(state);
        assertThat(back.get(LEADS).get(0)).isInstanceOf(Lead.class);
        assertThat(back.get(BY_EMAIL).get("jane@acme.com").dealSize()).isEqualByComparingTo("12500.50");
        assertThat(back.get(TOTAL)).isEqualTo(12L);
        assertThat(json.get("lead").get("seenAt").asText()).isEqualTo("2026-03-01T09:30:00Z");
        assertThat(json.get("messages").get(0).get("type").asText()).isEqualTo("USER");

        Update decoded = codec.decodeUpdate(codec.parse(codec.toJson(codec.encodeUpdate(update))));
        assertThat(AgentState.empty().apply(decoded)).isEqualTo(AgentState.of(update));
    }

    @Test
    @DisplayName("a stored key the graph does not declare is a CheckpointException naming it")
    void unknownKey() {
        StateCodec codec = StateCodec.of(List.of(LEAD));
        assertThatThrownBy(() -> codec.decodeState(codec.parse("{\"ghost\": 1}")))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("'ghost'");
    }

    @Test
    @DisplayName("ModelStreaming passes a streaming model's partial responses through as ModelToken events")
    void streamingModelTokens() {
        StreamingChatModel model = new StreamingChatModel() {
            @Override
            public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
                new Thread(() -> {
                    handler.onPartialResponse("Hot ");
                    handler.onPartialResponse("lead");
                    handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from("Hot lead")).build());
                }).start();
            }
        };
        Key<String> answer = Key.of("answer", String.class);
        CompiledGraph g = StateGraph.of(answer)
                .addNode("score", (s, c) -> Update.of(answer, ModelStreaming.chat(model,
                        ChatRequest.builder().messages(UserMessage.from("score")).build(), c).aiMessage().text()))
                .addEdge(START, "score").addEdge("score", END).compile();
        List<GraphEvent> events = g.stream(Update.empty(), RunConfig.defaults()).toList();
        assertThat(events).filteredOn(GraphEvent.ModelToken.class::isInstance)
                .extracting(e -> ((GraphEvent.ModelToken) e).token()).containsExactly("Hot ", "lead");
        assertThat(((GraphEvent.RunCompleted) events.get(events.size() - 1)).result().get(answer)).isEqualTo("Hot lead");
    }
}
