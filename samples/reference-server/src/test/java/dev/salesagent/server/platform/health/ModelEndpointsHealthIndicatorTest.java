package dev.salesagent.server.platform.health;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.salesagent.spring.autoconfigure.model.ModelProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import tools.jackson.databind.json.JsonMapper;

/**
 * The model endpoints' health against WireMock serving the providers' documented "list models" answers (OpenAI
 * {@code GET /v1/models} with a bearer key; Anthropic {@code GET /v1/models} with {@code x-api-key} and
 * {@code anthropic-version}): UP/DOWN per endpoint, results reused for the TTL, UNKNOWN when nothing can be probed.
 */
class ModelEndpointsHealthIndicatorTest {

    static final String OPENAI_MODELS = """
            {"object": "list", "data": [
              {"id": "gpt-4o-mini", "object": "model", "created": 1721172741, "owned_by": "system"},
              {"id": "gpt-4o", "object": "model", "created": 1715367049, "owned_by": "system"}]}""";
    static final String ANTHROPIC_MODELS = """
            {"data": [{"type": "model", "id": "claude-haiku-4-5", "display_name": "Claude Haiku 4.5",
                       "created_at": "2025-10-01T00:00:00Z"}],
             "has_more": false, "first_id": "claude-haiku-4-5", "last_id": "claude-haiku-4-5"}""";
    static final String OPENAI_401 = """
            {"error": {"message": "Incorrect API key provided", "type": "invalid_request_error",
                       "param": null, "code": "invalid_api_key"}}""";
    static final String ANTHROPIC_401 = """
            {"type": "error", "error": {"type": "authentication_error", "message": "invalid x-api-key"}}""";

    WireMockServer openai;
    WireMockServer anthropic;
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-02T12:00:00Z"));
    final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @BeforeEach
    void start() {
        openai = new WireMockServer(wireMockConfig().dynamicPort());
        anthropic = new WireMockServer(wireMockConfig().dynamicPort());
        openai.start();
        anthropic.start();
    }

    @AfterEach
    void stop() {
        openai.stop();
        anthropic.stop();
    }

    static ModelProperties.Endpoint endpoint(String name, String provider, String model, String key, String baseUrl) {
        return new ModelProperties.Endpoint(name, provider, model, null, null, null, key, baseUrl, null, null);
    }

