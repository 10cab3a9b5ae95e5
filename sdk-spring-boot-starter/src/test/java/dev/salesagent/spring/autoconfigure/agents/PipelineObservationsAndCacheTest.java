package dev.salesagent.spring.autoconfigure.agents;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.pipeline.LeadPipeline;
import dev.salesagent.agents.sales.pipeline.PipelineResult;
import dev.salesagent.core.cache.ResponseCache;
import dev.salesagent.spring.autoconfigure.cost.SalesAgentCostAutoConfiguration;
import dev.salesagent.spring.autoconfigure.crm.SalesAgentCrmAutoConfiguration;
import dev.salesagent.spring.autoconfigure.graph.SalesAgentGraphAutoConfiguration;
import dev.salesagent.spring.autoconfigure.model.SalesAgentModelAutoConfiguration;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The starter's LeadPipeline records graph observations on the app's registry; invalid answers are not cached. */
class PipelineObservationsAndCacheTest {

    static WireMockServer server;

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            SalesAgentCostAutoConfiguration.class, SalesAgentModelAutoConfiguration.class,
            SalesAgentCrmAutoConfiguration.class, SalesAgentGraphAutoConfiguration.class,
            SalesAgentAgentsAutoConfiguration.class));

    @BeforeAll
    static void start() throws Exception {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        // every answer fails validation: no score for the lead id given
        String completion = new ObjectMapper().writeValueAsString(Map.of(
                "id", "chatcmpl-1", "object", "chat.completion", "created", 1, "model", "gpt-4o-mini",
                "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                        "message", Map.of("role", "assistant", "content", "{\"scores\":[]}"))),
                "usage", Map.of("prompt_tokens", 100, "completion_tokens", 5, "total_tokens", 105)));
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(completion)));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static List<Lead> leads() {
        return List.of(Lead.builder().id("r1").company("Globex").email("dana@globex.com").firstName("Dana")
                .lastName("Reyes").title("Chief Revenue Officer").employees(1200L).industry("Software").country("US")
                .notes("budget approved").build());
    }

    @Test
    void everyRunRecordsGraphObservationsOnTheApplicationsRegistry() {
        TestObservationRegistry registry = TestObservationRegistry.create();
        runner.withBean(ObservationRegistry.class, () -> registry).run(context -> {
            LeadPipeline pipeline = context.getBean(LeadPipeline.class);
            pipeline.run(leads());
            TestObservationRegistryAssert.assertThat(registry)
                    .hasObservationWithNameEqualTo("salesagent.graph.run").that().hasBeenStarted().hasBeenStopped();
            TestObservationRegistryAssert.assertThat(registry).hasObservationWithNameEqualTo("salesagent.graph.node");
            registry.clear();
            TestObservationRegistryAssert.assertThat(registry).doesNotHaveAnyObservation();
            pipeline.run(leads());
            TestObservationRegistryAssert.assertThat(registry).as("the second run is observed too")
                    .hasObservationWithNameEqualTo("salesagent.graph.run").that().hasBeenStopped();
        });
    }

    @Test
    void aSecondRunAfterAnInvalidAnswerCallsTheModelAgain() {
        server.resetRequests();
        runner.withPropertyValues(
                        "salesagent.models.endpoints[0].name=gpt", "salesagent.models.endpoints[0].provider=openai",
                        "salesagent.models.endpoints[0].model=gpt-4o-mini", "salesagent.models.endpoints[0].tier=economy",
                        "salesagent.models.endpoints[0].api-key=sk-test",
                        "salesagent.models.endpoints[0].base-url=" + server.baseUrl() + "/v1",
                        "salesagent.routing.max-attempts-per-endpoint=1",
                        "salesagent.cache.enabled=true", "salesagent.cache.ttl.lead_scoring=24h")
                .run(context -> {
                    assertThat(context).hasSingleBean(ResponseCache.class);
                    LeadPipeline pipeline = context.getBean(LeadPipeline.class);
                    PipelineResult first = pipeline.run(leads());
                    int afterFirst = server.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).size();
                    assertThat(afterFirst).as("answer and repair request").isGreaterThanOrEqualTo(2);
                    assertThat(first.leads()).hasSize(1);

                    pipeline.run(leads());
                    int afterSecond = server.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).size();
                    assertThat(afterSecond - afterFirst).as("the rejected answers were not served from the cache")
                            .isEqualTo(afterFirst);
                });
    }
}
