package dev.salesagent.server.platform.sso;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;

/**
 * The SSO authorization request in a sealed cookie: what one instance saves, another instance with the same secrets
 * key restores (no sticky sessions); another key, an old cookie, a changed byte or another {@code state} restore
 * nothing.
 */
class CookieAuthorizationRequestRepositoryTest {

    static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    static Aead sharedKey;

    @BeforeAll
    static void keys() throws GeneralSecurityException {
        AeadConfig.register();
        sharedKey = aead();
    }

    static Aead aead() throws GeneralSecurityException {
        return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
                .getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    /** One server instance: its own repository object over a key. */
    static CookieAuthorizationRequestRepository instance(Aead key, Instant now) {
        byte[] ad = "test".getBytes(StandardCharsets.UTF_8);
        return new CookieAuthorizationRequestRepository(value -> {
            try {
                return key.encrypt(value.getBytes(StandardCharsets.UTF_8), ad);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }, ciphertext -> {
            try {
                return new String(key.decrypt(ciphertext, ad), StandardCharsets.UTF_8);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("does not decrypt", e);
            }
        }, Clock.fixed(now, ZoneOffset.UTC));
    }

    static OAuth2AuthorizationRequest authorizationRequest() {
        return OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri("https://idp.example.com/oauth2/v1/authorize")
                .clientId("salesagent-web")
                .redirectUri("https://sales.example.com/login/oauth2/code/workforce")
                .scopes(java.util.Set.of("openid", "email"))
                .state("state-123")
                .additionalParameters(Map.of("nonce", "nonce-hash", PkceParameterNames.CODE_CHALLENGE, "challenge",
                        PkceParameterNames.CODE_CHALLENGE_METHOD, "S256"))
                .attributes(Map.of("registration_id", "workforce", PkceParameterNames.CODE_VERIFIER, "verifier-xyz",
                        "nonce", "nonce-raw"))
                .build();
    }

    /** Saves on one instance; returns the browser's callback request carrying the cookie. */
    static MockHttpServletRequest callbackWithCookieFrom(CookieAuthorizationRequestRepository saver, String state) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        saver.saveAuthorizationRequest(authorizationRequest(), new MockHttpServletRequest(), response);
        Cookie cookie = response.getCookie(CookieAuthorizationRequestRepository.COOKIE);
        assertThat(cookie).isNotNull();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getPath()).isEqualTo("/login/oauth2/code");
        assertThat(cookie.getValue()).doesNotContain("verifier-xyz").hasSizeLessThan(4000);
        MockHttpServletRequest callback = new MockHttpServletRequest("GET", "/login/oauth2/code/workforce");
        callback.setCookies(new Cookie(cookie.getName(), cookie.getValue()));
        callback.setParameter("state", state);
        callback.setParameter("code", "code-1");
        return callback;
    }

    @Test
    void anotherInstanceWithTheSameKeyRestoresTheRequestAndClearsTheCookie() {
        MockHttpServletRequest callback = callbackWithCookieFrom(instance(sharedKey, NOW), "state-123");
        CookieAuthorizationRequestRepository other = instance(sharedKey, NOW.plusSeconds(30));
        MockHttpServletResponse response = new MockHttpServletResponse();

        OAuth2AuthorizationRequest restored = other.removeAuthorizationRequest(callback, response);

        assertThat(restored).isNotNull();
        assertThat(restored.getState()).isEqualTo("state-123");
        assertThat(restored.getRedirectUri()).isEqualTo("https://sales.example.com/login/oauth2/code/workforce");
        assertThat((String) restored.getAttribute(PkceParameterNames.CODE_VERIFIER)).isEqualTo("verifier-xyz");
        assertThat((String) restored.getAttribute("nonce")).isEqualTo("nonce-raw");
        assertThat(restored.getScopes()).containsExactlyInAnyOrder("openid", "email");
        assertThat(response.getCookie(CookieAuthorizationRequestRepository.COOKIE).getMaxAge()).isZero();
    }

    @Test
    void anotherKeyAnOldCookieAChangedByteOrAnotherStateRestoreNothing() throws GeneralSecurityException {
        CookieAuthorizationRequestRepository saver = instance(sharedKey, NOW);
        assertThat(instance(aead(), NOW).loadAuthorizationRequest(callbackWithCookieFrom(saver, "state-123")))
                .as("another key").isNull();
        assertThat(instance(sharedKey, NOW.plus(CookieAuthorizationRequestRepository.MAX_AGE)
                .plus(Duration.ofSeconds(1))).loadAuthorizationRequest(callbackWithCookieFrom(saver, "state-123")))
                .as("older than the maximum age").isNull();
        assertThat(instance(sharedKey, NOW).loadAuthorizationRequest(callbackWithCookieFrom(saver, "state-999")))
                .as("another state").isNull();

        MockHttpServletRequest changed = callbackWithCookieFrom(saver, "state-123");
        String value = changed.getCookies()[0].getValue();
        char flipped = value.charAt(10) == 'A' ? 'B' : 'A';
        changed.setCookies(new Cookie(CookieAuthorizationRequestRepository.COOKIE,
                value.substring(0, 10) + flipped + value.substring(11)));
        assertThat(instance(sharedKey, NOW).loadAuthorizationRequest(changed)).as("a changed byte").isNull();

        assertThat(instance(sharedKey, NOW).loadAuthorizationRequest(
                new MockHttpServletRequest("GET", "/login/oauth2/code/workforce"))).as("no cookie").isNull();
    }
}
