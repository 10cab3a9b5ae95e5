package dev.salesagent.crm.netsuite;

import dev.salesagent.crm.CrmConfigurationException;
import dev.salesagent.crm.netsuite.internal.client.M2mClientAssertion;
import dev.salesagent.crm.spi.CommonConfigKeys;
import dev.salesagent.crm.spi.ConfigKey;
import dev.salesagent.crm.spi.CrmConfig;
import java.net.URI;
import java.security.PrivateKey;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Typed, validated view of the {@code netsuite} provider's configuration (immutable).
 *
 * <p>Authentication is OAuth 2.0 client credentials (M2M, the default, {@code authType=m2m}: {@code clientId},
 * {@code certificateId}, {@code privateKey}) or Token-Based Authentication ({@code authType=tba}:
 * {@code consumerKey}, {@code consumerSecret}, {@code tokenId}, {@code tokenSecret}). See the module README for the
 * full key table.
 */
public final class NetSuiteConfig {

    /** Provider id. */
    public static final String PROVIDER_ID = "netsuite";

    /** NetSuite's defaults of the common HTTP keys: 10 s connect, 60 s read (SuiteQL pages are slow), 4 attempts. */
    private static final CommonConfigKeys.Defaults HTTP_DEFAULTS =
            CommonConfigKeys.Defaults.standard().withReadTimeout(Duration.ofSeconds(60));
    private static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 5;

