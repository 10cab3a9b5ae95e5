package dev.salesagent.crm.close;

import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.spi.ConfigKey;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.spi.CrmClientProvider;
import dev.salesagent.crm.spi.CrmConfig;
import java.util.List;

/**
 * The {@code close} provider, registered in {@code META-INF/services/dev.salesagent.crm.spi.CrmClientProvider}.
 * Configuration keys: {@link CloseConfig#keys()}.
 */
public final class CloseCrmClientProvider implements CrmClientProvider {

    @Override
    public String id() {
        return CloseConfig.PROVIDER_ID;
    }

    @Override
    public String description() {
        return "Close CRM (contacts, leads as accounts, notes, opportunities) via REST API v1; API key over HTTP Basic";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return CloseConfig.keys();
    }

    /**
     * A client reporting to the registries of {@code options} and using its clock for the status cache.
     *
     * @throws dev.salesagent.crm.CrmConfigurationException listing every missing or malformed key
     */
    @Override
    public CrmClient create(CrmConfig config, CrmClientOptions options) {
        return CloseCrmClient.builder(CloseConfig.from(config)).options(options).build();
    }
}
