package dev.salesagent.model.http;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Internal HTTP and mapping support shared by the vendors' batch API clients ({@code AnthropicBatches},
 * {@code OpenAiBatches}): one exchange whose non-2xx answer becomes a {@link ProviderHttpException} (status, headers,
 * body) and whose I/O failure an {@link UncheckedIOException}, both classified by sdk-core's
 * {@code BatchChatModel} for retries; and the checks of what a batch request may contain. Not API.
 */
public final class BatchHttp {

    private final OkHttpClient client;

    /**
     * @param client the OkHttp client (pool, interceptors, timeouts)
     */
    public BatchHttp(OkHttpClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Sends the request and reads the whole body.
     *
     * @param request the request
     * @return the body of a 2xx answer as text (UTF-8), possibly empty
     * @throws ProviderHttpException if the answer is not 2xx
     * @throws UncheckedIOException  if the exchange fails (connection, timeout, truncated body)
     */
    public String execute(Request request) {
        try (Response response = client.newCall(request).execute()) {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            if (!response.isSuccessful()) {
                throw new ProviderHttpException(response.code(), response.headers().toMultimap(), text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.url() + " failed: " + e, e);
        }
    }

    /**
     * The text of a system, user or assistant message that carries only text.
     *
     * @param customId the batch request's id, for the error message
     * @param message  the message
     * @return its text
     * @throws IllegalArgumentException if the message carries anything else (images, tool calls, tool results)
     */
    public static String text(String customId, ChatMessage message) {
        if (message instanceof SystemMessage s) {
            return s.text();
        }
        if (message instanceof UserMessage u && u.hasSingleText()) {
            return u.singleText();
        }
        if (message instanceof AiMessage a && !a.hasToolExecutionRequests() && a.text() != null) {
            return a.text();
        }
        throw new IllegalArgumentException("batch request " + customId + ": only text system, user and assistant "
                + "messages can be batched, not " + message.type());
    }

    /**
     * Refuses what the batch clients do not map: tools, {@code topK}, frequency and presence penalties, and a model
     * other than the batch model's.
     *
     * @param customId the batch request's id, for the error message
     * @param request  the request
     * @param model    the batch model's model name
     * @throws IllegalArgumentException if the request uses one of them
     */
    public static void checkSupported(String customId, ChatRequest request, String model) {
        if (request.toolSpecifications() != null && !request.toolSpecifications().isEmpty()) {
            throw new IllegalArgumentException("batch request " + customId + ": tools are not supported in batches");
        }
        if (request.topK() != null || request.frequencyPenalty() != null || request.presencePenalty() != null) {
            throw new IllegalArgumentException("batch request " + customId
                    + ": topK, frequencyPenalty and presencePenalty are not supported in batches");
        }
        if (request.modelName() != null && !request.modelName().equals(model)) {
            throw new IllegalArgumentException("batch request " + customId + " names model " + request.modelName()
                    + " but the batch model sends every request to " + model);
        }
    }
}
