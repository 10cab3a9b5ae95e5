package dev.salesagent.crm.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.salesagent.crm.CrmAuthenticationException;
import dev.salesagent.crm.CrmRateLimitException;
import dev.salesagent.crm.CrmUnavailableException;
import dev.salesagent.crm.MutableClock;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CrmHttpClientTest {

    private final WireMockServer server = new WireMockServer(options().dynamicPort());
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final RetryPolicy fastRetry = RetryPolicy.builder().maxAttempts(4).initialBackoff(Duration.ofMillis(100))
            .multiplier(2).jitter(0).build();

    @BeforeEach
    void start() {
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private CrmHttpClient.Builder client() {
        return CrmHttpClient.builder("acme").baseUrl(server.baseUrl()).clock(clock).retry(fastRetry)
                .sleeper(sleeps::add);
    }


    @Test
    void honoursRetryAfterInSeconds() {
        server.stubFor(get("/v1/things").inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")).willSetStateTo("ok"));
        server.stubFor(get("/v1/things").inScenario("s").whenScenarioStateIs("ok").willReturn(okJson("{\"n\":1}")));
        try (CrmHttpClient http = client().build()) {
            assertThat(http.execute(CrmRequest.get("/v1/things").build()).json().get("n").asInt()).isEqualTo(1);
        }
        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
        server.verify(2, getRequestedFor(urlEqualTo("/v1/things")));
    }

    @Test
    void honoursRetryAfterAsHttpDate() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plusSeconds(12).atOffset(ZoneOffset.UTC));
        server.stubFor(get("/v1/things").inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", date)).willSetStateTo("ok"));
        server.stubFor(get("/v1/things").inScenario("s").whenScenarioStateIs("ok").willReturn(okJson("{}")));
        try (CrmHttpClient http = client().build()) {
            http.execute(CrmRequest.get("/v1/things").build());
        }
        assertThat(sleeps).containsExactly(Duration.ofSeconds(12));
    }

    @Test
    void retryAfterLongerThanTheLimitReachesTheCallerWithoutWaiting() {
        server.stubFor(get("/v1/things").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")
                .withHeader("X-Request-Id", "req-9")));
        try (CrmHttpClient http = client().build()) {
            assertThatThrownBy(() -> http.execute(CrmRequest.get("/v1/things").build()))
                    .isInstanceOfSatisfying(CrmRateLimitException.class, e -> {
                        assertThat(e.retryAfter()).contains(Duration.ofHours(1));
                        assertThat(e.requestId()).isEqualTo("req-9");
                        assertThat(e.httpStatus()).isEqualTo(429);
                    });
        }
        assertThat(sleeps).isEmpty();
        server.verify(1, getRequestedFor(urlEqualTo("/v1/things")));
    }

    @Test
    void serverErrorsThenSuccessWithExponentialBackoff() {
        server.stubFor(get("/v1/things").inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
        server.stubFor(get("/v1/things").inScenario("s").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("ok"));
        server.stubFor(get("/v1/things").inScenario("s").whenScenarioStateIs("ok").willReturn(okJson("{\"ok\":true}")));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (CrmHttpClient http = client().meterRegistry(registry).build()) {
            CrmResponse r = http.execute(CrmRequest.get("/v1/things").operation("things.list").build());
            assertThat(r.json().get("ok").asBoolean()).isTrue();
        }
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(registry.get(CrmHttpClient.METRIC_REQUESTS).tags("provider", "acme", "operation", "things.list",
                "outcome", "SERVER_ERROR").timers()).extracting(t -> t.getId().getTag("status") + ":" + t.count())
                .containsExactlyInAnyOrder("503:1", "500:1");
        assertThat(registry.get(CrmHttpClient.METRIC_REQUESTS).tags("outcome", "SUCCESS", "status", "200")
                .timer().count()).isEqualTo(1);
    }

    @Test
    void givesUpAfterMaxAttempts() {
        server.stubFor(get("/v1/things").willReturn(aResponse().withStatus(502)));
        try (CrmHttpClient http = client().build()) {
            assertThatThrownBy(() -> http.execute(CrmRequest.get("/v1/things").build()))
                    .isInstanceOf(CrmUnavailableException.class).hasMessageContaining("status=502");
        }
        server.verify(4, getRequestedFor(urlEqualTo("/v1/things")));
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void postWithoutIdempotencyKeyIsNotRetriedAfter5xx() {
        server.stubFor(post("/v1/orders").willReturn(aResponse().withStatus(503)));
        try (CrmHttpClient http = client().build()) {
            assertThatThrownBy(() -> http.execute(CrmRequest.post("/v1/orders").jsonBody(Map.of("a", 1)).build()))
                    .isInstanceOf(CrmUnavailableException.class);
        }
        server.verify(1, postRequestedFor(urlEqualTo("/v1/orders")));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void postWithIdempotencyKeyIsRetriedAndSendsTheKey() {
        server.stubFor(post("/v1/orders").inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("ok"));
        server.stubFor(post("/v1/orders").inScenario("s").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"id\":\"so-1\"}").withStatus(201)));
        try (CrmHttpClient http = client().idempotencyKeyHeader("Idempotency-Key").build()) {
            Map<?, ?> body = http.execute(CrmRequest.post("/v1/orders").jsonBody(Map.of("a", 1))
                    .idempotencyKey("run-1/order-1").build(), Map.class);
            assertThat(body.get("id")).isEqualTo("so-1");
        }
        server.verify(2, postRequestedFor(urlEqualTo("/v1/orders"))
                .withHeader("Idempotency-Key", equalTo("run-1/order-1")));
    }

    @Test
    void postIsRetriedAfter429BecauseItWasNotProcessed() {
        server.stubFor(post("/v1/orders").inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429)).willSetStateTo("ok"));
        server.stubFor(post("/v1/orders").inScenario("s").whenScenarioStateIs("ok").willReturn(okJson("{}")));
        try (CrmHttpClient http = client().build()) {
            http.execute(CrmRequest.post("/v1/orders").jsonBody(Map.of()).build());
        }
        server.verify(2, postRequestedFor(urlEqualTo("/v1/orders")).withHeader("Idempotency-Key", absent()));
        assertThat(sleeps).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void vendorRateLimitHeaderIsUsedWhenLongerThanBackoff() {
        server.stubFor(get("/v1/things").inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("X-RateLimit-Interval-Milliseconds", "10000"))
                .willSetStateTo("ok"));
        server.stubFor(get("/v1/things").inScenario("s").whenScenarioStateIs("ok").willReturn(okJson("{}")));
        try (CrmHttpClient http = client().rateLimitHeaders(r -> r.header("X-RateLimit-Interval-Milliseconds")
                .map(v -> Duration.ofMillis(Long.parseLong(v)))).build()) {
            http.execute(CrmRequest.get("/v1/things").build());
        }
        assertThat(sleeps).containsExactly(Duration.ofSeconds(10));
    }

    @Test
    void connectionRefusedIsRetriedEvenForPost() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (CrmHttpClient http = CrmHttpClient.builder("acme").baseUrl("http://127.0.0.1:" + port).retry(fastRetry)
                .sleeper(sleeps::add).circuitBreaker(false).build()) {
            assertThatThrownBy(() -> http.execute(CrmRequest.post("/v1/orders").jsonBody(Map.of()).build()))
                    .isInstanceOf(CrmUnavailableException.class).hasMessageContaining("cannot connect");
        }
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void circuitBreakerOpensAfterRepeatedFailuresAndStopsCallingTheServer() {
        server.stubFor(get("/v1/things").willReturn(aResponse().withStatus(500)));
        CircuitBreakerConfig config = CircuitBreakerConfig.custom().slidingWindowSize(2).minimumNumberOfCalls(2)
                .failureRateThreshold(50).waitDurationInOpenState(Duration.ofMinutes(1)).build();
        try (CrmHttpClient http = client().retry(RetryPolicy.none()).circuitBreaker(config).build()) {
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> http.execute(CrmRequest.get("/v1/things").build()))
                        .isInstanceOf(CrmUnavailableException.class).hasMessageContaining("status=500");
            }
            assertThatThrownBy(() -> http.execute(CrmRequest.get("/v1/things").build()))
                    .isInstanceOf(CrmUnavailableException.class).hasMessageContaining("circuit breaker is OPEN");
        }
        server.verify(2, getRequestedFor(urlEqualTo("/v1/things")));
    }

    @Test
    void rateLimiterSpacesRequests() {
        server.stubFor(get("/v1/things").willReturn(okJson("{}")));
        List<Long> sentAtNanos = new CopyOnWriteArrayList<>();
        OkHttpClient recording = new OkHttpClient.Builder().addInterceptor(chain -> {
            sentAtNanos.add(System.nanoTime());
            return chain.proceed(chain.request());
        }).build();
        Duration period = Duration.ofMillis(200);
        long loopStart;
        try (CrmHttpClient http = client().okHttpClient(recording).rateLimit(2, period).build()) {
            loopStart = System.nanoTime();
            for (int i = 0; i < 6; i++) {
                http.execute(CrmRequest.get("/v1/things").build());
            }
        }
        assertThat(sentAtNanos).hasSize(6);
        // 2 permits per 200 ms window, windows counted from the limiter's creation (before loopStart): requests 0-1 get
        // window w, 2-3 at least w+1, 4-5 at least w+2, so the fifth request cannot be sent earlier than one full period
        // after the loop started. Only lower bounds: a loaded machine makes gaps longer, never shorter.
        assertThat(Duration.ofNanos(sentAtNanos.get(4) - loopStart)).isGreaterThanOrEqualTo(period);
        assertThat(Duration.ofNanos(sentAtNanos.get(5) - loopStart)).isGreaterThanOrEqualTo(period);
    }

    @Test
    void observesEachCallOnceAcrossRetriesWithItsError() {
        server.stubFor(get("/v1/things").willReturn(aResponse().withStatus(500)));
        server.stubFor(get("/v1/ok").willReturn(okJson("{}")));
        List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }
        });
        try (CrmHttpClient http = client().observationRegistry(registry).build()) {
            http.execute(CrmRequest.get("/v1/ok").operation("things.get").build());
            assertThatThrownBy(() -> http.execute(CrmRequest.get("/v1/things").operation("things.list").build()))
                    .isInstanceOf(CrmUnavailableException.class);
        }
        assertThat(stopped).hasSize(2);
        assertThat(stopped).allSatisfy(c -> assertThat(c.getName()).isEqualTo(CrmHttpClient.OBSERVATION_CALL));
        assertThat(stopped.get(0).getLowCardinalityKeyValue("operation").getValue()).isEqualTo("things.get");
        assertThat(stopped.get(0).getError()).isNull();
        assertThat(stopped.get(1).getLowCardinalityKeyValue("provider").getValue()).isEqualTo("acme");
        assertThat(stopped.get(1).getError()).isInstanceOf(CrmUnavailableException.class);
    }

    @Test
    void concurrencyIsCappedByTheBulkhead() throws Exception {
        server.stubFor(get("/v1/slow").willReturn(okJson("{}").withFixedDelay(150)));
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        OkHttpClient counting = new OkHttpClient.Builder().addInterceptor(chain -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                return chain.proceed(chain.request());
            } finally {
                inFlight.decrementAndGet();
            }
        }).build();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try (CrmHttpClient http = client().okHttpClient(counting).maxConcurrentRequests(2).build()) {
            List<Future<CrmResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(pool.submit(() -> http.execute(CrmRequest.get("/v1/slow").build())));
            }
            for (Future<CrmResponse> f : calls) {
                assertThat(f.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(maxInFlight.get()).isBetween(1, 2);
        server.verify(6, getRequestedFor(urlEqualTo("/v1/slow")));
    }

    @Test
    void noClientSidePermitWithinTheQueueWaitIsARateLimitFailure() {
        server.stubFor(get("/v1/things").willReturn(okJson("{}")));
        try (CrmHttpClient http = client().rateLimit(1, Duration.ofMinutes(1)).maxQueueWait(Duration.ofMillis(20))
                .build()) {
            http.execute(CrmRequest.get("/v1/things").build());
            assertThatThrownBy(() -> http.execute(CrmRequest.get("/v1/things").build()))
                    .isInstanceOfSatisfying(CrmRateLimitException.class, e -> {
                        assertThat(e.httpStatus()).isZero();
                        assertThat(e.retryAfter()).contains(Duration.ofMinutes(1));
                        assertThat(e.getMessage()).contains("client-side rate limit");
                    });
        }
        server.verify(1, getRequestedFor(urlEqualTo("/v1/things")));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void logsAreRedactedAndNeverShowTheToken() {
        server.stubFor(post(urlPathEqualTo("/v1/contacts")).willReturn(okJson(
                "{\"id\":\"1\",\"email\":\"jane.doe@acme.com\",\"phone\":\"+44 20 7946 0958\"}")
                .withHeader("X-Request-Id", "r-77")));
        RecordingLogger logger = new RecordingLogger();
        try (CrmHttpClient http = client().logger(logger).auth(AuthStrategy.bearer("pat-na1-topsecret")).build()) {
            http.execute(CrmRequest.post("/v1/contacts").query("email", "jane.doe@acme.com")
                    .jsonBody(Map.of("email", "jane.doe@acme.com")).operation("contacts.upsert").build());
        }
        String all = String.join("\n", logger.lines);
        assertThat(logger.lines).anySatisfy(l -> assertThat(l).startsWith("DEBUG CRM acme --> POST"));
        assertThat(logger.lines).anySatisfy(l -> assertThat(l).contains("<-- 200 contacts.upsert").contains("r-77"));
        assertThat(all).contains("j***@acme.com").doesNotContain("jane.doe@acme.com", "jane.doe%40acme.com",
                "7946 0958", "pat-na1-topsecret");
        server.verify(postRequestedFor(urlPathEqualTo("/v1/contacts"))
                .withHeader("Authorization", equalTo("Bearer pat-na1-topsecret")));
    }
}
