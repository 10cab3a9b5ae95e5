package dev.salesagent.model.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.FinishReason;
import dev.salesagent.core.model.ModelEndpoint;
import dev.salesagent.core.model.batch.BatchChatModel;
import dev.salesagent.core.model.batch.BatchException;
import dev.salesagent.core.model.batch.BatchRequest;
import dev.salesagent.core.model.batch.BatchResult;
import dev.salesagent.core.model.batch.BatchStatus;
import dev.salesagent.model.http.BatchHttp;
import dev.salesagent.model.http.HttpBatchBuilder;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * OpenAI's Batch API for Chat Completions as a {@link BatchChatModel}: up to 50,000 requests per batch at 50% of the
 * standard input and output price, results within the 24-hour completion window.
 * <ul>
 *   <li>{@code POST /v1/files} (multipart, {@code purpose=batch}) with JSON Lines
 *       {@code {"custom_id", "method": "POST", "url": "/v1/chat/completions", "body": {model, messages, max_tokens
 *       (max_completion_tokens for o-series and GPT-5), temperature, top_p, stop, response_format}}}</li>
 *   <li>{@code POST /v1/batches} with {@code {"input_file_id", "endpoint": "/v1/chat/completions",
 *       "completion_window": "24h"}}</li>
 *   <li>{@code GET /v1/batches/{id}}: {@code status} ({@code validating}, {@code failed}, {@code in_progress},
 *       {@code finalizing}, {@code completed}, {@code expired}, {@code cancelling}, {@code cancelled}),
 *       {@code request_counts} ({@code total}, {@code completed}, {@code failed}), {@code output_file_id},
 *       {@code error_file_id}, {@code errors}</li>
 *   <li>{@code POST /v1/batches/{id}/cancel}</li>
 *   <li>{@code GET /v1/files/{file_id}/content} of the output file ({@code {"custom_id", "response": {"status_code":
 *       200, "body": chat completion}}}) and of the error file (a non-200 {@code response} with an {@code error} body,
 *       or {@code "error": {"code", "message"}}; code {@code batch_expired} and {@code batch_cancelled} map to
 *       {@link BatchResult.Status#EXPIRED} and {@link BatchResult.Status#CANCELED})</li>
 * </ul>
 * Docs: https://platform.openai.com/docs/guides/batch and https://platform.openai.com/docs/api-reference/batch.
 * A batch that fails validation ({@code failed}) raises a {@link BatchException} listing OpenAI's errors. Requests
 * carry text messages only; a JSON response format without schema is sent as {@code json_object}, a JSON schema is
 * refused. Usage is mapped with {@link OpenAiEndpoints#tokenUsageMapper()} (cached input tokens priced as such).
 */
public final class OpenAiBatches extends BatchChatModel {

    /** The one endpoint this client batches. */
    public static final String ENDPOINT = "/v1/chat/completions";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    private static final MediaType JSONL_TYPE = MediaType.get("application/jsonl");
    private static final Pattern REASONING_MODEL = Pattern.compile("o\\d|gpt-5");

    private final BatchHttp http;
    private final String baseUrl;
    private final String apiKey;
    private final long maxOutputTokens;

    private OpenAiBatches(Builder b, String apiKey, String url, long maxOutputTokens, BatchHttp http) {
        super(OpenAiEndpoints.PROVIDER, b, OpenAiEndpoints.tokenUsageMapper());
        this.apiKey = apiKey;
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.maxOutputTokens = maxOutputTokens;
        this.http = http;
    }

    /** {@return a builder with the defaults of {@link BatchChatModel.Builder} and {@link Builder}} */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int maxRequests() {
        return 50_000;
    }

    @Override
    protected BatchStatus doSubmit(List<BatchRequest> requests) {
        StringBuilder jsonl = new StringBuilder();
        for (BatchRequest r : requests) {
            ObjectNode line = JSON.createObjectNode();
            line.put("custom_id", r.customId()).put("method", "POST").put("url", ENDPOINT);
            line.set("body", body(r));
            jsonl.append(write(line)).append('\n');
        }
        RequestBody upload = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("purpose", "batch")
                .addFormDataPart("file", "batch.jsonl", RequestBody.create(jsonl.toString(), JSONL_TYPE)).build();
        JsonNode file = read(http.execute(authorised(new Request.Builder().url(baseUrl + "/files").post(upload))));
        ObjectNode create = JSON.createObjectNode();
        create.put("input_file_id", file.path("id").asText()).put("endpoint", ENDPOINT).put("completion_window", "24h");
        return parseStatus(read(http.execute(post("/batches", write(create)))));
    }

    @Override
    protected BatchStatus doStatus(String batchId) {
        return parseStatus(read(http.execute(get("/batches/" + batchId))));
    }

    @Override
    protected BatchStatus doCancel(String batchId) {
        return parseStatus(read(http.execute(post("/batches/" + batchId + "/cancel", ""))));
    }

    @Override
    protected List<BatchResult> doResults(BatchStatus ended) {
        JsonNode batch = read(http.execute(get("/batches/" + ended.id())));
        List<BatchResult> out = new ArrayList<>();
        for (String field : List.of("output_file_id", "error_file_id")) {
            String fileId = batch.path(field).asText(null);
            if (fileId == null || fileId.isEmpty()) {
                continue;
            }
            for (String line : http.execute(get("/files/" + fileId + "/content")).split("\n")) {
                if (!line.isBlank()) {
                    out.add(result(read(line)));
                }
            }
        }
        return out;
    }

    private ObjectNode body(BatchRequest r) {
        ChatRequest q = r.request();
        BatchHttp.checkSupported(r.customId(), q, model());
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model());
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : q.messages()) {
            String role = m instanceof SystemMessage ? "system" : m instanceof AiMessage ? "assistant" : "user";
            messages.addObject().put("role", role).put("content", BatchHttp.text(r.customId(), m));
        }
        long cap = q.maxOutputTokens() != null ? q.maxOutputTokens() : maxOutputTokens;
        body.put(REASONING_MODEL.matcher(model()).lookingAt() ? "max_completion_tokens" : "max_tokens", cap);
        if (q.temperature() != null) {
            body.put("temperature", q.temperature());
        }
        if (q.topP() != null) {
            body.put("top_p", q.topP());
        }
        if (q.stopSequences() != null && !q.stopSequences().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            q.stopSequences().forEach(stop::add);
        }
        if (q.responseFormat() != null && q.responseFormat().type() == ResponseFormatType.JSON) {
            if (q.responseFormat().jsonSchema() != null) {
                throw new IllegalArgumentException("batch request " + r.customId()
                        + ": a JSON-schema response format is not mapped for OpenAI batches");
            }
            body.putObject("response_format").put("type", "json_object");
        }
        return body;
    }

    private static BatchResult result(JsonNode line) {
        String id = line.path("custom_id").asText();
        JsonNode response = line.path("response");
        if (response.isObject() && response.path("status_code").asInt() == 200) {
            return new BatchResult(id, BatchResult.Status.SUCCEEDED, chatResponse(response.path("body")), null, null);
        }
        JsonNode error = line.path("error");
        if (!error.isObject()) {
            error = response.path("body").path("error");
        }
        String code = error.path("code").asText(null);
        if (code == null) {
            code = error.path("type").asText(response.isObject() ? "http_" + response.path("status_code").asInt()
                    : "error");
        }
        BatchResult.Status status = switch (code) {
            case "batch_expired" -> BatchResult.Status.EXPIRED;
            case "batch_cancelled" -> BatchResult.Status.CANCELED;
            default -> BatchResult.Status.ERRORED;
        };
        return new BatchResult(id, status, null, code, error.path("message").asText(null));
    }

    private static ChatResponse chatResponse(JsonNode completion) {
        JsonNode choice = completion.path("choices").path(0);
        JsonNode u = completion.path("usage");
        OpenAiTokenUsage usage = OpenAiTokenUsage.builder().inputTokenCount(u.path("prompt_tokens").asInt())
                .outputTokenCount(u.path("completion_tokens").asInt()).totalTokenCount(u.path("total_tokens").asInt())
                .inputTokensDetails(OpenAiTokenUsage.InputTokensDetails.builder()
                        .cachedTokens(u.path("prompt_tokens_details").path("cached_tokens").asInt(0)).build())
                .build();
        return ChatResponse.builder().id(completion.path("id").asText(null))
                .modelName(completion.path("model").asText(null))
                .aiMessage(AiMessage.from(choice.path("message").path("content").asText("")))
                .tokenUsage(usage).finishReason(finishReason(choice.path("finish_reason").asText(""))).build();
    }

    private static FinishReason finishReason(String reason) {
        return switch (reason) {
            case "stop" -> FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            case "tool_calls", "function_call" -> FinishReason.TOOL_EXECUTION;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }

    private static BatchStatus parseStatus(JsonNode b) {
        String id = b.path("id").asText();
        String vendor = b.path("status").asText();
        BatchStatus.State state = switch (vendor) {
            case "completed", "cancelled", "expired" -> BatchStatus.State.ENDED;
            case "cancelling" -> BatchStatus.State.CANCELING;
            case "failed" -> throw new BatchException("OpenAI batch " + id + " failed validation: "
                    + errors(b.path("errors")), 0, id, null);
            default -> BatchStatus.State.IN_PROGRESS;
        };
        JsonNode c = b.path("request_counts");
        Instant ended = seconds(b.path("completed_at"));
        ended = ended != null ? ended : seconds(b.path("cancelled_at"));
        ended = ended != null ? ended : seconds(b.path("expired_at"));
        return new BatchStatus(id, state, vendor, c.path("total").asLong(), c.path("completed").asLong(),
                c.path("failed").asLong(), seconds(b.path("created_at")), state == BatchStatus.State.ENDED ? ended : null);
    }

    private static String errors(JsonNode errors) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode e : errors.path("data")) {
            sb.append(sb.isEmpty() ? "" : "; ").append(e.path("code").asText("error")).append(": ")
                    .append(e.path("message").asText(""));
            if (e.hasNonNull("line")) {
                sb.append(" (line ").append(e.path("line").asInt()).append(')');
            }
        }
        return sb.isEmpty() ? "no errors reported" : sb.toString();
    }

    private static Instant seconds(JsonNode n) {
        return n.isNumber() ? Instant.ofEpochSecond(n.asLong()) : null;
    }

    private Request post(String path, String body) {
        return authorised(new Request.Builder().url(baseUrl + path).post(RequestBody.create(body, JSON_TYPE)));
    }

    private Request get(String path) {
        return authorised(new Request.Builder().url(baseUrl + path).get());
    }

    private Request authorised(Request.Builder b) {
        return b.header("Authorization", "Bearer " + apiKey).build();
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
            throw new IllegalStateException("OpenAI sent malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Configures the OpenAI batch model; not thread-safe. Defaults beyond {@link BatchChatModel.Builder}'s:
     * {@link OpenAiEndpoints#BASE_URL}, output cap {@value ModelEndpoint#DEFAULT_MAX_OUTPUT_TOKENS} tokens per request
     * (sent as {@code max_tokens}, or {@code max_completion_tokens} for o-series and GPT-5 models, unless the request
     * sets its own), HTTP timeout 60 s, a new OkHttp client.
     */
    public static final class Builder extends HttpBatchBuilder<Builder> {

        private Builder() {
            super(OpenAiEndpoints.BASE_URL);
        }

        /**
         * Builds the batch model.
         *
         * @return the thread-safe OpenAI batch model
         * @throws IllegalArgumentException if the model or API key is missing
         */
        @Override
        public OpenAiBatches build() {
            return new OpenAiBatches(this, requiredApiKey("OpenAI"), baseUrlSetting(), maxOutputTokensSetting(),
                    http());
        }
    }
}
