package dev.salesagent.server.platform.sso;

import dev.salesagent.server.platform.auth.AuthService;
import dev.salesagent.server.platform.secret.TenantSecrets;
import dev.salesagent.server.platform.user.User;
import dev.salesagent.server.platform.web.PlatformException;
import dev.salesagent.server.platform.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.config.http.SessionCreationPolicy;
import tools.jackson.databind.json.JsonMapper;

/**
 * SSO log-in: the OpenID Connect authorization-code flow (with PKCE, {@code state} and {@code nonce}) of Spring
 * Security's OAuth 2.0 client for every provider configured under {@code spring.security.oauth2.client.registration}.
 * {@code GET /oauth2/authorization/{registration}} sends the browser to the provider; its redirect back to
 * {@code /login/oauth2/code/{registration}} is answered with the platform's own token pair (the OAuth 2.0 token
 * response of {@code POST /api/v1/auth/token}). A first log-in provisions the user into the tenant whose
 * {@code sso_domain} is the e-mail's domain ({@link ExternalIdentities}). No HTTP session is used: the authorization
 * request (state, nonce, PKCE verifier) travels in an encrypted cookie ({@link CookieAuthorizationRequestRepository}),
 * so the callback may reach any instance behind a load balancer.
 */
@Configuration(proxyBeanMethods = false)
public class SsoConfiguration {

    /** Paths of the flow. */
    static final String[] PATHS = {"/oauth2/authorization/**", "/login/oauth2/code/**"};

    @Bean
    @Order(1)
    SecurityFilterChain sso(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> clients,
                            ExternalIdentities identities, AuthService auth, Problems problems, JsonMapper json,
                            TenantSecrets secrets, Clock clock)
            throws Exception {
        http.securityMatcher(PATHS)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .authorizeHttpRequests(a -> a.anyRequest().permitAll());
        if (clients.getIfAvailable() != null) {
            http.oauth2Login(o -> o
                    .authorizationEndpoint(a -> a.authorizationRequestRepository(authorizationRequests(secrets, clock)))
                    .successHandler((request, response, authentication) -> {
                        endSession(request);
                        signIn(request, response, authentication, identities, auth, problems, json);
                    })
                    .failureHandler((request, response, e) -> {
                        endSession(request);
                        problems.write(request, response, Problems.of(HttpStatus.UNAUTHORIZED, "sso-failed",
                                "SSO log-in failed", "The identity provider's log-in could not be completed"));
                    }));
        }
        return http.build();
    }

    /** The authorization request travels in a cookie sealed under the secrets key every instance shares. */
    static CookieAuthorizationRequestRepository authorizationRequests(TenantSecrets secrets, Clock clock) {
        UUID none = new UUID(0, 0);
        return new CookieAuthorizationRequestRepository(value -> secrets.seal(none, SEAL_NAME, value),
                ciphertext -> secrets.open(none, SEAL_NAME, ciphertext), clock);
    }

    private static final String SEAL_NAME = "oauth2-authorization-request";

    private static void signIn(HttpServletRequest request, HttpServletResponse response, Authentication authentication,
                               ExternalIdentities identities, AuthService auth, Problems problems, JsonMapper json)
            throws IOException {
        OAuth2AuthenticationToken token = (OAuth2AuthenticationToken) authentication;
        String registration = token.getAuthorizedClientRegistrationId();
        OAuth2User principal = token.getPrincipal();
        String email = principal.getAttribute("email");
        String name = principal.getAttribute("name");
        Boolean verified = principal instanceof OidcUser oidc ? oidc.getEmailVerified() : null;
        try {
            if (Boolean.FALSE.equals(verified)) {
                throw new PlatformException(HttpStatus.FORBIDDEN, "sso-email-unverified", "E-mail not verified",
                        "The identity provider says this e-mail address is not verified");
            }
            User user = identities.resolve(email, name, null, "sso:" + registration);
            AuthService.TokenResponse tokens = auth.signInExternal(user, "sso:" + registration);
            response.setStatus(HttpStatus.OK.value());
            response.setHeader("Cache-Control", "no-store");
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            json.writeValue(response.getOutputStream(), tokens);
        } catch (PlatformException e) {
            problems.write(request, response, Problems.of(e.status(), e.code(), e.title(), e.getMessage()));
        }
    }

    private static void endSession(HttpServletRequest request) {
        SecurityContextHolder.clearContext();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }
}
