package dev.salesagent.agents.sales.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.salesagent.agents.sales.InvalidModelOutputException;
import dev.salesagent.agents.sales.ModelOptions;
import dev.salesagent.core.context.AiContext;
import dev.salesagent.core.cost.UsageRecord;
import dev.salesagent.core.model.ModelRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * The engine behind every model implementation: one structured-output exchange with a chat model.
 *
 * <ol>
 *   <li>System message = the skill's prompt resource; user message = the task prompt with the input serialized as a
 *       JSON document inside {@code <data>} markers. Lead notes and transcripts are JSON string values there, so
 *       text inside them cannot close the envelope or become an instruction.</li>
 *   <li>The request asks for {@link ResponseFormatType#JSON} with the skill's JSON schema (OpenAI
 *       {@code response_format: json_schema}; https://platform.openai.com/docs/guides/structured-outputs). A model
 *       that refuses it with LangChain4j's {@code UnsupportedFeatureException} (e.g. Anthropic without the
 *       structured-outputs beta) gets the schema in the prompt instead, for this and every later call.</li>
 *   <li>The answer is parsed (code fences tolerated) and validated; if either fails, the model is asked once to
 *       repair it, given the problems; a second failure raises {@link InvalidModelOutputException}.</li>
 *   <li>Each call runs with the current {@link AiContext} plus the skill's feature, so sdk-core's router routes,
 *       caches and bills it per feature.</li>
 * </ol>
 */
public final class StructuredChat {

    public static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final Logger LOG = LoggerFactory.getLogger(StructuredChat.class);

    private final ChatModel model;
    private final ModelOptions options;
    private final ConcurrentMap<String, String> prompts = new ConcurrentHashMap<>();
    /** False once the model refused a native JSON schema; the schema then goes into the prompt. */
    private volatile boolean nativeSchema = true;

    public StructuredChat(ChatModel model, ModelOptions options) {
        this.model = Objects.requireNonNull(model, "model");
        this.options = Objects.requireNonNull(options, "options");
    }

    public ModelOptions options() {
        return options;
    }

    /** A validated answer plus who produced it and the tokens spent (all attempts). */
    public record Answer<T>(T value, String model, long inputTokens, long outputTokens) {
    }

    /**
     * Runs one structured exchange.
     *
     * @param feature    AiContext feature for the call(s)
     * @param prompt     prompt base name: {@code internal/prompts/<prompt>.system.txt} is the system message
     * @param task       the user-side instruction, placed before the data
     * @param data       input, serialized to JSON
     * @param schemaName JSON schema name
     * @param schema     root object schema of the answer
     * @param type       class the answer is bound to
     * @param validator  returns every problem of a bound answer (empty = valid)
     * @throws InvalidModelOutputException if the answer is still invalid after one repair retry
     */
    public <T> Answer<T> ask(String feature, String prompt, String task, Object data, String schemaName,
                      JsonObjectSchema schema, Class<T> type, Function<T, List<String>> validator) {
        AiContext ctx = AiContext.current().withFeature(feature);
        try (AiContext.Scope ignored = ctx.makeCurrent()) {
            List<ChatMessage> messages = new ArrayList<>(4);
            // the data rule sits at the end of the system message: the same text on every call of a skill, so a
            // provider's prompt cache can keep the whole system message
            messages.add(SystemMessage.from(systemPrompt(prompt)));
            String user = userMessage(task, data);
            messages.add(UserMessage.from(nativeSchema ? user : user + schemaInPrompt(schema)));
            ResponseFormat format = ResponseFormat.builder()
                    .type(ResponseFormatType.JSON)
                    .jsonSchema(JsonSchema.builder().name(schemaName).rootElement(schema).build())
                    .build();
            long in = 0;
            long out = 0;
            String modelName = options.modelName();
            List<String> problems = List.of();
            ChatResponse rejected = null;
            for (int attempt = 0; attempt < 2; attempt++) {
                Instant started = Instant.now();
                ChatResponse response;
                try {
                    response = model.chat(request(messages, nativeSchema ? format : null));
                } catch (RuntimeException e) {
                    if (!nativeSchema || !unsupportedFeature(e)) {
                        evict(ctx, rejected);
                        throw e;
                    }
                    // the model cannot take a JSON schema natively: give it the schema in the prompt from now on
                    LOG.info("Model refused a native JSON schema ({}); sending the schema in the prompt from now on",
                            e.getMessage());
                    nativeSchema = false;
                    messages.set(1, UserMessage.from(user + schemaInPrompt(schema)));
                    started = Instant.now();
                    response = model.chat(request(messages, null));
                }
                TokenUsage usage = response.tokenUsage();
                recordIfUnrouted(response, usage, started);
                if (usage != null) {
                    in += usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
                    out += usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
                }
                if (response.modelName() != null && !response.modelName().isBlank()) {
                    modelName = response.modelName();
                }
                String text = response.aiMessage() == null ? null : response.aiMessage().text();
                T value = null;
                try {
                    value = parse(text, type);
                    problems = validator.apply(value);
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    problems = List.of("not valid JSON for the schema: " + firstLine(e.getMessage()));
                }
                if (problems.isEmpty()) {
                    if (rejected != null && options.responseCache() != null) {
                        // the repaired answer is the one callers accept: it replaces the rejected one
                        options.responseCache().replace(ctx.tenant(), rejected, response);
                    }
                    return new Answer<>(value, modelName, in, out);
                }
                if (rejected != null) {
                    evict(ctx, response);
                } else {
                    // kept until the repair's outcome: replaced by a valid repair, evicted otherwise
                    rejected = response;
                }
                // problems may quote lead data: log only how many there were
                LOG.warn("Model {} gave invalid output for feature {} (attempt {} of 2, {} problem(s)){}", modelName,
                        feature, attempt + 1, problems.size(), attempt == 0 ? "; asking for a repair" : "");
                messages.add(AiMessage.from(text == null ? "" : text));
                messages.add(UserMessage.from(prompt("repair.txt") + "\n- " + String.join("\n- ", problems)));
            }
            // a cached invalid answer would be repeated for the cache's whole TTL: only accepted answers stay
            evict(ctx, rejected);
            throw new InvalidModelOutputException(feature, modelName, problems);
        }
    }

