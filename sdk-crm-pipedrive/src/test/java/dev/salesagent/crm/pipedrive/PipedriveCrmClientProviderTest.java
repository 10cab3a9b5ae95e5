package dev.salesagent.crm.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmClients;
import dev.salesagent.crm.pipedrive.sim.PipedriveSimulator;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.spi.CrmConfig;
import dev.salesagent.crm.tck.CrmClientProviderCompatibilityKit;
import dev.salesagent.crm.tck.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The provider kit for {@code pipedrive}, plus the clock of the options driving the stage cache. */
class PipedriveCrmClientProviderTest extends CrmClientProviderCompatibilityKit {

    private final PipedriveSimulator sim = PipedriveSimulator.launch();

    @AfterEach
    void stop() {
        sim.stop();
        assertThat(sim.violations()).isEmpty();
    }

    @Override
    protected String providerId() {
        return "pipedrive";
    }

    @Override
    protected CrmConfig config() {
        return PipedriveTestConfig.apiToken(sim);
    }

    @Override
    protected void oneSuccessfulRead(CrmClient client) {
        sim.addPerson("Jane Doe", "jane@acme.com");
        assertThat(client.contacts().findByEmail("JANE@acme.com")).isPresent();
    }

    /**
     * A look-up by e-mail is one search plus one GET of the person: two operations ({@code persons.search},
     * {@code persons.get}), so two timers of one request each; the kit's exact count reads a single timer, so it is
     * not used here (the request budget is asserted in {@link PipedriveRequestShapeTest}).
     */
    @Override
    protected OptionalLong requestsPerRead() {
        return OptionalLong.empty();
    }

    @Test
    @DisplayName("the clock handed through the SPI drives the stage-name cache TTL")
    void clockFromOptions() {
        MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
        long deal = sim.addDeal("X", "Qualified", new BigDecimal("10"), "USD", LocalDate.of(2026, 6, 1), null, null);
        Map<String, String> cfg = new LinkedHashMap<>(config().asMap());
        cfg.put("stageCacheTtl", "5m");
        try (CrmClient client = CrmClients.create("pipedrive", CrmConfig.of(cfg), CrmClientOptions.builder().clock(clock).build())) {
            assertThat(client.opportunities().get(Long.toString(deal)).stage()).isEqualTo("Qualified");
            clock.advance(Duration.ofMinutes(4));
            client.opportunities().get(Long.toString(deal));
            assertThat(sim.calls("GET", "/api/v2/stages")).hasSize(1);
            clock.advance(Duration.ofMinutes(2));
            client.opportunities().get(Long.toString(deal));
            assertThat(sim.calls("GET", "/api/v2/stages")).hasSize(2);
        }
    }
}
