package dev.salesagent.crm.pipedrive;

import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.salesagent.crm.CrmConfigurationException;
import dev.salesagent.crm.http.AuthStrategy;
import dev.salesagent.crm.http.CrmHttpClient;
import dev.salesagent.crm.http.OAuth2TokenAuth;
import dev.salesagent.crm.http.OAuth2TokenSource;
import dev.salesagent.crm.http.RetryPolicy;
import dev.salesagent.crm.pipedrive.internal.PipedriveApi;
import dev.salesagent.crm.pipedrive.internal.PipedriveDeals;
import dev.salesagent.crm.pipedrive.internal.PipedriveErrors;
import dev.salesagent.crm.pipedrive.internal.PipedriveNotes;
import dev.salesagent.crm.pipedrive.internal.PipedriveOrganizations;
import dev.salesagent.crm.pipedrive.internal.PipedrivePersons;
import dev.salesagent.crm.pipedrive.internal.PipedriveProducts;
import dev.salesagent.crm.spi.AbstractCrmClient;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.spi.CrmConfig;
import java.time.Clock;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * {@link dev.salesagent.crm.CrmClient} for Pipedrive: contacts (persons), accounts (organizations, when
 * {@code organizationDomainField} is configured), notes, opportunities (deals, with stage names) and products through
 * Pipedrive's REST API v2, and v1 for notes (v2 has none). Sales orders, inventory and customer credit are not Pipedrive
 * capabilities: their accessors throw {@link dev.salesagent.crm.UnsupportedCapabilityException}.
 *
 * <p>Calls go through the shared {@link CrmHttpClient}: the API token as header {@code x-api-token}, or OAuth 2.0 with a
 * refresh token (refreshed before expiry and once after a 401); a client-side limit of
 * {@link PipedriveConfig#rateLimitRequests()} per {@link PipedriveConfig#rateLimitPeriod()}; 429s retried after
 * {@code Retry-After} or, without it, {@code x-ratelimit-reset} when {@code x-ratelimit-remaining} is 0; an exhausted
 * daily budget ({@code x-daily-requests-left: 0}) fails fast. Thread-safe; close it to release the HTTP pool.
 *
 * <pre>{@code
 * try (CrmClient crm = CrmClients.create("pipedrive", CrmConfig.fromEnvironment("SALESAGENT_CRM_PIPEDRIVE_"))) {
 *   crm.contacts().upsert(Contact.builder().email("ada@example.com").firstName("Ada").build());
 * }
 * }</pre>
 *
 * @see <a href="https://developers.pipedrive.com/docs/api/v1">Pipedrive API reference</a>
 */
public final class PipedriveCrmClient extends AbstractCrmClient {

    private final PipedriveConfig config;
    private final CrmHttpClient http;

    private PipedriveCrmClient(PipedriveConfig config, CrmHttpClient http, Operations operations) {
        super(PipedriveConfig.PROVIDER_ID, operations);
        this.config = config;
        this.http = http;
    }

    /**
     * A client with default options.
     *
     * @param config the raw keys
     * @return a new client
     * @throws CrmConfigurationException if {@code config} is invalid
     */
    public static PipedriveCrmClient create(CrmConfig config) {
        return builder(PipedriveConfig.from(config)).build();
    }

    /**
     * A builder for advanced wiring.
     *
     * @param config the validated configuration
     * @return a new builder
     */
    public static Builder builder(PipedriveConfig config) {
        return new Builder(config);
    }

    /** {@return the configuration this client was built from} */
    public PipedriveConfig config() {
        return config;
    }

    @Override
    protected void doClose() {
        http.close();
    }

    /** Builder of {@link PipedriveCrmClient}. */
    public static final class Builder {
        private final PipedriveConfig config;
        private CrmClientOptions options = CrmClientOptions.defaults();
        private UnaryOperator<CrmHttpClient.Builder> customizer = UnaryOperator.identity();

        private Builder(PipedriveConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /**
         * The application's registries, clock and sleeper; default {@link CrmClientOptions#defaults()}. The clock
         * drives token expiry and the stage-name cache; the sleeper spends retry waits.
         *
         * @param options the options
         * @return this builder
         * @throws NullPointerException if {@code options} is null
         */
        public Builder options(CrmClientOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Adjusts the shared HTTP client after the adapter configured it (runs last, so it can override any setting).
         *
         * @param customizer applied to the configured builder
         * @return this builder
         */
        public Builder customizeHttp(UnaryOperator<CrmHttpClient.Builder> customizer) {
            this.customizer = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /**
         * Builds the client; no request is sent until the first operation.
         *
         * @return the client
         */
        public PipedriveCrmClient build() {
            Clock clock = options.clock();
            AuthStrategy auth;
            if (config.oauth()) {
                CrmConfig raw = config.raw();
                OAuth2TokenSource tokens = OAuth2TokenSource.refreshToken(config.tokenUrl(), raw.require(PipedriveConfig.CLIENT_ID),
                                raw.require(PipedriveConfig.CLIENT_SECRET), raw.require(PipedriveConfig.REFRESH_TOKEN))
                        .providerId(PipedriveConfig.PROVIDER_ID).clock(clock).build();
                auth = new OAuth2TokenAuth(tokens, clock, OAuth2TokenAuth.DEFAULT_REFRESH_SKEW);
            } else {
                String header = config.apiToken().orElseThrow();
                auth = request -> request.newBuilder().header("x-api-token", header).build();
            }
            CrmHttpClient.Builder b = CrmHttpClient.builder(PipedriveConfig.PROVIDER_ID)
                    .baseUrl(config.baseUrl().toString())
                    .auth(auth)
                    // money: read JSON decimals (deal value, product prices) as BigDecimal, never through double
                    .objectMapper(CrmHttpClient.defaultObjectMapper()
                            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS))
                    .connectTimeout(config.http().connectTimeout())
                    .readTimeout(config.http().readTimeout())
                    .retry(RetryPolicy.builder().maxAttempts(config.http().maxAttempts()).build())
                    .rateLimit(config.rateLimitRequests(), config.rateLimitPeriod())
                    .errorMapper(PipedriveErrors::map)
                    .rateLimitHeaders(PipedriveErrors::retryHint)
                    .options(options);
            CrmHttpClient http = customizer.apply(b).build();
            PipedriveApi api = new PipedriveApi(http, clock);
            PipedriveOrganizations organizations = config.organizationDomainField()
                    .map(key -> new PipedriveOrganizations(api, key, config.accountFieldMapping())).orElse(null);
            Operations.Builder ops = Operations.builder()
                    .contacts(new PipedrivePersons(api, organizations))
                    .notes(new PipedriveNotes(api))
                    .opportunities(new PipedriveDeals(api, config.stageCacheTtl(), clock))
                    .products(new PipedriveProducts(api, config.currency()));
            if (organizations != null) {
                ops.accounts(organizations);
            }
            return new PipedriveCrmClient(config, http, ops.build());
        }
    }
}
