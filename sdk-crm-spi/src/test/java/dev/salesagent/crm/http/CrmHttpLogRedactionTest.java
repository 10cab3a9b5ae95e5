package dev.salesagent.crm.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.salesagent.common.redact.RedactionContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Path (a) of issue 21: a known secret and phone number sent to and returned by a CRM, and echoed in a vendor error
 * that is retried, never reach the CRM HTTP log lines.
 */
class CrmHttpLogRedactionTest {

    private static final String TOKEN = "pat-na1-8f14e45f-ceea-467f-a5c6-5a3e7f0b3c21";
    private static final String API_KEY = "1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901";
    private static final String OPENAI_KEY = "sk-proj-Xc9v7Lm2Qp4Rt8Wz1Yb6Nd3Kf5Hj0Gs2Ae4Ui6";
    private static final String PHONE = "07700 900123";

    private final WireMockServer server = new WireMockServer(options().dynamicPort());

    @BeforeEach
    void start() {
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void requestResponseAndRetryLinesNeverShowTheSecretOrThePhone() {
        server.stubFor(post(urlPathEqualTo("/v1/contacts")).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"backend rejected " + TOKEN + " for Ada Lovelace on " + PHONE + "\"}"))
                .willSetStateTo("ok"));
        server.stubFor(post(urlPathEqualTo("/v1/contacts")).inScenario("s").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"id\":\"1\",\"name\":\"Ada Lovelace\",\"phone\":\"" + PHONE
                        + "\",\"mobile\":\"+44 7700 900123\",\"note\":\"key " + OPENAI_KEY + "\"}")));
        RecordingLogger logger = new RecordingLogger();
        RetryPolicy retry = RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(1)).jitter(0).build();
        RedactionContext record = RedactionContext.builder().name("Ada Lovelace").build();

        try (CrmHttpClient http = CrmHttpClient.builder("acme").baseUrl(server.baseUrl()).retry(retry)
                .sleeper(d -> { }).logger(logger).auth(AuthStrategy.bearer(TOKEN)).build();
             RedactionContext.Scope ignored = record.open()) {
            http.execute(CrmRequest.post("/v1/contacts").query("hapikey", API_KEY)
                    .jsonBody(Map.of("phone", PHONE, "name", "Ada Lovelace")).operation("contacts.upsert").idempotent(true).build());
        }

        String all = String.join("\n", logger.lines);
        assertThat(logger.lines).anySatisfy(l -> assertThat(l).contains("--> POST"));
        assertThat(logger.lines).anySatisfy(l -> assertThat(l).contains("<-- 503"));
        assertThat(logger.lines).anySatisfy(l -> assertThat(l).contains("retrying in"));
        assertThat(logger.lines).anySatisfy(l -> assertThat(l).contains("<-- 200"));
        assertThat(all).doesNotContain(TOKEN, API_KEY, OPENAI_KEY, PHONE, "7700 900123", "900123", "Ada Lovelace")
                .contains("[REDACTED]", "[name]", "***** ****23");
        server.verify(2, postRequestedFor(urlPathEqualTo("/v1/contacts")));
    }
}
