package dev.salesagent.crm.pipedrive;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesagent.crm.CrmAuthenticationException;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmRateLimitException;
import dev.salesagent.crm.pipedrive.sim.PipedriveSimulator;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.spi.CrmConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Pipedrive's 2-second window, its daily budget and OAuth, end to end against the simulator. */
class PipedriveRateLimitAndAuthTest {

    private final PipedriveSimulator sim = PipedriveSimulator.launch();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        sim.stop();
        assertThat(sim.violations()).isEmpty();
    }

    private CrmClient client(CrmConfig config) {
        // the sleeper moves the simulator's clock: a wait really lets the 2-second window pass
        return new PipedriveCrmClientProvider().create(config, CrmClientOptions.builder().clock(sim.clock())
                .sleeper(d -> {
                    waits.add(d);
                    sim.clock().advance(d);
                }).build());
    }

    @Test
    @DisplayName("over the window limit Pipedrive answers 429 with Retry-After; the client waits it out and every call lands")
    void windowLimit() {
        sim.windowLimit(3);
        try (CrmClient client = client(PipedriveTestConfig.apiToken(sim))) {
            for (int i = 0; i < 5; i++) {
                assertThat(client.contacts().findByEmail("nobody" + i + "@example.com")).isEmpty();
            }
        }
        assertThat(waits).isNotEmpty().allSatisfy(w -> assertThat(w).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
        assertThat(sim.calls("GET", "/api/v2/persons/search")).hasSizeGreaterThan(5);
    }

    @Test
    @DisplayName("the client-side limit keeps requests under the window, so Pipedrive never answers 429")
    void clientSideLimit() {
        sim.windowLimit(3);
        Map<String, String> cfg = new HashMap<>(PipedriveTestConfig.apiToken(sim).asMap());
        cfg.put("rateLimitRequests", "3");
        cfg.put("rateLimitPeriod", "2s");
        long before = sim.requests();
        try (CrmClient client = new PipedriveCrmClientProvider().create(CrmConfig.of(cfg),
                CrmClientOptions.builder().clock(sim.clock()).build())) {
            for (int i = 0; i < 4; i++) {
                client.contacts().findByEmail("nobody" + i + "@example.com");
                sim.clock().advance(Duration.ofMillis(700));
            }
        }
        assertThat(sim.requests() - before).isEqualTo(4);
    }

    @Test
    @DisplayName("an exhausted daily budget fails fast as quotaExhausted, without retries")
    void dailyBudget() {
        sim.dailyBudget(0);
        try (CrmClient client = client(PipedriveTestConfig.apiToken(sim))) {
            assertThatThrownBy(() -> client.contacts().findByEmail("a@example.com"))
                    .isInstanceOfSatisfying(CrmRateLimitException.class, e -> assertThat(e.quotaExhausted()).isTrue());
        }
        assertThat(sim.requests()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    @DisplayName("OAuth: one refresh-token grant, then Bearer on every call (no x-api-token)")
    void oauth() {
        try (CrmClient client = client(PipedriveTestConfig.oauth(sim))) {
            client.contacts().findByEmail("a@example.com");
            client.contacts().findByEmail("b@example.com");
        }
        assertThat(sim.tokensIssued()).isEqualTo(1);
        sim.server().verify(2, getRequestedFor(urlPathEqualTo("/api/v2/persons/search"))
                .withHeader("Authorization", equalTo("Bearer pd-access-1")).withoutHeader("x-api-token"));
    }

    @Test
    @DisplayName("a wrong API token is CrmAuthenticationException without retries")
    void wrongToken() {
        Map<String, String> cfg = new HashMap<>(PipedriveTestConfig.apiToken(sim).asMap());
        cfg.put("apiToken", "wrong");
        try (CrmClient client = client(CrmConfig.of(cfg))) {
            assertThatThrownBy(() -> client.contacts().findByEmail("a@example.com"))
                    .isInstanceOf(CrmAuthenticationException.class);
        }
        assertThat(sim.requests()).isEqualTo(1);
    }
}