    ModelEndpointsHealthIndicator indicator(ModelProperties.Endpoint... endpoints) {
        return new ModelEndpointsHealthIndicator(List.of(endpoints), Duration.ofSeconds(60), clock,
                JsonMapper.builder().build());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> endpointDetails(Health health, String name) {
        return (Map<String, Object>) ((Map<String, Object>) health.getDetails().get("endpoints")).get(name);
    }

    @Test
    void listsTheModelsWithEachProvidersAuthenticationAndReusesTheResultForTheTtl() {
        openai.stubFor(get("/v1/models").withHeader("Authorization", equalTo("Bearer sk-test"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(OPENAI_MODELS)));
        anthropic.stubFor(get("/v1/models").withHeader("x-api-key", equalTo("ak-test"))
                .withHeader("anthropic-version", equalTo("2023-06-01"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(ANTHROPIC_MODELS)));
        ModelEndpointsHealthIndicator indicator = indicator(
                endpoint("gpt", "openai", "gpt-4o-mini", "sk-test", openai.baseUrl() + "/v1/"),
                endpoint("claude", "anthropic", "claude-haiku-4-5", "ak-test", anthropic.baseUrl() + "/v1"));

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(endpointDetails(health, "gpt")).containsEntry("status", "UP").containsEntry("httpStatus", 200)
                .containsEntry("modelListed", true).containsKey("latencyMs").doesNotContainValue("sk-test");
        assertThat(endpointDetails(health, "claude")).containsEntry("status", "UP").containsEntry("modelListed", true);
        assertThat(health.toString()).doesNotContain("sk-test", "ak-test");

        now.set(now.get().plusSeconds(59));
        indicator.health();
        openai.verify(1, getRequestedFor(urlEqualTo("/v1/models")));
        anthropic.verify(1, getRequestedFor(urlEqualTo("/v1/models")));

        now.set(now.get().plusSeconds(2));
        indicator.health();
        openai.verify(2, getRequestedFor(urlEqualTo("/v1/models")));
    }

    @Test
    void aRejectedKeyOrAnUnreachableEndpointIsDownAndAllDownIsDown() {
        openai.stubFor(get("/v1/models").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody(OPENAI_401)));
        anthropic.stubFor(get("/v1/models").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody(ANTHROPIC_401)));
        String closed = "http://127.0.0.1:" + freePort() + "/v1";

        Health oneUp = indicator(endpoint("bad-key", "openai", "gpt-4o-mini", "sk-wrong", openai.baseUrl() + "/v1"),
                endpoint("compatible", "openai", "llama", "k", closed)).health();
        assertThat(oneUp.getStatus()).isEqualTo(Status.DOWN);
        assertThat(endpointDetails(oneUp, "bad-key")).containsEntry("status", "DOWN").containsEntry("httpStatus", 401)
                .containsEntry("error", "HTTP 401 invalid_request_error");
        assertThat(endpointDetails(oneUp, "compatible")).containsEntry("status", "DOWN").containsKey("error");

        openai.stubFor(get("/v1/models").withHeader("Authorization", equalTo("Bearer sk-good"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(OPENAI_MODELS)));
        Health mixed = indicator(endpoint("good", "openai", "gpt-4o", "sk-good", openai.baseUrl() + "/v1"),
                endpoint("claude", "anthropic", "claude-haiku-4-5", "ak-wrong", anthropic.baseUrl() + "/v1")).health();
        assertThat(mixed.getStatus()).as("one endpoint left to route to").isEqualTo(Status.UP);
        assertThat(endpointDetails(mixed, "claude")).containsEntry("status", "DOWN")
                .containsEntry("error", "HTTP 401 authentication_error");
    }

    @Test
    void nothingProbeableIsUnknown() {
        assertThat(indicator().health().getStatus()).isEqualTo(Status.UNKNOWN);
        Health beanOnly = indicator(new ModelProperties.Endpoint("local", "ollama", "llama3", null, null, null, null,
                null, null, "myChatModel")).health();
        assertThat(beanOnly.getStatus()).isEqualTo(Status.UNKNOWN);
        assertThat(endpointDetails(beanOnly, "local")).containsEntry("status", "UNKNOWN");
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @org.springframework.boot.context.properties.EnableConfigurationProperties(ModelProperties.class)
    static class Wiring {
        @org.springframework.context.annotation.Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @org.springframework.context.annotation.Bean
        JsonMapper jsonMapper() {
            return JsonMapper.builder().build();
        }
    }

    @Test
    void theComponentExistsOnlyWithConfiguredModelEndpointsAndReadsThem() {
        openai.stubFor(get("/v1/models").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(OPENAI_MODELS)));
        var runner = new org.springframework.boot.test.context.runner.ApplicationContextRunner()
                .withUserConfiguration(Wiring.class, ModelEndpointsHealthIndicator.class);
        runner.run(context -> assertThat(context).doesNotHaveBean(ModelEndpointsHealthIndicator.class));
        runner.withPropertyValues("salesagent.models.endpoints[0].name=mini",
                        "salesagent.models.endpoints[0].provider=openai",
                        "salesagent.models.endpoints[0].model=gpt-4o-mini",
                        "salesagent.models.endpoints[0].api-key=sk-wired",
                        "salesagent.models.endpoints[0].base-url=" + openai.baseUrl() + "/v1")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(ModelEndpointsHealthIndicator.class);
                    Health health = context.getBean(ModelEndpointsHealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    openai.verify(1, getRequestedFor(urlEqualTo("/v1/models"))
                            .withHeader("Authorization", equalTo("Bearer sk-wired")));
                });
    }

    static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
