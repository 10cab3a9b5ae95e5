package dev.salesagent.server.platform.security;

import com.nimbusds.jose.JWSAlgorithm;
import dev.salesagent.server.agentplatform.apikey.ApiKeyAuthenticationFilter;
import dev.salesagent.server.agentplatform.apikey.ApiKeys;
import dev.salesagent.server.platform.PlatformProperties;
import dev.salesagent.server.platform.auth.SigningKeyStore;
import dev.salesagent.server.platform.ratelimit.RateLimitFilter;
import dev.salesagent.server.platform.ratelimit.RateLimiter;
import dev.salesagent.server.platform.user.UserStore;
import dev.salesagent.server.platform.web.Problems;
import dev.salesagent.server.platform.sso.ExternalTokens;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stateless bearer-token security: our own RS256 access tokens verified against {@link SigningKeyStore} on every
 * request, the user and tenant loaded from the database or the short-lived principal cache
 * ({@link UserStore#cachedPrincipal}, evicted on every change), permissions as authorities for {@code @PreAuthorize}, 401/403 as
 * problem details, then the tenant guard (suspended tenant -> 403, MDC and SDK context) and the rate limiter.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class SecurityConfiguration {

    /** Paths anyone may call. */
    static final String[] PUBLIC_POST = {"/api/v1/auth/token", "/api/v1/auth/refresh", "/api/v1/auth/logout",
        "/api/v1/auth/register",
        // command center: CRM webhooks authenticate by their signature (per-tenant shared secret)
        "/webhooks/hubspot", "/webhooks/salesforce", "/webhooks/netsuite"};
    static final String[] PUBLIC_GET = {"/.well-known/jwks.json", "/actuator/health", "/actuator/health/**",
        "/actuator/prometheus", "/actuator/info", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
        "/swagger-ui/**", "/error",
        // command center: the WebSocket handshake authenticates its access token itself (DashboardSocketConfiguration)
        "/ws/dashboard",
        // web dashboard (issue 18): the static page and its libraries; its API calls carry bearer tokens as usual
        "/", "/index.html", "/favicon.svg", "/app/**", "/webjars/**", "/api/v1/web/config"};

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain api(HttpSecurity http, JwtDecoder decoder, UserStore users, Problems problems,
                            RateLimiter limiter, PlatformProperties properties, ExternalTokens external,
                            ApiKeys apiKeys)
            throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            problems.write(request, response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                    "A valid bearer access token is required"));
        };
        AccessDeniedHandler forbidden = (request, response, e) -> problems.write(request, response,
                Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Your role does not allow this action"));
        http.csrf(c -> c.disable())
                .cors(c -> { })
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .securityContext(c -> c.requireExplicitSave(true))
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.POST, PUBLIC_POST).permitAll()
                        .requestMatchers(HttpMethod.GET, PUBLIC_GET).permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(o -> o
                        .bearerTokenResolver(new HeaderBearerTokenResolver())
                        .authenticationManagerResolver(tokenAuthentication(decoder, users, properties, external))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                // agent platform: x-api-key on the LangGraph endpoints (ApiKeyAuthenticationFilter)
                .addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys, problems),
                        BearerTokenAuthenticationFilter.class)
                .addFilterAfter(new TenantGuardFilter(problems), BearerTokenAuthenticationFilter.class)
                .addFilterAfter(new RateLimitFilter(limiter, problems), TenantGuardFilter.class);
        return http.build();
    }

    /**
     * Our own tokens (issuer {@code salesagent.platform.tokens.issuer}) and, when configured, those of external OIDC
     * issuers ({@link ExternalTokens}), told apart by the token's {@code iss}.
     */
    private static AuthenticationManagerResolver<HttpServletRequest> tokenAuthentication(
            JwtDecoder decoder, UserStore users, PlatformProperties properties, ExternalTokens external) {
        JwtAuthenticationProvider own = new JwtAuthenticationProvider(decoder);
        own.setJwtAuthenticationConverter(jwt -> {
            UUID userId;
            try {
                userId = UUID.fromString(jwt.getSubject());
            } catch (RuntimeException e) {
                throw new InvalidBearerTokenException("token subject is not a user id");
            }
            CurrentUser user = users.cachedPrincipal(userId)
                    .filter(u -> u.tenantId().toString().equals(jwt.getClaimAsString("tid")))
                    .orElseThrow(() -> new InvalidBearerTokenException("the user can no longer sign in"));
            return new PlatformAuthentication(user, jwt);
        });
        AuthenticationManager ownManager = own::authenticate;
        if (!external.any()) {
            return request -> ownManager;
        }
        String ownIssuer = properties.tokens().issuer();
        return new JwtIssuerAuthenticationManagerResolver(
                issuer -> ownIssuer.equals(issuer) ? ownManager : external.manager(issuer));
    }

    /**
     * Verifies RS256 signatures against the key store, then issuer, expiry and the tenant claim; a verified token is
     * reused for {@code salesagent.platform.tokens.decode-cache-ttl} ({@link CachingJwtDecoder}).
     */
    @Bean
    JwtDecoder jwtDecoder(SigningKeyStore keys, PlatformProperties properties, Clock clock) {
        JwtDecoder verifying = verifyingDecoder(keys, properties);
        Duration cacheTtl = properties.tokens().decodeCacheTtl();
        return cacheTtl == null || cacheTtl.isZero() || cacheTtl.isNegative() ? verifying
                : new CachingJwtDecoder(verifying, clock, cacheTtl, 100_000);
    }

    private static JwtDecoder verifyingDecoder(SigningKeyStore keys, PlatformProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).jwsAlgorithm(
                org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.from(JWSAlgorithm.RS256.getName()))
                .jwtProcessorCustomizer(processor -> processor.setJWSKeySelector(keys.verificationKeySelector()))
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.tokens().issuer()),
                new JwtClaimValidator<String>("tid", tid -> tid != null && !tid.isBlank())));
        return decoder;
    }

    /**
     * Cross-origin access for browser clients served from other origins ({@code salesagent.platform.cors-allowed-origins},
     * comma-separated; empty by default: the web dashboard is same-origin and needs none). An allowed origin may call
     * every endpoint with a bearer token or an API key, and read the rate-limit and request-id headers; a preflight
     * from any other origin is refused (403). Declared as a bean so that Spring Security's CORS filter reads it instead
     * of asking Spring MVC's handler mappings on every request.
     *
     * @param origins the allowed origins, e.g. {@code https://app.example.com}
     * @return the configuration source
     */
    @Bean
    CorsConfigurationSource corsConfigurationSource(
            @Value("${salesagent.platform.cors-allowed-origins:}") List<String> origins) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        List<String> allowed = origins.stream().map(String::trim).filter(o -> !o.isEmpty()).toList();
        if (!allowed.isEmpty()) {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOrigins(allowed);
            cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
            cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "X-Request-Id", "X-Api-Key",
                    "Last-Event-ID"));
            cors.setExposedHeaders(List.of("X-Request-Id", "Location", "Retry-After", "RateLimit-Limit",
                    "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy"));
            cors.setMaxAge(Duration.ofHours(1));
            source.registerCorsConfiguration("/**", cors);
        }
        return source;
    }

    /**
     * No Micrometer observation per security filter, per authentication or per authorization: each wrapped every one of
     * the chain's filters in an observation (and a span when tracing samples), a large share of a request's CPU. The
     * request itself stays observed ({@code http.server.requests}, its span), and authentication failures still answer
     * 401/403 and show in that meter's status tag.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** bcrypt through the delegating encoder (stored hashes name their algorithm). */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Wall clock in UTC; tests replace it. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Programmatic transactions (token rotation commits before answering). */
    @Bean
    TransactionTemplate transactionTemplate(PlatformTransactionManager manager) {
        return new TransactionTemplate(manager);
    }
}
