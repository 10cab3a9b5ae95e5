package dev.salesagent.crm.close;

import dev.salesagent.crm.spi.CommonConfigKeys;
import dev.salesagent.crm.spi.ConfigKey;
import dev.salesagent.crm.spi.CrmConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Typed, validated configuration of the {@code close} provider (keys in {@link #keys()}).
 *
 * <p>Authentication is Close's API key sent as the HTTP Basic user name with an empty password
 * (<a href="https://developer.close.com/api/overview/api-key-authentication">Authentication with API keys</a>).
 * Close leads have no industry, employee, revenue or phone fields: map them to lead custom fields with
 * {@code fieldMapping.account.<field>=cf_...} (the custom field id, see
 * <a href="https://developer.close.com/api/resources/custom-fields">Custom Fields</a>); unmapped, they are not written.
 *
 * @param apiKey             the API key (secret)
 * @param http               base URL (default {@value #DEFAULT_BASE_URL}), timeouts and attempts
 * @param rateLimitRequests  client-side requests per {@code rateLimitPeriod}; {@code 0} = off (Close's own 429s are
 *                           honoured either way)
 * @param rateLimitPeriod    window of {@code rateLimitRequests}
 * @param statusCacheTtl     how long the opportunity statuses ({@code GET /status/opportunity/}) are cached
 * @param emailType          Close e-mail {@code type} written for new contacts ({@code office} by default)
 * @param accountCustomFields our account field ({@code industry}, {@code employees}, {@code annualRevenue},
 *                           {@code phone}) to the Close lead custom field id ({@code cf_...}); unmodifiable
 */
public record CloseConfig(String apiKey, CommonConfigKeys.HttpSettings http, int rateLimitRequests,
                          Duration rateLimitPeriod, Duration statusCacheTtl, String emailType,
                          Map<String, String> accountCustomFields) {

    /** The provider id, {@value}. */
    public static final String PROVIDER_ID = "close";
    /** Close's API base, {@value}. */
    public static final String DEFAULT_BASE_URL = "https://api.close.com/api/v1";
    /** Key of the API key. */
    public static final String API_KEY = "apiKey";
    /** Key of the opportunity status cache lifetime. */
    public static final String STATUS_CACHE_TTL = "statusCacheTtl";
    /** Key of the e-mail type of new contacts. */
    public static final String EMAIL_TYPE = "emailType";
    /** Account fields that can be mapped to a lead custom field with {@code fieldMapping.account.<field>}. */
    public static final Set<String> MAPPABLE_ACCOUNT_FIELDS = Set.of("industry", "employees", "annualRevenue", "phone");
    /** Close e-mail types ({@code emails[].type}) of the contact API. */
    public static final List<String> EMAIL_TYPES = List.of("office", "home", "direct", "mobile", "fax", "other");

    static final CommonConfigKeys.Defaults HTTP = CommonConfigKeys.Defaults.standard();

    private static final List<ConfigKey> KEYS = Stream.of(List.of(
                    ConfigKey.secret(API_KEY, "Close API key (Settings > Developer > API Keys), sent as the HTTP Basic "
                            + "user name with an empty password"),
                    CommonConfigKeys.baseUrl("Close API base URL", DEFAULT_BASE_URL),
                    CommonConfigKeys.rateLimitRequests("Client-side requests per rateLimitPeriod; 0 = off (Close "
                            + "limits per endpoint group and API key and answers 429 with rate_reset)", 0),
                    CommonConfigKeys.rateLimitPeriod(Duration.ofSeconds(1)),
                    ConfigKey.optional(STATUS_CACHE_TTL, "How long opportunity statuses (stage labels) are cached", "10m"),
                    ConfigKey.optional(EMAIL_TYPE, "Close e-mail type of new contacts' addresses " + EMAIL_TYPES, "office"),
                    ConfigKey.optional("fieldMapping.account.<field>", "Lead custom field id (cf_...) holding an "
                            + "account field: industry, employees, annualRevenue or phone", null)),
            CommonConfigKeys.keys(HTTP)).flatMap(List::stream).toList();

    /**
     * Validates the components and copies the map.
     *
     * @param apiKey              the API key (secret); not null
     * @param http                base URL, timeouts and attempts; not null
     * @param rateLimitRequests   client-side requests per {@code rateLimitPeriod}; {@code 0} = off
     * @param rateLimitPeriod     window of {@code rateLimitRequests}; not null
     * @param statusCacheTtl      how long the opportunity statuses are cached; not null
     * @param emailType           Close e-mail {@code type} written for new contacts, one of {@link #EMAIL_TYPES}; not
     *                            null
     * @param accountCustomFields our account field to the Close lead custom field id ({@code cf_...}); copied
     * @throws NullPointerException if a component other than {@code rateLimitRequests} is null
     */
    public CloseConfig {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(rateLimitPeriod, "rateLimitPeriod");
        Objects.requireNonNull(statusCacheTtl, "statusCacheTtl");
        Objects.requireNonNull(emailType, "emailType");
        accountCustomFields = Collections.unmodifiableMap(new LinkedHashMap<>(accountCustomFields));
    }

    /** {@return the documented keys (for {@code CrmClientProvider#configKeys()})} */
    public static List<ConfigKey> keys() {
        return KEYS;
    }

    /** {@return the base URL, default {@value #DEFAULT_BASE_URL}} */
    public URI baseUrl() {
        return http.baseUrl().orElse(URI.create(DEFAULT_BASE_URL));
    }

    /**
     * {@return the Close custom field id mapped to one of our account fields, if any}
     *
     * @param field our account field: {@code industry}, {@code employees}, {@code annualRevenue} or {@code phone}
     */
    public Optional<String> accountCustomField(String field) {
        return Optional.ofNullable(accountCustomFields.get(field));
    }

    /**
     * Reads and validates a configuration, reporting every problem at once.
     *
     * @param config the raw {@code salesagent.crm.close.*} keys (e.g. from properties or the environment)
     * @return the validated configuration, with defaults filled in
     * @throws dev.salesagent.crm.CrmConfigurationException naming each missing or malformed key and its value
     */
    public static CloseConfig from(CrmConfig config) {
        List<CrmConfig.Check> checks = new ArrayList<>(CommonConfigKeys.checks());
        checks.add(CommonConfigKeys.nonNegativeLong(CommonConfigKeys.RATE_LIMIT_REQUESTS));
        checks.add(CommonConfigKeys.positiveDuration(CommonConfigKeys.RATE_LIMIT_PERIOD));
        checks.add(CommonConfigKeys.positiveDuration(STATUS_CACHE_TTL));
        checks.add(CrmConfig.Check.oneOf(EMAIL_TYPE, EMAIL_TYPES.toArray(String[]::new)));
        checks.add(CloseConfig::mappingProblems);
        config.validate(PROVIDER_ID, KEYS.stream().filter(k -> !k.name().startsWith("fieldMapping.")).toList(),
                checks.toArray(CrmConfig.Check[]::new));
        Map<String, String> custom = new LinkedHashMap<>();
        config.fieldMappings().forEach((k, v) -> {
            if (k.startsWith("account.")) {
                custom.put(k.substring("account.".length()), v);
            }
        });
        return new CloseConfig(config.require(API_KEY), CommonConfigKeys.http(config, HTTP),
                config.getInt(CommonConfigKeys.RATE_LIMIT_REQUESTS, 0),
                config.getDuration(CommonConfigKeys.RATE_LIMIT_PERIOD, Duration.ofSeconds(1)),
                config.getDuration(STATUS_CACHE_TTL, Duration.ofMinutes(10)),
                config.get(EMAIL_TYPE).orElse("office"), custom);
    }

    private static Optional<String> mappingProblems(CrmConfig config) {
        List<String> problems = new ArrayList<>();
        config.fieldMappings().forEach((k, v) -> {
            String field = k.startsWith("account.") ? k.substring("account.".length()) : null;
            if (field == null || !MAPPABLE_ACCOUNT_FIELDS.contains(field)) {
                problems.add("key 'fieldMapping." + k + "' is not supported: Close custom fields can hold the account "
                        + "fields " + new java.util.TreeSet<>(MAPPABLE_ACCOUNT_FIELDS) + " (fieldMapping.account.<field>)");
            } else if (!v.startsWith("cf_")) {
                problems.add("key 'fieldMapping." + k + "' must be a Close custom field id (cf_...) but was '" + v + "'");
            }
        });
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    /** The values with the API key masked. */
    @Override
    public String toString() {
        return "CloseConfig[apiKey=****, baseUrl=" + baseUrl() + ", rateLimitRequests=" + rateLimitRequests
                + ", rateLimitPeriod=" + rateLimitPeriod + ", statusCacheTtl=" + statusCacheTtl + ", emailType="
                + emailType + ", accountCustomFields=" + accountCustomFields + "]";
    }
}
