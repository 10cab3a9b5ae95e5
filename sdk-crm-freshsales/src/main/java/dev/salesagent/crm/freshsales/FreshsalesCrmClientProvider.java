package dev.salesagent.crm.freshsales;

import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.spi.ConfigKey;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.spi.CrmClientProvider;
import dev.salesagent.crm.spi.CrmConfig;
import java.util.List;

/**
 * The {@code freshsales} provider, registered in {@code META-INF/services/dev.salesagent.crm.spi.CrmClientProvider}.
 * Configuration keys: {@link FreshsalesConfig#keys()}.
 */
public final class FreshsalesCrmClientProvider implements CrmClientProvider {

    /** Creates the provider (no work done here). */
    public FreshsalesCrmClientProvider() {
    }

    @Override
    public String id() {
        return FreshsalesConfig.PROVIDER_ID;
    }

    @Override
    public String description() {
        return "Freshsales / Freshworks CRM (contacts, sales accounts, deals, notes) via the REST API; API key";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return FreshsalesConfig.keys();
    }

    /**
     * A client reporting to the registries of {@code options} and using its clock and sleeper.
     *
     * @throws dev.salesagent.crm.CrmConfigurationException listing every missing or malformed key
     */
    @Override
    public CrmClient create(CrmConfig config, CrmClientOptions options) {
        return FreshsalesCrmClient.builder(FreshsalesConfig.from(config)).options(options).build();
    }
}
