package dev.salesagent.spring.autoconfigure.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.tck.MutableClock;
import dev.salesagent.spring.autoconfigure.health.WireMockCrmClientProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The application's MeterRegistry, ObservationRegistry and Clock reach providers through CrmClientOptions. The real
 * HubSpot adapter runs against WireMock serving HubSpot's documented search shape
 * (https://developers.hubspot.com/docs/api/crm/search).
 */
class CrmClientOptionsWiringTest {

    static WireMockServer server;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SalesAgentCrmAutoConfiguration.class));

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    @Test
    void aConfiguredAdapterTimesItsHttpAttemptsInTheApplicationsRegistryBelowTheOperationTimer() {
        server.stubFor(post(urlEqualTo("/crm/v3/objects/contacts/search")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"total\": 0, \"results\": []}")));
        MeterRegistry meters = new SimpleMeterRegistry();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        runner.withBean(MeterRegistry.class, () -> meters).withBean(ObservationRegistry.class, () -> observations)
                .withPropertyValues(
                        "salesagent.crm.sales.provider=hubspot",
                        "salesagent.crm.sales.access-token=pat-na1-test",
                        "salesagent.crm.sales.base-url=" + server.baseUrl(),
                        "salesagent.crm.sales.max-attempts=1")
                .run(context -> {
                    CrmClient crm = context.getBean(CrmClient.class);
                    assertThat(crm.contacts().changedSince(Instant.EPOCH, PageRequest.first(10)).items()).isEmpty();

                    Timer requests = meters.find("salesagent.crm.requests").tag("provider", "hubspot")
                            .tag("outcome", "SUCCESS").tag("status", "200").timer();
                    Timer calls = meters.find("salesagent.crm.call").tag("provider", "hubspot").timer();
                    Timer operations = meters.find(ObservedCrmClient.OBSERVATION).tag("crm.name", "sales")
                            .tag("operation", "contacts.changedSince").timer();
                    assertThat(requests).isNotNull();
                    assertThat(calls).isNotNull();
                    assertThat(operations).isNotNull();
                    assertThat(requests.count()).isEqualTo(1);
                    assertThat(calls.count()).isEqualTo(1);
                    assertThat(operations.count()).isEqualTo(1);
                });
    }

    @Test
    void theProviderGetsTheApplicationsRegistriesAndClock() {
        MeterRegistry meters = new SimpleMeterRegistry();
        ObservationRegistry observations = ObservationRegistry.create();
        MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
        runner.withBean(MeterRegistry.class, () -> meters).withBean(ObservationRegistry.class, () -> observations)
                .withBean(Clock.class, () -> clock)
                .withPropertyValues("salesagent.crm.shop.provider=test-http",
                        "salesagent.crm.shop.base-url=" + server.baseUrl(), "salesagent.crm.shop.access-token=t")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    context.getBean(CrmClient.class);
                    assertThat(WireMockCrmClientProvider.lastOptions.meterRegistry()).containsSame(meters);
                    assertThat(WireMockCrmClientProvider.lastOptions.observationRegistry()).containsSame(observations);
                    assertThat(WireMockCrmClientProvider.lastOptions.clock()).isSameAs(clock);
                });
    }

    @Test
    void withoutApplicationBeansTheProviderGetsTheDefaults() {
        runner.withPropertyValues("salesagent.crm.shop.provider=test-http",
                        "salesagent.crm.shop.base-url=" + server.baseUrl(), "salesagent.crm.shop.access-token=t")
                .run(context -> {
                    context.getBean(CrmClient.class);
                    assertThat(WireMockCrmClientProvider.lastOptions.meterRegistry()).isEmpty();
                    assertThat(WireMockCrmClientProvider.lastOptions.observationRegistry()).isEmpty();
                    assertThat(WireMockCrmClientProvider.lastOptions.clock()).isEqualTo(Clock.systemUTC());
                });
    }

    @Test
    void theSandboxFallbackStampsRecordsWithTheApplicationsClock() {
        Instant now = Instant.parse("2026-11-21T10:00:00Z");
        runner.withBean(Clock.class, () -> new MutableClock(now)).run(context -> {
            CrmClient crm = context.getBean(CrmClient.class);
            assertThat(crm.providerId()).isEqualTo("memory");
            Contact saved = crm.contacts().upsert(Contact.builder().email("jane@example.com").build()).record();
            assertThat(saved.createdAt()).isEqualTo(now);
        });
    }
}
