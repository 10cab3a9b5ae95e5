package dev.salesagent.server.platform.sso;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseCookie;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

/**
 * Keeps the OAuth 2.0 / OIDC authorization request of an SSO log-in (state, nonce, PKCE code verifier, redirect URI)
 * in an encrypted, authenticated cookie instead of the HTTP session, so the provider's redirect back may reach any
 * instance behind a load balancer without sticky sessions (Spring Security's {@link AuthorizationRequestRepository}).
 *
 * <p>The cookie ({@value #COOKIE}, {@code HttpOnly}, {@code SameSite=Lax} so the provider's top-level redirect carries
 * it, {@code Secure} on HTTPS, path {@code /login/oauth2/code}) holds the Java-serialised request sealed with AES-GCM
 * under the server's secrets key ({@code SALESAGENT_SECRETS_KEY}, which instances share) and its creation time; it is
 * refused after {@link #MAX_AGE}, when it does not decrypt, or when its {@code state} is not the callback's. It is
 * cleared when the callback consumes it.
 */
public class CookieAuthorizationRequestRepository implements AuthorizationRequestRepository<OAuth2AuthorizationRequest> {

    /** Name of the cookie. */
    public static final String COOKIE = "salesagent_oauth2_request";
    /** How long a started log-in may take. */
    public static final Duration MAX_AGE = Duration.ofMinutes(10);

    private static final String PATH = "/login/oauth2/code";
    private static final Logger log = LoggerFactory.getLogger(CookieAuthorizationRequestRepository.class);
    private static final ObjectInputFilter ONLY_THE_REQUEST = ObjectInputFilter.Config.createFilter(
            "org.springframework.security.oauth2.core.**;java.lang.*;java.util.*;maxdepth=20;!*");

    private final Function<String, byte[]> seal;
    private final Function<byte[], String> open;
    private final Clock clock;

    /**
     * Creates the repository.
     *
     * @param seal encrypts and authenticates a text (AES-GCM under the shared secrets key)
     * @param open reverses {@code seal}; throws a {@link RuntimeException} when the ciphertext does not authenticate
     * @param clock the time source of the cookie's age
     */
    public CookieAuthorizationRequestRepository(Function<String, byte[]> seal, Function<byte[], String> open,
                                                Clock clock) {
        this.seal = seal;
        this.open = open;
        this.clock = clock;
    }

    @Override
    public OAuth2AuthorizationRequest loadAuthorizationRequest(HttpServletRequest request) {
        OAuth2AuthorizationRequest stored = read(request);
        if (stored == null) {
            return null;
        }
        String state = request.getParameter(OAuth2ParameterNames.STATE);
        return state != null && state.equals(stored.getState()) ? stored : null;
    }

    @Override
    public void saveAuthorizationRequest(OAuth2AuthorizationRequest authorizationRequest, HttpServletRequest request,
                                         HttpServletResponse response) {
        if (authorizationRequest == null) {
            clear(request, response);
            return;
        }
        String payload = clock.instant().getEpochSecond() + "|"
                + Base64.getEncoder().encodeToString(serialise(authorizationRequest));
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(seal.apply(payload));
        response.addHeader("Set-Cookie", cookie(request, value, MAX_AGE).toString());
    }

    @Override
    public OAuth2AuthorizationRequest removeAuthorizationRequest(HttpServletRequest request,
                                                                 HttpServletResponse response) {
        OAuth2AuthorizationRequest stored = loadAuthorizationRequest(request);
        if (stored != null || cookieValue(request) != null) {
            clear(request, response);
        }
        return stored;
    }

    private OAuth2AuthorizationRequest read(HttpServletRequest request) {
        String value = cookieValue(request);
        if (value == null) {
            return null;
        }
        try {
            String payload = open.apply(Base64.getUrlDecoder().decode(value));
            int bar = payload.indexOf('|');
            Instant created = Instant.ofEpochSecond(Long.parseLong(payload.substring(0, bar)));
            if (created.plus(MAX_AGE).isBefore(clock.instant())) {
                log.info("SSO authorization request cookie expired (started at {})", created);
                return null;
            }
            return deserialise(Base64.getDecoder().decode(payload.substring(bar + 1)));
        } catch (RuntimeException e) {
            log.warn("SSO authorization request cookie refused: {}", e.getMessage());
            return null;
        }
    }

    private static String cookieValue(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
                return cookie.getValue();
            }
        }
        return null;
    }

    private static void clear(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader("Set-Cookie", cookie(request, "", Duration.ZERO).toString());
    }

    private static ResponseCookie cookie(HttpServletRequest request, String value, Duration maxAge) {
        return ResponseCookie.from(COOKIE, value).path(request.getContextPath() + PATH).httpOnly(true)
                .secure(request.isSecure()).sameSite("Lax").maxAge(maxAge).build();
    }

    private static byte[] serialise(OAuth2AuthorizationRequest authorizationRequest) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(authorizationRequest);
        } catch (IOException e) {
            throw new IllegalStateException("could not serialise the authorization request", e);
        }
        return bytes.toByteArray();
    }

    private static OAuth2AuthorizationRequest deserialise(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(ONLY_THE_REQUEST);
            return (OAuth2AuthorizationRequest) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("the authorization request does not deserialise: " + e, e);
        }
    }
}
