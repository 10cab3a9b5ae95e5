package dev.salesagent.crm.hubspot;

import dev.salesagent.crm.spi.AbstractCrmClient;
import dev.salesagent.crm.CrmConfigurationException;
import dev.salesagent.crm.http.AuthStrategy;
import dev.salesagent.crm.http.CrmHttpClient;
import dev.salesagent.crm.http.OAuth2TokenAuth;
import dev.salesagent.crm.http.OAuth2TokenSource;
import dev.salesagent.crm.http.RetryPolicy;
import dev.salesagent.crm.hubspot.internal.client.CrmHttpTransport;
import dev.salesagent.crm.hubspot.internal.client.DailyQuota;
import dev.salesagent.crm.hubspot.internal.client.HubSpotApi;
import dev.salesagent.crm.hubspot.internal.client.HubSpotCompanies;
import dev.salesagent.crm.hubspot.internal.client.HubSpotContacts;
import dev.salesagent.crm.hubspot.internal.client.HubSpotDeals;
import dev.salesagent.crm.hubspot.internal.client.HubSpotErrors;
import dev.salesagent.crm.hubspot.internal.client.HubSpotNotes;
import dev.salesagent.crm.hubspot.internal.client.HubSpotPaths;
import dev.salesagent.crm.hubspot.internal.client.HubSpotProducts;
import dev.salesagent.crm.hubspot.internal.client.HubSpotRateLimitHeaders;
import dev.salesagent.crm.hubspot.internal.client.HubSpotTransport;
import dev.salesagent.crm.hubspot.internal.mapper.FieldMap;
import dev.salesagent.crm.hubspot.internal.mapper.ObjectKind;
import dev.salesagent.crm.hubspot.internal.mapper.RecordMapper;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.spi.CrmConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * {@link dev.salesagent.crm.CrmClient} for HubSpot: contacts, companies (accounts), deals (opportunities), notes and
 * products through HubSpot's CRM v3 (or date-versioned) object APIs, associations v4 and pipelines. Sales orders,
 * inventory and customer credit are not HubSpot capabilities: their accessors throw
 * {@link dev.salesagent.crm.UnsupportedCapabilityException}.
 *
 * <p>Calls go through the shared {@link CrmHttpClient}: bearer or OAuth (refreshed before expiry and once after a
 * 401), a client-side rate limit that never exceeds {@link HubSpotConfig#rateLimitRequests()} in any rolling
 * {@link HubSpotConfig#rateLimitPeriod()} (HubSpot's window rolls, so the period is split into sub-windows of
 * {@code floor(N / (k + 1))} permits), retries of 429 {@code TEN_SECONDLY_ROLLING} per {@code Retry-After} or the
 * {@code X-HubSpot-RateLimit-*} headers, fail-fast on 429 {@code DAILY}, and HubSpot's error JSON mapped to
 * {@link dev.salesagent.crm.CrmException} subclasses keeping {@code correlationId}. Thread-safe; close it to release
 * the HTTP pool.
 *
 * <pre>{@code
 * try (CrmClient crm = CrmClients.create("hubspot", CrmConfig.fromEnvironment("SALESAGENT_CRM_HUBSPOT_"))) {
 *   crm.contacts().upsert(Contact.builder().email("ada@example.com").firstName("Ada").build());
 * }
 * }</pre>
 *
 * @see <a href="https://developers.hubspot.com/docs/guides/api/crm/understanding-the-crm">HubSpot CRM API</a>
 */
public final class HubSpotCrmClient extends AbstractCrmClient {

    private final HubSpotConfig config;
    private final HubSpotTransport transport;

    private HubSpotCrmClient(HubSpotConfig config, HubSpotTransport transport, Operations operations) {
        super(HubSpotConfig.PROVIDER_ID, operations);
        this.config = config;
        this.transport = transport;
    }

    /**
     * A client with the system clock and default HTTP settings.
     *
     * @param config the raw configuration
     * @return a new client; close it to release its HTTP resources
     * @throws CrmConfigurationException if {@code config} is invalid
     */
    public static HubSpotCrmClient create(CrmConfig config) {
        return builder(HubSpotConfig.from(config)).build();
    }

    /**
     * {@return a builder for advanced wiring ({@link Builder#options options}: clock, metrics, observations, sleeper; HTTP client customisation)}
     *
     * @param config the validated configuration
     */
    public static Builder builder(HubSpotConfig config) {
        return new Builder(config);
    }

    /** {@return the configuration this client was built from} */
    public HubSpotConfig config() {
        return config;
    }

    /**
     * A webhook verifier for the configured {@code appSecret}.
     *
     * @return the verifier
     * @throws CrmConfigurationException if {@code appSecret} is not configured
     */
    public HubSpotWebhookVerifier webhookVerifier() {
        return HubSpotWebhookVerifier.of(config.appSecret().orElseThrow(() -> new CrmConfigurationException(
                HubSpotConfig.PROVIDER_ID, List.of("key '" + HubSpotConfig.APP_SECRET + "' is required to verify webhooks"))));
    }

    @Override
    protected void doClose() {
        transport.close();
    }

    private static Map<ObjectKind, FieldMap> fieldMaps(HubSpotConfig config) {
        Map<ObjectKind, FieldMap> maps = new EnumMap<>(ObjectKind.class);
        for (ObjectKind kind : ObjectKind.values()) {
            maps.put(kind, FieldMap.of(kind, config.fieldMappings(), config.extraProperties(kind.configName())));
        }
        return maps;
    }

    private static Operations operations(HubSpotConfig config, Map<ObjectKind, FieldMap> maps, HubSpotErrors errors,
            HubSpotTransport transport, Clock clock) {
        RecordMapper mapper = new RecordMapper(HubSpotConfig.PROVIDER_ID, maps, config.currency());
        HubSpotApi api = new HubSpotApi(transport, new HubSpotPaths(config.apiVersion()));
        HubSpotCompanies companies = new HubSpotCompanies(api, mapper, errors, config.companyKeyProperty().orElse(null));
        return Operations.builder()
                .contacts(new HubSpotContacts(api, mapper, errors, companies))
                .accounts(companies)
                .notes(new HubSpotNotes(api, mapper, errors, clock))
                .opportunities(new HubSpotDeals(api, mapper, errors, config.pipelineCacheTtl(), clock))
                .products(new HubSpotProducts(api, mapper))
                .build();
    }

    /** Error mapping with HubSpot property names in field errors turned into our field names. */
    private static HubSpotErrors errors(Map<ObjectKind, FieldMap> maps, Clock clock) {
        return new HubSpotErrors(HubSpotConfig.PROVIDER_ID, property -> {
            for (FieldMap m : maps.values()) {
                if (m.isMapped(property)) {
                    return m.field(property);
                }
            }
            return property;
        }, clock);
    }

    /** Builder of {@link HubSpotCrmClient}. */
    public static final class Builder {
        private final HubSpotConfig config;
        private CrmClientOptions options = CrmClientOptions.defaults();
        private UnaryOperator<CrmHttpClient.Builder> http = UnaryOperator.identity();

        private Builder(HubSpotConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /**
         * The application's registries, clock and sleeper; default {@link CrmClientOptions#defaults()}. The clock drives
         * note timestamps, token expiry, cache expiry and the daily quota; the meter registry gets the
         * {@value CrmHttpClient#METRIC_REQUESTS} timer (one sample per HTTP attempt, tags {@code provider},
         * {@code operation}, {@code outcome}, {@code status}); the observation registry the
         * {@value CrmHttpClient#OBSERVATION_CALL} observation around each call; the sleeper spends retry waits.
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
         * Adjusts the shared HTTP client after the adapter configured it (e.g. an OkHttp client or a PII redactor).
         * Runs last, so it can override any adapter setting.
         *
         * @param customizer receives the configured builder and returns the builder to use
         * @return this builder
         */
        public Builder customizeHttp(UnaryOperator<CrmHttpClient.Builder> customizer) {
            this.http = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /**
         * Builds the client; no request is sent until the first operation (OAuth tokens are fetched lazily).
         *
         * @return a thread-safe client; close it to release the HTTP pool
         */
        public HubSpotCrmClient build() {
            Clock clock = options.clock();
            String baseUrl = config.baseUrl().toString().replaceAll("/+$", "");
            Map<ObjectKind, FieldMap> maps = fieldMaps(config);
            HubSpotErrors errors = errors(maps, clock);
            int n = config.rateLimitRequests();
            int k = Math.max(1, Math.min(10, n - 1));
            int permits = Math.max(1, n / (k + 1));
            Duration window = config.rateLimitPeriod().dividedBy(k);
            CrmHttpClient.Builder b = CrmHttpClient.builder(HubSpotConfig.PROVIDER_ID)
                    .baseUrl(baseUrl)
                    .auth(auth(baseUrl, clock))
                    .connectTimeout(config.connectTimeout())
                    .readTimeout(config.readTimeout())
                    .retry(RetryPolicy.builder().maxAttempts(config.maxAttempts()).build())
                    .rateLimit(permits, window)
                    .errorMapper(new HubSpotErrorMapper(errors))
                    .rateLimitHeaders(new HubSpotRateLimitHeaders())
                    .options(options);
            CrmHttpClient httpClient = http.apply(b).build();
            HubSpotTransport transport = new CrmHttpTransport(httpClient,
                    new DailyQuota(HubSpotConfig.PROVIDER_ID, config.dailyLimit(), clock));
            return new HubSpotCrmClient(config, transport, operations(config, maps, errors, transport, clock));
        }

        private AuthStrategy auth(String baseUrl, Clock clock) {
            if (!config.usesOAuth()) {
                return AuthStrategy.bearer(config.accessToken().orElseThrow());
            }
            OAuth2TokenSource source = OAuth2TokenSource.refreshToken(baseUrl + HubSpotPaths.token(),
                            config.clientId().orElseThrow(), config.clientSecret().orElseThrow(), config.refreshToken().orElseThrow())
                    .providerId(HubSpotConfig.PROVIDER_ID)
                    .clientAuthentication(OAuth2TokenSource.ClientAuthentication.FORM)
                    .clock(clock)
                    .build();
            return new OAuth2TokenAuth(source, clock, OAuth2TokenAuth.DEFAULT_REFRESH_SKEW);
        }
    }
}