    private void evict(AiContext ctx, ChatResponse rejected) {
        if (rejected != null && options.responseCache() != null) {
            options.responseCache().evict(ctx.tenant(), rejected);
        }
    }

    /**
     * sdk-core's {@link ModelRouter} records every call in the current cost scope itself; for any other chat model
     * the call's tokens are recorded here, unpriced (cost unknown, never silently $0).
     */
    private void recordIfUnrouted(ChatResponse response, TokenUsage usage, Instant started) {
        AiContext ctx = AiContext.current();
        if (model instanceof ModelRouter || ctx.costScope() == null) {
            return;
        }
        ctx.costScope().record(UsageRecord.builder()
                .timestamp(started).tenant(ctx.tenant()).user(ctx.user()).feature(ctx.feature()).runId(ctx.runId())
                .provider(String.valueOf(model.provider()).toLowerCase(java.util.Locale.ROOT))
                .model(response.modelName() != null ? response.modelName() : options.modelName())
                .inputTokens(usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount())
                .outputTokens(usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount())
                .costUsd(null).costSource(UsageRecord.CostSource.UNPRICED)
                .latency(Duration.between(started, Instant.now()))
                .build());
    }

    private String prompt(String name) {
        return prompts.computeIfAbsent(name, Prompts::load);
    }

    /** The skill's system message: its prompt, then the data-envelope rule. */
    private String systemPrompt(String prompt) {
        return prompts.computeIfAbsent(prompt + ".system", key -> systemMessage(prompt));
    }

    /**
     * The system message of a skill: {@code <prompt>.system.txt}, a blank line, then {@code data-envelope.txt}.
     *
     * @param prompt prompt base name, e.g. {@code proposal}
     * @return the system message text
     * @throws IllegalStateException if a prompt resource is missing
     */
    public static String systemMessage(String prompt) {
        return Prompts.load(prompt + ".system.txt") + "\n\n" + Prompts.load("data-envelope.txt");
    }

    /**
     * The user message of a skill before any schema or repair text: the task, then the data as compact JSON between
     * {@code <data>} and {@code </data>} lines.
     *
     * @param task the instruction placed before the data
     * @param data the input, serialized with {@link #envelopeJson(Object)}
     * @return the user message text
     */
    public static String userMessage(String task, Object data) {
        return task + "\n<data>\n" + envelopeJson(data) + "\n</data>";
    }

    private ChatRequest request(List<ChatMessage> messages, ResponseFormat format) {
        ChatRequest.Builder request = ChatRequest.builder().messages(List.copyOf(messages));
        if (format != null) {
            request.responseFormat(format);
        }
        if (options.temperature() != null) {
            request.temperature(options.temperature());
        }
        if (options.maxOutputTokens() != null) {
            request.maxOutputTokens(options.maxOutputTokens());
        }
        return request.build();
    }

    private static String schemaInPrompt(JsonObjectSchema schema) {
        return "\n\nAnswer with only one JSON object that follows this JSON schema:\n" + toJson(Schemas.toJsonSchema(schema));
    }

    /** True if LangChain4j (or a router wrapping it) refused the request as an unsupported feature. */
    static boolean unsupportedFeature(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnsupportedFeatureException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The input as compact JSON for the {@code <data>} envelope, without null or empty fields (they carry no fact and
     * cost tokens), with {@code <} and {@code >} written as JSON unicode escapes (backslash, u, 003C and 003E): the same
     * JSON value, but untrusted text (a note containing {@code </data>}) cannot even look like a closing marker to the
     * model.
     *
     * @throws IllegalArgumentException if the data cannot be serialized
     */
    public static String envelopeJson(Object data) {
        try {
            return ENVELOPE.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize model input", e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectWriter ENVELOPE = JSON.copy()
            .setDefaultPropertyInclusion(com.fasterxml.jackson.annotation.JsonInclude.Value.construct(
                    com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY,
                    com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY))
            .writer().with(new AngleBracketEscapes());

    /** Escapes {@code <} and {@code >} as JSON unicode escapes besides JSON's standard escapes. */
    private static final class AngleBracketEscapes extends com.fasterxml.jackson.core.io.CharacterEscapes {
        private final int[] codes;

        AngleBracketEscapes() {
            codes = standardAsciiEscapesForJSON();
            codes['<'] = ESCAPE_STANDARD;
            codes['>'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return codes;
        }

        @Override
        public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }

    /**
     * The data as pretty JSON (schemas, prompts); see {@link #envelopeJson(Object)} for untrusted input.
     *
     * @throws IllegalArgumentException if the data cannot be serialized
     */
    public static String toJson(Object data) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize model input", e);
        }
    }

    private static <T> T parse(String text, Class<T> type) throws JsonProcessingException {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty answer");
        }
        String s = text.strip();
        if (s.startsWith("```")) {
            int nl = s.indexOf('\n');
            int end = s.lastIndexOf("```");
            s = nl > 0 && end > nl ? s.substring(nl + 1, end) : s;
        }
        JsonNode node = JSON.readTree(s);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("answer is not a JSON object");
        }
        return JSON.treeToValue(node, type);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
