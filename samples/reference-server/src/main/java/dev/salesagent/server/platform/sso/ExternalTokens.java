package dev.salesagent.server.platform.sso;

import dev.salesagent.server.platform.security.CurrentUser;
import dev.salesagent.server.platform.security.PlatformAuthentication;
import dev.salesagent.server.platform.security.Role;
import dev.salesagent.server.platform.security.RolePermissions;
import dev.salesagent.server.platform.user.User;
import dev.salesagent.server.platform.user.UserStore;
import dev.salesagent.server.platform.web.PlatformException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.stereotype.Component;

/**
 * Access tokens of the external issuers in {@link OidcProperties#issuers()}: one {@link AuthenticationManager} per
 * issuer, whose decoder finds the keys through the issuer's OpenID discovery document on first use (so an issuer that
 * is down does not stop the server from starting) and checks signature, expiry, {@code iss} and, when configured,
 * {@code aud}. The token's e-mail claim names the user (provisioned on first use, see {@link ExternalIdentities}); the
 * tenant comes from the tenant claim or the e-mail's domain; roles from the roles claim through the mapping.
 */
@Component
public class ExternalTokens {

    private final Map<String, OidcProperties.Issuer> byIssuer;
    private final Map<String, AuthenticationManager> managers = new ConcurrentHashMap<>();
    private final ExternalIdentities identities;
    private final UserStore users;

    ExternalTokens(OidcProperties properties, ExternalIdentities identities, UserStore users) {
        this.byIssuer = properties.issuers().entrySet().stream()
                .filter(e -> e.getValue().issuerUri() != null && !e.getValue().issuerUri().isBlank())
                .collect(Collectors.toUnmodifiableMap(e -> e.getValue().issuerUri(), Map.Entry::getValue));
        this.identities = identities;
        this.users = users;
    }

    /** Whether any external issuer is configured. */
    public boolean any() {
        return !byIssuer.isEmpty();
    }

    /**
     * The authentication manager for tokens of this issuer.
     *
     * @param issuer the token's unverified {@code iss}
     * @return the manager, or null for an issuer that is not trusted (the token is then refused with 401)
     */
    public AuthenticationManager manager(String issuer) {
        OidcProperties.Issuer config = byIssuer.get(issuer);
        if (config == null) {
            return null;
        }
        return managers.computeIfAbsent(issuer, i -> build(config));
    }

    private AuthenticationManager build(OidcProperties.Issuer config) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(config.issuerUri()).build();
        OAuth2TokenValidator<Jwt> validator = JwtValidators.createDefaultWithIssuer(config.issuerUri());
        if (!config.audiences().isEmpty()) {
            validator = new DelegatingOAuth2TokenValidator<>(validator, new JwtClaimValidator<List<String>>(
                    JwtClaimNames.AUD, aud -> aud != null && aud.stream().anyMatch(config.audiences()::contains)));
        }
        decoder.setJwtValidator(validator);
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter(jwt -> authenticate(jwt, config));
        return provider::authenticate;
    }

    /** Maps a verified external token to the platform's user, roles and permissions. */
    PlatformAuthentication authenticate(Jwt jwt, OidcProperties.Issuer config) {
        String tenantSlug = config.tenantClaim() == null || config.tenantClaim().isBlank() ? null
                : jwt.getClaimAsString(config.tenantClaim());
        if (config.tenantClaim() != null && !config.tenantClaim().isBlank() && tenantSlug == null) {
            throw new InvalidBearerTokenException("the token has no " + config.tenantClaim() + " claim");
        }
        User user;
        try {
            user = identities.resolve(jwt.getClaimAsString(config.emailClaim()), jwt.getClaimAsString("name"),
                    tenantSlug, config.issuerUri());
        } catch (PlatformException e) {
            throw new InvalidBearerTokenException(e.getMessage());
        }
        CurrentUser stored = users.principal(user.id())
                .orElseThrow(() -> new InvalidBearerTokenException("the user can no longer sign in"));
        if (config.roleMapping().isEmpty()) {
            return new PlatformAuthentication(stored, jwt);
        }
        Set<Role> mapped = new LinkedHashSet<>();
        for (String value : claimValues(jwt.getClaims().get(config.rolesClaim()))) {
            String roleId = config.roleMapping().get(value);
            if (roleId != null) {
                Role.ofId(roleId).filter(r -> r != Role.PLATFORM_ADMIN).ifPresent(mapped::add);
            }
        }
        if (mapped.isEmpty()) {
            mapped = stored.roles().stream().filter(r -> r != Role.PLATFORM_ADMIN)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
        }
        Set<Role> roles = Set.copyOf(mapped);
        return new PlatformAuthentication(new CurrentUser(stored.id(), stored.tenantId(), stored.tenantSlug(),
                stored.tenantSuspended(), stored.email(), roles, RolePermissions.union(roles), stored.territory()),
                jwt);
    }

    private static List<String> claimValues(Object claim) {
        if (claim instanceof String s) {
            return List.of(s.split("[ ,]+"));
        }
        if (claim instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
