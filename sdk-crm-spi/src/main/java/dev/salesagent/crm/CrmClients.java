package dev.salesagent.crm;

import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.spi.CrmClientProvider;
import dev.salesagent.crm.spi.CrmConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds {@link CrmClientProvider}s with {@link ServiceLoader} (registered in
 * {@code META-INF/services/dev.salesagent.crm.spi.CrmClientProvider}) and creates clients by id.
 *
 * <pre>{@code
 * try (CrmClient crm = CrmClients.create("hubspot", CrmConfig.fromEnvironment("SALESAGENT_CRM_HUBSPOT_"))) { ... }
 * }</pre>
 *
 * A provider whose registration is broken ({@link ServiceConfigurationError}) is logged at WARN and
 * skipped; the others still load. Discovery runs on each call (no static state).
 */
public final class CrmClients {

    private static final Logger log = LoggerFactory.getLogger(CrmClients.class);

    private CrmClients() {
    }

    /**
     * Creates a client of provider {@code providerId}, discovered with the thread context class loader.
     *
     * @param providerId the provider id, e.g. {@code hubspot}
     * @param config the provider's configuration, e.g. from {@link CrmConfig#fromEnvironment(String)}
     * @return a new client; close it when done
     * @throws CrmConfigurationException if no provider has this id (the message lists the available ids),
     *                                   if two providers claim it (naming both classes), or if the
     *                                   configuration is invalid (listing every problem)
     */
    public static CrmClient create(String providerId, CrmConfig config) {
        return create(providerId, config, CrmClientOptions.defaults(), defaultClassLoader());
    }

    /**
     * Like {@link #create(String, CrmConfig)}, handing the provider the application's registries and clock, e.g.
     * {@code CrmClients.create("hubspot", config, CrmClientOptions.builder().meterRegistry(registry).build())}.
     *
     * @param providerId the provider id, e.g. {@code hubspot}
     * @param config the provider's configuration
     * @param options the application's registries, clock and sleeper
     * @return a new client; close it when done
     * @throws CrmConfigurationException as {@link #create(String, CrmConfig)}
     */
    public static CrmClient create(String providerId, CrmConfig config, CrmClientOptions options) {
        return create(providerId, config, options, defaultClassLoader());
    }

    /**
     * Like {@link #create(String, CrmConfig)}, discovering providers with {@code classLoader}.
     *
     * @param providerId  the provider id, e.g. {@code hubspot}
     * @param config      the provider's configuration
     * @param classLoader where {@link java.util.ServiceLoader} looks for {@link CrmClientProvider}s
     * @return a new client; close it when done
     */
    public static CrmClient create(String providerId, CrmConfig config, ClassLoader classLoader) {
        return create(providerId, config, CrmClientOptions.defaults(), classLoader);
    }

    /**
     * Like {@link #create(String, CrmConfig, CrmClientOptions)}, discovering providers with {@code classLoader}.
     *
     * @param providerId the provider id, e.g. {@code hubspot}
     * @param config the provider's configuration
     * @param options the application's registries, clock and sleeper
     * @param classLoader where {@link java.util.ServiceLoader} looks for {@link
     *     dev.salesagent.crm.spi.CrmClientProvider}s
     * @return a new client; close it when done
     * @throws CrmConfigurationException as {@link #create(String, CrmConfig)}
     */
    public static CrmClient create(String providerId, CrmConfig config, CrmClientOptions options,
            ClassLoader classLoader) {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(options, "options");
        Map<String, CrmClientProvider> byId = index(load(classLoader));
        CrmClientProvider provider = byId.get(providerId);
        if (provider == null) {
            throw new CrmConfigurationException(providerId, List.of("no CRM provider with id '" + providerId
                    + "'; available: " + byId.keySet() + " (add the adapter jar to the classpath)"));
        }
        return provider.create(config, options);
    }

    /** {@return the providers found with the thread context class loader, sorted by id} */
    public static List<CrmClientProvider> available() {
        return available(defaultClassLoader());
    }

    /**
     * {@return the providers found with {@code classLoader}, sorted by id}
     *
     * @param classLoader where {@link java.util.ServiceLoader} looks for providers
     */
    public static List<CrmClientProvider> available(ClassLoader classLoader) {
        List<CrmClientProvider> providers = load(classLoader);
        providers.sort(Comparator.comparing(CrmClientProvider::id));
        return providers;
    }

    private static Map<String, CrmClientProvider> index(List<CrmClientProvider> providers) {
        Map<String, CrmClientProvider> byId = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (CrmClientProvider p : providers) {
            CrmClientProvider previous = byId.putIfAbsent(p.id(), p);
            if (previous != null) {
                duplicates.add("CRM provider id '" + p.id() + "' is claimed by both " + previous.getClass().getName()
                        + " and " + p.getClass().getName() + "; remove one jar from the classpath");
            }
        }
        if (!duplicates.isEmpty()) {
            throw new CrmConfigurationException(null, duplicates);
        }
        return byId;
    }

    private static List<CrmClientProvider> load(ClassLoader classLoader) {
        List<CrmClientProvider> result = new ArrayList<>();
        Iterator<CrmClientProvider> it = ServiceLoader.load(CrmClientProvider.class, classLoader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                result.add(it.next());
            } catch (ServiceConfigurationError e) {
                log.warn("Skipping a CRM provider that failed to load: {}", e.getMessage(), e);
            }
        }
        return result;
    }

    private static ClassLoader defaultClassLoader() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return cl != null ? cl : CrmClients.class.getClassLoader();
    }
}
