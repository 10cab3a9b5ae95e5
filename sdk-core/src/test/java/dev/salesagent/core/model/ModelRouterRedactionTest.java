package dev.salesagent.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Path (b) of issue 21: a provider error that echoes an API key and a phone number from the prompt fails over and
 * then fails the call; neither value reaches the router's log lines, the {@link ModelCallException} message or its
 * attempts.
 */
class ModelRouterRedactionTest {

    private static final String KEY = "sk-proj-Xc9v7Lm2Qp4Rt8Wz1Yb6Nd3Kf5Hj0Gs2Ae4Ui6Oo8Pl1Mn3";
    private static final String PHONE = "+44 20 7946 0958";

    @Test
    void providerErrorTextIsRedactedInLogsAndExceptions() {
        StubChatModel primary = new StubChatModel("primary",
                () -> new IllegalStateException("Incorrect API key provided: " + KEY + " (prompt mentioned " + PHONE + ")"));
        StubChatModel fallback = new StubChatModel("fallback",
                () -> new IllegalStateException("upstream said Authorization: Bearer " + KEY + ", call " + PHONE));
        ModelRouter router = ModelRouter.builder().sleeper(d -> { })
                .endpoint(ModelEndpoint.of("primary", "test", "m1", ModelTier.ECONOMY, 128_000, primary))
                .endpoint(ModelEndpoint.of("fallback", "test", "m2", ModelTier.ECONOMY, 128_000, fallback))
                .build();
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from("Call Ada on " + PHONE)).build();

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThatThrownBy(() -> router.chat(request)).isInstanceOfSatisfying(ModelCallException.class, e -> {
                assertThat(e.attempts()).hasSize(2).allSatisfy(a -> assertThat(a.message())
                        .contains("[REDACTED]").doesNotContain(KEY, PHONE, "7946 0958"));
                assertThat(e.getMessage()).contains("primary", "fallback").doesNotContain(KEY, PHONE, "7946 0958");
            });
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).as("the fail-over line was captured").contains("Model endpoint primary failed");
        assertThat(log).doesNotContain(KEY, PHONE, "7946 0958");
        assertThat(primary.calls.get()).isEqualTo(1);
        assertThat(fallback.calls.get()).isEqualTo(1);
    }
}
