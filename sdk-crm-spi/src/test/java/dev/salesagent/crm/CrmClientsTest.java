package dev.salesagent.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesagent.crm.memory.InMemoryCrmClient;
import dev.salesagent.crm.spi.ConfigKey;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.spi.CrmClientProvider;
import dev.salesagent.crm.spi.CrmConfig;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrmClientsTest {

    /** A second provider claiming the id {@code memory}. */
    public static final class ImpostorProvider implements CrmClientProvider {
        @Override public String id() { return "memory"; }
        @Override public String description() { return "duplicate"; }
        @Override public List<ConfigKey> configKeys() { return List.of(); }
        @Override public CrmClient create(CrmConfig config, CrmClientOptions options) { return InMemoryCrmClient.create(); }
    }

    /** Remembers the options it was handed. */
    static final class RecordingProvider implements CrmClientProvider {
        CrmClientOptions received;
        @Override public String id() { return "recording"; }
        @Override public String description() { return "records options"; }
        @Override public List<ConfigKey> configKeys() { return List.of(); }
        @Override public CrmClient create(CrmConfig config, CrmClientOptions options) {
            received = options;
            return InMemoryCrmClient.create();
        }
    }

    @Test
    void createWithoutOptionsHandsTheProviderTheDefaults() {
        RecordingProvider provider = new RecordingProvider();
        provider.create(CrmConfig.empty()).close();
        assertThat(provider.received).isSameAs(CrmClientOptions.defaults());
        assertThat(provider.received.meterRegistry()).isEmpty();
        assertThat(provider.received.observationRegistry()).isEmpty();
        assertThat(provider.received.clock()).isEqualTo(Clock.systemUTC());
    }

    @Test
    void optionsReachTheProviderThroughDiscovery() {
        Instant fixed = Instant.parse("2026-03-04T05:06:07Z");
        CrmClientOptions options = CrmClientOptions.builder().clock(Clock.fixed(fixed, ZoneOffset.UTC)).build();
        try (CrmClient client = CrmClients.create("memory", CrmConfig.empty(), options)) {
            Contact created = client.contacts().upsert(Contact.builder().email("jane@acme.com").build()).record();
            assertThat(created.createdAt()).isEqualTo(fixed);
        }
    }

    @Test
    void discoversTheMemoryProvider() {
        assertThat(CrmClients.available()).extracting(CrmClientProvider::id).contains("memory");
        try (CrmClient client = CrmClients.create("memory", CrmConfig.empty())) {
            assertThat(client.providerId()).isEqualTo("memory");
            assertThat(client.capabilities()).containsExactlyInAnyOrder(CrmCapability.values());
        }
    }

    @Test
    void unknownIdListsAvailableIds() {
        assertThatThrownBy(() -> CrmClients.create("sugarcrm", CrmConfig.empty()))
                .isInstanceOf(CrmConfigurationException.class)
                .hasMessageContaining("sugarcrm").hasMessageContaining("[memory");
    }

    @Test
    void providerValidatesConfig() {
        assertThatThrownBy(() -> CrmClients.create("memory", CrmConfig.of(Map.of("maxBatchSize", "0",
                "fixture", "/nonexistent/fixture.json"))))
                .isInstanceOfSatisfying(CrmConfigurationException.class,
                        e -> assertThat(e.problems()).hasSize(2));
    }

    @Test
    void twoProvidersWithOneIdIsAnErrorNamingBoth(@TempDir Path dir) throws IOException {
        ClassLoader loader = loaderRegistering(dir, ImpostorProvider.class.getName(), "does.not.Exist");
        assertThatThrownBy(() -> CrmClients.create("memory", CrmConfig.empty(), loader))
                .isInstanceOf(CrmConfigurationException.class)
                .hasMessageContaining("MemoryCrmClientProvider")
                .hasMessageContaining(ImpostorProvider.class.getName());
    }

    @Test
    void brokenRegistrationIsSkipped(@TempDir Path dir) throws IOException {
        ClassLoader loader = loaderRegistering(dir, "does.not.Exist");
        assertThat(CrmClients.available(loader)).extracting(CrmClientProvider::id).containsExactly("memory");
    }

    private static ClassLoader loaderRegistering(Path dir, String... classNames) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(CrmClientProvider.class.getName()), String.join("\n", classNames) + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, CrmClientsTest.class.getClassLoader());
    }
}
