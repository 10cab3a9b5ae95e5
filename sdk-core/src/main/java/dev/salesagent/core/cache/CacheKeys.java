package dev.salesagent.core.cache;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Canonical form and SHA-256 of a request for the response cache. */
final class CacheKeys {

    private CacheKeys() {
    }

    static String key(String route, ChatRequest request) {
        ChatRequestParameters p = request.parameters();
        StringBuilder sb = new StringBuilder(256);
        field(sb, "v", "1");
        field(sb, "route", route);
        field(sb, "messages", ChatMessageSerializer.messagesToJson(request.messages()));
        List<ToolSpecification> tools = p.toolSpecifications();
        if (tools != null) {
            for (ToolSpecification t : tools) {
                field(sb, "tool", t.toString());
            }
        }
        field(sb, "model", p.modelName());
        field(sb, "temperature", p.temperature());
        field(sb, "topP", p.topP());
        field(sb, "topK", p.topK());
        field(sb, "frequencyPenalty", p.frequencyPenalty());
        field(sb, "presencePenalty", p.presencePenalty());
        field(sb, "maxOutputTokens", p.maxOutputTokens());
        field(sb, "stop", p.stopSequences());
        field(sb, "toolChoice", p.toolChoice());
        field(sb, "responseFormat", p.responseFormat());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Length-prefixed so that no two different field sequences produce the same text. */
    private static void field(StringBuilder sb, String name, Object value) {
        String v = value == null ? "\u0000" : value.toString();
        sb.append(name).append('=').append(v.length()).append(':').append(v).append('\n');
    }
}
