package dev.salesagent.server.workspace.crm;

import dev.salesagent.crm.CrmAuthenticationException;
import dev.salesagent.crm.CrmCapability;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmClients;
import dev.salesagent.crm.CrmConfigurationException;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmPermissionException;
import dev.salesagent.crm.CrmRateLimitException;
import dev.salesagent.crm.CrmUnavailableException;
import dev.salesagent.crm.spi.ConfigKey;
import dev.salesagent.crm.spi.CrmClientProvider;
import dev.salesagent.crm.spi.CrmConfig;
import dev.salesagent.server.platform.audit.AuditTrail;
import dev.salesagent.server.platform.crm.TenantCrmClients;
import dev.salesagent.server.platform.secret.TenantSecrets;
import dev.salesagent.server.platform.security.CurrentUser;
import dev.salesagent.server.platform.web.PlatformException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tenant's CRM connection: a provider id ({@code memory}, {@code hubspot}, {@code salesforce}, {@code netsuite},
 * {@code pipedrive}, {@code close}, {@code freshsales}, {@code zoho}) and its config keys (as documented by the
 * provider's {@code configKeys()}), validated by creating the client and stored encrypted as the tenant secret
 * {@value #SECRET}. Reads show secret keys masked.
 */
@Service
public class CrmConnections {

    /** The tenant secret holding the connection (JSON {@code {"provider", "config"}}). */
    public static final String SECRET = "workspace.crm";

    private final TenantSecrets secrets;
    private final TenantCrmClients clients;
    private final AuditTrail audit;
    private final JsonMapper json;

    CrmConnections(TenantSecrets secrets, TenantCrmClients clients, AuditTrail audit, JsonMapper json) {
        this.secrets = secrets;
        this.clients = clients;
        this.audit = audit;
        this.json = json;
    }

    /**
     * A stored connection.
     *
     * @param provider the provider id
     * @param config its config keys and values
     */
    public record Connection(String provider, Map<String, String> config) {
    }

    /**
     * A connection as shown: secret values masked.
     *
     * @param provider the provider id ({@code memory} when none is configured)
     * @param configured whether the tenant configured one
     * @param config key -> value, secret values as {@code ****} plus their last 4 characters
     * @param keys the provider's documented keys
     */
    public record View(String provider, boolean configured, Map<String, String> config, List<KeyView> keys) {
    }

    /**
     * One documented config key of a provider.
     *
     * @param name the key
     * @param required whether the provider needs it
     * @param secret whether its value is shown masked
     * @param description what it is
     */
    public record KeyView(String name, boolean required, boolean secret, String description) {
    }

    /**
     * The outcome of a connection test.
     *
     * @param provider the provider called
     * @param ok always true (failures are problems)
     * @param latencyMs the call's wall time
     */
    public record TestResult(String provider, boolean ok, long latencyMs) {
    }

    /** The tenant's stored connection, if any. */
    public Optional<Connection> stored(UUID tenantId) {
        return secrets.get(tenantId, SECRET).map(s -> json.readValue(s, new TypeReference<Connection>() { }));
    }

    /**
     * Validates and stores the tenant's connection; the tenant's next CRM use gets the new client.
     *
     * @throws PlatformException (400) unknown provider or invalid config (every problem listed)
     */
    public View put(CurrentUser actor, String provider, Map<String, String> config) {
        CrmClientProvider p = provider(provider);
        Map<String, String> values = config == null ? Map.of() : new TreeMap<>(config);
        try (CrmClient client = p.create(CrmConfig.of(values))) {
            client.providerId(); // created: the config is valid
        } catch (CrmConfigurationException e) {
            throw PlatformException.badRequest(e.getMessage());
        }
        secrets.put(actor.tenantId(), SECRET, json.writeValueAsString(new Connection(p.id(), values)));
        clients.evict(actor.tenantId());
        audit.record("crm.configured", "crm_connection", p.id(), Map.of("provider", p.id(), "keys",
                List.copyOf(values.keySet())));
        return view(actor.tenantId());
    }

    /** The tenant's connection with secrets masked. */
    public View view(UUID tenantId) {
        Optional<Connection> c = stored(tenantId);
        String provider = c.map(Connection::provider).orElse("memory");
        CrmClientProvider p = provider(provider);
        Map<String, String> shown = new LinkedHashMap<>();
        c.ifPresent(conn -> conn.config().forEach((k, v) -> shown.put(k, secret(p, k) ? mask(v) : v)));
        return new View(provider, c.isPresent(), shown, p.configKeys().stream()
                .map(k -> new KeyView(k.name(), k.required(), k.secret(), k.description())).toList());
    }

    /**
     * Makes one cheap read call to the tenant's CRM (a contact look-up by an e-mail that does not exist).
     *
     * @throws PlatformException 422 credentials refused, 429 rate limited (with the wait asked for), 502 the CRM is
     *     unavailable or failed
     */
    public TestResult test(CurrentUser actor) {
        CrmClient client = clients.forTenant(actor.tenantId());
        long t0 = System.nanoTime();
        try {
            if (client.supports(CrmCapability.CONTACTS)) {
                client.contacts().findByEmail("connection-test@example.invalid");
            } else {
                client.accounts().findByDomain("example.invalid");
            }
        } catch (CrmException e) {
            throw problem(client.providerId(), e);
        }
        return new TestResult(client.providerId(), true, Duration.ofNanos(System.nanoTime() - t0).toMillis());
    }

    /** A CRM failure as a problem the admin can act on. */
    static PlatformException problem(String provider, CrmException e) {
        if (e instanceof CrmAuthenticationException || e instanceof CrmPermissionException) {
            return new PlatformException(HttpStatus.UNPROCESSABLE_CONTENT, "crm-credentials-refused",
                    "The CRM refused the credentials", provider + " answered: " + e.getMessage()
                    + "; check the access token or OAuth keys with PUT /api/v1/integrations/crm");
        }
        if (e instanceof CrmRateLimitException r) {
            return new PlatformException(HttpStatus.TOO_MANY_REQUESTS, "crm-rate-limited", "The CRM is rate limiting",
                    provider + " answered: " + e.getMessage() + r.retryAfter().map(d -> "; retry after "
                            + d.toSeconds() + " s").orElse(""));
        }
        String what = e instanceof CrmUnavailableException ? "unavailable" : "failed";
        return new PlatformException(HttpStatus.BAD_GATEWAY, "crm-" + what, "The CRM call " + what,
                provider + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    private static CrmClientProvider provider(String id) {
        List<CrmClientProvider> all = CrmClients.available();
        return all.stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> PlatformException.badRequest("provider must be one of "
                        + all.stream().map(CrmClientProvider::id).sorted().toList()));
    }

    private static boolean secret(CrmClientProvider p, String key) {
        return p.configKeys().stream().filter(k -> k.name().equals(key)).findFirst().map(ConfigKey::secret)
                .orElse(true); // unknown keys are masked too
    }

    private static String mask(String v) {
        return v == null || v.length() <= 8 ? "****" : "****" + v.substring(v.length() - 4);
    }
}
