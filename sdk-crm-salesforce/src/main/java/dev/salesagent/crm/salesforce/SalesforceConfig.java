package dev.salesagent.crm.salesforce;

import dev.salesagent.crm.CrmConfigurationException;
import dev.salesagent.crm.SalesOrderStatus;
import dev.salesagent.crm.spi.CommonConfigKeys;
import dev.salesagent.crm.spi.ConfigKey;
import dev.salesagent.crm.spi.CrmConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Typed, validated view over the {@code salesforce} provider's configuration keys (see {@link #KEYS} and the module
 * README). Build it with {@link #from(CrmConfig)}, which reports every missing or malformed key at once.
 *
 * <p>Authentication is chosen by which credential is present:
 * <ul>
 *   <li>{@code privateKey} (with {@code clientId}, {@code username}): OAuth 2.0 JWT bearer flow,
 *       https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm</li>
 *   <li>{@code clientSecret} (with {@code clientId}): OAuth 2.0 client credentials flow (requires a My Domain
 *       {@code loginUrl}), https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_client_credentials_flow.htm</li>
 *   <li>{@code accessToken} (with {@code baseUrl}): a session id obtained elsewhere; it cannot be refreshed.</li>
 * </ul>
 */
public final class SalesforceConfig {

    /** How the adapter obtains its session. */
    public enum AuthFlow {
        /** OAuth 2.0 JWT bearer: {@code clientId}, {@code username}, {@code privateKey}. */
        JWT_BEARER,
        /** OAuth 2.0 client credentials: {@code clientId}, {@code clientSecret}. */
        CLIENT_CREDENTIALS,
        /** A given session id ({@code accessToken}) at {@code baseUrl}; not refreshable. */
        ACCESS_TOKEN
    }

    /** Default API version, {@value}. */
    public static final String DEFAULT_API_VERSION = "v62.0";
    /** Default login host, {@value}; use {@code https://test.salesforce.com} for sandboxes or a My Domain URL. */
    public static final String DEFAULT_LOGIN_URL = "https://login.salesforce.com";
    /** Default external-id field on Contact holding the lower-cased e-mail, {@value}. */
    public static final String DEFAULT_CONTACT_KEY_FIELD = "SalesAgent_Email__c";
    /** Default external-id field on Account holding the normalised domain, {@value}. */
    public static final String DEFAULT_ACCOUNT_KEY_FIELD = "SalesAgent_Domain__c";
    /** Default external-id field on Order holding the caller's idempotency key, {@value}. */
    public static final String DEFAULT_ORDER_KEY_FIELD = "SalesAgent_Idempotency_Key__c";

    /** Salesforce's defaults of the common HTTP keys: 10 s connect, 30 s read, 4 attempts. */
    private static final CommonConfigKeys.Defaults HTTP_DEFAULTS = CommonConfigKeys.Defaults.standard();

    private static final Pattern API_VERSION = Pattern.compile("v\\d{2,3}\\.0");
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    /** Every key the provider reads. */
    public static final List<ConfigKey> KEYS = Stream.of(List.of(
            ConfigKey.optional("clientId", "Consumer key of the connected app (JWT bearer and client credentials).",
                    null),
            ConfigKey.optional("username", "Salesforce username the JWT bearer assertion is issued for (sub claim).",
                    null),
            ConfigKey.optionalSecret("privateKey", "PEM PKCS#8 RSA private key whose certificate is uploaded to the "
                    + "connected app; selects the JWT bearer flow."),
            ConfigKey.optionalSecret("clientSecret", "Consumer secret; selects the client credentials flow."),
            ConfigKey.optionalSecret("accessToken", "A ready session id; needs baseUrl, cannot be refreshed."),
            ConfigKey.optional("loginUrl", "OAuth host (login, test or My Domain URL) of the token endpoint.",
                    DEFAULT_LOGIN_URL),
            ConfigKey.optional("jwtAudience", "JWT aud claim; default https://test.salesforce.com for sandbox login "
                    + "URLs, https://login.salesforce.com for other salesforce.com hosts, else loginUrl.", null),
            CommonConfigKeys.baseUrl("Instance URL overriding the token's instance_url (tests, proxies).", null),
            ConfigKey.optional("apiVersion", "REST API version, e.g. v62.0.", DEFAULT_API_VERSION),
            ConfigKey.optional("contactKeyField", "External-id field on Contact holding the lower-cased e-mail.",
                    DEFAULT_CONTACT_KEY_FIELD),
            ConfigKey.optional("accountKeyField", "External-id field on Account holding the domain.",
                    DEFAULT_ACCOUNT_KEY_FIELD),
            ConfigKey.optional("orderKeyField", "Unique external-id field on Order holding the idempotency key.",
                    DEFAULT_ORDER_KEY_FIELD),
            ConfigKey.optional("allowNonUniqueKeyFields", "Accept contact/account key fields marked External ID but "
                    + "not Unique (Salesforce then upserts by them only when the integration user has View All "
                    + "Data); by default the first upsert refuses them.", "false"),
            ConfigKey.optional("defaultLastName", "LastName given to new contacts that have none (Salesforce "
                    + "requires it); updates never overwrite a stored LastName with it.", "[not provided]"),
            ConfigKey.optional("orderStatusMapping", "Order Status picklist value per SPI status.",
                    "PENDING=Draft,FULFILLED=Activated"),
            ConfigKey.optional("currency", "Currency of amounts in a single-currency org (ISO 4217).", "USD"),
            ConfigKey.optional("multiCurrency", "Read/write CurrencyIsoCode (multi-currency orgs only).", "false"),
            ConfigKey.optional("queryBatchSize", "SOQL batch size hint, 200..2000 rows per query call.", "2000")),
            CommonConfigKeys.keys(HTTP_DEFAULTS))
            .flatMap(List::stream).toList();

    private final AuthFlow authFlow;
    private final String clientId;
    private final String username;
    private final String privateKeyPem;
    private final String clientSecret;
    private final String accessToken;
    private final URI loginUrl;
    private final URI baseUrl;
    private final String jwtAudience;
    private final String apiVersion;
    private final String contactKeyField;
    private final String accountKeyField;
    private final String orderKeyField;
    private final Map<SalesOrderStatus, String> orderStatuses;
    private final String defaultLastName;
    private final String currency;
    private final boolean multiCurrency;
    private final boolean allowNonUniqueKeyFields;
    private final int queryBatchSize;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxAttempts;
    private final Map<String, String> fieldMappings;

    private SalesforceConfig(CrmConfig c) {
        clientId = c.get("clientId").orElse(null);
        username = c.get("username").orElse(null);
        privateKeyPem = c.get("privateKey").orElse(null);
        clientSecret = c.get("clientSecret").orElse(null);
        accessToken = c.get("accessToken").orElse(null);
        authFlow = privateKeyPem != null ? AuthFlow.JWT_BEARER
                : clientSecret != null ? AuthFlow.CLIENT_CREDENTIALS : AuthFlow.ACCESS_TOKEN;
        loginUrl = stripSlash(c.getUri("loginUrl").orElse(URI.create(DEFAULT_LOGIN_URL)));
        CommonConfigKeys.HttpSettings http = CommonConfigKeys.http(c, HTTP_DEFAULTS);
        baseUrl = http.baseUrl().map(SalesforceConfig::stripSlash).orElse(null);
        jwtAudience = c.get("jwtAudience").orElseGet(() -> defaultAudience(loginUrl));
        apiVersion = c.get("apiVersion").orElse(DEFAULT_API_VERSION);
        contactKeyField = c.get("contactKeyField").orElse(DEFAULT_CONTACT_KEY_FIELD);
        accountKeyField = c.get("accountKeyField").orElse(DEFAULT_ACCOUNT_KEY_FIELD);
        orderKeyField = c.get("orderKeyField").orElse(DEFAULT_ORDER_KEY_FIELD);
        defaultLastName = c.get("defaultLastName").orElse("[not provided]");
        orderStatuses = parseStatuses(c.get("orderStatusMapping").orElse("PENDING=Draft,FULFILLED=Activated"));
        currency = c.get("currency").orElse("USD");
        multiCurrency = c.getBoolean("multiCurrency", false);
        allowNonUniqueKeyFields = c.getBoolean("allowNonUniqueKeyFields", false);
        queryBatchSize = c.getInt("queryBatchSize", 2000);
        connectTimeout = http.connectTimeout();
        readTimeout = http.readTimeout();
        maxAttempts = http.maxAttempts();
        fieldMappings = c.fieldMappings();
    }

    /**
     * Validates {@code config} and returns the typed view.
     *
     * @param config the raw configuration (keys as documented)
     * @return the validated configuration
     * @throws CrmConfigurationException listing every missing, conflicting or malformed key
     */
    public static SalesforceConfig from(CrmConfig config) {
        List<CrmConfig.Check> checks = new ArrayList<>(CommonConfigKeys.checks());
        checks.addAll(List.of(
                CrmConfig.Check.uri("loginUrl"),
                CrmConfig.Check.bool("multiCurrency"),
                CrmConfig.Check.bool("allowNonUniqueKeyFields"), CrmConfig.Check.integer("queryBatchSize"),
                c -> credentialsProblem(c),
                c -> c.get("apiVersion").filter(v -> !API_VERSION.matcher(v).matches())
                        .map(v -> "key 'apiVersion' must look like v62.0 but was '" + v + "'"),
                c -> fieldProblem(c, "contactKeyField"), c -> fieldProblem(c, "accountKeyField"),
                c -> fieldProblem(c, "orderKeyField"),
                c -> c.get("queryBatchSize").filter(v -> v.matches("-?\\d+"))
                        .filter(v -> Integer.parseInt(v) < 200 || Integer.parseInt(v) > 2000)
                        .map(v -> "key 'queryBatchSize' must be within 200..2000 but was " + v),
                c -> c.get("orderStatusMapping").flatMap(SalesforceConfig::statusProblem),
                c -> c.get("privateKey").filter(v -> !v.contains("-----BEGIN PRIVATE KEY-----"))
                        .map(v -> "key 'privateKey' must be a PEM PKCS#8 key (-----BEGIN PRIVATE KEY-----)")));
        config.validate(SalesforceCrmClientProvider.ID, KEYS, checks.toArray(CrmConfig.Check[]::new));
        return new SalesforceConfig(config);
    }

    /**
     * Every problem of {@code config} (missing, conflicting or malformed keys), one sentence each; empty when
     * {@link #from(CrmConfig)} would succeed. For tooling that reports instead of failing.
     *
     * @param config the raw configuration
     * @return the problems, empty when valid
     */
    public static List<String> validate(CrmConfig config) {
        try {
            from(config);
            return List.of();
        } catch (CrmConfigurationException e) {
            return e.problems();
        }
    }

    private static Optional<String> credentialsProblem(CrmConfig c) {
        List<String> present = new ArrayList<>();
        for (String k : List.of("privateKey", "clientSecret", "accessToken")) {
            if (c.get(k).isPresent()) {
                present.add(k);
            }
        }
        if (present.isEmpty()) {
            return Optional.of("missing credentials: set privateKey (JWT bearer), clientSecret (client credentials) "
                    + "or accessToken");
        }
        if (present.size() > 1) {
            return Optional.of("set exactly one of privateKey, clientSecret, accessToken but found " + present);
        }
        List<String> missing = new ArrayList<>();
        switch (present.get(0)) {
            case "privateKey" -> {
                if (c.get("clientId").isEmpty()) missing.add("clientId");
                if (c.get("username").isEmpty()) missing.add("username");
            }
            case "clientSecret" -> {
                if (c.get("clientId").isEmpty()) missing.add("clientId");
            }
            default -> {
                if (c.get("baseUrl").isEmpty()) missing.add("baseUrl");
            }
        }
        return missing.isEmpty() ? Optional.empty()
                : Optional.of("key(s) " + missing + " required with '" + present.get(0) + "'");
    }

    private static Optional<String> fieldProblem(CrmConfig c, String key) {
        return c.get(key).filter(v -> !FIELD_NAME.matcher(v).matches())
                .map(v -> "key '" + key + "' must be a field API name but was '" + v + "'");
    }

    private static Optional<String> statusProblem(String value) {
        try {
            parseStatuses(value);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("key 'orderStatusMapping' " + e.getMessage());
        }
    }

    private static Map<SalesOrderStatus, String> parseStatuses(String value) {
        Map<SalesOrderStatus, String> map = new EnumMap<>(SalesOrderStatus.class);
        for (String pair : value.split(",")) {
            String[] kv = pair.split("=", 2);
            if (kv.length != 2 || kv[1].isBlank()) {
                throw new IllegalArgumentException("must look like PENDING=Draft,FULFILLED=Activated but was '"
                        + value + "'");
            }
            try {
                map.put(SalesOrderStatus.valueOf(kv[0].trim().toUpperCase(Locale.ROOT)), kv[1].trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("names an unknown status '" + kv[0].trim() + "'");
            }
        }
        if (!map.containsKey(SalesOrderStatus.PENDING)) {
            throw new IllegalArgumentException("must map PENDING (the status new orders get)");
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * Salesforce accepts {@code https://login.salesforce.com}, {@code https://test.salesforce.com} or an Experience
     * Cloud site URL as {@code aud}, also when the token request goes to a My Domain host.
     */
    static String defaultAudience(URI loginUrl) {
        String host = loginUrl.getHost() == null ? "" : loginUrl.getHost().toLowerCase(Locale.ROOT);
        if (host.equals("test.salesforce.com") || host.endsWith(".sandbox.my.salesforce.com")) {
            return "https://test.salesforce.com";
        }
        if (host.equals("salesforce.com") || host.endsWith(".salesforce.com")) {
            return "https://login.salesforce.com";
        }
        return loginUrl.toString();
    }

    private static URI stripSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
    }

    /** {@return the flow chosen by the credential present} */
    public AuthFlow authFlow() { return authFlow; }

    /** {@return connected app consumer key; {@code null} with {@link AuthFlow#ACCESS_TOKEN}} */
    public String clientId() { return clientId; }

    /** {@return JWT {@code sub}; {@code null} unless {@link AuthFlow#JWT_BEARER}} */
    public String username() { return username; }

    String privateKeyPem() { return privateKeyPem; }

    String clientSecret() { return clientSecret; }

    String accessToken() { return accessToken; }

    /** {@return OAuth host of the token endpoint; default {@value #DEFAULT_LOGIN_URL}} */
    public URI loginUrl() { return loginUrl; }

    /** {@return the JWT bearer assertion's {@code aud}: {@code jwtAudience}, else derived from {@link #loginUrl()}} */
    public String jwtAudience() { return jwtAudience; }

    /** {@return instance URL override, or empty to use the token's {@code instance_url}} */
    public Optional<URI> baseUrl() { return Optional.ofNullable(baseUrl); }

    /** {@return REST API version such as {@code v62.0}; default {@value #DEFAULT_API_VERSION}} */
    public String apiVersion() { return apiVersion; }

    /** {@return external-id field on Contact; default {@value #DEFAULT_CONTACT_KEY_FIELD}} */
    public String contactKeyField() { return contactKeyField; }

    /** {@return external-id field on Account; default {@value #DEFAULT_ACCOUNT_KEY_FIELD}} */
    public String accountKeyField() { return accountKeyField; }

    /** {@return unique external-id field on Order; default {@value #DEFAULT_ORDER_KEY_FIELD}} */
    public String orderKeyField() { return orderKeyField; }

    /** {@return lastName of new contacts without one; default {@code [not provided]}} */
    public String defaultLastName() { return defaultLastName; }

    /** {@return order {@code Status} picklist value per SPI status; default PENDING=Draft, FULFILLED=Activated} */
    public Map<SalesOrderStatus, String> orderStatuses() { return orderStatuses; }

    /** {@return currency of amounts when {@link #multiCurrency()} is false; default {@code USD}} */
    public String currency() { return currency; }

    /**
     * Whether contact/account key fields marked External ID but not Unique are accepted (the integration user then
     * needs "View All Data" for Salesforce to upsert by them); default false: the first upsert of each object reads
     * its describe and refuses such a field with a {@code CrmConfigurationException}.
     *
     * @return whether non-unique External ID key fields are accepted
     */
    public boolean allowNonUniqueKeyFields() { return allowNonUniqueKeyFields; }

    /** {@return whether records carry {@code CurrencyIsoCode}; default false} */
    public boolean multiCurrency() { return multiCurrency; }

    /** {@return the {@code Sforce-Query-Options: batchSize} hint, rows per query call, 200..2000; default 2000} */
    public int queryBatchSize() { return queryBatchSize; }

    /** {@return the TCP connect timeout; default 10 s} */
    public Duration connectTimeout() { return connectTimeout; }

    /** {@return the read timeout per attempt; default 30 s} */
    public Duration readTimeout() { return readTimeout; }

    /** {@return attempts per call including the first; default 4} */
    public int maxAttempts() { return maxAttempts; }

    /**
     * Extra and overriding field mappings from {@code fieldMapping.<record>.<field>=<SalesforceField>} keys, e.g.
     * {@code fieldMapping.contact.phone=MobilePhone} or {@code fieldMapping.account.tier=Tier__c} (a field the SPI
     * record does not have becomes a custom field).
     *
     * @return SPI field path ({@code contact.phone}) -> Salesforce field name
     */
    public Map<String, String> fieldMappings() { return fieldMappings; }

    @Override
    public String toString() {
        return "SalesforceConfig[authFlow=" + authFlow + ", clientId=" + clientId + ", username=" + username
                + ", loginUrl=" + loginUrl + ", baseUrl=" + baseUrl + ", apiVersion=" + apiVersion + "]";
    }
}
