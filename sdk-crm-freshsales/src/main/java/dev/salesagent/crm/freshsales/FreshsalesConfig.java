package dev.salesagent.crm.freshsales;

import dev.salesagent.crm.spi.CommonConfigKeys;
import dev.salesagent.crm.spi.ConfigKey;
import dev.salesagent.crm.spi.CrmConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Typed configuration of the {@code freshsales} provider.
 *
 * <p>Authentication is the user's API key, sent as {@code Authorization: Token token=<apiKey>}; requests go to the
 * bundle-specific host {@code https://<bundleAlias>.myfreshworks.com/crm/sales/api} (Profile Settings, API Settings
 * tab shows both). {@code baseUrl} overrides the host (older {@code https://<domain>.freshsales.io/api} accounts,
 * tests).
 *
 * @param apiKey                the user's API key (secret)
 * @param baseUrl               API root without trailing slash, e.g. {@code https://acme.myfreshworks.com/crm/sales/api}
 * @param http                  connect/read timeouts and attempts
 * @param rateLimitRequests     client-side requests per {@code rateLimitPeriod}
 * @param rateLimitPeriod       the window of {@code rateLimitRequests}
 * @param maxConcurrentRequests requests in flight per client
 * @param currency              ISO 4217 code reported for deal amounts (Freshsales amounts are in the account's base
 *                              currency)
 * @param stageCacheTtl         how long deal stages from {@code GET /selector/deal_stages} are cached
 * @see <a href="https://developers.freshworks.com/crm/api/#authentication">Freshworks CRM API: Authentication</a>
 * @see <a href="https://crmsupport.freshworks.com/support/solutions/articles/50000005599">API request limits</a>
 */
public record FreshsalesConfig(String apiKey, String baseUrl, CommonConfigKeys.HttpSettings http,
                               int rateLimitRequests, Duration rateLimitPeriod, int maxConcurrentRequests,
                               String currency, Duration stageCacheTtl) {

    /** Provider id: {@code freshsales}. */
    public static final String PROVIDER_ID = "freshsales";
    /** Key of the API key. */
    public static final String API_KEY = "apiKey";
    /** Key of the bundle alias (the host name part before {@code .myfreshworks.com}). */
    public static final String BUNDLE_ALIAS = "bundleAlias";
    /** Key of the reported deal currency. */
    public static final String CURRENCY = "currency";
    /** Key of the deal stage cache lifetime. */
    public static final String STAGE_CACHE_TTL = "stageCacheTtl";
    /** Default client-side limit: Freshsales allows 400 requests per minute per account on paid plans. */
    public static final int DEFAULT_RATE_LIMIT_REQUESTS = 400;
    /** Default client-side window: one minute. */
    public static final Duration DEFAULT_RATE_LIMIT_PERIOD = Duration.ofMinutes(1);
    /** Default requests in flight. */
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 8;
    /** Timeouts and attempts: the SDK standard (10 s, 30 s, 4 attempts). */
    public static final CommonConfigKeys.Defaults HTTP_DEFAULTS = CommonConfigKeys.Defaults.standard();

    private static final Pattern ALIAS = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /**
     * Validates the components and strips trailing slashes from {@code baseUrl}.
     *
     * @param apiKey                the user's API key (secret); not null
     * @param baseUrl               API root, e.g. {@code https://acme.myfreshworks.com/crm/sales/api}; not null
     * @param http                  connect/read timeouts and attempts; not null
     * @param rateLimitRequests     client-side requests per {@code rateLimitPeriod}
     * @param rateLimitPeriod       the window of {@code rateLimitRequests}; not null
     * @param maxConcurrentRequests requests in flight per client
     * @param currency              ISO 4217 code reported for deal amounts, e.g. {@code USD}; not null
     * @param stageCacheTtl         how long deal stages are cached; not null
     * @throws NullPointerException if an object component is null
     */
    public FreshsalesConfig {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(rateLimitPeriod, "rateLimitPeriod");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(stageCacheTtl, "stageCacheTtl");
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
    }

    /** {@return every key this provider reads, with its documentation} */
    public static List<ConfigKey> keys() {
        List<ConfigKey> keys = new ArrayList<>();
        keys.add(ConfigKey.secret(API_KEY, "Freshsales API key (Profile Settings > API Settings), sent as "
                + "'Authorization: Token token=<apiKey>'"));
        keys.add(ConfigKey.optional(BUNDLE_ALIAS, "Bundle alias of the CRM account (Profile Settings > API Settings); "
                + "the API host becomes https://<bundleAlias>.myfreshworks.com/crm/sales/api. Set this or baseUrl", null));
        keys.add(CommonConfigKeys.baseUrl("API root, e.g. https://acme.myfreshworks.com/crm/sales/api or "
                + "https://acme.freshsales.io/api; overrides bundleAlias", null));
        keys.addAll(CommonConfigKeys.keys(HTTP_DEFAULTS));
        keys.add(CommonConfigKeys.rateLimitRequests("Requests per rateLimitPeriod sent by one client (Freshsales: 400 "
                + "per minute and 1,000/1,000/2,000/5,000 per hour by plan, per account)", DEFAULT_RATE_LIMIT_REQUESTS));
        keys.add(CommonConfigKeys.rateLimitPeriod(DEFAULT_RATE_LIMIT_PERIOD));
        keys.add(CommonConfigKeys.maxConcurrentRequests(DEFAULT_MAX_CONCURRENT_REQUESTS));
        keys.add(ConfigKey.optional(CURRENCY, "ISO 4217 code reported for deal amounts (the account's base currency)",
                "USD"));
        keys.add(ConfigKey.optional(STAGE_CACHE_TTL, "How long deal stages are cached", "10m"));
        return List.copyOf(keys);
    }

    /**
     * Reads and validates {@code config}.
     *
     * @param config the raw {@code salesagent.crm.freshsales.*} keys (e.g. from properties or the environment)
     * @return the validated configuration, with defaults filled in and the base URL derived from
     *         {@code bundleAlias} when {@code baseUrl} is not set
     * @throws dev.salesagent.crm.CrmConfigurationException listing every missing or malformed key at once
     */
    public static FreshsalesConfig from(CrmConfig config) {
        List<CrmConfig.Check> checks = new ArrayList<>(CommonConfigKeys.checks());
        checks.add(CommonConfigKeys.positiveInt(CommonConfigKeys.RATE_LIMIT_REQUESTS));
        checks.add(CommonConfigKeys.positiveDuration(CommonConfigKeys.RATE_LIMIT_PERIOD));
        checks.add(CommonConfigKeys.positiveInt(CommonConfigKeys.MAX_CONCURRENT_REQUESTS));
        checks.add(CommonConfigKeys.positiveDuration(STAGE_CACHE_TTL));
        checks.add(c -> c.get(BUNDLE_ALIAS).isEmpty() && c.get(CommonConfigKeys.BASE_URL).isEmpty()
                ? Optional.of("missing key '" + BUNDLE_ALIAS + "' or '" + CommonConfigKeys.BASE_URL
                        + "' (the account's API host)") : Optional.empty());
        checks.add(c -> c.get(BUNDLE_ALIAS).filter(a -> !ALIAS.matcher(a.toLowerCase(Locale.ROOT)).matches())
                .map(a -> "key '" + BUNDLE_ALIAS + "' must be a host name label such as 'acme' but was '" + a + "'"));
        checks.add(c -> c.get(CURRENCY).filter(v -> !v.matches("[A-Z]{3}"))
                .map(v -> "key '" + CURRENCY + "' must be an ISO 4217 code such as 'USD' but was '" + v + "'"));
        config.validate(PROVIDER_ID, keys(), checks.toArray(CrmConfig.Check[]::new));
        CommonConfigKeys.HttpSettings http = CommonConfigKeys.http(config, HTTP_DEFAULTS);
        String baseUrl = http.baseUrl().map(Object::toString).orElseGet(() -> "https://"
                + config.require(BUNDLE_ALIAS).toLowerCase(Locale.ROOT) + ".myfreshworks.com/crm/sales/api");
        return new FreshsalesConfig(config.require(API_KEY), baseUrl, http,
                config.getInt(CommonConfigKeys.RATE_LIMIT_REQUESTS, DEFAULT_RATE_LIMIT_REQUESTS),
                config.getDuration(CommonConfigKeys.RATE_LIMIT_PERIOD, DEFAULT_RATE_LIMIT_PERIOD),
                config.getInt(CommonConfigKeys.MAX_CONCURRENT_REQUESTS, DEFAULT_MAX_CONCURRENT_REQUESTS),
                config.get(CURRENCY).orElse("USD"),
                config.getDuration(STAGE_CACHE_TTL, Duration.ofMinutes(10)));
    }

    /** Never prints the API key. */
    @Override
    public String toString() {
        return "FreshsalesConfig[baseUrl=" + baseUrl + ", apiKey=****, rateLimit=" + rateLimitRequests + "/"
                + rateLimitPeriod + "]";
    }
}
