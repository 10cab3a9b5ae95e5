package dev.salesagent.benchmarks.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WireMock extension answering OpenAI {@code /v1/chat/completions} and Anthropic {@code /v1/messages} with each
 * vendor's documented response shape and realistic token usage computed from the request: input tokens = characters
 * of every message / 4 (rounded up; the usual English average for both vendors' tokenizers), output tokens by task
 * (recognised from the system prompt): lead scoring 90 per lead in the data plus 20, battle card 700, proposal 1,200,
 * conversation analysis 500. No prompt caching is reported (the SDK's prompts are below the vendors' 1,024-token
 * minimum for it).
 *
 * <p>It also serves Anthropic's Message Batches API in its documented shapes: {@code POST /v1/messages/batches}
 * answers each request's {@code params} exactly as {@code /v1/messages} would and keeps the results,
 * {@code GET /v1/messages/batches/{id}} reports the batch {@code ended} with its {@code results_url}, and
 * {@code GET .../results} streams the JSON Lines {@code {"custom_id", "result": {"type": "succeeded", "message"}}}.
 */
final class ProviderSimulator implements ResponseDefinitionTransformerV2 {

    private static final ObjectMapper JSON = new ObjectMapper();
    final AtomicLong calls = new AtomicLong();
    /** Results (JSON Lines) of each created message batch, by batch id. */
    private final Map<String, String> batches = new ConcurrentHashMap<>();
    private final AtomicLong batchIds = new AtomicLong();

    @Override
    public String getName() {
        return "provider-simulator";
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        calls.incrementAndGet();
        String url = event.getRequest().getUrl();
        if (url.startsWith("/v1/messages/batches")) {
            return json(messageBatches(event, url));
        }
        return json(answer(read(event.getRequest().getBodyAsString()), url.endsWith("/messages")));
    }

    private String messageBatches(ServeEvent event, String url) {
        if (url.equals("/v1/messages/batches")) {
            StringBuilder jsonl = new StringBuilder();
            int n = 0;
            for (JsonNode r : read(event.getRequest().getBodyAsString()).path("requests")) {
                jsonl.append("{\"custom_id\": \"").append(r.path("custom_id").asText())
                        .append("\", \"result\": {\"type\": \"succeeded\", \"message\": ")
                        .append(answer(r.path("params"), true).replace('\n', ' ')).append("}}\n");
                n++;
            }
            String id = "msgbatch_" + batchIds.incrementAndGet();
            batches.put(id, jsonl.toString());
            return batch(id, "in_progress", n, null);
        }
        String id = url.substring("/v1/messages/batches/".length());
        if (id.endsWith("/results")) {
            return batches.get(id.substring(0, id.length() - "/results".length()));
        }
        String absolute = event.getRequest().getAbsoluteUrl();
        String resultsUrl = absolute.substring(0, absolute.indexOf("/v1/")) + url + "/results";
        return batch(id, "ended", batches.get(id).split("\n").length, resultsUrl);
    }

    private static String batch(String id, String status, int requests, String resultsUrl) {
        boolean ended = resultsUrl != null;
        return """
                {"id": "%s", "type": "message_batch", "processing_status": "%s",
                 "request_counts": {"processing": %d, "succeeded": %d, "errored": 0, "canceled": 0, "expired": 0},
                 "ended_at": %s, "created_at": "2026-12-02T02:00:00Z", "expires_at": "2026-12-03T02:00:00Z",
                 "archived_at": null, "cancel_initiated_at": null, "results_url": %s}
                """.formatted(id, status, ended ? 0 : requests, ended ? requests : 0,
                ended ? "\"2026-12-02T03:10:00Z\"" : "null", ended ? "\"" + resultsUrl + "\"" : "null");
    }

    private static ResponseDefinition json(String body) {
        return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(body).build();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The vendor's answer to one chat request body (Anthropic Messages or OpenAI Chat Completions). */
    private static String answer(JsonNode body, boolean anthropic) {
        StringBuilder all = new StringBuilder();
        text(body.get("system"), all);
        for (JsonNode m : body.path("messages")) {
            text(m.get("content"), all);
        }
        String prompt = all.toString();
        long input = (prompt.length() + 3) / 4;
        long output = outputTokens(prompt);
        String model = body.path("model").asText();
        return anthropic ? """
                {"id": "msg_013Zva2CMHLNnXjNJJKqJ2EF", "type": "message", "role": "assistant", "model": "%s",
                 "content": [{"type": "text", "text": "{\\"ok\\": true}"}], "stop_reason": "end_turn",
                 "stop_sequence": null, "usage": {"input_tokens": %d, "cache_creation_input_tokens": 0,
                 "cache_read_input_tokens": 0, "output_tokens": %d}}
                """.formatted(model, input, output) : """
                {"id": "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT", "object": "chat.completion", "created": 1741569952,
                 "model": "%s", "choices": [{"index": 0, "message": {"role": "assistant", "content": "{\\"ok\\": true}",
                 "refusal": null, "annotations": []}, "logprobs": null, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": %d, "completion_tokens": %d, "total_tokens": %d,
                 "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
                 "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                 "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}},
                 "service_tier": "default", "system_fingerprint": "fp_06737a9306"}
                """.formatted(model, input, output, input + output);
    }

    static long outputTokens(String prompt) {
        if (prompt.contains("BANT")) {
            int leads = 0;
            for (int i = prompt.indexOf("\"id\":"); i >= 0; i = prompt.indexOf("\"id\":", i + 1)) {
                leads++;
            }
            return 20 + 90L * Math.max(1, leads);
        }
        if (prompt.contains("battle cards")) {
            return 700;
        }
        if (prompt.contains("sales proposal")) {
            return 1200;
        }
        if (prompt.contains("sales conversations")) {
            return 500;
        }
        return 200;
    }

    private static void text(JsonNode content, StringBuilder out) {
        if (content == null || content.isNull()) {
            return;
        }
        if (content.isTextual()) {
            out.append(content.asText());
        } else if (content.isArray()) {
            for (JsonNode part : content) {
                out.append(part.path("text").asText(""));
            }
        }
    }
}
