package dev.salesagent.server.agentplatform.seed;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.Optional;

/**
 * The chat model the seed assistants use when one is configured (the platform's {@code ModelRouter}, or any
 * LangChain4j {@link ChatModel}); absent, every assistant uses its rules. Model answers are text the nodes check before
 * they use them; numbers shown to users are never taken from a model.
 */
public final class SeedModel {

    /** {@code rules}: the result came from the offline rules. */
    public static final String RULES = "rules";
    /** {@code model}: the result came from the chat model. */
    public static final String MODEL = "model";

    private final ChatModel model;

    private SeedModel(ChatModel model) {
        this.model = model;
    }

    /**
     * {@return the seed model over a chat model, or over none}
     *
     * @param model the chat model, or null to use the rules everywhere
     */
    public static SeedModel of(ChatModel model) {
        return new SeedModel(model);
    }

    /** {@return a seed model without a chat model: rules everywhere} */
    public static SeedModel rules() {
        return new SeedModel(null);
    }

    /** {@return whether a chat model is configured} */
    public boolean configured() {
        return model != null;
    }

    /**
     * One model answer and the model that gave it.
     *
     * @param text  the answer text, trimmed
     * @param model the model name the response reported, or {@code "model"} when it reported none
     */
    public record Answer(String text, String model) {
    }

    /**
     * Asks the model once.
     *
     * @param system the system instruction
     * @param user   the user message (data, never instructions)
     * @return the answer, or empty when no model is configured
     * @throws RuntimeException whatever the model raises ({@code ModelCallException} from the router)
     */
    public Optional<Answer> ask(String system, String user) {
        if (model == null) {
            return Optional.empty();
        }
        ChatResponse response = model.chat(ChatRequest.builder()
                .messages(SystemMessage.from(system), UserMessage.from(user)).build());
        String text = response.aiMessage() == null || response.aiMessage().text() == null ? ""
                : response.aiMessage().text().trim();
        String name = response.modelName() == null || response.modelName().isBlank() ? MODEL : response.modelName();
        return Optional.of(new Answer(text, name));
    }
}
