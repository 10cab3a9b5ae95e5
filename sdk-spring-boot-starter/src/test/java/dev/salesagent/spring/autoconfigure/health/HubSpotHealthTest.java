package dev.salesagent.spring.autoconfigure.health;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.spring.autoconfigure.crm.SalesAgentCrmAutoConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The real HubSpot adapter, configured only from salesagent.crm.* properties, probed by the health indicator against
 * WireMock serving HubSpot's documented search and error shapes
 * (https://developers.hubspot.com/docs/api/crm/search, https://developers.hubspot.com/docs/api/error-handling).
 */
class HubSpotHealthTest {

    static WireMockServer server;

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

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SalesAgentCrmAutoConfiguration.class, SalesAgentCrmHealthAutoConfiguration.class))
                .withPropertyValues(
                        "salesagent.crm.hubspot.provider=hubspot",
                        "salesagent.crm.hubspot.access-token=pat-na1-test",
                        "salesagent.crm.hubspot.base-url=" + server.baseUrl(),
                        "salesagent.crm.hubspot.max-attempts=1");
    }

    private static Health health(org.springframework.context.ApplicationContext context) {
        return ((HealthIndicator) context.getBean("salesagentCrmHealthContributor", CompositeHealthContributor.class)
                .getContributor("hubspot")).health();
    }

    @Test
    void upWhenTheContactSearchAnswers() {
        server.stubFor(post(urlEqualTo("/crm/v3/objects/contacts/search")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"total\": 0, \"results\": []}")));
        runner().run(context -> {
            assertThat(context.getBean(CrmClient.class).providerId()).isEqualTo("hubspot");
            Health health = health(context);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("provider", "hubspot").containsEntry("probe", "contacts.changedSince");
            server.verify(1, postRequestedFor(urlEqualTo("/crm/v3/objects/contacts/search"))
                    .withHeader("Authorization", equalTo("Bearer pat-na1-test")));
        });
    }

    @Test
    void downWithHubSpotsCategoryAndCorrelationIdWhenTheTokenIsRejected() {
        server.stubFor(post(urlEqualTo("/crm/v3/objects/contacts/search")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"status": "error",
                         "message": "Authentication credentials not found. This API supports OAuth 2.0 authentication.",
                         "correlationId": "4c1e6b2a-54a3-4b0f-9f3a-8e7f1d2c3b4a",
                         "category": "INVALID_AUTHENTICATION"}
                        """)));
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            Health health = health(context);
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("error", "CrmAuthenticationException")
                    .containsEntry("httpStatus", 401)
                    .containsEntry("vendorCode", "INVALID_AUTHENTICATION")
                    .containsEntry("requestId", "4c1e6b2a-54a3-4b0f-9f3a-8e7f1d2c3b4a");
        });
    }

    @Test
    void missingCredentialsFailStartupWithHubSpotsMessage() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SalesAgentCrmAutoConfiguration.class))
                .withPropertyValues("salesagent.crm.hubspot.provider=hubspot")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).hasStackTraceContaining("accessToken");
                });
    }
}
