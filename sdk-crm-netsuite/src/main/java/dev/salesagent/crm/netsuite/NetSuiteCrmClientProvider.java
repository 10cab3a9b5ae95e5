package dev.salesagent.crm.netsuite;

import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.spi.ConfigKey;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.spi.CrmClientProvider;
import dev.salesagent.crm.spi.CrmConfig;
import java.util.List;

/** Provider {@code netsuite}: registered in {@code META-INF/services/dev.salesagent.crm.spi.CrmClientProvider}. */
public final class NetSuiteCrmClientProvider implements CrmClientProvider {

    @Override
    public String id() {
        return NetSuiteConfig.PROVIDER_ID;
    }

    @Override
    public String description() {
        return "Oracle NetSuite SuiteTalk REST web services and SuiteQL (OAuth 2.0 M2M or token-based auth)";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return NetSuiteConfig.KEYS;
    }

    /**
     * A client reporting to the registries of {@code options} and using its clock for token expiry, TBA timestamps and
     * order dates.
     *
     * @throws dev.salesagent.crm.CrmConfigurationException listing every missing or malformed key
     */
    @Override
    public CrmClient create(CrmConfig config, CrmClientOptions options) {
        return NetSuiteCrmClient.builder(NetSuiteConfig.from(config))
                .options(options)
                .build();
    }
}
