package dev.salesagent.server.platform.sso;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * External OpenID Connect identities ({@code salesagent.oidc.*}): issuers whose access tokens the API accepts, and
 * how their claims map to a tenant and roles. SSO log-in providers themselves are Spring Security's standard
 * {@code spring.security.oauth2.client.registration.*} / {@code provider.*} properties (Okta, Azure AD, Google ...).
 *
 * @param issuers accepted access-token issuers by a name of your choice (empty: only the server's own tokens)
 * @param provisioning whether a first sign-in of an unknown e-mail creates the user in the tenant that claims the
 *     e-mail's domain ({@code sso_domain}); when off, only existing users sign in
 * @param defaultRole role id given to users provisioned at SSO log-in or when an access token maps to no role
 */
@ConfigurationProperties("salesagent.oidc")
public record OidcProperties(Map<String, Issuer> issuers, @DefaultValue("true") boolean provisioning,
                             @DefaultValue("sales_rep") String defaultRole) {

    /** Normalises a missing map to an empty one. */
    public OidcProperties {
        issuers = issuers == null ? Map.of() : Map.copyOf(issuers);
    }

    /**
     * One trusted issuer of access tokens.
     *
     * @param issuerUri the issuer identifier ({@code iss}); keys come from its OpenID discovery document
     *     ({@code <issuer>/.well-known/openid-configuration}, {@code jwks_uri}), fetched on first use
     * @param audiences accepted {@code aud} values (empty: the audience is not checked)
     * @param emailClaim claim with the user's e-mail (default {@code email})
     * @param tenantClaim claim whose value is the tenant's slug; blank: the tenant is the one whose {@code sso_domain}
     *     is the e-mail's domain
     * @param rolesClaim claim with the user's groups or roles (a string or a list of strings; default {@code roles})
     * @param roleMapping issuer's group or role value to our role id ({@code owner}, {@code admin}, {@code sales_exec},
     *     {@code sales_manager}, {@code sales_rep}, {@code finance_viewer}); values without a mapping are ignored,
     *     {@code platform_admin} is never granted this way. Empty mapping: the user's stored roles apply.
     */
    public record Issuer(String issuerUri, List<String> audiences, @DefaultValue("email") String emailClaim,
                         String tenantClaim, @DefaultValue("roles") String rolesClaim,
                         Map<String, String> roleMapping) {

        /** Normalises missing collections to empty ones. */
        public Issuer {
            audiences = audiences == null ? List.of() : List.copyOf(audiences);
            roleMapping = roleMapping == null ? Map.of() : Map.copyOf(roleMapping);
        }
    }
}
