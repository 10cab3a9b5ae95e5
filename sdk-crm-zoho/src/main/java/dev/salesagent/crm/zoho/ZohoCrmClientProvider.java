package dev.salesagent.crm.zoho;

import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.spi.CommonConfigKeys;
import dev.salesagent.crm.spi.ConfigKey;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.spi.CrmClientProvider;
import dev.salesagent.crm.spi.CrmConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code zoho} provider: Zoho CRM REST API v8 with OAuth 2.0 refresh tokens. Registered in
 * {@code META-INF/services/dev.salesagent.crm.spi.CrmClientProvider}; light (no work in the constructor).
 */
public final class ZohoCrmClientProvider implements CrmClientProvider {

    /** The provider id, {@value}. */
    public static final String ID = "zoho";
    static final String CLIENT_ID = "clientId";
    static final String CLIENT_SECRET = "clientSecret";
    static final String REFRESH_TOKEN = "refreshToken";
    static final String DATA_CENTER = "dataCenter";
    static final String ACCOUNTS_URL = "accountsUrl";
    static final String API_VERSION = "apiVersion";
    static final String DEFAULT_LAST_NAME = "defaultLastName";
    static final String DEFAULT_LAST_NAME_VALUE = "[not provided]";
    static final String CURRENCY = "currency";
    static final String ACCOUNT_KEY_FIELD = "accountKeyField";
    static final String ORDER_KEY_FIELD = "orderKeyField";
    static final CommonConfigKeys.Defaults HTTP = CommonConfigKeys.Defaults.standard();

    static final List<ConfigKey> KEYS = Stream.of(List.of(
                    ConfigKey.required(CLIENT_ID, "OAuth client id from the Zoho API console"),
                    ConfigKey.secret(CLIENT_SECRET, "OAuth client secret"),
                    ConfigKey.secret(REFRESH_TOKEN, "OAuth refresh token of the integration user (scopes "
                            + "ZohoCRM.modules.ALL, ZohoSearch.securesearch.READ)"),
                    ConfigKey.optional(DATA_CENTER, "Data centre of the Zoho organisation: "
                            + Arrays.toString(ZohoDataCenter.values()) + "; fixes the accounts server and API domain",
                            "US"),
                    ConfigKey.optional(ACCOUNTS_URL, "Accounts server override (tests, proxies); tokens come from "
                            + "<accountsUrl>/oauth/v2/token", "derived from dataCenter"),
                    CommonConfigKeys.baseUrl("API domain override (tests, proxies)", "derived from dataCenter"),
                    ConfigKey.optional(API_VERSION, "REST API version path segment", "v8"),
                    ConfigKey.optional(DEFAULT_LAST_NAME, "Last_Name for new contacts without one (Zoho requires it); "
                            + "never written on updates", DEFAULT_LAST_NAME_VALUE),
                    ConfigKey.optional(CURRENCY, "ISO 4217 code of amounts and prices without a Currency field", "USD"),
                    ConfigKey.optional(ACCOUNT_KEY_FIELD, "API name of a custom Accounts text field with 'Do not "
                            + "allow duplicate values' holding the normalised domain; accounts are then upserted by "
                            + "Zoho on it (1 call per 100) instead of searched by Website", null),
                    ConfigKey.optional(ORDER_KEY_FIELD, "API name of a custom Sales_Orders text field with 'Do not "
                            + "allow duplicate values' holding the idempotency key; declares SALES_ORDERS when set",
                            null),
                    CommonConfigKeys.maxConcurrentRequests(10)),
            CommonConfigKeys.keys(HTTP)).flatMap(List::stream).toList();

    /** Creates the provider (no work). */
    public ZohoCrmClientProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Zoho CRM REST API v8 (OAuth 2.0 refresh token, data-centre-specific domains)";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return KEYS;
    }

    /**
     * Creates a client.
     *
     * @throws dev.salesagent.crm.CrmConfigurationException listing every missing or malformed key
     */
    @Override
    public CrmClient create(CrmConfig config, CrmClientOptions options) {
        return ZohoCrmClient.builder(ZohoConfig.from(config)).options(options).build();
    }

    static void validate(CrmConfig config) {
        List<CrmConfig.Check> checks = new ArrayList<>(CommonConfigKeys.checks());
        checks.add(c -> c.get(DATA_CENTER).flatMap(v -> {
            try {
                ZohoDataCenter.of(v);
                return Optional.empty();
            } catch (IllegalArgumentException e) {
                return Optional.of("key '" + DATA_CENTER + "' must be one of " + Arrays.toString(ZohoDataCenter.values())
                        + " but was '" + v + "'");
            }
        }));
        checks.add(CrmConfig.Check.uri(ACCOUNTS_URL));
        checks.add(CommonConfigKeys.positiveInt(CommonConfigKeys.MAX_CONCURRENT_REQUESTS));
        checks.add(c -> c.get(API_VERSION).filter(v -> !v.matches("v[0-9]+(\\.[0-9]+)?"))
                .map(v -> "key '" + API_VERSION + "' must look like v8 but was '" + v + "'"));
        checks.add(c -> c.get(CURRENCY).filter(v -> !v.matches("[A-Z]{3}"))
                .map(v -> "key '" + CURRENCY + "' must be an ISO 4217 code such as USD but was '" + v + "'"));
        for (String key : List.of(ACCOUNT_KEY_FIELD, ORDER_KEY_FIELD)) {
            checks.add(c -> c.get(key).filter(v -> !v.matches("[A-Za-z][A-Za-z0-9_]*"))
                    .map(v -> "key '" + key + "' must be a field API name such as SalesAgent_Key but was '" + v + "'"));
        }
        config.validate(ID, KEYS, checks.toArray(CrmConfig.Check[]::new));
    }
}
