package dev.salesagent.core.cache;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Canonical form and SHA-256 of a request for the response cache. Every field is written as
 * {@code name=length:value\n} (length in chars), so no two different requests share a canonical form; the text is
 * hashed in one call.
 * Message types are written by role; content other than text (images, audio, PDFs) by its {@code toString()},
 * which LangChain4j defines over all of its fields.
 */
final class CacheKeys {

    private static final HexFormat HEX = HexFormat.of();
    /** An absent value: written as a NUL character. */
    private static final String ABSENT = "=1:\u0000\n";
    /** Never updated; only cloned. */
    private static final MessageDigest SHA256 = newSha256();

    private CacheKeys() {
    }

    static String key(String route, ChatRequest request) {
        StringBuilder d = new StringBuilder(512);
        ChatRequestParameters p = request.parameters();
        field(d, "v", "1");
        field(d, "route", route);
        for (ChatMessage m : request.messages()) {
            message(d, m);
        }
        List<ToolSpecification> tools = p.toolSpecifications();
        if (tools != null) {
            for (ToolSpecification t : tools) {
                field(d, "tool", t.toString());
            }
        }
        field(d, "model", p.modelName());
        field(d, "temperature", p.temperature());
        field(d, "topP", p.topP());
        field(d, "topK", p.topK());
        field(d, "frequencyPenalty", p.frequencyPenalty());
        field(d, "presencePenalty", p.presencePenalty());
        field(d, "maxOutputTokens", p.maxOutputTokens());
        field(d, "stop", p.stopSequences());
        field(d, "toolChoice", p.toolChoice());
        field(d, "responseFormat", p.responseFormat());
        return HEX.formatHex(sha256().digest(d.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static void message(StringBuilder d, ChatMessage m) {
        if (m instanceof SystemMessage s) {
            field(d, "system", s.text());
        } else if (m instanceof UserMessage u) {
            field(d, "user", u.name());
            for (Content c : u.contents()) {
                field(d, "content", c instanceof TextContent t ? t.text() : c.toString());
            }
        } else if (m instanceof AiMessage a) {
            field(d, "ai", a.text());
            if (a.hasToolExecutionRequests()) {
                for (ToolExecutionRequest t : a.toolExecutionRequests()) {
                    field(d, "toolCall", t.id());
                    field(d, "toolName", t.name());
                    field(d, "toolArgs", t.arguments());
                }
            }
        } else if (m instanceof ToolExecutionResultMessage r) {
            field(d, "toolResult", r.id());
            field(d, "toolName", r.toolName());
            field(d, "toolText", r.text());
        } else {
            field(d, m.type().name(), m.toString());
        }
    }

    private static void field(StringBuilder d, String name, Object value) {
        if (value == null) {
            d.append(name).append(ABSENT);
            return;
        }
        String v = value.toString();
        d.append(name).append('=').append(v.length()).append(':').append(v).append('\n');
    }

    /** A fresh SHA-256 digest: cloning a prototype skips the provider lookup of {@code getInstance}. */
    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            // the provider's digest is not cloneable: look it up per call
            return newSha256();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
