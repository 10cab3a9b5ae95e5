package dev.salesagent.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.salesagent.server.ReferenceServerApplication;
import dev.salesagent.server.platform.sso.CookieAuthorizationRequestRepository;
import dev.salesagent.server.platform.tenant.Tenant;
import dev.salesagent.server.platform.tenant.TenantService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * External identities against a real OpenID Connect provider running in the test (NAV's mock-oauth2-server: discovery
 * document, JWKS, authorize and token endpoints over HTTP): access tokens of configured issuers with claims mapped to
 * tenant and roles, and the SSO authorization-code flow with first-login provisioning by e-mail domain.
 */
@SpringBootTest(classes = ReferenceServerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "salesagent.platform.data-dir=target/test-data-oidc",
            "salesagent.platform.db.clean-embedded=true",
            "salesagent.platform.demo.enabled=false",
            "salesagent.rate-limits.enabled=false",
            "logging.structured.format.console=ecs"
        })
class OidcTest {

    static final MockOAuth2Server IDP = new MockOAuth2Server();

    static {
        IDP.start();
    }

    @AfterAll
    static void stop() {
        IDP.shutdown();
    }

    @DynamicPropertySource
    static void identityProvider(DynamicPropertyRegistry r) {
        r.add("salesagent.oidc.issuers.corp.issuer-uri", () -> IDP.issuerUrl("corp").toString());
        r.add("salesagent.oidc.issuers.corp.audiences[0]", () -> "salesagent-api");
        r.add("salesagent.oidc.issuers.corp.roles-claim", () -> "groups");
        r.add("salesagent.oidc.issuers.corp.role-mapping.sales-managers", () -> "sales_manager");
        r.add("salesagent.oidc.issuers.corp.role-mapping.it-admins", () -> "admin");
        r.add("salesagent.oidc.issuers.corp.role-mapping.root", () -> "platform_admin");
        r.add("salesagent.oidc.issuers.partner.issuer-uri", () -> IDP.issuerUrl("partner").toString());
        r.add("salesagent.oidc.issuers.partner.tenant-claim", () -> "org");
        r.add("spring.security.oauth2.client.registration.workforce.client-id", () -> "salesagent-web");
        r.add("spring.security.oauth2.client.registration.workforce.client-secret", () -> "not-checked-by-the-mock");
        r.add("spring.security.oauth2.client.registration.workforce.scope", () -> "openid");
        r.add("spring.security.oauth2.client.provider.workforce.issuer-uri", () -> IDP.issuerUrl("workforce").toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    TenantService tenants;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private Tenant tenantWithDomain(String domain) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return tenants.create(null, "Acme " + suffix, Tenant.TIER_CUSTOMER, domain, "owner-" + suffix + "@" + domain,
                "correct-horse-battery", null, "tenant.created").tenant();
    }

    private static String domain() {
        return "acme-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    private HttpResponse<String> get(String path, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String corpToken(String email, List<String> groups, String audience) {
        return IDP.issueToken("corp", UUID.randomUUID().toString(), audience,
                Map.of("email", email, "groups", groups), 3600).serialize();
    }

    @Test
    void accessTokenOfConfiguredIssuerProvisionsTheUserByDomainAndMapsGroupsToRoles() throws Exception {
        String domain = domain();
        Tenant tenant = tenantWithDomain(domain);
        String email = "ann@" + domain;

        HttpResponse<String> me = get("/api/v1/me", corpToken(email, List.of("sales-managers", "other"),
                "salesagent-api"));
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat((String) JsonPath.read(me.body(), "$.email")).isEqualTo(email);
        assertThat((String) JsonPath.read(me.body(), "$.tenant.slug")).isEqualTo(tenant.slug());
        assertThat((List<String>) JsonPath.read(me.body(), "$.roles")).containsExactly("sales_manager");

        // the mapped role decides permissions: a manager may not read the audit trail, an admin may
        assertThat(get("/api/v1/admin/audit", corpToken(email, List.of("sales-managers"), "salesagent-api"))
                .statusCode()).isEqualTo(403);
        HttpResponse<String> audit = get("/api/v1/admin/audit", corpToken(email, List.of("it-admins"),
                "salesagent-api"));
        assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
        assertThat(audit.body()).contains("user.provisioned");

        // platform_admin is never granted by an external token; no mapped group falls back to the stored role
        HttpResponse<String> root = get("/api/v1/me", corpToken(email, List.of("root"), "salesagent-api"));
        assertThat((List<String>) JsonPath.read(root.body(), "$.roles")).containsExactly("sales_rep");

        assertThat(jdbc.sql("select count(*) from app_user where lower(email) = ?").param(email)
                .query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void tokensOfUntrustedIssuersWrongAudiencesOrUnclaimedDomainsAreRefused() throws Exception {
        String domain = domain();
        tenantWithDomain(domain);
        String stranger = IDP.issueToken("stranger", "x", "salesagent-api", Map.of("email", "eve@" + domain), 3600)
                .serialize();
        assertThat(get("/api/v1/me", stranger).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/me", corpToken("eve@" + domain, List.of(), "another-api")).statusCode())
                .isEqualTo(401);
        assertThat(get("/api/v1/me", corpToken("eve@unclaimed-" + domain, List.of(), "salesagent-api"))
                .statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from app_user where email like 'eve@%'").query(Long.class).single())
                .isZero();
    }

    @Test
    void tenantClaimNamesTheTenantAndAUserOfAnotherTenantIsRefused() throws Exception {
        Tenant partner = tenantWithDomain(domain());
        String email = "pat@gmail-" + UUID.randomUUID().toString().substring(0, 6) + ".test";
        String token = IDP.issueToken("partner", "p", "any", Map.of("email", email, "org", partner.slug()), 3600)
                .serialize();
        HttpResponse<String> me = get("/api/v1/me", token);
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat((String) JsonPath.read(me.body(), "$.tenant.slug")).isEqualTo(partner.slug());

        Tenant other = tenantWithDomain(domain());
        String wrongTenant = IDP.issueToken("partner", "p", "any", Map.of("email", email, "org", other.slug()), 3600)
                .serialize();
        assertThat(get("/api/v1/me", wrongTenant).statusCode()).isEqualTo(401);
    }

    /** Runs the browser's part of the authorization-code flow; returns the server's answer to the callback. */
    private HttpResponse<String> ssoLogin(String email) throws Exception {
        return ssoLogin(email, UnaryOperator.identity());
    }

    /**
     * Runs the browser's part of the authorization-code flow, handing the server's cookies back to the callback through
     * {@code cookies} (the browser's cookie jar); asserts that the server keeps no HTTP session.
     */
    private HttpResponse<String> ssoLogin(String email, UnaryOperator<String> cookies) throws Exception {
        IDP.enqueueCallback(new DefaultOAuth2TokenCallback("workforce", UUID.randomUUID().toString(), "JWT",
                List.of("salesagent-web"), Map.of("email", email, "email_verified", true, "name", "Bo Brown"), 3600));
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> start = browser.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/oauth2/authorization/workforce")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(start.statusCode()).isEqualTo(302);
        List<String> setCookies = start.headers().allValues("Set-Cookie");
        assertThat(setCookies).as("no server-side session: the callback may reach another instance")
                .noneMatch(c -> c.startsWith("JSESSIONID="));
        String requestCookie = setCookies.stream()
                .filter(c -> c.startsWith(CookieAuthorizationRequestRepository.COOKIE + "="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        assertThat(setCookies.get(setCookies.size() - 1)).contains("HttpOnly", "SameSite=Lax",
                "Path=/login/oauth2/code");
        URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
        assertThat(authorize.toString()).startsWith(IDP.issuerUrl("workforce").toString())
                .contains("code_challenge=", "nonce=", "state=");
        HttpResponse<String> provider = browser.send(HttpRequest.newBuilder(authorize).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(provider.statusCode()).as(provider.body()).isEqualTo(302);
        URI callback = URI.create(provider.headers().firstValue("Location").orElseThrow());
        assertThat(callback.getPath()).isEqualTo("/login/oauth2/code/workforce");
        HttpRequest.Builder back = HttpRequest.newBuilder(callback);
        String jar = cookies.apply(requestCookie);
        if (jar != null) {
            back.header("Cookie", jar);
        }
        HttpResponse<String> answer = browser.send(back.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID="));
        return answer;
    }

    @Test
    void ssoCallbackNeedsTheSealedRequestCookieNotASession() throws Exception {
        String domain = domain();
        tenantWithDomain(domain);
        HttpResponse<String> withoutCookie = ssoLogin("cy@" + domain, cookie -> null);
        assertThat(withoutCookie.statusCode()).isEqualTo(401);
        assertThat(withoutCookie.body()).contains("urn:salesagent:problem:sso-failed");

        HttpResponse<String> tampered = ssoLogin("cy@" + domain, cookie -> {
            int last = cookie.length() - 3;
            return cookie.substring(0, last) + (cookie.charAt(last) == 'A' ? 'B' : 'A') + cookie.substring(last + 1);
        });
        assertThat(tampered.statusCode()).isEqualTo(401);

        HttpResponse<String> intact = ssoLogin("cy@" + domain);
        assertThat(intact.statusCode()).as(intact.body()).isEqualTo(200);
        assertThat(intact.headers().allValues("Set-Cookie")).as("the consumed request cookie is cleared")
                .anyMatch(c -> c.startsWith(CookieAuthorizationRequestRepository.COOKIE + "=;")
                        && c.contains("Max-Age=0"));
    }

    @Test
    void ssoLoginProvisionsOnFirstLoginAndSignsInTheSameUserAfterwards() throws Exception {
        String domain = domain();
        Tenant tenant = tenantWithDomain(domain);
        String email = "bo@" + domain;

        HttpResponse<String> first = ssoLogin(email);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat((String) JsonPath.read(first.body(), "$.token_type")).isEqualTo("Bearer");
        String access = JsonPath.read(first.body(), "$.access_token");
        HttpResponse<String> me = get("/api/v1/me", access);
        assertThat((String) JsonPath.read(me.body(), "$.email")).isEqualTo(email);
        assertThat((String) JsonPath.read(me.body(), "$.tenant.slug")).isEqualTo(tenant.slug());
        assertThat((List<String>) JsonPath.read(me.body(), "$.roles")).containsExactly("sales_rep");
        UUID id = UUID.fromString(JsonPath.read(me.body(), "$.id"));

        HttpResponse<String> second = ssoLogin(email);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        HttpResponse<String> again = get("/api/v1/me", JsonPath.read(second.body(), "$.access_token"));
        assertThat(UUID.fromString(JsonPath.read(again.body(), "$.id"))).isEqualTo(id);
        assertThat(jdbc.sql("select count(*) from audit_event where tenant_id = ? and action = 'auth.login'"
                + " and details like '%sso:workforce%'").param(tenant.id()).query(Long.class).single())
                .isEqualTo(2L);
    }

    @Test
    void ssoLoginOfAnEmailDomainNoTenantClaimsIsRefused() throws Exception {
        HttpResponse<String> refused = ssoLogin("nobody@" + domain());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("urn:salesagent:problem:sso-no-tenant");
    }
}
