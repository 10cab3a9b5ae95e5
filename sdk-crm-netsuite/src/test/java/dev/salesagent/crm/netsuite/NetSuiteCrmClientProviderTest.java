package dev.salesagent.crm.netsuite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesagent.crm.CrmAuthenticationException;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmClients;
import dev.salesagent.crm.http.CrmHttpClient;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.spi.CrmConfig;
import dev.salesagent.crm.tck.MutableClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The {@code netsuite} provider found through {@link CrmClients} wires the application's options into the client. */
class NetSuiteCrmClientProviderTest {

    private final NetSuiteFixture fx = new NetSuiteFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    @DisplayName("salesagent.crm.requests and salesagent.crm.call reach the registries handed through the SPI")
    void registriesFromOptions() {
        long company = fx.sim.seedCompany("Acme Corp");
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
        CrmClientOptions options = CrmClientOptions.builder()
                .meterRegistry(meters).observationRegistry(observations).build();
        try (CrmClient client = CrmClients.create("netsuite", CrmConfig.of(fx.tba()), options)) {
            assertThat(client.accounts().get(Long.toString(company)).name()).isEqualTo("Acme Corp");
        }
        Timer timer = meters.find(CrmHttpClient.METRIC_REQUESTS).tag("provider", "netsuite")
                .tag("outcome", "SUCCESS").tag("status", "200").timer();
        assertThat(timer).isNotNull();
        assertThat(timer.count()).isGreaterThanOrEqualTo(1);
        assertThat(observed).contains(CrmHttpClient.OBSERVATION_CALL);
    }

    @Test
    @DisplayName("the clock handed through the SPI dates the M2M client assertion: an hour-slow clock is refused")
    void clockFromOptions() {
        long company = fx.sim.seedCompany("Acme Corp");
        MutableClock slow = MutableClock.startingNow();
        slow.advance(Duration.ofHours(-1));
        try (CrmClient client = CrmClients.create("netsuite", CrmConfig.of(fx.m2m()),
                CrmClientOptions.builder().clock(slow).build())) {
            assertThatThrownBy(() -> client.accounts().get(Long.toString(company)))
                    .isInstanceOf(CrmAuthenticationException.class);
        }
        try (CrmClient client = CrmClients.create("netsuite", CrmConfig.of(fx.m2m()),
                CrmClientOptions.builder().clock(MutableClock.startingNow()).build())) {
            assertThat(client.accounts().get(Long.toString(company)).name()).isEqualTo("Acme Corp");
        }
    }
}
