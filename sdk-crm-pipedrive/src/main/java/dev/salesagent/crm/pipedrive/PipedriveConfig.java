package dev.salesagent.crm.pipedrive;

import dev.salesagent.crm.CrmConfigurationException;
import dev.salesagent.crm.spi.CommonConfigKeys;
import dev.salesagent.crm.spi.ConfigKey;
import dev.salesagent.crm.spi.CrmConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Typed, validated view of the {@code pipedrive} provider's configuration.
 *
 * <p>Authentication, as Pipedrive documents it
 * (<a href="https://pipedrive.readme.io/docs/core-api-concepts-authentication">authentication</a>): either
 * {@code apiToken} (sent as header {@code x-api-token}) or the OAuth 2.0 keys {@code clientId}, {@code clientSecret} and
 * {@code refreshToken} (access tokens from {@code POST https://oauth.pipedrive.com/oauth/token},
 * {@code grant_type=refresh_token}, client credentials as HTTP Basic; sent as {@code Authorization: Bearer}).
 * The API host is {@code https://<companyDomain>.pipedrive.com} unless {@code baseUrl} is set.
 *
 * <p>Pipedrive organizations have no domain field: {@code organizationDomainField} names the organization custom field
 * (its 40-character key) that holds the normalised domain. Without it the client does not declare
 * {@link dev.salesagent.crm.CrmCapability#ACCOUNTS}.
 */
public final class PipedriveConfig {

    /** The provider id. */
    public static final String PROVIDER_ID = "pipedrive";
    /** Key: API token of a user (secret). */
    public static final String API_TOKEN = "apiToken";
    /** Key: OAuth app client id. */
    public static final String CLIENT_ID = "clientId";
    /** Key: OAuth app client secret (secret). */
    public static final String CLIENT_SECRET = "clientSecret";
    /** Key: OAuth refresh token of the installing user (secret). */
    public static final String REFRESH_TOKEN = "refreshToken";
    /** Key: OAuth token endpoint; default {@value #DEFAULT_TOKEN_URL}. */
    public static final String TOKEN_URL = "tokenUrl";
    /** Key: the company domain, the {@code acme} of {@code https://acme.pipedrive.com}. */
    public static final String COMPANY_DOMAIN = "companyDomain";
    /** Key: the organization custom field key holding the normalised domain. */
    public static final String ORGANIZATION_DOMAIN_FIELD = "organizationDomainField";
    /** Key: how long deal stage names from {@code GET /api/v2/stages} are cached; default 10 minutes. */
    public static final String STAGE_CACHE_TTL = "stageCacheTtl";
    /** Key: ISO 4217 currency of product prices read; default {@code USD}. */
    public static final String CURRENCY = "currency";
    /** Pipedrive's OAuth token endpoint. */
    public static final String DEFAULT_TOKEN_URL = "https://oauth.pipedrive.com/oauth/token";
    /** Our fields of an account that may be mapped to organization custom fields with {@code fieldMapping.account.<field>}. */
    public static final List<String> MAPPABLE_ACCOUNT_FIELDS = List.of("industry", "employees", "annualRevenue", "phone");

    private static final Pattern COMPANY_DOMAIN_PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern FIELD_KEY = Pattern.compile("[a-z0-9_]{1,64}");
    private static final CommonConfigKeys.Defaults HTTP_DEFAULTS = CommonConfigKeys.Defaults.standard();

    private static final List<ConfigKey> KEYS = Stream.of(List.of(
            ConfigKey.optionalSecret(API_TOKEN, "Pipedrive API token (header x-api-token); required unless the OAuth keys are set"),
            ConfigKey.optional(CLIENT_ID, "OAuth app client id (with clientSecret and refreshToken)", null),
            ConfigKey.optionalSecret(CLIENT_SECRET, "OAuth app client secret"),
            ConfigKey.optionalSecret(REFRESH_TOKEN, "OAuth refresh token of the installing user"),
            ConfigKey.optional(TOKEN_URL, "OAuth token endpoint", DEFAULT_TOKEN_URL),
            ConfigKey.optional(COMPANY_DOMAIN, "Company domain: acme for https://acme.pipedrive.com (required unless baseUrl is set)", null),
            CommonConfigKeys.baseUrl("API host; overrides companyDomain (with OAuth: the api_domain of the token answer)", null),
            ConfigKey.optional(ORGANIZATION_DOMAIN_FIELD, "Key of the organization custom field (text) holding the normalised domain; without it accounts are not supported", null),
            CommonConfigKeys.rateLimitRequests("Requests per rateLimitPeriod (Pipedrive, per api_token: 20 Essential, 40 Advanced, 80 Professional, 120 Enterprise per 2 s)", 20),
            CommonConfigKeys.rateLimitPeriod(Duration.ofSeconds(2)),
            ConfigKey.optional(STAGE_CACHE_TTL, "How long deal stage names are cached", "10m"),
            ConfigKey.optional(CURRENCY, "ISO 4217 currency of product prices and deals read", "USD"),
            ConfigKey.optional("fieldMapping.account.<field>", "Organization custom field key for industry, employees, annualRevenue or phone", null)),
            CommonConfigKeys.keys(HTTP_DEFAULTS))
            .flatMap(List::stream).toList();

    private final CrmConfig raw;
    private final URI baseUrl;
    private final CommonConfigKeys.HttpSettings http;
    private final int rateLimitRequests;
    private final Duration rateLimitPeriod;
    private final Duration stageCacheTtl;
    private final String currency;

    private PipedriveConfig(CrmConfig raw) {
        this.raw = raw;
        this.http = CommonConfigKeys.http(raw, HTTP_DEFAULTS);
        this.baseUrl = http.baseUrl().orElseGet(() -> URI.create("https://" + raw.require(COMPANY_DOMAIN) + ".pipedrive.com"));
        this.rateLimitRequests = raw.getInt(CommonConfigKeys.RATE_LIMIT_REQUESTS, 20);
        this.rateLimitPeriod = raw.getDuration(CommonConfigKeys.RATE_LIMIT_PERIOD, Duration.ofSeconds(2));
        this.stageCacheTtl = raw.getDuration(STAGE_CACHE_TTL, Duration.ofMinutes(10));
        this.currency = raw.get(CURRENCY).orElse("USD");
    }

    /** {@return every key this provider reads} */
    public static List<ConfigKey> keys() {
        return KEYS;
    }

    /**
     * Validates and wraps a configuration.
     *
     * @param config the raw keys
     * @return the typed view
     * @throws CrmConfigurationException listing every missing or malformed key at once
     */
    public static PipedriveConfig from(CrmConfig config) {
        List<CrmConfig.Check> checks = new ArrayList<>(CommonConfigKeys.checks());
        checks.addAll(List.of(
                CommonConfigKeys.positiveInt(CommonConfigKeys.RATE_LIMIT_REQUESTS),
                CommonConfigKeys.positiveDuration(CommonConfigKeys.RATE_LIMIT_PERIOD),
                CommonConfigKeys.positiveDuration(STAGE_CACHE_TTL),
                CrmConfig.Check.uri(TOKEN_URL),
                c -> c.get(COMPANY_DOMAIN).filter(v -> !COMPANY_DOMAIN_PATTERN.matcher(v).matches())
                        .map(v -> "key '" + COMPANY_DOMAIN + "' must be the sub-domain only (like acme for acme.pipedrive.com) but was '" + v + "'"),
                c -> c.get(COMPANY_DOMAIN).isEmpty() && c.get(CommonConfigKeys.BASE_URL).isEmpty()
                        ? Optional.of("missing host: set '" + COMPANY_DOMAIN + "' (acme for https://acme.pipedrive.com) or '" + CommonConfigKeys.BASE_URL + "'")
                        : Optional.empty(),
                c -> c.get(ORGANIZATION_DOMAIN_FIELD).filter(v -> !FIELD_KEY.matcher(v).matches())
                        .map(v -> "key '" + ORGANIZATION_DOMAIN_FIELD + "' must be a Pipedrive field key (lower-case letters, digits, _) but was '" + v + "'"),
                c -> c.get(CURRENCY).filter(v -> !v.matches("[A-Z]{3}"))
                        .map(v -> "key '" + CURRENCY + "' must be an ISO 4217 code like USD but was '" + v + "'"),
                PipedriveConfig::mappingProblem,
                CrmConfig.Check.tokenOrOAuthRefresh(API_TOKEN, null)));
        config.validate(PROVIDER_ID, KEYS, checks.toArray(CrmConfig.Check[]::new));
        return new PipedriveConfig(config);
    }

    private static Optional<String> mappingProblem(CrmConfig c) {
        List<String> bad = new ArrayList<>();
        c.fieldMappings().forEach((k, v) -> {
            String field = k.startsWith("account.") ? k.substring("account.".length()) : null;
            if (field == null || !MAPPABLE_ACCOUNT_FIELDS.contains(field)) {
                bad.add("key 'fieldMapping." + k + "' is not supported (use fieldMapping.account.<" + String.join("|", MAPPABLE_ACCOUNT_FIELDS) + ">)");
            } else if (!FIELD_KEY.matcher(v).matches()) {
                bad.add("key 'fieldMapping." + k + "' must be a Pipedrive field key but was '" + v + "'");
            }
        });
        return bad.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", bad));
    }

    /** {@return the raw configuration (secrets masked in its {@code toString()})} */
    public CrmConfig raw() {
        return raw;
    }

    /** {@return the API host, e.g. {@code https://acme.pipedrive.com}; paths {@code /api/v2/...} and {@code /api/v1/...} are appended} */
    public URI baseUrl() {
        return baseUrl;
    }

    /** {@return the API token, or empty when OAuth is configured} */
    public Optional<String> apiToken() {
        return raw.get(API_TOKEN);
    }

    /** {@return whether OAuth 2.0 (refresh token) is configured} */
    public boolean oauth() {
        return apiToken().isEmpty();
    }

    /** {@return the OAuth token endpoint (default {@value #DEFAULT_TOKEN_URL})} */
    public String tokenUrl() {
        return raw.get(TOKEN_URL).orElse(DEFAULT_TOKEN_URL);
    }

    /** {@return the organization custom field key holding the domain, or empty (then accounts are not supported)} */
    public Optional<String> organizationDomainField() {
        return raw.get(ORGANIZATION_DOMAIN_FIELD);
    }

    /** {@return organization custom field keys for our account fields ({@code industry} to key, ...); never {@code null}} */
    public Map<String, String> accountFieldMapping() {
        Map<String, String> m = new java.util.TreeMap<>();
        raw.fieldMappings().forEach((k, v) -> m.put(k.substring("account.".length()), v));
        return Map.copyOf(m);
    }

    /** {@return connect/read timeouts and attempts (defaults 10 s, 30 s, 4)} */
    public CommonConfigKeys.HttpSettings http() {
        return http;
    }

    /** {@return requests allowed per {@link #rateLimitPeriod()} client-side (default 20, Pipedrive Essential)} */
    public int rateLimitRequests() {
        return rateLimitRequests;
    }

    /** {@return the rate-limit window (default 2 s, Pipedrive's window)} */
    public Duration rateLimitPeriod() {
        return rateLimitPeriod;
    }

    /** {@return how long stage names are cached (default 10 minutes)} */
    public Duration stageCacheTtl() {
        return stageCacheTtl;
    }

    /** {@return ISO 4217 currency whose product price is read (default USD)} */
    public String currency() {
        return currency;
    }

    @Override
    public String toString() {
        return "PipedriveConfig" + raw;
    }
}
