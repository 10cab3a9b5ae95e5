package dev.salesagent.agents.graph;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Calls a LangChain4j {@link StreamingChatModel} from inside a node, passing every partial response
 * through to the run's stream and listeners as {@link GraphEvent.ModelToken}s, and blocks until the
 * complete response arrives (nodes are blocking).
 */
public final class ModelStreaming {

    private ModelStreaming() {
    }

    /**
     * @param model the streaming model to call
     * @param request the chat request
     * @param context the running node's context, whose {@link NodeContext#emitToken} receives each partial response
     * @return the complete response
     * @throws GraphException wrapping the model's error, or if the calling thread is interrupted
     */
    public static ChatResponse chat(StreamingChatModel model, ChatRequest request, NodeContext context) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(context, "context");
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partialResponse) {
                context.emitToken(partialResponse);
            }

            @Override
            public void onCompleteResponse(ChatResponse completeResponse) {
                done.complete(completeResponse);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphException("Interrupted while streaming from the model", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new GraphException("Streaming model call failed: " + e.getCause(), e.getCause());
        }
    }
}
