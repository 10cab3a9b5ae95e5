package dev.salesagent.server.agentplatform.seed;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** A chat model (no HTTP) that answers with queued texts in order and records the requests it got. */
final class ScriptedChatModel implements ChatModel {

    static final String NAME = "scripted-model";

    final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<String> answers;

    ScriptedChatModel(String... answers) {
        this.answers = new ConcurrentLinkedQueue<>(List.of(answers));
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        requests.add(request);
        String answer = answers.poll();
        if (answer == null) {
            throw new IllegalStateException("no scripted answer left for request " + requests.size());
        }
        return ChatResponse.builder().aiMessage(AiMessage.from(answer)).modelName(NAME)
                .tokenUsage(new TokenUsage(50, 20)).build();
    }
}
