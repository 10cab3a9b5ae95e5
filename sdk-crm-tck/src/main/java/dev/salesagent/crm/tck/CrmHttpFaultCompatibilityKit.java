package dev.salesagent.crm.tck;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.salesagent.crm.CrmAuthenticationException;
import dev.salesagent.crm.CrmCapability;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmRateLimitException;
import dev.salesagent.crm.CrmUnavailableException;
import dev.salesagent.common.retry.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The HTTP-fault half of the compatibility kit, for adapters tested against a WireMock simulator:
 * it makes the server answer 429, 5xx and 401 and checks that the adapter (through the shared
 * {@code CrmHttpClient}) retries, waits and fails the way the SPI promises.
 *
 * <pre>{@code
 * class HubSpotHttpFaultTest extends CrmHttpFaultCompatibilityKit {
 *     HubSpotSimulator sim = HubSpotSimulator.start();
 *     protected WireMockServer server() { return sim.server(); }
 *     protected CrmClient createClient(Sleeper sleeper) { return HubSpotCrmClient.builder(sim.config()).options(CrmClientOptions.builder().sleeper(sleeper).build()).build(); }
 * }
 * }</pre>
 *
 * <p>Faults are injected by {@link #injectFaults} as WireMock stubs at priority 1 (above the
 * simulator's) on the paths matching {@link #faultPathRegex()}; they are removed after each test. The
 * kit passes a recording {@link Sleeper} to {@link #createClient(Sleeper)}, so retry waits are
 * measured without sleeping.
 */
public abstract class CrmHttpFaultCompatibilityKit {

    /** The client under test. */
    protected CrmClient client;

    /** Every wait the client's retry asked for, in order. */
    protected final List<Duration> waits = new CopyOnWriteArrayList<>();

    private final List<StubMapping> faults = new ArrayList<>();

    /** {@return the running WireMock server the client talks to} */
    protected abstract WireMockServer server();

    /**
     * A client against {@link #server()} whose {@code CrmHttpClient} uses {@code sleeper} for retry
     * waits (adapters pass it to {@code CrmHttpClient.Builder#sleeper}). The adapter's default retry
     * policy should be kept, so the kit checks what users get.
     *
     * @param sleeper the sleeper the client's retries wait with
     * @return a new client against the WireMock server
     */
    protected abstract CrmClient createClient(Sleeper sleeper);

    /**
     * One read call that reaches the server and succeeds on a healthy server. Default: looks up a
     * random e-mail, domain or SKU (whichever capability the client declares first).
     *
     * @param client the client under test
     */
    protected void probe(CrmClient client) {
        String random = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        if (client.supports(CrmCapability.CONTACTS)) {
            client.contacts().findByEmail("probe-" + random + "@kit.example.com");
        } else if (client.supports(CrmCapability.ACCOUNTS)) {
            client.accounts().findByDomain("probe-" + random + ".example.com");
        } else if (client.supports(CrmCapability.PRODUCTS)) {
            client.products().findBySku("PROBE-" + random);
        } else {
            throw new IllegalStateException("override probe(CrmClient): the client has no contacts, accounts or products");
        }
    }

    /**
     * Regex of URL paths that receive injected faults. Default: every path except OAuth/token
     * endpoints ({@code (?!.*(oauth|token)).*}), so credential refresh still works.
     *
     * @return a regular expression over URL paths
     */
    protected String faultPathRegex() {
        return "(?!.*(?i:oauth|token)).*";
    }

    /** {@return whether the client refreshes credentials once after a 401 (OAuth2); default {@code false} (static token)} */
    protected boolean refreshesCredentialsOn401() {
        return false;
    }

    /** {@return the clock the client judges {@code Retry-After} dates with; default UTC system clock} */
    protected Clock clientClock() {
        return Clock.systemUTC();
    }

    /**
     * Makes the next {@code times} requests on {@link #faultPathRegex()} get {@code response}
     * ({@code times <= 0}: every request until the test ends), then the simulator answers again.
     *
     * @param times how many requests get the fault; 0 or less for all of them
     * @param response the faulty response to serve
     */
    protected void injectFaults(int times, ResponseDefinitionBuilder response) {
        if (times <= 0) {
            faults.add(server().stubFor(target().atPriority(1).willReturn(response)));
            return;
        }
        String scenario = "kit-fault-" + UUID.randomUUID();
        for (int i = 0; i < times; i++) {
            String state = i == 0 ? Scenario.STARTED : "fault-" + i;
            faults.add(server().stubFor(target().atPriority(1).inScenario(scenario).whenScenarioStateIs(state)
                    .willSetStateTo("fault-" + (i + 1)).willReturn(response)));
        }
    }

    /** {@return how many requests the injected faults answered so far} */
    protected int faultedRequests() {
        Set<UUID> ids = new HashSet<>();
        faults.forEach(f -> ids.add(f.getId()));
        int n = 0;
        for (ServeEvent e : server().getAllServeEvents()) {
            if (e.getStubMapping() != null && ids.contains(e.getStubMapping().getId())) {
                n++;
            }
        }
        return n;
    }

    private MappingBuilder target() {
        return any(urlPathMatching(faultPathRegex()));
    }

    @BeforeEach
    void createClientUnderTest() {
        client = createClient(waits::add);
        probe(client);
        waits.clear();
    }

    @AfterEach
    void removeFaults() {
        faults.forEach(server()::removeStub);
        faults.clear();
        if (client != null) {
            client.close();
        }
    }

    @Nested
    @DisplayName("When the server rate-limits (429)")
    class RateLimited {

        @Test
        @DisplayName("the client waits the Retry-After seconds and then succeeds")
        void retryAfterSeconds() {
            injectFaults(1, aResponse().withStatus(429).withHeader("Retry-After", "2")
                    .withHeader("Content-Type", "application/json").withBody("{\"message\":\"slow down\"}"));
            probe(client);
            assertThat(faultedRequests()).isEqualTo(1);
            assertThat(waits).hasSize(1);
            assertThat(waits.get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        }

        @Test
        @DisplayName("the client waits until a Retry-After HTTP date and then succeeds")
        void retryAfterDate() {
            String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    clientClock().instant().plusSeconds(20).atOffset(ZoneOffset.UTC));
            injectFaults(1, aResponse().withStatus(429).withHeader("Retry-After", date));
            probe(client);
            assertThat(faultedRequests()).isEqualTo(1);
            assertThat(waits).hasSize(1);
            assertThat(waits.get(0)).isBetween(Duration.ofSeconds(18), Duration.ofSeconds(21));
        }

        @Test
        @DisplayName("a wait longer than the retry budget surfaces CrmRateLimitException with the retry-after")
        void longRetryAfterSurfaces() {
            injectFaults(0, aResponse().withStatus(429).withHeader("Retry-After", "3600"));
            assertThatThrownBy(() -> probe(client)).isInstanceOfSatisfying(CrmRateLimitException.class, e -> {
                assertThat(e.retryAfter()).contains(Duration.ofHours(1));
                assertThat(e.providerId()).isEqualTo(client.providerId());
                assertThat(e.httpStatus()).isEqualTo(429);
            });
            assertThat(waits).allSatisfy(w -> assertThat(w).isLessThan(Duration.ofHours(1)));
        }
    }

    @Nested
    @DisplayName("When the server fails (5xx)")
    class ServerErrors {

        @Test
        @DisplayName("a read is retried with backoff and then succeeds")
        void readRetried() {
            injectFaults(2, aResponse().withStatus(503));
            probe(client);
            assertThat(faultedRequests()).isEqualTo(2);
            assertThat(waits).hasSize(2).allSatisfy(w -> assertThat(w).isPositive());
        }

        @Test
        @DisplayName("a persistent failure surfaces a retryable CrmUnavailableException after bounded attempts")
        void persistentFailureSurfaces() {
            injectFaults(0, aResponse().withStatus(500));
            assertThatThrownBy(() -> probe(client)).isInstanceOfSatisfying(CrmUnavailableException.class, e -> {
                assertThat(e.retryable()).isTrue();
                assertThat(e.httpStatus()).isEqualTo(500);
                assertThat(e.providerId()).isEqualTo(client.providerId());
            });
            assertThat(faultedRequests()).isBetween(2, 10);
            assertThat(waits).hasSize(faultedRequests() - 1);
        }
    }

    @Nested
    @DisplayName("When the server rejects the credentials (401)")
    class Unauthorized {

        @Test
        @DisplayName("a persistent 401 surfaces CrmAuthenticationException after at most one refresh")
        void persistent401() {
            injectFaults(0, aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                    .withBody("{\"message\":\"invalid token\"}"));
            assertThatThrownBy(() -> probe(client)).isInstanceOf(CrmAuthenticationException.class);
            assertThat(faultedRequests()).isEqualTo(refreshesCredentialsOn401() ? 2 : 1);
            assertThat(waits).isEmpty();
        }

        @Test
        @DisplayName("a single 401 is survived by refreshing the credentials once")
        void single401Refreshes() {
            assumeTrue(refreshesCredentialsOn401(), "the client uses static credentials");
            injectFaults(1, aResponse().withStatus(401));
            probe(client);
            assertThat(faultedRequests()).isEqualTo(1);
            assertThat(waits).isEmpty();
        }
    }
}
