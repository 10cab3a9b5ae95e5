package dev.salesagent.server.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Spring Security's {@link DefaultBearerTokenResolver} with a fast path for the one case every API call takes: an
 * {@code Authorization: Bearer <b64token>} header (RFC 6750 section 2.1), checked character by character instead of by
 * the default resolver's regular expression, which took 7% of an authenticated request's CPU on a 700-character token.
 *
 * <p>The fast path accepts exactly what the default resolver's pattern {@code ^Bearer ([a-zA-Z0-9-._~+/]+=*)$}
 * (case-insensitive) accepts and returns the same token; every other request (no header, a malformed header, a token
 * in a query or form parameter where those are allowed) goes to the default resolver, so errors
 * ({@code invalid_token}, {@code invalid_request}) and the choice of token are unchanged.
 */
public final class HeaderBearerTokenResolver implements BearerTokenResolver {

    private static final String SCHEME = "Bearer ";

    private final DefaultBearerTokenResolver fallback = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null) {
            String token = b64token(header);
            if (token != null) {
                return token;
            }
        }
        return fallback.resolve(request);
    }

    /**
     * The token of a well-formed {@code Bearer} header value, or null when the value is anything else.
     *
     * @param header an {@code Authorization} header value
     * @return the b64token after {@code "Bearer "}, or null
     */
    static String b64token(String header) {
        int n = header.length();
        if (n <= SCHEME.length() || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        int i = SCHEME.length();
        while (i < n && tokenChar(header.charAt(i))) {
            i++;
        }
        if (i == SCHEME.length()) {
            return null;
        }
        while (i < n && header.charAt(i) == '=') {
            i++;
        }
        return i == n ? header.substring(SCHEME.length()) : null;
    }

    private static boolean tokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
