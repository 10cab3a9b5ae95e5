package dev.salesagent.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jwt.SignedJWT;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

class AuthFlowTest extends PlatformTestSupport {

    private MockHttpServletRequestBuilder refresh(String token) {
        return post("/api/v1/auth/refresh").with(randomClient()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"refresh_token\":\"" + token + "\"}");
    }

    @Test
    @DisplayName("the seeded demo owner signs in with OAuth 2.0 token-response names and no-store caching")
    void demoLogin() throws Exception {
        mvc.perform(post("/api/v1/auth/token").with(randomClient()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"demo@example.com\",\"password\":\"demo-password-123\"}"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
                .andExpect(jsonPath("$.token_type").value("Bearer"))
                .andExpect(jsonPath("$.expires_in").value(900))
                .andExpect(jsonPath("$.access_token").isString())
                .andExpect(jsonPath("$.refresh_token").isString());
        Session demo = login("demo@example.com", "demo-password-123");
        mvc.perform(demo.auth(get("/api/v1/me")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value("demo@example.com"))
                .andExpect(jsonPath("$.tenant.slug").value("demo"))
                .andExpect(jsonPath("$.roles[0]").value("owner"))
                .andExpect(jsonPath("$.permissions").isArray())
                .andExpect(jsonPath("$.data_scope").value("tenant"));
    }

    @Test
    @DisplayName("the access token is an RS256 JWT with kid, tenant, roles and a 15-minute lifetime")
    void accessTokenShape() throws Exception {
        Session owner = register("Jwt Shape Inc");
        SignedJWT jwt = SignedJWT.parse(owner.accessToken());
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(jwt.getHeader().getKeyID()).isNotBlank();
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(owner.userId().toString());
        assertThat(claims.getStringClaim("tid")).isEqualTo(owner.tenantId().toString());
        assertThat(claims.getStringListClaim("roles")).containsExactly("owner");
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(15 * 60 * 1000L);
    }

    @Test
    @DisplayName("wrong password and unknown e-mail get the same 401 problem")
    void badCredentials() throws Exception {
        Session owner = register("Bad Creds Ltd");
        for (String body : List.of("{\"email\":\"" + owner.email() + "\",\"password\":\"wrong-password-1\"}",
                "{\"email\":\"nobody-here@example.com\",\"password\":\"wrong-password-1\"}")) {
            mvc.perform(post("/api/v1/auth/token").with(randomClient()).contentType(MediaType.APPLICATION_JSON)
                            .content(body))
                    .andExpect(status().isUnauthorized())
                    .andExpect(header().string(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                    .andExpect(jsonPath("$.type").value("urn:salesagent:problem:invalid-credentials"))
                    .andExpect(jsonPath("$.detail").value("E-mail or password is wrong"));
        }
    }

    @Test
    @DisplayName("refresh rotates the token; the spent token fails")
    void refreshRotates() throws Exception {
        Session owner = register("Rotate Co");
        MvcResult first = mvc.perform(refresh(owner.refreshToken())).andExpect(status().isOk()).andReturn();
        String next = read(first, "$.refresh_token");
        assertThat(next).isNotEqualTo(owner.refreshToken());
        String access = read(first, "$.access_token");
        mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + access)).andExpect(status().isOk());
        mvc.perform(refresh(next)).andExpect(status().isOk());
    }

    @Test
    @DisplayName("reusing a spent refresh token revokes its whole family, including the newest token")
    void refreshReuseRevokesFamily() throws Exception {
        Session owner = register("Reuse Detect Corp");
        String stolen = owner.refreshToken();
        String legit = read(mvc.perform(refresh(stolen)).andExpect(status().isOk()).andReturn(), "$.refresh_token");
        mvc.perform(refresh(stolen))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("urn:salesagent:problem:invalid-grant"));
        mvc.perform(refresh(legit)).andExpect(status().isUnauthorized());
        Integer live = jdbc.sql("select count(*) from refresh_token where user_id = ? and revoked_at is null")
                .param(owner.userId()).query(Integer.class).single();
        assertThat(live).isZero();
        Integer audited = jdbc.sql("select count(*) from audit_event where tenant_id = ? and action = 'auth.refresh_reuse'")
                .param(owner.tenantId()).query(Integer.class).single();
        assertThat(audited).isEqualTo(1);
        // a fresh log-in starts a new family and works
        Session again = login(owner.email(), PASSWORD);
        mvc.perform(refresh(again.refreshToken())).andExpect(status().isOk());
    }

    @Test
    @DisplayName("refresh tokens are stored only as hashes")
    void refreshTokensHashed() throws Exception {
        Session owner = register("Hash Only GmbH");
        Integer plain = jdbc.sql("select count(*) from refresh_token where encode(token_hash, 'escape') like ?")
                .param("%" + owner.refreshToken() + "%").query(Integer.class).single();
        assertThat(plain).isZero();
        Integer rows = jdbc.sql("select count(*) from refresh_token where user_id = ? and length(token_hash) = 32")
                .param(owner.userId()).query(Integer.class).single();
        assertThat(rows).isEqualTo(1);
    }

    @Test
    @DisplayName("logout revokes the refresh token")
    void logoutRevokes() throws Exception {
        Session owner = register("Logout SA");
        mvc.perform(post("/api/v1/auth/logout").with(randomClient()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"refresh_token\":\"" + owner.refreshToken() + "\"}"))
                .andExpect(status().isNoContent());
        mvc.perform(refresh(owner.refreshToken())).andExpect(status().isUnauthorized());
    }

    @Test
    @DisplayName("no token, a malformed token and a token signed by another key all get 401 with WWW-Authenticate")
    void badTokens() throws Exception {
        mvc.perform(get("/api/v1/me")).andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, org.hamcrest.Matchers.startsWith("Bearer")))
                .andExpect(jsonPath("$.status").value(401));
        mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer not-a-jwt"))
                .andExpect(status().isUnauthorized());
        com.nimbusds.jose.jwk.RSAKey other = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("evil").generate();
        Session owner = register("Forgery Inc");
        SignedJWT genuine = SignedJWT.parse(owner.accessToken());
        SignedJWT forged = new SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.RS256)
                .keyID(genuine.getHeader().getKeyID()).build(), genuine.getJWTClaimsSet());
        forged.sign(new com.nimbusds.jose.crypto.RSASSASigner(other));
        mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + forged.serialize()))
                .andExpect(status().isUnauthorized());
    }

    @Test
    @DisplayName("the verification key follows the token's kid and RS256 only: unknown kid, HS256 and alg none get 401")
    void verificationKeySelection() throws Exception {
        Session owner = register("Key Selection GmbH");
        SignedJWT genuine = SignedJWT.parse(owner.accessToken());
        com.nimbusds.jose.jwk.RSAKey other = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("stranger").generate();
        SignedJWT unknownKid = new SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.RS256)
                .keyID("stranger").build(), genuine.getJWTClaimsSet());
        unknownKid.sign(new com.nimbusds.jose.crypto.RSASSASigner(other));
        mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + unknownKid.serialize()))
                .andExpect(status().isUnauthorized());
        // algorithm confusion: an HMAC token keyed with bytes an attacker could know must not verify
        SignedJWT hmac = new SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.HS256)
                .keyID(genuine.getHeader().getKeyID()).build(), genuine.getJWTClaimsSet());
        hmac.sign(new com.nimbusds.jose.crypto.MACSigner(new byte[32]));
        mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + hmac.serialize()))
                .andExpect(status().isUnauthorized());
        String unsigned = new com.nimbusds.jwt.PlainJWT(genuine.getJWTClaimsSet()).serialize();
        mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + unsigned))
                .andExpect(status().isUnauthorized());
        mvc.perform(owner.auth(get("/api/v1/me"))).andExpect(status().isOk()); // the genuine token still verifies
    }

    @Test
    @DisplayName("a rotated signing key keeps verifying old tokens while new tokens carry the new kid")
    void signingKeyRotation() throws Exception {
        Session before = register("Kid Rotation Ltd");
        String oldKid = SignedJWT.parse(before.accessToken()).getHeader().getKeyID();
        Session operator = platformAdmin();
        MvcResult rotated = mvc.perform(operator.auth(post("/api/v1/platform/signing-keys/rotate")))
                .andExpect(status().isOk()).andReturn();
        String newKid = read(rotated, "$.kid");
        assertThat(newKid).isNotEqualTo(oldKid);
        mvc.perform(before.auth(get("/api/v1/me"))).andExpect(status().isOk());
        Session after = login(before.email(), PASSWORD);
        assertThat(SignedJWT.parse(after.accessToken()).getHeader().getKeyID()).isEqualTo(newKid);
        mvc.perform(get("/.well-known/jwks.json"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.keys[?(@.kid == '" + oldKid + "')]").exists())
                .andExpect(jsonPath("$.keys[?(@.kid == '" + newKid + "')]").exists())
                .andExpect(jsonPath("$.keys[0].d").doesNotExist());
    }

    @Test
    @DisplayName("a deleted user's still-unexpired access token is refused at once")
    void deletedUserTokenRefused() throws Exception {
        Session owner = register("Gone User Co");
        Session rep = createUser(owner, "sales_rep");
        mvc.perform(rep.auth(get("/api/v1/me"))).andExpect(status().isOk());
        mvc.perform(owner.auth(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .delete("/api/v1/users/" + rep.userId()))).andExpect(status().isNoContent());
        mvc.perform(rep.auth(get("/api/v1/me"))).andExpect(status().isUnauthorized());
    }
}
