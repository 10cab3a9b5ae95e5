package dev.salesagent.crm.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.salesagent.crm.CrmAuthenticationException;
import dev.salesagent.crm.Contact;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Salesforce OAuth: JWT bearer, client credentials, session expiry")
class SalesforceAuthTest {

    private final TestOrg org = new TestOrg(false);

    @AfterEach
    void close() {
        org.close();
    }

    private int tokenRequests() {
        return org.sim.server().findAll(postRequestedFor(urlPathEqualTo("/services/oauth2/token"))).size();
    }

    @Test
    @DisplayName("the JWT bearer assertion is RS256-signed with iss, sub, aud and a 3-minute exp, and the token's instance_url is the API base")
    void jwtAssertionClaims() {
        Instant before = Instant.now();
        org.client().contacts().upsert(Contact.builder().email("jwt@example.com").lastName("Jwt").build());

        assertThat(org.sim.acceptedAssertions()).hasSize(1);
        JWTClaimsSet claims = org.sim.acceptedAssertions().get(0);
        assertThat(claims.getIssuer()).isEqualTo(TestOrg.CLIENT_ID);
        assertThat(claims.getSubject()).isEqualTo(TestOrg.USERNAME);
        assertThat(claims.getAudience()).containsExactly(org.sim.baseUrl());
        assertThat(claims.getExpirationTime().toInstant())
                .isAfter(before.plus(Duration.ofMinutes(2)))
                .isBefore(Instant.now().plus(Duration.ofMinutes(3)).plusSeconds(1));
        String form = org.sim.server().findAll(postRequestedFor(urlPathEqualTo("/services/oauth2/token"))).get(0)
                .getBodyAsString();
        assertThat(form).contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer", "assertion=");
    }

    @Test
    @DisplayName("API calls go to the token's instance_url, not to the login host")
    void instanceUrlIsTheApiBase() {
        com.github.tomakehurst.wiremock.WireMockServer login = new com.github.tomakehurst.wiremock.WireMockServer(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig().dynamicPort());
        login.start();
        try {
            login.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/services/oauth2/token")
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"access_token\":\""
                            + org.sim.issueSession() + "\",\"instance_url\":\"" + org.sim.baseUrl()
                            + "/\",\"id\":\"x\",\"token_type\":\"Bearer\",\"issued_at\":\"1\"}")));
            Map<String, String> config = Map.of("clientId", "cc", "clientSecret", "s", "loginUrl", login.baseUrl());
            try (SalesforceCrmClient client = org.client(config)) {
                assertThat(client.contacts().findByEmail("routing@example.com")).isEmpty();
            }
            assertThat(login.getAllServeEvents()).hasSize(1);
            assertThat(org.sim.apiUsage()).isEqualTo(1);
        } finally {
            login.stop();
        }
    }

    @Test
    @DisplayName("the session is cached across calls and fetched again exactly once after 401 INVALID_SESSION_ID")
    void refreshOnInvalidSession() {
        SalesforceCrmClient client = org.client();
        client.contacts().upsert(Contact.builder().email("a@example.com").lastName("A").build());
        client.contacts().findByEmail("a@example.com");
        assertThat(tokenRequests()).isEqualTo(1);

        org.sim.expireSessions();
        assertThat(client.contacts().findByEmail("A@Example.com")).isPresent();
        assertThat(tokenRequests()).isEqualTo(2);
    }

    @Test
    @DisplayName("a key the connected app does not know is rejected with CrmAuthenticationException naming invalid_grant")
    void wrongUser() {
        Map<String, String> config = org.jwtConfig();
        config.put("username", "someone.else@example.com");
        try (SalesforceCrmClient client = org.client(config)) {
            assertThatThrownBy(() -> client.contacts().findByEmail("x@example.com"))
                    .isInstanceOf(CrmAuthenticationException.class)
                    .satisfies(e -> assertThat(((CrmAuthenticationException) e).vendorCode()).isEqualTo("invalid_grant"))
                    .hasMessageContaining("hasn't approved");
        }
    }

    @Test
    @DisplayName("the client credentials flow posts client_id and client_secret and uses the returned instance_url")
    void clientCredentials() {
        org.sim.registerClientCredentials("cc-client", "s3cret");
        Map<String, String> config = Map.of("clientId", "cc-client", "clientSecret", "s3cret",
                "loginUrl", org.sim.baseUrl());
        try (SalesforceCrmClient client = org.client(config)) {
            assertThat(client.contacts().findByEmail("nobody@example.com")).isEmpty();
        }
        String form = org.sim.server().findAll(postRequestedFor(urlPathEqualTo("/services/oauth2/token"))).get(0)
                .getBodyAsString();
        assertThat(form).contains("grant_type=client_credentials", "client_id=cc-client", "client_secret=s3cret");

        Map<String, String> wrong = Map.of("clientId", "cc-client", "clientSecret", "nope", "loginUrl",
                org.sim.baseUrl());
        try (SalesforceCrmClient client = org.client(wrong)) {
            assertThatThrownBy(() -> client.contacts().findByEmail("nobody@example.com"))
                    .isInstanceOf(CrmAuthenticationException.class)
                    .satisfies(e -> assertThat(((CrmAuthenticationException) e).vendorCode()).isEqualTo("invalid_client"));
        }
    }
}
