package dev.salesagent.crm.close;

import dev.salesagent.crm.close.internal.CloseApi;
import dev.salesagent.crm.close.internal.CloseApiKeyAuth;
import dev.salesagent.crm.close.internal.CloseContacts;
import dev.salesagent.crm.close.internal.CloseErrors;
import dev.salesagent.crm.close.internal.CloseLeads;
import dev.salesagent.crm.close.internal.CloseNotes;
import dev.salesagent.crm.close.internal.CloseOpportunities;
import dev.salesagent.crm.http.CrmHttpClient;
import dev.salesagent.crm.http.RetryPolicy;
import dev.salesagent.crm.spi.AbstractCrmClient;
import dev.salesagent.crm.spi.CrmClientOptions;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * A {@link dev.salesagent.crm.CrmClient} for Close (<a href="https://developer.close.com/api">Close REST API v1</a>,
 * base {@code https://api.close.com/api/v1}, API key over HTTP Basic). Capabilities: contacts, accounts (Close leads),
 * notes (note activities on leads and contacts) and opportunities (stage = opportunity status label). Close has no
 * products, orders, inventory or credit: those accessors throw
 * {@link dev.salesagent.crm.UnsupportedCapabilityException}.
 *
 * <p>Every call goes through the shared {@link CrmHttpClient}: retries with backoff, Close's 429 waits
 * ({@code Retry-After}, the body's {@code rate_reset}, the {@code RateLimit} header's {@code reset}), optional
 * client-side rate limit, metrics and redacted logs. Thread-safe; close it to release the connection pool.
 */
public final class CloseCrmClient extends AbstractCrmClient {

    private final CrmHttpClient http;

    private CloseCrmClient(CrmHttpClient http, CloseApi api) {
        super(CloseConfig.PROVIDER_ID, build(api));
        this.http = http;
    }

    private static Operations build(CloseApi api) {
        CloseLeads leads = new CloseLeads(api);
        return Operations.builder()
                .contacts(new CloseContacts(api, leads))
                .accounts(leads)
                .notes(new CloseNotes(api))
                .opportunities(new CloseOpportunities(api))
                .build();
    }

    /**
     * {@return a builder for a client with {@code config}}
     *
     * @param config the validated configuration, e.g. from {@link CloseConfig#from}
     */
    public static Builder builder(CloseConfig config) {
        return new Builder(config);
    }

    @Override
    protected void doClose() {
        http.close();
    }

    /** Builder of {@link CloseCrmClient}: the configuration plus the application's options. */
    public static final class Builder {
        private final CloseConfig config;
        private CrmClientOptions options = CrmClientOptions.defaults();
        private OkHttpClient okHttpClient;
        private RetryPolicy retryPolicy;

        private Builder(CloseConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /**
         * Meter and observation registries, clock and sleeper; default {@link CrmClientOptions#defaults()}.
         *
         * @param options the application's registries, clock and sleeper; not null
         * @return this builder
         */
        public Builder options(CrmClientOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * A shared OkHttp client to derive from (its pool stays open on {@link #close()}); default: own client.
         *
         * @param client the application's shared client, or null for a client of the adapter's own
         * @return this builder
         */
        public Builder okHttpClient(OkHttpClient client) {
            this.okHttpClient = client;
            return this;
        }

        /**
         * Retry rules; default {@link RetryPolicy#defaults()} with {@code maxAttempts} from the configuration.
         *
         * @param policy the retry rules (attempts, backoff, {@code Retry-After}), or null for the default
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = policy;
            return this;
        }

        /** {@return a new client; no request is sent until the first operation} */
        public CloseCrmClient build() {
            CrmHttpClient.Builder b = CrmHttpClient.builder(CloseConfig.PROVIDER_ID)
                    .baseUrl(config.baseUrl().toString())
                    .auth(new CloseApiKeyAuth(config.apiKey()))
                    .connectTimeout(config.http().connectTimeout())
                    .readTimeout(config.http().readTimeout())
                    .retry(retryPolicy != null ? retryPolicy
                            : RetryPolicy.builder().maxAttempts(config.http().maxAttempts()).build())
                    .errorMapper(CloseErrors::map)
                    .rateLimitHeaders(CloseErrors::retryHint)
                    .options(options);
            if (config.rateLimitRequests() > 0) {
                b.rateLimit(config.rateLimitRequests(), config.rateLimitPeriod());
            }
            if (okHttpClient != null) {
                b.okHttpClient(okHttpClient);
            }
            CrmHttpClient http = b.build();
            return new CloseCrmClient(http, new CloseApi(http, config, options.clock()));
        }
    }
}
