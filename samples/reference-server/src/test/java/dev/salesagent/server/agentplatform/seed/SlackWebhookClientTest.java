package dev.salesagent.server.agentplatform.seed;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The webhook client against WireMock serving Slack's documented incoming-webhook answers. */
class SlackWebhookClientTest {

    static final String PATH = "/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";

    WireMockServer slack;
    final List<Duration> slept = new CopyOnWriteArrayList<>();
    SlackWebhookClient client;
    URI url;

    @BeforeEach
    void start() {
        slack = new WireMockServer(options().dynamicPort());
        slack.start();
        url = URI.create(slack.baseUrl() + PATH);
        client = new SlackWebhookClient(new OkHttpClient(), Duration.ofSeconds(5), slept::add);
    }

    @AfterEach
    void stop() {
        slack.stop();
    }

    @Test
    @DisplayName("posts {\"text\": ...} as application/json and accepts 200 'ok'")
    void ok() {
        slack.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("ok")));
        client.post(url, "*Pricing*\nNew \"tiers\" are live.");
        slack.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Content-Type", equalTo("application/json; charset=UTF-8"))
                .withRequestBody(equalToJson("{\"text\": \"*Pricing*\\nNew \\\"tiers\\\" are live.\"}")));
        assertThat(slept).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"400, invalid_payload", "403, action_prohibited", "404, no_service", "410, channel_is_archived",
        "400, too_many_attachments", "500, internal_error"})
    @DisplayName("Slack's plain-text error codes become a typed exception with status and code; no retry")
    void errors(int status, String code) {
        slack.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(status).withBody(code)));
        assertThatThrownBy(() -> client.post(url, "hello"))
                .isInstanceOfSatisfying(SlackWebhookException.class, e -> {
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.retriable()).isEqualTo(status >= 500);
                    assertThat(e.getMessage()).contains(String.valueOf(status), code);
                });
        slack.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    @DisplayName("429 with Retry-After within the limit: waits that long once, then succeeds")
    void rateLimitedThenOk() {
        slack.stubFor(post(urlEqualTo(PATH)).inScenario("rl").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2").withBody("rate_limited"))
                .willSetStateTo("second"));
        slack.stubFor(post(urlEqualTo(PATH)).inScenario("rl").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(200).withBody("ok")));
        client.post(url, "hello");
        assertThat(slept).containsExactly(Duration.ofSeconds(2));
        slack.verify(2, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    @DisplayName("429 twice: one retry only, then the exception carries Retry-After")
    void rateLimitedTwice() {
        slack.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                .withBody("rate_limited")));
        assertThatThrownBy(() -> client.post(url, "hello")).isInstanceOfSatisfying(SlackWebhookException.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(1)));
        assertThat(slept).containsExactly(Duration.ofSeconds(1));
        slack.verify(2, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    @DisplayName("429 with a Retry-After beyond the limit: no wait, no retry, the delay is reported")
    void rateLimitedTooLong() {
        slack.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withBody("rate_limited")));
        assertThatThrownBy(() -> client.post(url, "hello")).isInstanceOfSatisfying(SlackWebhookException.class, e -> {
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
            assertThat(e.retriable()).isTrue();
        });
        assertThat(slept).isEmpty();
        slack.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    @DisplayName("a 200 whose body is not 'ok' is not taken for success; an unreachable host is status 0")
    void notOk() {
        slack.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("<html>login</html>")));
        assertThatThrownBy(() -> client.post(url, "hello")).isInstanceOfSatisfying(SlackWebhookException.class,
                e -> assertThat(e.code()).isEqualTo("<html>login</html>"));
        URI closed = URI.create("http://127.0.0.1:" + slack.port() + PATH);
        slack.stop();
        assertThatThrownBy(() -> client.post(closed, "hello")).isInstanceOfSatisfying(SlackWebhookException.class,
                e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.retriable()).isTrue();
                    assertThat(e.getCause()).isNotNull();
                });
    }
}
