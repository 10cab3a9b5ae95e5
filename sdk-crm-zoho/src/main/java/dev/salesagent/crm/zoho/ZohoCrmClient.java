package dev.salesagent.crm.zoho;

import dev.salesagent.crm.http.CrmHttpClient;
import dev.salesagent.crm.http.OAuth2TokenSource;
import dev.salesagent.crm.http.RetryPolicy;
import dev.salesagent.crm.spi.AbstractCrmClient;
import dev.salesagent.crm.spi.CrmClientOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link dev.salesagent.crm.CrmClient} for Zoho CRM (REST API v8): contacts ({@code Contacts}), accounts
 * ({@code Accounts}), notes ({@code Notes}), opportunities ({@code Deals}), products ({@code Products}) and, when
 * {@code orderKeyField} is configured, sales orders ({@code Sales_Orders}). Inventory and customer credit are not
 * declared: their accessors throw {@link dev.salesagent.crm.UnsupportedCapabilityException}. Thread-safe; close it to release the HTTP client.
 *
 * <pre>{@code
 * try (CrmClient crm = ZohoCrmClient.builder(ZohoConfig.from(config)).options(options).build()) { ... }
 * }</pre>
 */
public final class ZohoCrmClient extends AbstractCrmClient {

    private final CrmHttpClient http;

    private ZohoCrmClient(CrmHttpClient http, ZohoApi api) {
        super(ZohoCrmClientProvider.ID, Operations.builder()
                .contacts(new ZohoContacts(api))
                .accounts(new ZohoAccounts(api))
                .notes(new ZohoNotes(api))
                .opportunities(new ZohoDeals(api))
                .products(new ZohoProducts(api))
                .salesOrders(api.config.orderKeyField() == null ? null : new ZohoSalesOrders(api))
                .build());
        this.http = http;
    }

    /**
     * {@return a builder of a client for {@code config}}
     *
     * @param config the validated configuration, e.g. from {@link ZohoConfig#from}; not null
     * @throws NullPointerException if {@code config} is null
     */
    public static Builder builder(ZohoConfig config) {
        return new Builder(config);
    }

    @Override
    protected void doClose() {
        http.close();
    }

    /** Builds a {@link ZohoCrmClient}. */
    public static final class Builder {
        private final ZohoConfig config;
        private CrmClientOptions options = CrmClientOptions.defaults();

        private Builder(ZohoConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /**
         * The application's meter and observation registries, clock and sleeper (default: none, UTC, thread sleep).
         *
         * @param options the application's options; not null
         * @return this builder
         */
        public Builder options(CrmClientOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** {@return a new client; no request is sent (and no token fetched) until the first operation} */
        public ZohoCrmClient build() {
            OAuth2TokenSource tokens = OAuth2TokenSource.refreshToken(config.tokenUrl(), config.clientId(),
                            config.clientSecret(), config.refreshToken())
                    .clientAuthentication(OAuth2TokenSource.ClientAuthentication.FORM)
                    .providerId(ZohoCrmClientProvider.ID).clock(options.clock()).build();
            CrmHttpClient http = CrmHttpClient.builder(ZohoCrmClientProvider.ID)
                    .baseUrl(config.apiUrl())
                    .auth(new ZohoAuth(tokens, options.clock()))
                    .connectTimeout(config.http().connectTimeout())
                    .readTimeout(config.http().readTimeout())
                    .retry(RetryPolicy.builder().maxAttempts(config.http().maxAttempts()).build())
                    .maxConcurrentRequests(config.maxConcurrentRequests())
                    .maxQueueWait(Duration.ofMinutes(2))
                    .errorMapper(ZohoErrors::map)
                    .options(options)
                    .build();
            return new ZohoCrmClient(http, new ZohoApi(http, config));
        }
    }
}