    private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9]+([_-][A-Za-z0-9]+)?");

    /** Every key the provider reads. */
    public static final List<ConfigKey> KEYS = Stream.of(List.of(
            ConfigKey.required("accountId", "NetSuite account id, e.g. 1234567 or sandbox 1234567_SB1"),
            CommonConfigKeys.baseUrl("REST host override (tests, proxies); default "
                    + "https://<account-id>.suitetalk.api.netsuite.com", null),
            ConfigKey.optional("authType", "m2m (OAuth 2.0 client credentials) or tba (token-based auth)", "m2m"),
            ConfigKey.optional("clientId", "m2m: client id (consumer key) of the integration record", null),
            ConfigKey.optional("certificateId", "m2m: certificate id of the mapping, sent as the JWT kid", null),
            ConfigKey.optionalSecret("privateKey", "m2m: PKCS#8 PEM RSA private key of the certificate (PS256)"),
            ConfigKey.optional("consumerKey", "tba: consumer key of the integration record", null),
            ConfigKey.optionalSecret("consumerSecret", "tba: consumer secret of the integration record"),
            ConfigKey.optional("tokenId", "tba: token id of the access token", null),
            ConfigKey.optionalSecret("tokenSecret", "tba: token secret of the access token"),
            CommonConfigKeys.maxConcurrentRequests(DEFAULT_MAX_CONCURRENT_REQUESTS)),
            CommonConfigKeys.keys(HTTP_DEFAULTS), List.of(
            ConfigKey.optional("noteActivity", "record a note is stored as: phoneCall or task", "phoneCall"),
            ConfigKey.optional("accountExternalIdPrefix", "external id of accounts = prefix + domain", "sa-domain:"),
            ConfigKey.optional("contactExternalIdPrefix", "external id of contacts = prefix + e-mail", "sa-email:"),
            ConfigKey.optional("subsidiaryId", "OneWorld accounts: internal id of the subsidiary new companies get",
                    null),
            ConfigKey.optional("timeZone", "time zone of the integration user's preferences (SuiteQL datetimes)",
                    "UTC"),
            ConfigKey.optional("fieldMapping.account.<field>", "account industry, employees, annualRevenue or "
                    + "country -> customer field id (e.g. custentity_industry); unmapped fields are not synced",
                    null)))
            .flatMap(List::stream).toList();

    /** How requests are authenticated. */
    public enum AuthType {
        /** OAuth 2.0 machine-to-machine: a JWT assertion signed with the certificate's key (client credentials). */
        M2M,
        /** Token-based authentication: OAuth 1.0a signatures with consumer and token keys. */
        TBA
    }

    /** Where notes are stored. */
    public enum NoteActivity {
        /** A phone call record ({@code phoneCall}). */
        PHONE_CALL("phoneCall", "phonecall"),
        /** A task record ({@code task}). */
        TASK("task", "task");

        private final String recordType;
        private final String table;

        NoteActivity(String recordType, String table) {
            this.recordType = recordType;
            this.table = table;
        }

        /** {@return REST record type, e.g. {@code phoneCall}} */
        public String recordType() {
            return recordType;
        }

        /** {@return suiteQL table, e.g. {@code phonecall}} */
        public String table() {
            return table;
        }
    }

    private final String accountId;
    private final URI baseUrl;
    private final AuthType authType;
    private final String clientId;
    private final String certificateId;
    private final PrivateKey privateKey;
    private final String consumerKey;
    private final String consumerSecret;
    private final String tokenId;
    private final String tokenSecret;
    private final int maxConcurrentRequests;
    private final int maxAttempts;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final NoteActivity noteActivity;
    private final String accountExternalIdPrefix;
    private final String contactExternalIdPrefix;
    private final ZoneId timeZone;
    private final String subsidiaryId;
    private final Map<String, String> accountFieldMapping;

    private NetSuiteConfig(CrmConfig c, List<String> problems) {
        accountId = c.get("accountId").map(String::trim).orElse(null);
        if (accountId != null && !ACCOUNT_ID.matcher(accountId).matches()) {
            problems.add("key 'accountId' must look like 1234567 or 1234567_SB1 but was '" + accountId + "'");
        }
        CommonConfigKeys.HttpSettings http = read(problems, () -> CommonConfigKeys.http(c, HTTP_DEFAULTS));
        if (http == null) {
            http = new CommonConfigKeys.HttpSettings(Optional.empty(), HTTP_DEFAULTS.connectTimeout(),
                    HTTP_DEFAULTS.readTimeout(), HTTP_DEFAULTS.maxAttempts());
        }
        baseUrl = http.baseUrl().orElseGet(() -> accountId == null ? null
                : URI.create("https://" + hostPart(accountId) + ".suitetalk.api.netsuite.com"));
        String auth = c.get("authType").orElse("m2m").trim().toLowerCase(Locale.ROOT);
        authType = switch (auth) {
            case "m2m" -> AuthType.M2M;
            case "tba" -> AuthType.TBA;
            default -> {
                problems.add("key 'authType' must be m2m or tba but was '" + auth + "'");
                yield null;
            }
        };
        clientId = c.get("clientId").orElse(null);
        certificateId = c.get("certificateId").orElse(null);
        consumerKey = c.get("consumerKey").orElse(null);
        consumerSecret = c.get("consumerSecret").orElse(null);
        tokenId = c.get("tokenId").orElse(null);
        tokenSecret = c.get("tokenSecret").orElse(null);
        PrivateKey key = null;
        if (authType == AuthType.M2M) {
            requireAll(c, problems, "m2m", "clientId", "certificateId", "privateKey");
            if (c.get("privateKey").isPresent()) {
                try {
                    key = M2mClientAssertion.parsePkcs8Pem(c.get("privateKey").get());
                } catch (IllegalArgumentException e) {
                    problems.add("key 'privateKey': " + e.getMessage());
                }
            }
        } else if (authType == AuthType.TBA) {
            requireAll(c, problems, "tba", "consumerKey", "consumerSecret", "tokenId", "tokenSecret");
        }
        privateKey = key;
        Integer concurrency = read(problems,
                () -> c.getInt(CommonConfigKeys.MAX_CONCURRENT_REQUESTS, DEFAULT_MAX_CONCURRENT_REQUESTS));
        maxConcurrentRequests = concurrency == null ? DEFAULT_MAX_CONCURRENT_REQUESTS : concurrency;
        maxAttempts = http.maxAttempts();
        connectTimeout = http.connectTimeout();
        readTimeout = http.readTimeout();
        String note = c.get("noteActivity").orElse("phoneCall");
        noteActivity = switch (note) {
            case "phoneCall" -> NoteActivity.PHONE_CALL;
            case "task" -> NoteActivity.TASK;
            default -> {
                problems.add("key 'noteActivity' must be phoneCall or task but was '" + note + "'");
                yield null;
            }
        };
        subsidiaryId = c.get("subsidiaryId").map(String::trim).orElse(null);
        if (subsidiaryId != null && !subsidiaryId.matches("[0-9]+")) {
            problems.add("key 'subsidiaryId' must be a numeric internal id but was '" + subsidiaryId + "'");
        }
        accountExternalIdPrefix = c.get("accountExternalIdPrefix").orElse("sa-domain:");
        contactExternalIdPrefix = c.get("contactExternalIdPrefix").orElse("sa-email:");
        ZoneId zone = ZoneId.of("UTC");
        try {
            zone = ZoneId.of(c.get("timeZone").orElse("UTC"));
        } catch (DateTimeException e) {
            problems.add("key 'timeZone' is not a time zone id: '" + c.get("timeZone").orElse("") + "'");
        }
        timeZone = zone;
        Map<String, String> mapping = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> e : c.fieldMappings().entrySet()) {
            if (!e.getKey().startsWith("account.")) {
                problems.add("field mapping 'fieldMapping." + e.getKey() + "' is not supported (use "
                        + "fieldMapping.account.industry|employees|annualRevenue|country)");
                continue;
            }
            String field = e.getKey().substring("account.".length());
            if (!List.of("industry", "employees", "annualRevenue", "country").contains(field)) {
                problems.add("field mapping 'fieldMapping." + e.getKey() + "': unknown account field '" + field + "'");
            } else if (!e.getValue().matches("[a-z0-9_]+")) {
                problems.add("field mapping 'fieldMapping." + e.getKey() + "' must name a field id like "
                        + "custentity_industry but was '" + e.getValue() + "'");
            } else {
                mapping.put(field, e.getValue());
            }
        }
        accountFieldMapping = Map.copyOf(mapping);
    }

    /**
     * Reads and validates {@code config}.
     *
     * @param config the raw configuration (keys as documented)
     * @return the validated configuration
     * @throws CrmConfigurationException listing every missing or malformed key at once
     */
    public static NetSuiteConfig from(CrmConfig config) {
        List<String> problems = new ArrayList<>();
        try {
            List<CrmConfig.Check> checks = new ArrayList<>(CommonConfigKeys.checks());
            checks.add(CommonConfigKeys.positiveInt(CommonConfigKeys.MAX_CONCURRENT_REQUESTS));
            config.validate(PROVIDER_ID, KEYS.stream().filter(k -> !k.name().contains("<")).toList(),
                    checks.toArray(CrmConfig.Check[]::new));
        } catch (CrmConfigurationException e) {
            problems.addAll(e.problems());
        }
        NetSuiteConfig parsed = new NetSuiteConfig(config, problems);
        if (!problems.isEmpty()) {
            throw new CrmConfigurationException(PROVIDER_ID, List.copyOf(new java.util.LinkedHashSet<>(problems)));
        }
        return parsed;
    }

    private static void requireAll(CrmConfig c, List<String> problems, String mode, String... keys) {
        for (String key : keys) {
            if (c.get(key).filter(v -> !v.isBlank()).isEmpty()) {
                problems.add("missing key '" + key + "' (required when authType=" + mode + ")");
            }
        }
    }

    private interface Reader<T> {
        T read();
    }

    private static <T> T read(List<String> problems, Reader<T> reader) {
        try {
            return reader.read();
        } catch (CrmConfigurationException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    /** Host part of an account id: lower case with {@code -} ({@code 1234567_SB1 -> 1234567-sb1}). */
    static String hostPart(String accountId) {
        return accountId.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@return the account id as given} */
    public String accountId() {
        return accountId;
    }

    /** {@return the OAuth 1.0 realm: upper case with {@code _} ({@code 1234567-sb1 -> 1234567_SB1})} */
    public String realm() {
        return accountId.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** {@return scheme + host of the REST API, e.g. {@code https://1234567-sb1.suitetalk.api.netsuite.com}} */
    public URI baseUrl() {
        return baseUrl;
    }

    /** {@return the M2M token endpoint: {@code <baseUrl>/services/rest/auth/oauth2/v1/token}} */
    public String tokenEndpoint() {
        String base = baseUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + "/services/rest/auth/oauth2/v1/token";
    }

    /** {@return how requests are authenticated; default {@link AuthType#M2M}} */
    public AuthType authType() {
        return authType;
    }

    /** {@return m2m client id ({@code iss} of the assertion); null for tba} */
    public String clientId() {
        return clientId;
    }

    /** {@return m2m certificate id ({@code kid} of the assertion); null for tba} */
    public String certificateId() {
        return certificateId;
    }

    /** {@return m2m signing key; null for tba} */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** {@return tba consumer key; null for m2m} */
    public String consumerKey() {
        return consumerKey;
    }

    /** {@return tba consumer secret; null for m2m} */
    public String consumerSecret() {
        return consumerSecret;
    }

    /** {@return tba token id; null for m2m} */
    public String tokenId() {
        return tokenId;
    }

    /** {@return tba token secret; null for m2m} */
    public String tokenSecret() {
        return tokenSecret;
    }

    /** {@return in-flight requests shared by all calls of one client; default 5} */
    public int maxConcurrentRequests() {
        return maxConcurrentRequests;
    }

    /** {@return attempts per call including the first; default 4} */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** {@return TCP connect timeout; default 10 s} */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** {@return read timeout per attempt; default 60 s} */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** {@return the record a note is stored as; default {@link NoteActivity#PHONE_CALL}} */
    public NoteActivity noteActivity() {
        return noteActivity;
    }

    /** {@return external id prefix of companies this adapter creates; default {@code sa-domain:}} */
    public String accountExternalIdPrefix() {
        return accountExternalIdPrefix;
    }

    /** {@return external id prefix of contacts this adapter creates; default {@code sa-email:}} */
    public String contactExternalIdPrefix() {
        return contactExternalIdPrefix;
    }

    /** {@return time zone SuiteQL datetimes are written and read in (the integration user's preference); default UTC} */
    public ZoneId timeZone() {
        return timeZone;
    }

    /** {@return subsidiary internal id set on companies this adapter creates (OneWorld accounts need one); null by default} */
    public String subsidiaryId() {
        return subsidiaryId;
    }

    /** {@return our account field ({@code industry}, ...) -> customer field id; empty by default} */
    public Map<String, String> accountFieldMapping() {
        return accountFieldMapping;
    }

    /**
     * {@return the mapped field id of an account field, if configured}
     *
     * @param field our account field name, e.g. {@code industry}
     */
    public Optional<String> accountField(String field) {
        return Optional.ofNullable(accountFieldMapping.get(field));
    }

    @Override
    public String toString() {
        return "NetSuiteConfig[accountId=" + accountId + ", baseUrl=" + baseUrl + ", authType=" + authType
                + ", maxConcurrentRequests=" + maxConcurrentRequests + ", noteActivity=" + noteActivity + "]";
    }
}
