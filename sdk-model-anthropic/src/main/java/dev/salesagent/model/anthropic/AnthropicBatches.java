package dev.salesagent.model.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.model.anthropic.AnthropicTokenUsage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.salesagent.core.model.ModelEndpoint;
import dev.salesagent.core.model.batch.BatchChatModel;
import dev.salesagent.core.model.batch.BatchRequest;
import dev.salesagent.core.model.batch.BatchResult;
import dev.salesagent.core.model.batch.BatchStatus;
import dev.salesagent.model.http.BatchHttp;
import dev.salesagent.model.http.HttpBatchBuilder;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Anthropic's Message Batches API as a {@link BatchChatModel}: up to 100,000 Messages requests per batch at 50% of the
 * standard input and output price, results within 24 hours.
 * <ul>
 *   <li>{@code POST /v1/messages/batches} with {@code {"requests": [{"custom_id", "params": {model, max_tokens,
 *       system, messages, temperature, top_p, stop_sequences}}]}}</li>
 *   <li>{@code GET /v1/messages/batches/{id}}: {@code processing_status} ({@code in_progress}, {@code canceling},
 *       {@code ended}), {@code request_counts} ({@code processing}, {@code succeeded}, {@code errored},
 *       {@code canceled}, {@code expired}), {@code results_url}</li>
 *   <li>{@code POST /v1/messages/batches/{id}/cancel}</li>
 *   <li>{@code GET results_url}: JSON Lines {@code {"custom_id", "result": {"type": "succeeded", "message": {...}}}},
 *       or {@code errored} with {@code error: {type: error, error: {type, message}}}, {@code canceled},
 *       {@code expired}</li>
 * </ul>
 * Docs: https://docs.anthropic.com/en/docs/build-with-claude/batch-processing and
 * https://docs.anthropic.com/en/api/creating-message-batches. Requests carry text messages only (the system messages
 * joined into {@code system}); usage is mapped with {@link AnthropicEndpoints#tokenUsageMapper()} (cache reads and
 * writes priced as such, at the batch rate).
 */
public final class AnthropicBatches extends BatchChatModel {

    /** The {@code anthropic-version} header sent with every call. */
    public static final String API_VERSION = "2023-06-01";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

    private final BatchHttp http;
    private final String baseUrl;
    private final String apiKey;
    private final long maxOutputTokens;

    private AnthropicBatches(Builder b, String apiKey, String url, long maxOutputTokens, BatchHttp http) {
        super(AnthropicEndpoints.PROVIDER, b, AnthropicEndpoints.tokenUsageMapper());
        this.apiKey = apiKey;
        this.baseUrl = url.endsWith("/") ? url : url + "/";
        this.maxOutputTokens = maxOutputTokens;
        this.http = http;
    }

    /** {@return a builder with the defaults of {@link BatchChatModel.Builder} and {@link Builder}} */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int maxRequests() {
        return 100_000;
    }

