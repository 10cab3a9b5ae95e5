package dev.salesagent.crm.zoho;

import dev.salesagent.crm.spi.CommonConfigKeys;
import dev.salesagent.crm.spi.CrmConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * Typed, validated settings of the Zoho CRM adapter, read from {@link CrmConfig} keys (see
 * {@link ZohoCrmClientProvider#configKeys()} and the module README).
 *
 * @param clientId        OAuth client id of the Zoho API console client
 * @param clientSecret    OAuth client secret
 * @param refreshToken    OAuth refresh token of the integration user (scope {@code ZohoCRM.modules.ALL},
 *                        {@code ZohoSearch.securesearch.READ})
 * @param dataCenter      the organisation's data centre (default {@link ZohoDataCenter#US})
 * @param tokenUrl        the token endpoint, {@code <accounts server>/oauth/v2/token}
 * @param apiUrl          the API domain without path, e.g. {@code https://www.zohoapis.eu}
 * @param apiVersion      the REST API version path segment (default {@code v8})
 * @param defaultLastName {@code Last_Name} written when a new contact has none (Zoho requires it)
 * @param currency        ISO 4217 code reported for amounts and prices when a record carries no {@code Currency}
 * @param maxConcurrentRequests requests in flight per client (Zoho's concurrency limit per edition: Free 5,
 *                        Standard 10, Professional 15, Enterprise 20, Ultimate 25; default 10)
 * @param accountKeyField API name of a unique custom Accounts field holding the normalised domain, or {@code null}
 *                        (default) to search {@code Website}
 * @param orderKeyField   API name of a unique custom Sales_Orders field holding the idempotency key, or {@code null}
 *                        (default: sales orders are not declared)
 * @param http            timeouts and attempts
 */
public record ZohoConfig(String clientId, String clientSecret, String refreshToken, ZohoDataCenter dataCenter,
                         String tokenUrl, String apiUrl, String apiVersion, String defaultLastName, String currency,
                         int maxConcurrentRequests, String accountKeyField, String orderKeyField,
                         CommonConfigKeys.HttpSettings http) {

    /**
     * Validates the components and strips trailing slashes from {@code apiUrl}.
     *
     * @param clientId        OAuth client id of the Zoho API console client; not null
     * @param clientSecret    OAuth client secret; not null
     * @param refreshToken    OAuth refresh token of the integration user; not null
     * @param dataCenter      the organisation's data centre; not null
     * @param tokenUrl        the token endpoint, {@code <accounts server>/oauth/v2/token}; not null
     * @param apiUrl          the API domain without path, e.g. {@code https://www.zohoapis.eu}; not null
     * @param apiVersion      the REST API version path segment, e.g. {@code v8}; not null
     * @param defaultLastName {@code Last_Name} written when a new contact has none; not null
     * @param currency        ISO 4217 code reported when a record carries no {@code Currency}; not null
     * @param maxConcurrentRequests requests in flight per client, &gt;= 1
     * @param accountKeyField API name of a unique custom Accounts field holding the normalised domain, or {@code null}
     * @param orderKeyField   API name of a unique custom Sales_Orders field holding the idempotency key, or
     *                        {@code null}
     * @param http            timeouts and attempts; not null
     * @throws NullPointerException if a required component is null
     * @throws IllegalArgumentException if {@code maxConcurrentRequests} is less than 1
     */
    public ZohoConfig {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(dataCenter, "dataCenter");
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(defaultLastName, "defaultLastName");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(http, "http");
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("maxConcurrentRequests must be positive but was " + maxConcurrentRequests);
        }
        while (apiUrl.endsWith("/")) {
            apiUrl = apiUrl.substring(0, apiUrl.length() - 1);
        }
    }

    /**
     * Reads and validates the configuration; every problem is reported at once.
     *
     * @param config the raw {@code salesagent.crm.zoho.*} keys (e.g. from properties or the environment)
     * @return the validated configuration; token URL and API domain derived from the data centre unless overridden
     * @throws dev.salesagent.crm.CrmConfigurationException listing every missing or malformed key
     */
    public static ZohoConfig from(CrmConfig config) {
        ZohoCrmClientProvider.validate(config);
        ZohoDataCenter dc = ZohoDataCenter.of(config.get(ZohoCrmClientProvider.DATA_CENTER).orElse("US"));
        String accounts = config.get(ZohoCrmClientProvider.ACCOUNTS_URL).orElse(dc.accountsUrl());
        while (accounts.endsWith("/")) {
            accounts = accounts.substring(0, accounts.length() - 1);
        }
        CommonConfigKeys.HttpSettings http = CommonConfigKeys.http(config, ZohoCrmClientProvider.HTTP);
        return new ZohoConfig(config.require(ZohoCrmClientProvider.CLIENT_ID),
                config.require(ZohoCrmClientProvider.CLIENT_SECRET), config.require(ZohoCrmClientProvider.REFRESH_TOKEN),
                dc, accounts + "/oauth/v2/token", http.baseUrl().map(Object::toString).orElse(dc.apiDomain()),
                config.get(ZohoCrmClientProvider.API_VERSION).orElse("v8"),
                config.get(ZohoCrmClientProvider.DEFAULT_LAST_NAME).orElse(ZohoCrmClientProvider.DEFAULT_LAST_NAME_VALUE),
                config.get(ZohoCrmClientProvider.CURRENCY).orElse("USD"),
                config.getInt(CommonConfigKeys.MAX_CONCURRENT_REQUESTS, 10),
                config.get(ZohoCrmClientProvider.ACCOUNT_KEY_FIELD).orElse(null),
                config.get(ZohoCrmClientProvider.ORDER_KEY_FIELD).orElse(null), http);
    }

    /** {@return the read timeout per request attempt (default 30 s)} */
    public Duration readTimeout() {
        return http.readTimeout();
    }

    /** Masks the secrets. */
    @Override
    public String toString() {
        return "ZohoConfig[clientId=" + clientId + ", dataCenter=" + dataCenter + ", tokenUrl=" + tokenUrl + ", apiUrl="
                + apiUrl + ", apiVersion=" + apiVersion + ", clientSecret=****, refreshToken=****]";
    }
}
