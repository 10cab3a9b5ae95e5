package dev.salesagent.core.model;

import dev.salesagent.model.openai.OpenAiEndpoints;
import dev.salesagent.model.anthropic.AnthropicEndpoints;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * The providers' documented response shapes, served by WireMock to the real LangChain4j clients.
 * OpenAI: https://platform.openai.com/docs/api-reference/chat/object and .../guides/error-codes;
 * Anthropic: https://docs.anthropic.com/en/api/messages and https://docs.anthropic.com/en/api/errors.
 * Request timeout 30 s: generous, so a loaded build machine does not turn a slow stub into a TIMEOUT failover.
 */
final class ProviderStubs {

    static final String OPENAI_PATH = "/v1/chat/completions";
    static final String ANTHROPIC_PATH = "/v1/messages";

    private ProviderStubs() {
    }

    static ModelEndpoint openAi(WireMockExtension wm, String name, ModelTier tier, String model) {
        return OpenAiEndpoints.builder(name, tier).model(model).apiKey("sk-test").baseUrl(wm.baseUrl() + "/v1")
                .maxOutputTokens(500).timeout(Duration.ofSeconds(30)).build();
    }

    static ModelEndpoint anthropic(WireMockExtension wm, String name, ModelTier tier, String model) {
        return AnthropicEndpoints.builder(name, tier).model(model).apiKey("sk-ant-test").baseUrl(wm.baseUrl() + "/v1/")
                .maxOutputTokens(500).timeout(Duration.ofSeconds(30)).build();
    }

    static MappingBuilder openAiCall(String model) {
        return post(urlEqualTo(OPENAI_PATH)).withRequestBody(matchingJsonPath("$.model", equalTo(model)));
    }

    static MappingBuilder anthropicCall(String model) {
        return post(urlEqualTo(ANTHROPIC_PATH)).withRequestBody(matchingJsonPath("$.model", equalTo(model)));
    }

    static RequestPatternBuilder openAiCalls(String model) {
        return postRequestedFor(urlEqualTo(OPENAI_PATH)).withRequestBody(matchingJsonPath("$.model", equalTo(model)));
    }

    static RequestPatternBuilder anthropicCalls(String model) {
        return postRequestedFor(urlEqualTo(ANTHROPIC_PATH)).withRequestBody(matchingJsonPath("$.model", equalTo(model)));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** A chat completion with usage incl. prompt_tokens_details.cached_tokens. */
    static ResponseDefinitionBuilder openAiOk(String model, String text, long prompt, long cached, long completion) {
        return json(200, """
                {"id": "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT", "object": "chat.completion", "created": 1741569952,
                 "model": "%s",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "%s", "refusal": null,
                   "annotations": []}, "logprobs": null, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": %d, "completion_tokens": %d, "total_tokens": %d,
                   "prompt_tokens_details": {"cached_tokens": %d, "audio_tokens": 0},
                   "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                     "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}},
                 "service_tier": "default", "system_fingerprint": "fp_06737a9306"}
                """.formatted(model, text, prompt, completion, prompt + completion, cached))
                .withHeader("x-request-id", "req_ok");
    }

    /** A chat completion whose body has no usage object. */
    static ResponseDefinitionBuilder openAiOkWithoutUsage(String model, String text) {
        return json(200, """
                {"id": "chatcmpl-1", "object": "chat.completion", "created": 1741569952, "model": "%s",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "%s"}, "finish_reason": "stop"}]}
                """.formatted(model, text));
    }

    static ResponseDefinitionBuilder openAiError(int status, String type, String code, String message) {
        return json(status, """
                {"error": {"message": "%s", "type": "%s", "param": null, "code": %s}}
                """.formatted(message, type, code == null ? "null" : "\"" + code + "\""))
                .withHeader("x-request-id", "req_err_" + status);
    }

    static ResponseDefinitionBuilder openAiRateLimited(String retryAfterSeconds) {
        return openAiError(429, "tokens", "rate_limit_exceeded",
                "Rate limit reached for gpt-4o-mini in organization org-123 on tokens per min (TPM): Limit 200000,"
                        + " Used 199500, Requested 900. Please try again in 2s.")
                .withHeader("retry-after", retryAfterSeconds);
    }

    static ResponseDefinitionBuilder openAiInsufficientQuota() {
        return openAiError(429, "insufficient_quota", "insufficient_quota",
                "You exceeded your current quota, please check your plan and billing details.");
    }

    static ResponseDefinitionBuilder openAiServerError(int status) {
        return openAiError(status, "server_error", null,
                "The server had an error while processing your request. Sorry about that!");
    }

    static ResponseDefinitionBuilder openAiContextLength() {
        return openAiError(400, "invalid_request_error", "context_length_exceeded",
                "This model's maximum context length is 128000 tokens. However, your messages resulted in 131072"
                        + " tokens. Please reduce the length of the messages.");
    }

    static ResponseDefinitionBuilder openAiInvalidKey() {
        return openAiError(401, "invalid_request_error", "invalid_api_key",
                "Incorrect API key provided: sk-test. You can find your API key at"
                        + " https://platform.openai.com/account/api-keys.");
    }

    /** A Messages API response with cache_read_input_tokens and cache_creation_input_tokens. */
    static ResponseDefinitionBuilder anthropicOk(String model, String text, long input, long cacheRead, long cacheWrite,
                                                 long output) {
        return json(200, """
                {"id": "msg_013Zva2CMHLNnXjNJJKqJ2EF", "type": "message", "role": "assistant", "model": "%s",
                 "content": [{"type": "text", "text": "%s"}], "stop_reason": "end_turn", "stop_sequence": null,
                 "usage": {"input_tokens": %d, "cache_creation_input_tokens": %d, "cache_read_input_tokens": %d,
                   "output_tokens": %d}}
                """.formatted(model, text, input, cacheWrite, cacheRead, output))
                .withHeader("request-id", "req_011CSHoEeqs5C35K2UUqR7Fy");
    }

    static ResponseDefinitionBuilder anthropicError(int status, String type, String message) {
        return json(status, """
                {"type": "error", "error": {"type": "%s", "message": "%s"}, "request_id": "req_011CSHoEeqs5C35K2UUqR7Fy"}
                """.formatted(type, message)).withHeader("request-id", "req_011CSHoEeqs5C35K2UUqR7Fy");
    }

    static ResponseDefinitionBuilder anthropicOverloaded() {
        return anthropicError(529, "overloaded_error", "Overloaded");
    }
}
