package dev.salesagent.server.platform.sso;

import dev.salesagent.server.platform.audit.AuditTrail;
import dev.salesagent.server.platform.security.Role;
import dev.salesagent.server.platform.tenant.Tenant;
import dev.salesagent.server.platform.tenant.TenantStore;
import dev.salesagent.server.platform.user.User;
import dev.salesagent.server.platform.user.UserService;
import dev.salesagent.server.platform.user.UserStore;
import dev.salesagent.server.platform.web.PlatformException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Users known from an external identity provider: looks a signed-in e-mail up and, on a first sign-in, provisions the
 * user into the tenant that claims the e-mail's domain ({@code tenant.sso_domain}) or that an issuer names.
 */
@Service
public class ExternalIdentities {

    private final UserStore users;
    private final TenantStore tenants;
    private final UserService userService;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final OidcProperties properties;

    ExternalIdentities(UserStore users, TenantStore tenants, UserService userService, AuditTrail audit,
                       TransactionTemplate tx, OidcProperties properties) {
        this.users = users;
        this.tenants = tenants;
        this.userService = userService;
        this.audit = audit;
        this.tx = tx;
        this.properties = properties;
    }

    /**
     * The user with this e-mail, provisioned on first sign-in.
     *
     * @param email the e-mail the provider asserts
     * @param displayName the provider's name for the user, may be null
     * @param tenantSlug the tenant the provider names (issuer configured with a tenant claim), or null to find the
     *     tenant by the e-mail's domain
     * @param source where the identity comes from (provider or issuer name; audited)
     * @return the user (which may be disabled, or in a suspended tenant: callers check)
     * @throws PlatformException (403 {@code sso-no-tenant}) when no tenant takes this e-mail, (403
     *     {@code sso-tenant-mismatch}) when the e-mail belongs to a user of another tenant than the one named,
     *     (403 {@code sso-not-provisioned}) for an unknown e-mail with provisioning off
     */
    public User resolve(String email, String displayName, String tenantSlug, String source) {
        if (email == null || !email.contains("@")) {
            throw new PlatformException(HttpStatus.FORBIDDEN, "sso-no-email", "No e-mail",
                    "The identity provider did not assert an e-mail address");
        }
        String normalised = UserService.normaliseEmail(email);
        Optional<Tenant> named = tenantSlug == null || tenantSlug.isBlank() ? Optional.empty()
                : Optional.of(tenants.findBySlug(tenantSlug).orElseThrow(ExternalIdentities::noTenant));
        Optional<UserStore.Credentials> existing = users.credentials(normalised);
        if (existing.isPresent()) {
            User user = existing.get().user();
            if (named.isPresent() && !named.get().id().equals(user.tenantId())) {
                throw new PlatformException(HttpStatus.FORBIDDEN, "sso-tenant-mismatch", "Wrong tenant",
                        "This e-mail belongs to a user of another tenant");
            }
            return user;
        }
        if (!properties.provisioning()) {
            throw new PlatformException(HttpStatus.FORBIDDEN, "sso-not-provisioned", "Unknown user",
                    "No user has this e-mail and automatic provisioning is off");
        }
        Tenant tenant = named.orElseGet(() -> tenants.findBySsoDomain(domainOf(normalised))
                .orElseThrow(ExternalIdentities::noTenant));
        Role role = Role.ofId(properties.defaultRole()).filter(r -> r != Role.PLATFORM_ADMIN)
                .orElse(Role.SALES_REP);
        try {
            return tx.execute(s -> {
                User created = userService.createUnchecked(tenant.id(), normalised, displayName, Set.of(role), null,
                        null);
                audit.record(tenant.id(), created.id(), "user.provisioned", "user", created.id(),
                        Map.of("source", source, "roles", role.id()));
                return created;
            });
        } catch (DuplicateKeyException | PlatformException raced) {
            // a concurrent first sign-in of the same e-mail provisioned it first
            return users.credentials(normalised).map(UserStore.Credentials::user).orElseThrow(() -> raced);
        }
    }

    private static String domainOf(String email) {
        return email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    private static PlatformException noTenant() {
        return new PlatformException(HttpStatus.FORBIDDEN, "sso-no-tenant", "No tenant",
                "No tenant takes users of this e-mail domain or the named tenant does not exist");
    }
}
