package dev.salesagent.server.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** The fast path resolves exactly what Spring Security's default resolver resolves, and fails where it fails. */
class HeaderBearerTokenResolverTest {

    private final DefaultBearerTokenResolver reference = new DefaultBearerTokenResolver();
    private final HeaderBearerTokenResolver resolver = new HeaderBearerTokenResolver();

    /** The resolver's outcome: the token, "null", or the OAuth 2.0 error code it raised. */
    private static String outcome(BearerTokenResolver r, String header) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/me");
        if (header != null) {
            request.addHeader("Authorization", header);
        }
        try {
            return String.valueOf(r.resolve(request));
        } catch (OAuth2AuthenticationException e) {
            return "error:" + e.getError().getErrorCode() + ":" + e.getError().getDescription();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer abc.def-ghi_jkl~mno+pqr/stu", "bearer abc", "BEARER abc==", "Bearer a=",
        "Bearer =", "Bearer ", "Bearer", "Bearer  abc", "Bearer abc def", "Bearer abc=d", "Bearer ab%c",
        "Bearer abc\t", "Basic dXNlcjpwYXNz", "Bearerabc", "Token abc", "Bearer ä", "bEaReR x.y.z", ""})
    void agreesWithTheDefaultResolver(String header) {
        assertThat(outcome(resolver, header)).isEqualTo(outcome(reference, header));
    }

    @Test
    void agreesOnRandomHeadersAndWithoutAHeader() {
        assertThat(outcome(resolver, null)).isEqualTo(outcome(reference, null)).isEqualTo("null");
        String alphabet = "aZ09-._~+/=% \tBearerä";
        Random random = new Random(42);
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            StringBuilder h = new StringBuilder(random.nextBoolean() ? "Bearer " : "");
            for (int k = random.nextInt(12); k > 0; k--) {
                h.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            headers.add(h.toString());
        }
        for (String header : headers) {
            assertThat(outcome(resolver, header)).as(header).isEqualTo(outcome(reference, header));
        }
    }

    @Test
    void theFastPathReturnsTheTokenItself() {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";
        assertThat(HeaderBearerTokenResolver.b64token("Bearer " + jwt)).isEqualTo(jwt);
        assertThat(HeaderBearerTokenResolver.b64token("Bearer a b")).isNull();
    }
}
