package dev.salesagent.store.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;

/** A cache entry and its JSON form (format version 1). */
record CachedResponse(ChatResponse response, Instant expiresAt, Duration ttl) {

    private static final ObjectMapper JSON = new ObjectMapper();

    String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("v", 1);
        n.put("expiresAtMs", expiresAt.toEpochMilli());
        n.put("ttlMs", ttl.toMillis());
        n.put("aiMessage", ChatMessageSerializer.messageToJson(response.aiMessage()));
        n.put("id", response.id());
        n.put("modelName", response.modelName());
        TokenUsage u = response.tokenUsage();
        if (u != null) {
            ObjectNode t = n.putObject("tokenUsage");
            t.put("input", u.inputTokenCount());
            t.put("output", u.outputTokenCount());
            t.put("total", u.totalTokenCount());
        }
        if (response.finishReason() != null) {
            n.put("finishReason", response.finishReason().name());
        }
        return n.toString();
    }

    static CachedResponse fromJson(String json) {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("unreadable cache entry", e);
        }
        ChatResponse.Builder b = ChatResponse.builder()
                .aiMessage((AiMessage) ChatMessageDeserializer.messageFromJson(n.get("aiMessage").asText()));
        if (n.hasNonNull("id")) {
            b.id(n.get("id").asText());
        }
        if (n.hasNonNull("modelName")) {
            b.modelName(n.get("modelName").asText());
        }
        JsonNode t = n.get("tokenUsage");
        if (t != null) {
            b.tokenUsage(new TokenUsage(integer(t, "input"), integer(t, "output"), integer(t, "total")));
        }
        if (n.hasNonNull("finishReason")) {
            b.finishReason(FinishReason.valueOf(n.get("finishReason").asText()));
        }
        return new CachedResponse(b.build(), Instant.ofEpochMilli(n.get("expiresAtMs").asLong()),
                Duration.ofMillis(n.get("ttlMs").asLong()));
    }

    private static Integer integer(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asInt() : null;
    }
}
