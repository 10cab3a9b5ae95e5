package dev.salesagent.crm.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.salesagent.crm.CrmAuthenticationException;
import dev.salesagent.crm.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OAuth2TokenAuthTest {

    private final WireMockServer server = new WireMockServer(options().dynamicPort());
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    /** Token endpoint hands out t1, t2, t3, ... in turn (RFC 6749 §5.1 shape). */
    private void tokensInTurn(int count) {
        for (int i = 1; i <= count; i++) {
            server.stubFor(post("/oauth/token").inScenario("tokens")
                    .whenScenarioStateIs(i == 1 ? Scenario.STARTED : "t" + (i - 1))
                    .willReturn(okJson("{\"access_token\":\"t" + i + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                            + "\"instance_url\":\"https://acme.my.salesforce.com\"}"))
                    .willSetStateTo("t" + i));
        }
    }

    private OAuth2TokenAuth clientCredentialsAuth() {
        OAuth2TokenSource source = OAuth2TokenSource.clientCredentials(server.baseUrl() + "/oauth/token", "id-1", "sec-1")
                .scope("crm.read crm.write").clock(clock).providerId("acme").build();
        return new OAuth2TokenAuth(source, clock, Duration.ofSeconds(60));
    }

    private CrmHttpClient http(AuthStrategy auth) {
        return CrmHttpClient.builder("acme").baseUrl(server.baseUrl()).auth(auth).clock(clock).sleeper(sleeps::add)
                .build();
    }

    @Test
    void clientCredentialsTokenIsFetchedOnceAndCached() {
        tokensInTurn(2);
        server.stubFor(get("/api").willReturn(okJson("{}")));
        OAuth2TokenAuth auth = clientCredentialsAuth();
        try (CrmHttpClient http = http(auth)) {
            http.execute(CrmRequest.get("/api").build());
            http.execute(CrmRequest.get("/api").build());
        }
        server.verify(1, postRequestedFor(urlEqualTo("/oauth/token"))
                .withHeader("Authorization", equalTo("Basic " + Base64.getEncoder().encodeToString("id-1:sec-1".getBytes())))
                .withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("scope=crm.read%20crm.write")));
        server.verify(2, getRequestedFor(urlEqualTo("/api")).withHeader("Authorization", equalTo("Bearer t1")));
        assertThat(auth.currentToken().extras()).containsEntry("instance_url", "https://acme.my.salesforce.com");
        assertThat(auth.currentToken().expiresAt()).isEqualTo(clock.instant().plusSeconds(3600));
    }

    @Test
    void refreshesProactivelyBeforeExpiry() {
        tokensInTurn(2);
        server.stubFor(get("/api").willReturn(okJson("{}")));
        try (CrmHttpClient http = http(clientCredentialsAuth())) {
            http.execute(CrmRequest.get("/api").build());
            clock.advance(Duration.ofSeconds(3600 - 59));
            http.execute(CrmRequest.get("/api").build());
        }
        server.verify(2, postRequestedFor(urlEqualTo("/oauth/token")));
        server.verify(1, getRequestedFor(urlEqualTo("/api")).withHeader("Authorization", equalTo("Bearer t2")));
    }

    @Test
    void refreshesExactlyOnceOn401ThenSucceeds() {
        tokensInTurn(3);
        server.stubFor(get("/api").withHeader("Authorization", equalTo("Bearer t1"))
                .willReturn(aResponse().withStatus(401).withBody("{\"message\":\"expired\"}")));
        server.stubFor(get("/api").withHeader("Authorization", equalTo("Bearer t2")).willReturn(okJson("{\"ok\":1}")));
        try (CrmHttpClient http = http(clientCredentialsAuth())) {
            assertThat(http.execute(CrmRequest.get("/api").build()).json().get("ok").asInt()).isEqualTo(1);
        }
        server.verify(2, postRequestedFor(urlEqualTo("/oauth/token")));
        server.verify(2, getRequestedFor(urlEqualTo("/api")));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void persistent401FailsAfterOneRefresh() {
        tokensInTurn(3);
        server.stubFor(get("/api").willReturn(aResponse().withStatus(401)
                .withBody("{\"message\":\"revoked\",\"category\":\"INVALID_AUTHENTICATION\"}")));
        try (CrmHttpClient http = http(clientCredentialsAuth())) {
            assertThatThrownBy(() -> http.execute(CrmRequest.get("/api").build()))
                    .isInstanceOfSatisfying(CrmAuthenticationException.class, e -> {
                        assertThat(e.vendorCode()).isEqualTo("INVALID_AUTHENTICATION");
                        assertThat(e.getMessage()).contains("revoked");
                    });
        }
        server.verify(2, postRequestedFor(urlEqualTo("/oauth/token")));
        server.verify(2, getRequestedFor(urlEqualTo("/api")));
    }

    @Test
    void staticBearerIsNotRetriedOn401() {
        server.stubFor(get("/api").willReturn(aResponse().withStatus(401)));
        try (CrmHttpClient http = http(AuthStrategy.bearer("pat"))) {
            assertThatThrownBy(() -> http.execute(CrmRequest.get("/api").build()))
                    .isInstanceOf(CrmAuthenticationException.class);
        }
        server.verify(1, getRequestedFor(urlEqualTo("/api")));
    }

    @Test
    void refreshTokenGrantUsesRotatedRefreshToken() {
        server.stubFor(post("/oauth/token").withRequestBody(containing("refresh_token=r1"))
                .willReturn(okJson("{\"access_token\":\"a1\",\"expires_in\":1800,\"refresh_token\":\"r2\"}")));
        server.stubFor(post("/oauth/token").withRequestBody(containing("refresh_token=r2"))
                .willReturn(okJson("{\"access_token\":\"a2\",\"expires_in\":1800,\"refresh_token\":\"r3\"}")));
        OAuth2TokenSource source = OAuth2TokenSource.refreshToken(server.baseUrl() + "/oauth/token", "id", "secret", "r1")
                .clientAuthentication(OAuth2TokenSource.ClientAuthentication.FORM).clock(clock).build();
        assertThat(source.fetch().value()).isEqualTo("a1");
        assertThat(source.fetch().value()).isEqualTo("a2");
        server.verify(2, postRequestedFor(urlEqualTo("/oauth/token"))
                .withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("client_id=id")).withRequestBody(containing("client_secret=secret")));
    }

    @Test
    void rejectedCredentialsRaiseAuthenticationWithTheOAuthErrorCode() {
        server.stubFor(post("/oauth/token").willReturn(aResponse().withStatus(400)
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"bad secret\"}")));
        assertThatThrownBy(() -> clientCredentialsAuth().currentToken())
                .isInstanceOfSatisfying(CrmAuthenticationException.class, e -> {
                    assertThat(e.vendorCode()).isEqualTo("invalid_client");
                    assertThat(e.getMessage()).contains("bad secret").doesNotContain("sec-1");
                });
    }

    @Test
    void signerSeesEveryAttempt() {
        server.stubFor(get("/api").inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
        server.stubFor(get("/api").inScenario("s").whenScenarioStateIs("ok").willReturn(okJson("{}")));
        List<String> nonces = new CopyOnWriteArrayList<>();
        RequestSigner signer = request -> {
            String nonce = "n" + (nonces.size() + 1);
            nonces.add(nonce);
            return request.newBuilder().header("Authorization", "OAuth oauth_nonce=\"" + nonce + "\"").build();
        };
        try (CrmHttpClient http = http(AuthStrategy.signing(signer))) {
            http.execute(CrmRequest.get("/api").build());
        }
        assertThat(nonces).containsExactly("n1", "n2");
        server.verify(1, getRequestedFor(urlEqualTo("/api")).withHeader("Authorization", equalTo("OAuth oauth_nonce=\"n2\"")));
    }
}
