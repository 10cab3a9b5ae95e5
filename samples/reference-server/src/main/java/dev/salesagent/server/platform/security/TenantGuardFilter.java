package dev.salesagent.server.platform.security;

import dev.salesagent.core.context.AiContext;
import dev.salesagent.server.platform.db.TenantConnections;
import dev.salesagent.server.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs after authentication: a suspended tenant's user gets 403 on every call; otherwise the request's tenant and user
 * go into the MDC ({@code tenant_id}, {@code user_id}) and the SDK's {@link AiContext} for the rest of the request,
 * and every database connection the request borrows runs under the tenant's row-level security
 * ({@link TenantConnections}), except on the platform-admin API, which works across tenants.
 */
public class TenantGuardFilter extends OncePerRequestFilter {

    /** MDC key of the tenant id. */
    public static final String MDC_TENANT = "tenant_id";
    /** MDC key of the user id. */
    public static final String MDC_USER = "user_id";

    /** Path prefix of the platform-admin API. */
    public static final String PLATFORM_API = "/api/v1/platform/";

    private final Problems problems;

    TenantGuardFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<CurrentUser> current = PlatformAuthentication.current();
        if (current.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        CurrentUser user = current.get();
        if (user.tenantSuspended()) {
            problems.write(request, response, Problems.of(HttpStatus.FORBIDDEN, "tenant-suspended", "Tenant suspended",
                    "This tenant is suspended; contact the platform operator"));
            return;
        }
        MDC.put(MDC_TENANT, user.tenantId().toString());
        MDC.put(MDC_USER, user.id().toString());
        try (AiContext.Scope ignored = AiContext.builder().tenant(user.tenantId().toString())
                .user(user.id().toString()).build().makeCurrent();
             TenantConnections.Scope db = platformApi(request) ? () -> { }
                     : TenantConnections.openTenant(user.tenantId())) {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_TENANT);
            MDC.remove(MDC_USER);
        }
    }

    /** The platform-admin API ({@value #PLATFORM_API}) works across tenants: it keeps the system database scope. */
    static boolean platformApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith(PLATFORM_API);
    }
}
