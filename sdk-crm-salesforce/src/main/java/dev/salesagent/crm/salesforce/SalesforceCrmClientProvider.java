package dev.salesagent.crm.salesforce;

import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.spi.ConfigKey;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.spi.CrmClientProvider;
import dev.salesagent.crm.spi.CrmConfig;
import java.util.List;

/**
 * The {@code salesforce} provider, registered in {@code META-INF/services}. Light: no work until {@link #create}.
 */
public final class SalesforceCrmClientProvider implements CrmClientProvider {

    /** Provider id {@value}. */
    public static final String ID = "salesforce";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Salesforce REST API (OAuth 2.0 JWT bearer or client credentials; contacts, accounts, notes, "
                + "opportunities, orders, products)";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return SalesforceConfig.KEYS;
    }

    /**
     * A client reporting to the registries of {@code options} and using its clock for token expiry and note dates.
     *
     * @throws dev.salesagent.crm.CrmConfigurationException listing every missing or malformed key
     */
    @Override
    public CrmClient create(CrmConfig config, CrmClientOptions options) {
        return SalesforceCrmClient.builder(SalesforceConfig.from(config))
                .options(options)
                .build();
    }
}
