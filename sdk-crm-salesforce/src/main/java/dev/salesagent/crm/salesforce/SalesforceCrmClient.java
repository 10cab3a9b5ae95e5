package dev.salesagent.crm.salesforce;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salesagent.crm.spi.AbstractCrmClient;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.http.AuthStrategy;
import dev.salesagent.crm.http.CrmHttpClient;
import dev.salesagent.crm.http.CrmResponse;
import dev.salesagent.crm.http.OAuth2TokenAuth;
import dev.salesagent.crm.http.OAuth2TokenSource;
import dev.salesagent.crm.http.RetryPolicy;
import dev.salesagent.crm.http.TokenSource;
import dev.salesagent.crm.salesforce.internal.client.JwtBearerTokenSource;
import dev.salesagent.crm.salesforce.internal.client.SalesforceErrors;
import dev.salesagent.crm.salesforce.internal.client.SalesforceOperations;
import dev.salesagent.crm.salesforce.internal.client.SalesforceRest;
import dev.salesagent.crm.salesforce.internal.client.SessionAuth;
import dev.salesagent.crm.salesforce.internal.mapper.SObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * The Salesforce adapter (provider id {@code salesforce}), following the REST API Developer Guide
 * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/). Capabilities: CONTACTS, ACCOUNTS,
 * NOTES, OPPORTUNITIES, SALES_ORDERS ({@code Order}/{@code OrderItem}) and PRODUCTS ({@code Product2} priced from the
 * standard price book); INVENTORY and CUSTOMER_CREDIT are not standard Salesforce objects and are not declared.
 *
 * <ul>
 *   <li>Contacts and accounts are upserted by external-id fields ({@link SalesforceConfig#contactKeyField()},
 *       {@link SalesforceConfig#accountKeyField()}); batches use sObject Collections, 200 records per call with
 *       per-item results. Several records matching one key raise {@code CrmConflictException} with their ids.</li>
 *   <li>Salesforce requires {@code LastName} on Contact and {@code Name} on Account. A new record without one is
 *       retried once with {@link SalesforceConfig#defaultLastName()} or its domain; updates never send them.</li>
 *   <li>Reads are SOQL with keyset paging; {@code nextRecordsUrl} batches are followed within a page.
 *       {@code changedSince} filters on {@code SystemModstamp}, which has whole-second precision.</li>
 *   <li>Orders are created in one Composite request ({@code allOrNone}) with at most 22 lines, the idempotency key
 *       stored in the unique {@link SalesforceConfig#orderKeyField()}; a retry never creates a second order.</li>
 *   <li>Errors: {@code 403 REQUEST_LIMIT_EXCEEDED} becomes {@code CrmRateLimitException} (daily allocation exhausted:
 *       not retried; concurrency limits: retried with backoff); {@code 401 INVALID_SESSION_ID} fetches a new session
 *       once; see {@code SalesforceErrors} for the full table.</li>
 * </ul>
 * Thread-safe; create once and {@link #close()} when done.
 */
public final class SalesforceCrmClient extends AbstractCrmClient {

    private final SalesforceConfig config;
    private final CrmHttpClient http;
    private final OkHttpClient ownedTokenHttp;
    private final AtomicReference<ApiUsage> usage;

    private SalesforceCrmClient(SalesforceConfig config, CrmHttpClient http, OkHttpClient ownedTokenHttp,
                                AtomicReference<ApiUsage> usage, Operations operations) {
        super(SalesforceCrmClientProvider.ID, operations);
        this.config = config;
        this.http = http;
        this.ownedTokenHttp = ownedTokenHttp;
        this.usage = usage;
    }

    /**
     * {@return a builder for {@code config}; {@link SalesforceCrmClientProvider#create} uses it with defaults}
     *
     * @param config the validated configuration
     */
    public static Builder builder(SalesforceConfig config) {
        return new Builder(config);
    }

    /** {@return the configuration this client was built from} */
    public SalesforceConfig config() {
        return config;
    }

    /**
     * The API usage from the {@code Sforce-Limit-Info} header of the latest response (success or error), or empty
     * before the first call.
     *
     * @return the latest API usage, or empty
     */
    public Optional<ApiUsage> rateLimitStatus() {
        return Optional.ofNullable(usage.get());
    }

    @Override
    protected void doClose() {
        http.close();
        if (ownedTokenHttp != null) {
            ownedTokenHttp.dispatcher().executorService().shutdown();
            ownedTokenHttp.connectionPool().evictAll();
        }
    }

    /** Builds a {@link SalesforceCrmClient}; everything but the config is optional. */
    public static final class Builder {
        private final SalesforceConfig config;
        private CrmClientOptions options = CrmClientOptions.defaults();
        private OkHttpClient okHttpClient;

        private Builder(SalesforceConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /**
         * The application's registries, clock and sleeper; default {@link CrmClientOptions#defaults()}. The clock drives
         * JWT expiry, order dates and response timestamps; the meter registry gets the {@code salesagent.crm.requests}
         * timer; the observation registry the {@code salesagent.crm.call} observation around each call (tracing); the
         * sleeper spends retry waits (tests inject one that records).
         *
         * @param options the shared options
         * @return this builder
         * @throws NullPointerException if {@code options} is null
         */
        public Builder options(CrmClientOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * A shared OkHttp client (connection pool); default one per client, closed with it.
         *
         * @param client the shared client
         * @return this builder
         */
        public Builder okHttpClient(OkHttpClient client) {
            this.okHttpClient = client;
            return this;
        }

        /**
         * @return a new client; close it to release its HTTP resources
         * @throws dev.salesagent.crm.CrmConfigurationException if the private key cannot be read
         */
        public SalesforceCrmClient build() {
            Clock clock = options.clock();
            String provider = SalesforceCrmClientProvider.ID;
            ObjectMapper json = CrmHttpClient.defaultObjectMapper();
            AtomicReference<ApiUsage> usage = new AtomicReference<>();
            java.util.function.Consumer<CrmResponse> observer = r -> r.header("Sforce-Limit-Info")
                    .flatMap(h -> ApiUsage.parse(h, r.receivedAt())).ifPresent(usage::set);
            SObjectMapper mapper = new SObjectMapper(new SObjectMapper.Settings(provider, config.contactKeyField(),
                    config.accountKeyField(), config.orderKeyField(), config.orderStatuses(), config.currency(),
                    config.multiCurrency(), config.fieldMappings(), config.defaultLastName()), json);

            OkHttpClient tokenHttp = (okHttpClient != null ? okHttpClient.newBuilder() : new OkHttpClient.Builder())
                    .connectTimeout(config.connectTimeout()).readTimeout(config.readTimeout()).build();
            AuthStrategy auth;
            Supplier<String> instanceUrl;
            if (config.authFlow() == SalesforceConfig.AuthFlow.ACCESS_TOKEN) {
                auth = AuthStrategy.bearer(config.accessToken());
                String base = config.baseUrl().orElseThrow().toString();
                instanceUrl = () -> base;
            } else {
                String login = config.loginUrl().toString();
                TokenSource source = config.authFlow() == SalesforceConfig.AuthFlow.JWT_BEARER
                        ? new JwtBearerTokenSource(provider, login, config.jwtAudience(), config.clientId(),
                                config.username(),
                                config.privateKeyPem(), tokenHttp, clock)
                        : OAuth2TokenSource.clientCredentials(login + "/services/oauth2/token", config.clientId(),
                                        config.clientSecret())
                                .providerId(provider).clientAuthentication(OAuth2TokenSource.ClientAuthentication.FORM)
                                .httpClient(tokenHttp).clock(clock).build();
                SessionAuth session = new SessionAuth(provider, new OAuth2TokenAuth(source, clock, Duration.ZERO));
                auth = session;
                instanceUrl = config.baseUrl().<Supplier<String>>map(u -> u::toString).orElse(session::instanceUrl);
            }
            SalesforceErrors errors = new SalesforceErrors(provider, mapper, json, observer);
            CrmHttpClient.Builder hb = CrmHttpClient.builder(provider).auth(auth).objectMapper(json)
                    .connectTimeout(config.connectTimeout()).readTimeout(config.readTimeout())
                    .retry(RetryPolicy.builder().maxAttempts(config.maxAttempts()).build())
                    .errorMapper(errors).options(options)
                    .userAgent("salesagent-crm-salesforce");
            if (okHttpClient != null) {
                hb.okHttpClient(okHttpClient);
            }
            CrmHttpClient http = hb.build();
            SalesforceRest rest = new SalesforceRest(provider, http, instanceUrl, config.apiVersion(),
                    config.queryBatchSize(), json, errors, clock, config.multiCurrency(),
                    config.allowNonUniqueKeyFields(), observer);
            return new SalesforceCrmClient(config, http, okHttpClient == null ? tokenHttp : null, usage,
                    SalesforceOperations.create(rest, mapper));
        }
    }
}
