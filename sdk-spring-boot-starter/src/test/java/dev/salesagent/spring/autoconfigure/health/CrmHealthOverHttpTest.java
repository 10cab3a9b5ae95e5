package dev.salesagent.spring.autoconfigure.health;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmConfigurationException;
import dev.salesagent.crm.tck.MutableClock;
import dev.salesagent.spring.autoconfigure.crm.SalesAgentCrmAutoConfiguration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

/** CRM health through a provider that calls WireMock over the SPI's shared HTTP client. */
class CrmHealthOverHttpTest {

    static WireMockServer server;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private ApplicationContextRunner runner;

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
    void setUp() {
        server.resetAll();
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SalesAgentCrmAutoConfiguration.class, SalesAgentCrmHealthAutoConfiguration.class))
                .withBean(Clock.class, () -> clock)
                .withPropertyValues(
                        "salesagent.crm.shop.provider=test-http",
                        "salesagent.crm.shop.base-url=" + server.baseUrl(),
                        "salesagent.crm.shop.access-token=tok-123");
    }

    private static Health shopHealth(AssertableApplicationContext context) {
        CompositeHealthContributor crm = context.getBean("salesagentCrmHealthContributor", CompositeHealthContributor.class);
        return ((HealthIndicator) crm.getContributor("shop")).health();
    }

    private static void respond(int status, String body) {
        server.stubFor(get(urlPathEqualTo("/products")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withHeader("X-Request-Id", "req-42").withBody(body)));
    }

    @Test
    void upWhenTheAuthenticatedProbeSucceeds() {
        respond(200, "{\"results\": []}");
        runner.run(context -> {
            Health health = shopHealth(context);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("provider", "test-http").containsEntry("probe", "products.search");
            server.verify(1, getRequestedFor(urlPathEqualTo("/products"))
                    .withHeader("Authorization", equalTo("Bearer tok-123")).withQueryParam("limit", equalTo("1")));
        });
    }

    @Test
    void downWithTheVendorDetailsWhenCredentialsAreRejected() {
        respond(401, "{\"message\": \"invalid token\"}");
        runner.run(context -> {
            assertThat(context).hasNotFailed(); // a broken CRM never fails start-up
            Health health = shopHealth(context);
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("error", "CrmAuthenticationException")
                    .containsEntry("httpStatus", 401).containsEntry("requestId", "req-42");
        });
    }

    @Test
    void downWhenTheVendorIsUnavailable() {
        respond(503, "{}");
        runner.run(context -> assertThat(shopHealth(context).getStatus()).isEqualTo(Status.DOWN));
    }

    @Test
    void upButRateLimitedOn429() {
        server.stubFor(get(urlPathEqualTo("/products")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
        runner.run(context -> {
            Health health = shopHealth(context);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("rateLimited", true).containsEntry("retryAfter", "PT7S");
        });
    }

    @Test
    void resultsAreCachedForTheConfiguredTtl() {
        respond(200, "{\"results\": []}");
        runner.withPropertyValues("salesagent.health.crm-cache-ttl=30s").run(context -> {
            shopHealth(context);
            clock.advance(Duration.ofSeconds(29));
            shopHealth(context);
            server.verify(1, getRequestedFor(urlPathEqualTo("/products")));
            respond(401, "{}");
            clock.advance(Duration.ofSeconds(1));
            assertThat(shopHealth(context).getStatus()).isEqualTo(Status.DOWN);
            server.verify(2, getRequestedFor(urlPathEqualTo("/products")));
        });
    }

    @Test
    void missingProviderKeysFailStartupListingEveryKey() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SalesAgentCrmAutoConfiguration.class))
                .withPropertyValues("salesagent.crm.shop.provider=test-http")
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable cause = NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure());
                    assertThat(cause).isInstanceOf(CrmConfigurationException.class)
                            .hasMessageContaining("baseUrl").hasMessageContaining("accessToken");
                    assertThat(((CrmConfigurationException) cause).problems()).hasSize(2);
                });
    }

    @Test
    void clientsAreClosedWithTheContext() {
        int before = WireMockCrmClientProvider.CLOSED.get();
        runner.run(context -> assertThat(context.getBean(CrmClient.class).providerId()).isEqualTo("test-http"));
        assertThat(WireMockCrmClientProvider.CLOSED.get()).isEqualTo(before + 1);
    }
}
