package dev.salesagent.server.web;

import dev.salesagent.server.platform.PlatformProperties;
import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/web/config} (public): what the dashboard's sign-in page needs to know before anyone is signed in
 * — the SSO providers configured under {@code spring.security.oauth2.client.registration.*} (one button each) and
 * whether self-service sign-up is open. Nothing secret: ids and display names only.
 */
@RestController
public class DashboardConfigController {

    /** The path, public in the security configuration. */
    public static final String PATH = "/api/v1/web/config";

    private final ObjectProvider<ClientRegistrationRepository> clients;
    private final PlatformProperties properties;

    DashboardConfigController(ObjectProvider<ClientRegistrationRepository> clients, PlatformProperties properties) {
        this.clients = clients;
        this.properties = properties;
    }

    /**
     * One SSO provider of the sign-in page.
     *
     * @param id the registration id
     * @param name the provider's display name (the registration's {@code client-name}, else its id)
     * @param authorizationPath where the browser starts the authorization-code flow
     */
    public record SsoProvider(String id, String name, String authorizationPath) {
    }

    /**
     * The answer.
     *
     * @param sso configured SSO providers, empty when none
     * @param registrationEnabled whether {@code POST /api/v1/auth/register} is open
     */
    public record WebConfig(List<SsoProvider> sso, boolean registrationEnabled) {
    }

    /** The sign-in page's configuration. */
    @GetMapping(PATH)
    @Operation(summary = "The dashboard's public configuration: SSO providers and whether sign-up is open")
    public ResponseEntity<WebConfig> config() {
        List<SsoProvider> sso = new ArrayList<>();
        if (clients.getIfAvailable() instanceof Iterable<?> registrations) {
            for (Object o : registrations) {
                if (o instanceof ClientRegistration r) {
                    String name = r.getClientName() == null || r.getClientName().isBlank()
                            ? r.getRegistrationId() : r.getClientName();
                    sso.add(new SsoProvider(r.getRegistrationId(), name,
                            "/oauth2/authorization/" + r.getRegistrationId()));
                }
            }
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noCache())
                .body(new WebConfig(List.copyOf(sso), properties.registrationEnabled()));
    }
}
