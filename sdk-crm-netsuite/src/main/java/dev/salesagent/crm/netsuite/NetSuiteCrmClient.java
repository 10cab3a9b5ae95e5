package dev.salesagent.crm.netsuite;

import dev.salesagent.crm.spi.AbstractCrmClient;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.http.AuthStrategy;
import dev.salesagent.crm.http.CrmHttpClient;
import dev.salesagent.crm.http.OAuth2TokenAuth;
import dev.salesagent.crm.http.RetryPolicy;
import dev.salesagent.crm.netsuite.internal.client.M2mClientAssertion;
import dev.salesagent.crm.netsuite.internal.client.M2mTokenSource;
import dev.salesagent.crm.netsuite.internal.client.NetSuiteApi;
import dev.salesagent.crm.netsuite.internal.client.NetSuiteErrorMapper;
import dev.salesagent.crm.netsuite.internal.client.NetSuiteOperations;
import dev.salesagent.crm.netsuite.internal.client.TbaSignature;
import dev.salesagent.crm.netsuite.internal.client.TbaSigner;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import okhttp3.OkHttpClient;

/**
 * The NetSuite {@link dev.salesagent.crm.CrmClient} (provider id {@code netsuite}) over SuiteTalk REST web services:
 * the record API for writes and sales-order reads
 * (<a href="https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156335203191.html">upsert by
 * external id</a>), SuiteQL for finds, searches and changed-since
 * (<a href="https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157909186990.html">SuiteQL over
 * REST</a>); authentication per
 * <a href="https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/chapter_1540809676.html">Authentication
 * for REST Web Services</a>. Declares
 * every capability: contacts, accounts ({@code customer} companies), notes (completed {@code phoneCall}/{@code task}
 * activities), opportunities, sales orders (idempotent by external id), products (items), inventory and customer
 * credit.
 *
 * <p>All calls of one client share one {@link CrmHttpClient}: at most {@link NetSuiteConfig#maxConcurrentRequests()}
 * requests in flight (NetSuite's account concurrency limit; default 5), retries with back-off on 429 and
 * {@code SSS_REQUEST_LIMIT_EXCEEDED}, and with M2M a cached token refreshed before expiry and once after a 401.
 * Thread-safe; close it to release connections.
 *
 * <pre>{@code
 * NetSuiteConfig config = NetSuiteConfig.from(CrmConfig.fromEnvironment("SALESAGENT_CRM_NETSUITE_"));
 * try (NetSuiteCrmClient netsuite = NetSuiteCrmClient.create(config)) {
 *     UpsertResult<SalesOrder> order = netsuite.salesOrders().create(NewSalesOrder.builder()
 *             .customerId(customerId).idempotencyKey(runId + "/" + quoteId)
 *             .line(SalesOrderLine.ofSku("EB-100", BigDecimal.ONE, new BigDecimal("1999.00"))).build());
 * }
 * }</pre>
 */
public final class NetSuiteCrmClient extends AbstractCrmClient {

    private final CrmHttpClient http;
    private final OkHttpClient tokenHttp;

    private NetSuiteCrmClient(Operations operations, CrmHttpClient http, OkHttpClient tokenHttp) {
        super(NetSuiteConfig.PROVIDER_ID, operations);
        this.http = http;
        this.tokenHttp = tokenHttp;
    }

    /**
     * {@return a client with the system clock, default retry policy (attempts from the config) and no metrics}
     *
     * @param config the validated configuration
     */
    public static NetSuiteCrmClient create(NetSuiteConfig config) {
        return builder(config).build();
    }

    /**
     * {@return a builder for injecting a clock, metrics, observations or a retry policy}
     *
     * @param config the validated configuration
     */
    public static Builder builder(NetSuiteConfig config) {
        return new Builder(config);
    }

    @Override
    protected void doClose() {
        http.close();
        if (tokenHttp != null) {
            tokenHttp.dispatcher().executorService().shutdown();
            tokenHttp.connectionPool().evictAll();
        }
    }

    /** Builder of {@link NetSuiteCrmClient}. */
    public static final class Builder {
        private final NetSuiteConfig config;
        private CrmClientOptions options = CrmClientOptions.defaults();
        private RetryPolicy retryPolicy;
        private Executor batchExecutor;

        private Builder(NetSuiteConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /**
         * The application's registries, clock and sleeper; default {@link CrmClientOptions#defaults()}. The clock drives
         * token expiry, TBA timestamps and order dates; the meter registry gets the {@code salesagent.crm.requests}
         * timer; the observation registry the {@code salesagent.crm.call} observation around each call (tags
         * {@code provider}, {@code operation}); the sleeper spends retry waits.
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
         * Retry rules; default {@link RetryPolicy#defaults()} with {@link NetSuiteConfig#maxAttempts()}.
         *
         * @param policy the retry rules
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Runs the records of {@code upsertAll} in parallel on this executor (at most
         * {@link NetSuiteConfig#maxConcurrentRequests()} requests in flight still); default none: one after another on
         * the calling thread. Wrap it with {@code AiContext.wrap(executor)} to carry the caller's context.
         *
         * @param executor the executor for parallel batch items
         * @return this builder
         */
        public Builder batchExecutor(Executor executor) {
            this.batchExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Builds the client; no request is sent until the first operation.
         *
         * @return a thread-safe client; close it to release the HTTP pool
         */
        public NetSuiteCrmClient build() {
            Clock clock = options.clock();
            OkHttpClient tokenHttp = null;
            AuthStrategy auth;
            if (config.authType() == NetSuiteConfig.AuthType.M2M) {
                tokenHttp = new OkHttpClient.Builder().connectTimeout(config.connectTimeout())
                        .readTimeout(config.readTimeout()).build();
                M2mClientAssertion assertion = new M2mClientAssertion(config.clientId(), config.certificateId(),
                        config.privateKey(), config.tokenEndpoint(), clock);
                auth = new OAuth2TokenAuth(new M2mTokenSource(NetSuiteConfig.PROVIDER_ID, config.tokenEndpoint(),
                        assertion, tokenHttp, clock), clock, OAuth2TokenAuth.DEFAULT_REFRESH_SKEW);
            } else {
                auth = AuthStrategy.signing(new TbaSigner(new TbaSignature(config.consumerKey(),
                        config.consumerSecret(), config.tokenId(), config.tokenSecret(), config.realm()), clock));
            }
            CrmHttpClient.Builder hb = CrmHttpClient.builder(NetSuiteConfig.PROVIDER_ID)
                    .baseUrl(config.baseUrl().toString())
                    .auth(auth)
                    .connectTimeout(config.connectTimeout())
                    .readTimeout(config.readTimeout())
                    .retry(retryPolicy != null ? retryPolicy
                            : RetryPolicy.builder().maxAttempts(config.maxAttempts()).build())
                    .maxConcurrentRequests(config.maxConcurrentRequests())
                    .errorMapper(new NetSuiteErrorMapper())
                    .requestIdHeaders(List.of("X-N-OperationId"))
                    .options(options);
            CrmHttpClient http = hb.build();
            NetSuiteApi api = new NetSuiteApi(NetSuiteConfig.PROVIDER_ID, http);
            return new NetSuiteCrmClient(NetSuiteOperations.create(api, config, http.objectMapper(), clock,
                    batchExecutor), http, tokenHttp);
        }
    }
}
