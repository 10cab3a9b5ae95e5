package dev.salesagent.crm.netsuite;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.salesagent.crm.Account;
import dev.salesagent.crm.CrmAuthenticationException;
import dev.salesagent.crm.netsuite.sim.NetSuiteSimulator;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class NetSuiteAuthenticationTest {

    private final NetSuiteFixture fx = new NetSuiteFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    private static Map<String, String> form(LoggedRequest request) {
        return Arrays.stream(request.getBodyAsString().split("&")).map(kv -> kv.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> URLDecoder.decode(kv[1], StandardCharsets.UTF_8)));
    }

    @Nested
    @DisplayName("OAuth 2.0 client credentials (M2M)")
    class M2m {

        @Test
        @DisplayName("posts a PS256 JWT assertion with kid, iss, scope, aud and a lifetime under one hour")
        void assertionShape() throws Exception {
            try (NetSuiteCrmClient client = fx.m2mClient()) {
                client.accounts().findByDomain("nobody.example");
            }
            List<LoggedRequest> tokenCalls = fx.sim.server().findAll(postRequestedFor(urlPathEqualTo(
                    NetSuiteSimulator.TOKEN_PATH)));
            assertThat(tokenCalls).hasSize(1);
            Map<String, String> form = form(tokenCalls.get(0));
            assertThat(form).containsEntry("grant_type", "client_credentials")
                    .containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
            SignedJWT jwt = SignedJWT.parse(form.get("client_assertion"));
            assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.PS256);
            assertThat(jwt.getHeader().getKeyID()).isEqualTo(NetSuiteFixture.CERTIFICATE_ID);
            assertThat(jwt.getHeader().getType().getType()).isEqualTo("JWT");
            assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) NetSuiteFixture.KEYS.getPublic()))).isTrue();
            var claims = jwt.getJWTClaimsSet();
            assertThat(claims.getIssuer()).isEqualTo(NetSuiteFixture.CLIENT_ID);
            assertThat(claims.getStringClaim("scope")).isEqualTo("rest_webservices");
            assertThat(claims.getAudience()).containsExactly(fx.sim.baseUrl() + NetSuiteSimulator.TOKEN_PATH);
            Duration lifetime = Duration.between(claims.getIssueTime().toInstant(),
                    claims.getExpirationTime().toInstant());
            assertThat(lifetime).isPositive().isLessThanOrEqualTo(Duration.ofHours(1));
        }

        @Test
        @DisplayName("one token serves many calls; a 401 invalid_token refreshes it once and repeats the call")
        void refreshOnce() {
            try (NetSuiteCrmClient client = fx.m2mClient()) {
                client.accounts().upsert(Account.builder().name("A").domain("a.example").build());
                client.accounts().findByDomain("a.example");
                assertThat(fx.sim.tokenRequests()).isEqualTo(1);

                fx.sim.expireAllTokens();
                assertThat(client.accounts().findByDomain("a.example")).isPresent();
                assertThat(fx.sim.tokenRequests()).isEqualTo(2);
            }
        }

        @Test
        @DisplayName("an assertion signed with another key is rejected: CrmAuthenticationException with the OAuth error")
        void wrongKey() throws Exception {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            fx.sim.trustM2m(NetSuiteFixture.CLIENT_ID, NetSuiteFixture.CERTIFICATE_ID,
                    (RSAPublicKey) g.generateKeyPair().getPublic());
            try (NetSuiteCrmClient client = fx.m2mClient()) {
                assertThatThrownBy(() -> client.accounts().findByDomain("a.example"))
                        .isInstanceOfSatisfying(CrmAuthenticationException.class,
                                e -> assertThat(e.vendorCode()).isEqualTo("invalid_client"));
            }
        }
    }

    @Nested
    @DisplayName("token-based authentication (OAuth 1.0a HMAC-SHA256)")
    class Tba {

        @Test
        @DisplayName("signed requests are accepted by the simulator's independent verifier, each with a fresh nonce")
        void accepted() {
            try (NetSuiteCrmClient client = fx.client(fx.tba()).build()) {
                fx.sim.failNext("POST", "/query/v1/suiteql", 1, 429, "CONCURRENCY_LIMIT_EXCEEDED");
                client.accounts().upsert(Account.builder().name("T").domain("tba.example").build());
                assertThat(client.accounts().findByDomain("tba.example")).isPresent();
            }
            List<String> headers = fx.sim.server().getAllServeEvents().stream()
                    .map(e -> e.getRequest().getHeader("Authorization")).toList();
            assertThat(headers).allSatisfy(h -> assertThat(h).startsWith("OAuth realm=\"1234567_SB1\"")
                    .contains("oauth_signature_method=\"HMAC-SHA256\""));
            assertThat(headers.stream().map(h -> h.replaceAll(".*oauth_nonce=\"([^\"]+)\".*", "$1")).distinct())
                    .hasSize(headers.size());
            assertThat(fx.sim.tokenRequests()).isZero();
        }

        @Test
        @DisplayName("a wrong token secret yields a wrong signature: CrmAuthenticationException, no retry loop")
        void wrongSignature() {
            Map<String, String> config = fx.tba();
            config.put("tokenSecret", "not-the-secret");
            try (NetSuiteCrmClient client = fx.client(config).build()) {
                assertThatThrownBy(() -> client.accounts().findByDomain("tba.example"))
                        .isInstanceOfSatisfying(CrmAuthenticationException.class, e -> {
                            assertThat(e.httpStatus()).isEqualTo(401);
                            assertThat(e.vendorCode()).isEqualTo("INVALID_LOGIN_ATTEMPT");
                        });
            }
            assertThat(fx.sim.server().getAllServeEvents()).hasSize(1);
        }
    }
}
