package dev.salesagent.core.model;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** A user-supplied ChatModel (no HTTP) that answers with its name and fixed usage, or throws. */
final class StubChatModel implements ChatModel {

    final String name;
    final AtomicInteger calls = new AtomicInteger();
    final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
    private final Supplier<RuntimeException> failure;

    StubChatModel(String name) {
        this(name, null);
    }

    StubChatModel(String name, Supplier<RuntimeException> failure) {
        this.name = name;
        this.failure = failure;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        calls.incrementAndGet();
        requests.add(request);
        if (failure != null) {
            throw failure.get();
        }
        return ChatResponse.builder().aiMessage(AiMessage.from(name)).modelName(name)
                .tokenUsage(new TokenUsage(100, 10)).build();
    }
}
