package dev.salesagent.crm.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmClients;
import dev.salesagent.crm.hubspot.contract.HubSpotContract;
import dev.salesagent.crm.hubspot.sim.HubSpotSimulator;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.spi.CrmConfig;
import dev.salesagent.crm.tck.CrmClientProviderCompatibilityKit;
import dev.salesagent.crm.tck.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The {@code hubspot} provider found through {@link CrmClients} wires the application's options into the client. */
class HubSpotCrmClientProviderTest extends CrmClientProviderCompatibilityKit {

    private final HubSpotSimulator sim = HubSpotSimulator.launch().acceptToken(SimulatedHubSpot.TOKEN)
            .enforce(new HubSpotContract());

    @AfterEach
    void stop() {
        sim.stop();
        SimulatedHubSpot.assertFollowsContract(sim);
    }

    private CrmConfig config(Map<String, String> extra) {
        Map<String, String> cfg = new java.util.LinkedHashMap<>(Map.of("baseUrl", sim.baseUrl(),
                "accessToken", SimulatedHubSpot.TOKEN));
        cfg.putAll(extra);
        return CrmConfig.of(cfg);
    }

    @Override
    protected String providerId() {
        return "hubspot";
    }

    @Override
    protected CrmConfig config() {
        return config(Map.of());
    }

    @Override
    protected void oneSuccessfulRead(CrmClient client) {
        sim.seed("contacts", Map.of("email", "jane@acme.com"));
        assertThat(client.contacts().findByEmail("jane@acme.com")).isPresent();
    }

    @Override
    protected OptionalLong requestsPerRead() {
        return OptionalLong.of(1);
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
