package dev.salesagent.crm.spi;

import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmConfigurationException;
import java.util.List;

/**
 * Creates clients of one CRM. Implementations are small and light (no work in the constructor),
 * have a public no-arg constructor and are registered in
 * {@code META-INF/services/dev.salesagent.crm.spi.CrmClientProvider}.
 */
public interface CrmClientProvider {

    /**
     * {@return the unique provider id, lower-case, e.g. {@code hubspot}, {@code salesforce}, {@code netsuite}, {@code
     *    memory}}
     */
    String id();

    /** {@return one sentence for humans, e.g. "HubSpot CRM v3 API (private app token or OAuth2)"} */
    String description();

    /** {@return every configuration key this provider reads, for documentation and validation} */
    List<ConfigKey> configKeys();

    /**
     * Validates {@code config} (typically with {@link CrmConfig#validate}) and creates a client that reports to the
     * registries of {@code options} and reads time from its clock. This is the method providers implement.
     *
     * @param config  the provider's string keys
     * @param options the application's meter and observation registries and clock; {@link CrmClientOptions#defaults()}
     *                for none
     * @return a new client; the caller closes it
     * @throws CrmConfigurationException listing every missing or malformed key
     */
    CrmClient create(CrmConfig config, CrmClientOptions options);

    /**
     * Like {@link #create(CrmConfig, CrmClientOptions)} with {@link CrmClientOptions#defaults()}: no metrics, no
     * observations, the UTC system clock.
     *
     * @param config the provider's string keys
     * @return a new client; the caller closes it
     * @throws CrmConfigurationException listing every missing or malformed key
     */
    default CrmClient create(CrmConfig config) {
        return create(config, CrmClientOptions.defaults());
    }
}
