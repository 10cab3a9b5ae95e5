package dev.salesagent.crm.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmClients;
import dev.salesagent.crm.http.CrmHttpClient;
import dev.salesagent.crm.hubspot.sim.HubSpotSimulator;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.spi.CrmConfig;
import dev.salesagent.crm.tck.MutableClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The {@code hubspot} provider found through {@link CrmClients} wires the application's options into the client. */
class HubSpotCrmClientProviderTest {

    private final HubSpotSimulator sim = HubSpotSimulator.launch().acceptToken(SimulatedHubSpot.TOKEN);

    @AfterEach
    void stop() {
        sim.stop();
    }

    private CrmConfig config(Map<String, String> extra) {
        Map<String, String> cfg = new java.util.LinkedHashMap<>(Map.of("baseUrl", sim.baseUrl(),
                "accessToken", SimulatedHubSpot.TOKEN));
        cfg.putAll(extra);
        return CrmConfig.of(cfg);
    }

    @Test
    @DisplayName("salesagent.crm.requests and salesagent.crm.call reach the registries handed through the SPI")
    void registriesFromOptions() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<String> observed = new CopyOnWriteArrayList<>();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                observed.add(context.getName());
            }
        });
        CrmClientOptions options = CrmClientOptions.builder().meterRegistry(meters).observationRegistry(observations).build();
        sim.seed("contacts", Map.of("email", "jane@acme.com"));
        try (CrmClient client = CrmClients.create("hubspot", config(Map.of()), options)) {
            assertThat(client.contacts().findByEmail("jane@acme.com")).isPresent();
        }
        Timer timer = meters.find(CrmHttpClient.METRIC_REQUESTS).tag("provider", "hubspot").tag("outcome", "SUCCESS")
                .tag("status", "200").timer();
        assertThat(timer).isNotNull();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(observed).containsExactly(CrmHttpClient.OBSERVATION_CALL);
    }

    @Test
    @DisplayName("the clock handed through the SPI drives the pipeline cache TTL")
    void clockFromOptions() {
        Instant start = Instant.parse("2026-05-01T10:00:00Z");
        MutableClock clock = new MutableClock(start);
        String deal = sim.seed("deals", Map.of("dealname", "X", "dealstage", "qualifiedtobuy"));
        try (CrmClient client = CrmClients.create("hubspot", config(Map.of("pipelineCacheTtl", "5m")),
                CrmClientOptions.builder().clock(clock).build())) {
            client.opportunities().get(deal);
            clock.advance(Duration.ofMinutes(4));
            client.opportunities().get(deal);
            assertThat(sim.calls("GET", "/crm/v3/pipelines/deals")).hasSize(1);
            clock.advance(Duration.ofMinutes(2));
            client.opportunities().get(deal);
            assertThat(sim.calls("GET", "/crm/v3/pipelines/deals")).hasSize(2);
        }
    }
}
