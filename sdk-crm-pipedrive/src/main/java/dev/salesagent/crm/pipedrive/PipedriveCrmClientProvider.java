package dev.salesagent.crm.pipedrive;

import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.spi.ConfigKey;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.spi.CrmClientProvider;
import dev.salesagent.crm.spi.CrmConfig;
import java.util.List;

/**
 * The {@code pipedrive} provider, registered in {@code META-INF/services/dev.salesagent.crm.spi.CrmClientProvider}.
 * Configuration keys: {@link PipedriveConfig#keys()}.
 */
public final class PipedriveCrmClientProvider implements CrmClientProvider {

    /** A provider; does no work until {@link #create}. */
    public PipedriveCrmClientProvider() {
    }

    @Override
    public String id() {
        return PipedriveConfig.PROVIDER_ID;
    }

    @Override
    public String description() {
        return "Pipedrive CRM (persons, organizations, deals, notes, products) via REST API v2/v1; API token or OAuth 2.0";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return PipedriveConfig.keys();
    }

    /**
     * A client reporting to the registries of {@code options} and using its clock and sleeper.
     *
     * @throws dev.salesagent.crm.CrmConfigurationException listing every missing or malformed key
     */
    @Override
    public CrmClient create(CrmConfig config, CrmClientOptions options) {
        return PipedriveCrmClient.builder(PipedriveConfig.from(config)).options(options).build();
    }
}
