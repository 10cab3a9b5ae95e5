package dev.salesagent.crm.close;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmRateLimitException;
import dev.salesagent.crm.close.contract.CloseContract;
import dev.salesagent.crm.close.sim.CloseSimulator;
import dev.salesagent.crm.http.RetryPolicy;
import dev.salesagent.crm.spi.CrmClientOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Close's rate limit as the simulator enforces it (per endpoint group, 429 with {@code rate_reset} in the body and the
 * {@code RateLimit} header): the client waits what Close asks for, on the simulator's clock, and every call lands.
 */
class CloseRateLimitTest {

    private final CloseSimulator sim = CloseSimulator.start(new CloseContract());
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    private CrmClient client(int maxAttempts) {
        return CloseCrmClient.builder(CloseConfig.from(sim.config()))
                .retryPolicy(RetryPolicy.builder().maxAttempts(maxAttempts).jitter(0).build())
                .options(CrmClientOptions.builder().clock(sim.clock()).sleeper(d -> {
                    waits.add(d);
                    sim.clock().advance(d);
                }).build()).build();
    }

    @AfterEach
    void stop() {
        assertThat(sim.violations()).isEmpty();
        sim.stop();
    }

    @Test
    @DisplayName("without Retry-After, the 429 body's rate_reset / RateLimit reset is waited and every search lands")
    void waitsRateReset() {
        sim.rateLimit(5, Duration.ofSeconds(2), false);
        try (CrmClient client = client(4)) {
            for (int i = 0; i < 12; i++) {
                assertThat(client.contacts().findByEmail("rl-" + i + "@example.com")).isEmpty();
            }
        }
        long answered429 = sim.server().getAllServeEvents().stream().filter(e -> e.getResponse().getStatus() == 429).count();
        assertThat(answered429).isEqualTo(2);
        assertThat(waits).hasSize(2).allSatisfy(w -> assertThat(w).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(2)));
        assertThat(sim.count("POST", "/data/search/")).isEqualTo(14);
    }

    @Test
    @DisplayName("with Retry-After and RateLimit, a wait is never shorter than Close asked for")
    void honoursRetryAfter() {
        sim.rateLimit(1, Duration.ofSeconds(3), true);
        try (CrmClient client = client(4)) {
            client.contacts().findByEmail("a@example.com");
            client.contacts().findByEmail("b@example.com");
        }
        assertThat(waits).hasSize(1);
        assertThat(waits.get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }

    @Test
    @DisplayName("when attempts run out, CrmRateLimitException carries Close's reset and is retryable")
    void surfacesRateLimit() {
        sim.rateLimit(1, Duration.ofSeconds(30), false);
        try (CrmClient client = client(1)) {
            client.contacts().findByEmail("a@example.com");
            assertThatThrownBy(() -> client.contacts().findByEmail("b@example.com"))
                    .isInstanceOfSatisfying(CrmRateLimitException.class, e -> {
                        assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive()
                                .isLessThanOrEqualTo(Duration.ofSeconds(30)));
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.httpStatus()).isEqualTo(429);
                        assertThat(e.vendorCode()).isEqualTo("key");
                    });
        }
    }
}
