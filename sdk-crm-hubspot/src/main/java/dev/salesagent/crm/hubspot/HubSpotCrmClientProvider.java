package dev.salesagent.crm.hubspot;

import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.spi.ConfigKey;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.spi.CrmClientProvider;
import dev.salesagent.crm.spi.CrmConfig;
import java.util.List;

/**
 * The {@code hubspot} provider, registered in {@code META-INF/services/dev.salesagent.crm.spi.CrmClientProvider}.
 * Configuration keys: {@link HubSpotConfig#keys()}.
 */
public final class HubSpotCrmClientProvider implements CrmClientProvider {

    @Override
    public String id() {
        return HubSpotConfig.PROVIDER_ID;
    }

    @Override
    public String description() {
        return "HubSpot CRM (contacts, companies, deals, notes, products) via the v3 or date-versioned API; "
                + "private app token or OAuth";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return HubSpotConfig.keys();
    }

    /**
     * A client reporting to the registries of {@code options} and using its clock for note timestamps, token expiry,
     * cache expiry and the daily quota.
     *
     * @throws dev.salesagent.crm.CrmConfigurationException listing every missing or malformed key
     */
    @Override
    public CrmClient create(CrmConfig config, CrmClientOptions options) {
        return HubSpotCrmClient.builder(HubSpotConfig.from(config))
                .options(options)
                .build();
    }
}