    @Override
    protected BatchStatus doSubmit(List<BatchRequest> requests) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode items = body.putArray("requests");
        for (BatchRequest r : requests) {
            ObjectNode item = items.addObject();
            item.put("custom_id", r.customId());
            item.set("params", params(r));
        }
        return parseStatus(http.execute(post("messages/batches", write(body))));
    }

    @Override
    protected BatchStatus doStatus(String batchId) {
        return parseStatus(http.execute(get(baseUrl + "messages/batches/" + batchId)));
    }

    @Override
    protected BatchStatus doCancel(String batchId) {
        return parseStatus(http.execute(post("messages/batches/" + batchId + "/cancel", "")));
    }

    @Override
    protected List<BatchResult> doResults(BatchStatus ended) {
        JsonNode batch = read(http.execute(get(baseUrl + "messages/batches/" + ended.id())));
        String url = batch.path("results_url").asText(null);
        if (url == null) {
            throw new IllegalStateException("Anthropic batch " + ended.id() + " has ended but has no results_url");
        }
        List<BatchResult> out = new ArrayList<>();
        for (String line : http.execute(get(url)).split("\n")) {
            if (!line.isBlank()) {
                out.add(result(read(line)));
            }
        }
        return out;
    }

    private ObjectNode params(BatchRequest r) {
        ChatRequest q = r.request();
        BatchHttp.checkSupported(r.customId(), q, model());
        if (q.responseFormat() != null && q.responseFormat().type() != ResponseFormatType.TEXT) {
            throw new IllegalArgumentException("batch request " + r.customId()
                    + ": a JSON response format is not mapped for Anthropic batches; ask for JSON in the prompt");
        }
        ObjectNode p = JSON.createObjectNode();
        p.put("model", model());
        p.put("max_tokens", q.maxOutputTokens() != null ? q.maxOutputTokens() : maxOutputTokens);
        StringBuilder system = new StringBuilder();
        ArrayNode messages = JSON.createArrayNode();
        for (ChatMessage m : q.messages()) {
            String text = BatchHttp.text(r.customId(), m);
            if (m instanceof SystemMessage) {
                system.append(system.isEmpty() ? "" : "\n\n").append(text);
            } else {
                messages.addObject().put("role", m instanceof AiMessage ? "assistant" : "user").put("content", text);
            }
        }
        if (!system.isEmpty()) {
            p.put("system", system.toString());
        }
        p.set("messages", messages);
        if (q.temperature() != null) {
            p.put("temperature", q.temperature());
        }
        if (q.topP() != null) {
            p.put("top_p", q.topP());
        }
        if (q.stopSequences() != null && !q.stopSequences().isEmpty()) {
            ArrayNode stop = p.putArray("stop_sequences");
            q.stopSequences().forEach(stop::add);
        }
        return p;
    }

    private static BatchResult result(JsonNode line) {
        String id = line.path("custom_id").asText();
        JsonNode result = line.path("result");
        String type = result.path("type").asText();
        switch (type) {
            case "succeeded" -> {
                return new BatchResult(id, BatchResult.Status.SUCCEEDED, response(result.path("message")), null, null);
            }
            case "errored" -> {
                JsonNode error = result.path("error").path("error");
                if (error.isMissingNode()) {
                    error = result.path("error");
                }
                return new BatchResult(id, BatchResult.Status.ERRORED, null, error.path("type").asText("error"),
                        error.path("message").asText(null));
            }
            case "canceled" -> {
                return new BatchResult(id, BatchResult.Status.CANCELED, null, "canceled",
                        "the batch was cancelled before this request was processed");
            }
            case "expired" -> {
                return new BatchResult(id, BatchResult.Status.EXPIRED, null, "expired",
                        "the batch reached its 24-hour limit before this request was processed");
            }
            default -> {
                return new BatchResult(id, BatchResult.Status.ERRORED, null, "unknown_result_type",
                        "unknown Anthropic batch result type '" + type + "'");
            }
        }
    }

    private static ChatResponse response(JsonNode message) {
        StringBuilder text = new StringBuilder();
        for (JsonNode block : message.path("content")) {
            if ("text".equals(block.path("type").asText())) {
                text.append(block.path("text").asText());
            }
        }
        JsonNode u = message.path("usage");
        AnthropicTokenUsage usage = AnthropicTokenUsage.builder().inputTokenCount(u.path("input_tokens").asInt())
                .outputTokenCount(u.path("output_tokens").asInt())
                .cacheReadInputTokens(u.path("cache_read_input_tokens").asInt(0))
                .cacheCreationInputTokens(u.path("cache_creation_input_tokens").asInt(0)).build();
        return ChatResponse.builder().id(message.path("id").asText(null)).modelName(message.path("model").asText(null))
                .aiMessage(AiMessage.from(text.toString())).tokenUsage(usage)
                .finishReason(finishReason(message.path("stop_reason").asText(""))).build();
    }

    private static FinishReason finishReason(String stopReason) {
        return switch (stopReason) {
            case "end_turn", "stop_sequence" -> FinishReason.STOP;
            case "max_tokens" -> FinishReason.LENGTH;
            case "tool_use" -> FinishReason.TOOL_EXECUTION;
            default -> FinishReason.OTHER;
        };
    }

    private static BatchStatus parseStatus(String json) {
        JsonNode b = read(json);
        String vendor = b.path("processing_status").asText();
        BatchStatus.State state = switch (vendor) {
            case "ended" -> BatchStatus.State.ENDED;
            case "canceling" -> BatchStatus.State.CANCELING;
            default -> BatchStatus.State.IN_PROGRESS;
        };
        JsonNode c = b.path("request_counts");
        long succeeded = c.path("succeeded").asLong();
        long failed = c.path("errored").asLong() + c.path("canceled").asLong() + c.path("expired").asLong();
        return new BatchStatus(b.path("id").asText(), state, vendor, succeeded + failed + c.path("processing").asLong(),
                succeeded, failed, instant(b.path("created_at")), instant(b.path("ended_at")));
    }

    private static Instant instant(JsonNode n) {
        return n.isTextual() ? Instant.parse(n.asText()) : null;
    }

    private Request post(String path, String body) {
        return authorised(new Request.Builder().url(baseUrl + path).post(RequestBody.create(body, JSON_TYPE)));
    }

    private Request get(String url) {
        return authorised(new Request.Builder().url(url).get());
    }

    private Request authorised(Request.Builder b) {
        return b.header("x-api-key", apiKey).header("anthropic-version", API_VERSION).build();
    }

    private static String write(JsonNode n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("batch could not be serialised: " + e.getMessage(), e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Anthropic sent malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Configures the Anthropic batch model; not thread-safe. Defaults beyond {@link BatchChatModel.Builder}'s:
     * {@link AnthropicEndpoints#BASE_URL}, output cap {@value ModelEndpoint#DEFAULT_MAX_OUTPUT_TOKENS} tokens per
     * request (sent as {@code max_tokens} unless the request sets its own), HTTP timeout 60 s, a new OkHttp client.
     */
    public static final class Builder extends HttpBatchBuilder<Builder> {

        private Builder() {
            super(AnthropicEndpoints.BASE_URL);
        }

        /**
         * Builds the batch model.
         *
         * @return the thread-safe Anthropic batch model
         * @throws IllegalArgumentException if the model or API key is missing
         */
        @Override
        public AnthropicBatches build() {
            return new AnthropicBatches(this, requiredApiKey("Anthropic"), baseUrlSetting(), maxOutputTokensSetting(),
                    http());
        }
    }
}
