package dev.salesagent.crm.freshsales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmRateLimitException;
import dev.salesagent.crm.freshsales.sim.FreshsalesSimulator;
import dev.salesagent.crm.spi.CrmClientOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The account's per-minute and per-hour limits, answered 429 with Retry-After by the simulator. */
class FreshsalesRateLimitTest {

    private final FreshsalesSimulator sim = FreshsalesSimulator.launch();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        sim.stop();
    }

    private FreshsalesCrmClient client() {
        return FreshsalesCrmClient.builder(FreshsalesConfig.from(sim.config()))
                .options(CrmClientOptions.builder().clock(sim.clock()).sleeper(d -> {
                    waits.add(d);
                    sim.clock().advance(d);
                }).build()).build();
    }

    @Test
    @DisplayName("past the per-minute limit the client waits the Retry-After seconds to the next minute, then succeeds")
    void perMinute() {
        sim.limits(5, 1000);
        sim.clock().advance(Duration.ofSeconds(15));
        try (FreshsalesCrmClient client = client()) {
            IntStream.range(0, 8).forEach(i -> client.contacts().upsert(Contact.builder().email("c" + i + "@x.example")
                    .build()));
            assertThat(client.contacts().findByEmail("c7@x.example")).isPresent();
        }
        assertThat(waits).hasSize(1);
        assertThat(waits.get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(45));
        assertThat(sim.requests().stream().filter(r -> r.startsWith("POST /crm/sales/api/contacts/upsert")).count())
                .as("8 upserts plus one refused attempt").isEqualTo(9);
    }

    @Test
    @DisplayName("an exhausted hourly quota surfaces CrmRateLimitException with the wait to the next hour")
    void perHour() {
        sim.limits(400, 3);
        try (FreshsalesCrmClient client = client()) {
            IntStream.range(0, 3).forEach(i -> client.contacts().findByEmail("h" + i + "@x.example"));
            assertThatThrownBy(() -> client.contacts().findByEmail("late@x.example"))
                    .isInstanceOfSatisfying(CrmRateLimitException.class, e -> {
                        assertThat(e.retryAfter()).contains(Duration.ofHours(1));
                        assertThat(e.httpStatus()).isEqualTo(429);
                        assertThat(e.requestId()).startsWith("sim-");
                    });
        }
    }
}
