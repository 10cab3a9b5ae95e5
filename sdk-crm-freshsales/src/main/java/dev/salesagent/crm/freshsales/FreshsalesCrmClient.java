package dev.salesagent.crm.freshsales;

import dev.salesagent.crm.CrmCapability;
import dev.salesagent.crm.http.AuthStrategy;
import dev.salesagent.crm.http.CrmHttpClient;
import dev.salesagent.crm.http.RetryPolicy;
import dev.salesagent.crm.spi.AbstractCrmClient;
import dev.salesagent.crm.spi.CrmClientOptions;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The Freshsales (Freshworks CRM) client: {@link CrmCapability#CONTACTS contacts}, {@link CrmCapability#ACCOUNTS
 * accounts} (sales accounts), {@link CrmCapability#NOTES notes} and {@link CrmCapability#OPPORTUNITIES opportunities}
 * (deals with stages). Sales orders, products, inventory and customer credit throw
 * {@link dev.salesagent.crm.UnsupportedCapabilityException}.
 *
 * <p>Every request carries {@code Authorization: Token token=<apiKey>} and goes through the shared
 * {@link CrmHttpClient}: client-side rate limit ({@code rateLimitRequests} per {@code rateLimitPeriod}, default 400
 * per minute), retries of 429/5xx/I-O failures honouring {@code Retry-After}, and {@link FreshsalesErrors} for error
 * bodies. Thread-safe.
 *
 * @see <a href="https://developers.freshworks.com/crm/api/">Freshworks CRM API</a>
 */
public final class FreshsalesCrmClient extends AbstractCrmClient {

    private final CrmHttpClient http;

    private FreshsalesCrmClient(CrmHttpClient http, FreshsalesConfig config, Clock clock) {
        this(http, new FreshsalesApi(http), config, clock);
    }

    private FreshsalesCrmClient(CrmHttpClient http, FreshsalesApi api, FreshsalesConfig config, Clock clock) {
        super(FreshsalesConfig.PROVIDER_ID, operations(api, config, clock));
        this.http = http;
    }

    private static Operations operations(FreshsalesApi api, FreshsalesConfig config, Clock clock) {
        FreshsalesAccounts accounts = new FreshsalesAccounts(api);
        return Operations.builder()
                .contacts(new FreshsalesContacts(api, accounts))
                .accounts(accounts)
                .notes(new FreshsalesNotes(api))
                .opportunities(new FreshsalesDeals(api, new DealStages(api, clock, config.stageCacheTtl()),
                        config.currency()))
                .build();
    }

    /**
     * A builder for {@code config}.
     *
     * @param config the validated configuration ({@link FreshsalesConfig#from})
     * @return a builder with default options
     */
    public static Builder builder(FreshsalesConfig config) {
        return new Builder(config);
    }

    /** The {@code Authorization: Token token=<apiKey>} strategy Freshsales documents. */
    static AuthStrategy tokenAuth(String apiKey) {
        String header = "Token token=" + Objects.requireNonNull(apiKey, "apiKey");
        return new AuthStrategy() {
            @Override
            public okhttp3.Request authorize(okhttp3.Request request) {
                return request.newBuilder().header("Authorization", header).build();
            }

            @Override
            public String toString() {
                return "AuthStrategy.freshsalesToken(****)";
            }
        };
    }

    @Override
    protected void doClose() {
        http.close();
    }

    /** Builds a {@link FreshsalesCrmClient}. */
    public static final class Builder {
        private final FreshsalesConfig config;
        private CrmClientOptions options = CrmClientOptions.defaults();
        private Consumer<CrmHttpClient.Builder> customizer = b -> { };

        private Builder(FreshsalesConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /**
         * The application's meter and observation registries, clock (deal stage cache, {@code Retry-After} dates)
         * and sleeper.
         *
         * @param options the options; not {@code null}
         * @return this builder
         */
        public Builder options(CrmClientOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Last-word changes to the shared HTTP client builder (tests, proxies), applied after the configuration.
         *
         * @param customizer called once with the configured builder
         * @return this builder
         */
        public Builder customizeHttp(Consumer<CrmHttpClient.Builder> customizer) {
            this.customizer = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /**
         * The client.
         *
         * @return a new client owning its HTTP resources (close it)
         */
        public FreshsalesCrmClient build() {
            CrmHttpClient.Builder b = CrmHttpClient.builder(FreshsalesConfig.PROVIDER_ID)
                    .baseUrl(config.baseUrl())
                    .auth(tokenAuth(config.apiKey()))
                    .connectTimeout(config.http().connectTimeout())
                    .readTimeout(config.http().readTimeout())
                    .retry(RetryPolicy.builder().maxAttempts(config.http().maxAttempts()).build())
                    .rateLimit(config.rateLimitRequests(), config.rateLimitPeriod())
                    .maxConcurrentRequests(config.maxConcurrentRequests())
                    .errorMapper(FreshsalesErrors::map)
                    .options(options);
            customizer.accept(b);
            return new FreshsalesCrmClient(b.build(), config, options.clock());
        }
    }
}
