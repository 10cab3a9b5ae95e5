package dev.salesagent.core.internal;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class AiMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AiMeters meters = new AiMeters(registry);

    @Test
    void endpointMetersRecordIntoTheSameSeriesAsThePerCallMethodsWhateverTheResponseModel() {
        AiMeters.Endpoint gpt = meters.endpoint("openai", "gpt-4o-mini");

        gpt.success("gpt-4o-mini-2024-07-18", Duration.ofMillis(100), 40, 5);
        gpt.success("gpt-4o-mini-2025-01-01", Duration.ofMillis(300), 10, 1);
        gpt.success("gpt-4o-mini-2024-07-18", Duration.ofMillis(200), 2, 3);
        gpt.success(null, Duration.ofMillis(50), 1, 1);
        meters.tokens("openai", "gpt-4o-mini", "gpt-4o-mini-2024-07-18", 100, 100);
        meters.duration("openai", "gpt-4o-mini", "gpt-4o-mini-2024-07-18", Duration.ofMillis(400), null);

        assertThat(registry.get(AiMeters.OPERATION_DURATION).tag("gen_ai.response.model", "gpt-4o-mini-2024-07-18")
                .tag("error.type", "none").timer().count()).isEqualTo(3);
        assertThat(registry.get(AiMeters.OPERATION_DURATION).tag("gen_ai.response.model", "gpt-4o-mini-2025-01-01")
                .timer().totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(300);
        assertThat(registry.get(AiMeters.OPERATION_DURATION).tag("gen_ai.response.model", "none").timer().count())
                .isEqualTo(1);
        assertThat(registry.get(AiMeters.TOKEN_USAGE).tag("gen_ai.token.type", "input")
                .tag("gen_ai.response.model", "gpt-4o-mini-2024-07-18").summary().totalAmount()).isEqualTo(142);
        assertThat(registry.get(AiMeters.TOKEN_USAGE).tag("gen_ai.token.type", "output")
                .tag("gen_ai.response.model", "gpt-4o-mini-2025-01-01").summary().totalAmount()).isEqualTo(1);
        assertThat(registry.find(AiMeters.OPERATION_DURATION).timers()).hasSize(3);
    }
}
