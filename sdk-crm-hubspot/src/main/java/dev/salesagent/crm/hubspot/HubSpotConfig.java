package dev.salesagent.crm.hubspot;

import dev.salesagent.crm.CrmConfigurationException;
import dev.salesagent.crm.hubspot.internal.client.HubSpotPaths;
import dev.salesagent.crm.spi.CommonConfigKeys;
import dev.salesagent.crm.spi.ConfigKey;
import dev.salesagent.crm.spi.CrmConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Typed, validated view of the HubSpot provider's configuration keys (see {@link #keys()} and the module README).
 *
 * <p>Authentication is either a private-app {@code accessToken}, or OAuth with {@code clientId}, {@code clientSecret}
 * and {@code refreshToken} (the access token is fetched from {@code POST /oauth/v1/token}, refreshed before it
 * expires and once after a 401). Create with {@link #from(CrmConfig)}, which reports every problem at once.
 *
 * @see <a href="https://developers.hubspot.com/docs/apps/legacy-apps/private-apps/overview">Private apps</a>
 * @see <a href="https://developers.hubspot.com/docs/api/oauth/tokens">OAuth tokens</a>
 */
public final class HubSpotConfig {

    /** Provider id: {@code hubspot}. */
    public static final String PROVIDER_ID = "hubspot";
    /** HubSpot's API host. */
    public static final String DEFAULT_BASE_URL = "https://api.hubapi.com";

    /** Private app token (secret). */
    public static final String ACCESS_TOKEN = "accessToken";
    /** OAuth client id. */
    public static final String CLIENT_ID = "clientId";
    /** OAuth client secret (secret). */
    public static final String CLIENT_SECRET = "clientSecret";
    /** OAuth refresh token (secret). */
    public static final String REFRESH_TOKEN = "refreshToken";
    /** API base URL; default {@value #DEFAULT_BASE_URL}. Common key: {@link CommonConfigKeys#BASE_URL}. */
    public static final String BASE_URL = CommonConfigKeys.BASE_URL;
    /** {@code v3} (default) or a date version such as {@code 2026-03}. */
    public static final String API_VERSION = "apiVersion";
    /** App client secret for webhook signatures (secret). */
    public static final String APP_SECRET = "appSecret";
    /** Requests per rate-limit period; default 100. Common key: {@link CommonConfigKeys#RATE_LIMIT_REQUESTS}. */
    public static final String RATE_LIMIT_REQUESTS = CommonConfigKeys.RATE_LIMIT_REQUESTS;
    /** Rolling rate-limit window; default 10 s. Common key: {@link CommonConfigKeys#RATE_LIMIT_PERIOD}. */
    public static final String RATE_LIMIT_PERIOD = CommonConfigKeys.RATE_LIMIT_PERIOD;
    /** Requests per UTC day; default 250,000; 0 disables the client-side check. */
    public static final String DAILY_LIMIT = "dailyLimit";
    /** TCP connect timeout; default 10 s. Common key: {@link CommonConfigKeys#CONNECT_TIMEOUT}. */
    public static final String CONNECT_TIMEOUT = CommonConfigKeys.CONNECT_TIMEOUT;
    /** Read timeout; default 30 s. Common key: {@link CommonConfigKeys#READ_TIMEOUT}. */
    public static final String READ_TIMEOUT = CommonConfigKeys.READ_TIMEOUT;
    /** Attempts per call including the first; default 5. Common key: {@link CommonConfigKeys#MAX_ATTEMPTS}. */
    public static final String MAX_ATTEMPTS = CommonConfigKeys.MAX_ATTEMPTS;
    /** Deal stage cache lifetime; default 10 min. */
    public static final String PIPELINE_CACHE_TTL = "pipelineCacheTtl";
    /** ISO 4217 code of product prices and of deals without a currency; default USD. */
    public static final String CURRENCY = "currency";
    /**
     * Name of a custom company property with unique values that holds the normalised domain (e.g.
     * {@code salesagent_domain}); when set, companies are upserted and read by {@code idProperty} on it. Default: not
     * set (HubSpot's {@code domain} is not unique, so companies are matched by a domain search).
     */
    public static final String COMPANY_KEY_PROPERTY = "companyKeyProperty";
    /** Prefix of {@code properties.<contact|account|opportunity|note|product>}: extra properties read into customFields. */
    public static final String PROPERTIES_PREFIX = "properties.";

    /** HubSpot's defaults of the common HTTP keys: 10 s connect, 30 s read, 5 attempts. */
    private static final CommonConfigKeys.Defaults HTTP_DEFAULTS = CommonConfigKeys.Defaults.standard().withMaxAttempts(5);

    private static final List<ConfigKey> KEYS = Stream.of(List.of(
            ConfigKey.optionalSecret(ACCESS_TOKEN, "Private app access token (Bearer); required unless OAuth keys are set"),
            ConfigKey.optional(CLIENT_ID, "OAuth app client id (with clientSecret and refreshToken)", null),
            ConfigKey.optionalSecret(CLIENT_SECRET, "OAuth app client secret"),
            ConfigKey.optionalSecret(REFRESH_TOKEN, "OAuth refresh token of the installing account"),
            CommonConfigKeys.baseUrl("API base URL", DEFAULT_BASE_URL),
            ConfigKey.optional(API_VERSION, "v3 (/crm/v3/objects/...) or a date version like 2026-03 (/crm/objects/2026-03/...)", "v3"),
            ConfigKey.optionalSecret(APP_SECRET, "App client secret used to verify webhook signatures (v3)"),
            CommonConfigKeys.rateLimitRequests("Requests allowed per rateLimitPeriod (HubSpot: 100 per 10 s on Free/Starter, 190 on Professional/Enterprise)", 100),
            CommonConfigKeys.rateLimitPeriod(Duration.ofSeconds(10)),
            ConfigKey.optional(DAILY_LIMIT, "Requests per day before calls fail fast with a quota-exhausted CrmRateLimitException (HubSpot: 250,000 Free/Starter; 625,000 Professional; 1,000,000 Enterprise); 0 = not enforced client-side", "250000")),
            CommonConfigKeys.keys(HTTP_DEFAULTS), List.of(
            ConfigKey.optional(PIPELINE_CACHE_TTL, "How long deal pipeline stage names are cached", "10m"),
            ConfigKey.optional(COMPANY_KEY_PROPERTY, "Custom company property with unique values (hasUniqueValue) holding the normalised domain; companies are then upserted by idProperty on it instead of a domain search", null),
            ConfigKey.optional(CURRENCY, "ISO 4217 currency of products and of deals without deal_currency_code", "USD"),
            ConfigKey.optional("fieldMapping.<kind>.<field>", "Overrides the HubSpot property of one of our fields, e.g. fieldMapping.contact.title=job_function", null),
            ConfigKey.optional("properties.<kind>", "Comma-separated extra HubSpot properties to read into customFields, e.g. properties.contact=lifecyclestage", null)))
            .flatMap(List::stream).toList();

    private final CrmConfig raw;
    private final URI baseUrl;
    private final String apiVersion;
    private final int rateLimitRequests;
    private final Duration rateLimitPeriod;
    private final long dailyLimit;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxAttempts;
    private final Duration pipelineCacheTtl;
    private final String currency;

    private HubSpotConfig(CrmConfig raw) {
        this.raw = raw;
        CommonConfigKeys.HttpSettings http = CommonConfigKeys.http(raw, HTTP_DEFAULTS);
        this.baseUrl = http.baseUrl().orElse(URI.create(DEFAULT_BASE_URL));
        this.apiVersion = raw.get(API_VERSION).orElse("v3");
        this.rateLimitRequests = raw.getInt(RATE_LIMIT_REQUESTS, 100);
        this.rateLimitPeriod = raw.getDuration(RATE_LIMIT_PERIOD, Duration.ofSeconds(10));
        this.dailyLimit = raw.getLong(DAILY_LIMIT, 250_000);
        this.connectTimeout = http.connectTimeout();
        this.readTimeout = http.readTimeout();
        this.maxAttempts = http.maxAttempts();
        this.pipelineCacheTtl = raw.getDuration(PIPELINE_CACHE_TTL, Duration.ofMinutes(10));
        this.currency = raw.get(CURRENCY).orElse("USD");
    }

    /** {@return every key this provider reads (for documentation and {@link dev.salesagent.crm.spi.CrmClientProvider#configKeys()})} */
    public static List<ConfigKey> keys() {
        return KEYS;
    }

    /**
     * Validates and wraps a configuration.
     *
     * @param config the raw configuration (keys as documented)
     * @return the validated configuration
     * @throws CrmConfigurationException listing every missing or malformed key
     */
    public static HubSpotConfig from(CrmConfig config) {
        List<CrmConfig.Check> checks = new ArrayList<>(CommonConfigKeys.checks());
        checks.addAll(List.of(
                c -> c.get(API_VERSION).filter(v -> !HubSpotPaths.VERSION.matcher(v).matches())
                        .map(v -> "key '" + API_VERSION + "' must be v3 or a date version like 2026-03 but was '" + v + "'"),
                CommonConfigKeys.positiveInt(RATE_LIMIT_REQUESTS),
                CommonConfigKeys.positiveDuration(RATE_LIMIT_PERIOD),
                CommonConfigKeys.nonNegativeLong(DAILY_LIMIT),
                CommonConfigKeys.positiveDuration(PIPELINE_CACHE_TTL),
                c -> c.get(COMPANY_KEY_PROPERTY).filter(v -> !v.matches("[a-z][a-z0-9_]*"))
                        .map(v -> "key '" + COMPANY_KEY_PROPERTY + "' must be a HubSpot property name (lower case letters, digits, _) but was '" + v + "'"),
                c -> c.get(CURRENCY).filter(v -> !v.matches("[A-Z]{3}"))
                        .map(v -> "key '" + CURRENCY + "' must be an ISO 4217 code like USD but was '" + v + "'"),
                CrmConfig.Check.tokenOrOAuthRefresh(ACCESS_TOKEN, "private app token")));
        config.validate(PROVIDER_ID, KEYS, checks.toArray(CrmConfig.Check[]::new));
        return new HubSpotConfig(config);
    }

    /** {@return the raw configuration (secrets masked in its {@code toString()})} */
    public CrmConfig raw() {
        return raw;
    }

    /** {@return API base URL; default {@value #DEFAULT_BASE_URL}} */
    public URI baseUrl() {
        return baseUrl;
    }

    /** {@return the API version: {@code v3} (default) or a date version such as {@code 2026-03}} */
    public String apiVersion() {
        return apiVersion;
    }

    /** {@return the private app token, when that mode is configured} */
    public Optional<String> accessToken() {
        return raw.get(ACCESS_TOKEN);
    }

    /** {@return true when the OAuth refresh-token mode is configured} */
    public boolean usesOAuth() {
        return accessToken().isEmpty();
    }

    /** {@return OAuth client id (OAuth mode only)} */
    public Optional<String> clientId() {
        return raw.get(CLIENT_ID);
    }

    /** {@return OAuth client secret (OAuth mode only)} */
    public Optional<String> clientSecret() {
        return raw.get(CLIENT_SECRET);
    }

    /** {@return OAuth refresh token (OAuth mode only)} */
    public Optional<String> refreshToken() {
        return raw.get(REFRESH_TOKEN);
    }

    /** {@return app secret for {@link HubSpotWebhookVerifier}, when configured} */
    public Optional<String> appSecret() {
        return raw.get(APP_SECRET);
    }

    /** {@return requests per {@link #rateLimitPeriod()}; default 100} */
    public int rateLimitRequests() {
        return rateLimitRequests;
    }

    /** {@return window of the client-side rate limit; default 10 s} */
    public Duration rateLimitPeriod() {
        return rateLimitPeriod;
    }

    /** {@return requests per UTC day enforced client-side; default 250,000; 0 disables the client-side check} */
    public long dailyLimit() {
        return dailyLimit;
    }

    /** {@return the TCP connect timeout; default 10 s} */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** {@return the read timeout per attempt; default 30 s} */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** {@return attempts per call including the first; default 5} */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** {@return cache lifetime of deal pipeline stages; default 10 min} */
    public Duration pipelineCacheTtl() {
        return pipelineCacheTtl;
    }

    /** {@return ISO 4217 code for products and deals without {@code deal_currency_code}; default USD} */
    public String currency() {
        return currency;
    }

    /** {@return the unique company property holding the domain ({@value #COMPANY_KEY_PROPERTY}); empty by default} */
    public Optional<String> companyKeyProperty() {
        return raw.get(COMPANY_KEY_PROPERTY);
    }

    /** {@return field mappings ({@code fieldMapping.*} keys without the prefix)} */
    public Map<String, String> fieldMappings() {
        return raw.fieldMappings();
    }

    /**
     * {@return extra properties to read for {@code kind} ({@code contact}, {@code account}, {@code opportunity}, {@code note}, {@code product})}
     *
     * @param kind the record kind
     */
    public List<String> extraProperties(String kind) {
        return raw.get(PROPERTIES_PREFIX + kind)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    @Override
    public String toString() {
        return "HubSpotConfig" + raw;
    }
}
