package dev.salesagent.crm.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmClients;
import dev.salesagent.crm.CrmConfigurationException;
import dev.salesagent.crm.http.CrmHttpClient;
import dev.salesagent.crm.spi.ConfigKey;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.spi.CrmClientProvider;
import dev.salesagent.crm.spi.CrmConfig;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit of an HTTP adapter's {@link CrmClientProvider}: the provider is found through
 * {@link CrmClients} (its {@code META-INF/services} registration), documents its keys, rejects an empty configuration
 * naming itself, and wires the {@link CrmClientOptions} registries into the client it creates. An adapter's test
 * extends it with a few hooks; adapter-specific checks (for instance how the options' clock is used) stay in the
 * subclass.
 *
 * <pre>{@code
 * class HubSpotCrmClientProviderTest extends CrmClientProviderCompatibilityKit {
 *     HubSpotSimulator sim = HubSpotSimulator.launch().acceptToken(TOKEN);
 *     protected String providerId() { return "hubspot"; }
 *     protected CrmConfig config() { return CrmConfig.of(Map.of("baseUrl", sim.baseUrl(), "accessToken", TOKEN)); }
 *     protected void oneSuccessfulRead(CrmClient client) { ... }
 * }
 * }</pre>
 */
public abstract class CrmClientProviderCompatibilityKit {

    /** {@return the provider id under test, e.g. {@code hubspot}} */
    protected abstract String providerId();

    /** {@return a valid configuration pointing at the adapter's simulator} */
    protected abstract CrmConfig config();

    /**
     * Seeds what it needs and performs one read through {@code client} that succeeds, asserting its result.
     *
     * @param client a client the provider created from {@link #config()}
     */
    protected abstract void oneSuccessfulRead(CrmClient client);

    /**
     * How many HTTP requests {@link #oneSuccessfulRead} sends through {@link CrmHttpClient}, when the adapter knows it
     * exactly; default empty: at least one.
     *
     * @return the exact request count, or empty for "at least one"
     */
    protected OptionalLong requestsPerRead() {
        return OptionalLong.empty();
    }

    @Test
    @DisplayName("the provider is found through CrmClients and documents every key it reads")
    void providerIsRegisteredAndDocumented() {
        List<CrmClientProvider> found = CrmClients.available().stream()
                .filter(p -> p.id().equals(providerId())).toList();
        assertThat(found).as("providers with id %s", providerId()).hasSize(1);
        CrmClientProvider provider = found.get(0);
        assertThat(provider.description()).isNotBlank();
        assertThat(provider.configKeys()).isNotEmpty().allSatisfy(key -> {
            assertThat(key.name()).isNotBlank();
            assertThat(key.description()).as("description of %s", key.name()).isNotBlank();
        });
        assertThat(provider.configKeys()).extracting(ConfigKey::name).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("an empty configuration is rejected with a CrmConfigurationException naming the provider")
    void emptyConfigurationIsRejected() {
        assertThatThrownBy(() -> CrmClients.create(providerId(), CrmConfig.empty()))
                .isInstanceOfSatisfying(CrmConfigurationException.class, e -> {
                    assertThat(e.getMessage()).contains(providerId());
                    assertThat(e.problems()).isNotEmpty();
                });
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
        CrmClientOptions options = CrmClientOptions.builder()
                .meterRegistry(meters).observationRegistry(observations).build();
        try (CrmClient client = CrmClients.create(providerId(), config(), options)) {
            oneSuccessfulRead(client);
        }
        Timer timer = meters.find(CrmHttpClient.METRIC_REQUESTS).tag("provider", providerId())
                .tag("outcome", "SUCCESS").tag("status", "200").timer();
        assertThat(timer).isNotNull();
        OptionalLong exact = requestsPerRead();
        if (exact.isPresent()) {
            assertThat(timer.count()).isEqualTo(exact.getAsLong());
            assertThat(observed).hasSize((int) exact.getAsLong()).containsOnly(CrmHttpClient.OBSERVATION_CALL);
        } else {
            assertThat(timer.count()).isGreaterThanOrEqualTo(1);
            assertThat(observed).contains(CrmHttpClient.OBSERVATION_CALL);
        }
    }
}
