package dev.salesagent.server.agentplatform.apikey;

import dev.salesagent.server.agentplatform.api.LangGraphHttp;
import dev.salesagent.server.platform.security.CurrentUser;
import dev.salesagent.server.platform.security.PlatformAuthentication;
import dev.salesagent.server.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates LangGraph Platform requests ({@value LangGraphHttp#BASE}{@code /**}) that carry an
 * {@value #HEADER} header and no {@code Authorization} header, as {@code @langchain/langgraph-sdk} sends them when its
 * {@code apiKey} is set. A valid key signs the request in as its creator limited to the agent permissions
 * ({@link ApiKeys#authenticate}); an unknown or revoked key answers 401 {@code invalid-api-key} (RFC 9457). Other
 * paths ignore the header. Registered in the security chain before the bearer-token filter.
 */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    /** The header the official clients send. */
    public static final String HEADER = "x-api-key";

    private final ApiKeys keys;
    private final Problems problems;

    /**
     * Creates the filter.
     *
     * @param keys     the key store
     * @param problems the problem writer
     */
    public ApiKeyAuthenticationFilter(ApiKeys keys, Problems problems) {
        this.keys = keys;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return request.getHeader(HEADER) == null || request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || !path.startsWith(LangGraphHttp.BASE + "/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<CurrentUser> user = keys.authenticate(request.getHeader(HEADER));
        if (user.isEmpty()) {
            problems.write(request, response, Problems.of(HttpStatus.UNAUTHORIZED, "invalid-api-key",
                    "Unauthorized", "The x-api-key is unknown or revoked, or its creator can no longer sign in"));
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new PlatformAuthentication(user.get(), null));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
