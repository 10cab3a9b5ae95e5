package dev.salesagent.crm.spi;

import dev.salesagent.crm.CrmConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Immutable, typed view over a provider's string configuration, from code ({@link #of(Map)}),
 * properties ({@link #fromProperties}) or the environment ({@link #fromEnvironment}).
 *
 * <p>Keys are lower camel case ({@code accessToken}, {@code baseUrl}, {@code readTimeout}). Typed
 * getters throw {@link CrmConfigurationException} showing the bad value; {@link #validate} reports
 * every missing or malformed key at once. {@link #toString()} masks secret values.
 */
public final class CrmConfig {

    /** Prefix of field-mapping keys: {@code fieldMapping.<ourField>=<vendorProperty>}. */
    public static final String FIELD_MAPPING_PREFIX = "fieldMapping.";

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(secret|token|password|passwd|apikey|api_key|privatekey|credential).*");

    private final Map<String, String> values;

    private CrmConfig(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /**
     * {@return a config with exactly these entries ({@code null} values are dropped)}
     *
     * @param values key to value; {@code null} values are dropped, {@code null} keys rejected
     * @throws NullPointerException if a key with a value is null
     */
    public static CrmConfig of(Map<String, String> values) {
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                copy.put(Objects.requireNonNull(k, "key"), v);
            }
        });
        return new CrmConfig(copy);
    }

    /** {@return an empty config} */
    public static CrmConfig empty() {
        return new CrmConfig(Map.of());
    }

    /**
     * The properties starting with {@code prefix}, with the prefix removed:
     * {@code salesagent.crm.hubspot.accessToken} with prefix {@code salesagent.crm.hubspot.} becomes {@code accessToken}.
     *
     * @param properties e.g. {@code System.getProperties()} or a loaded {@code .properties} file
     * @param prefix the prefix selecting the properties, e.g. {@code salesagent.crm.hubspot.}; stripped from the keys
     * @return the configuration; empty when no property matches
     */
    public static CrmConfig fromProperties(Properties properties, String prefix) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(prefix)) {
                map.put(name.substring(prefix.length()), properties.getProperty(name));
            }
        }
        return new CrmConfig(map);
    }

    /**
     * The environment variables starting with {@code prefix}, the rest turned into lower camel case:
     * with prefix {@code SALESAGENT_CRM_HUBSPOT_}, {@code SALESAGENT_CRM_HUBSPOT_ACCESS_TOKEN} becomes
     * {@code accessToken}. A double underscore becomes a dot, so {@code FIELD_MAPPING__FIRST_NAME=firstname}
     * becomes {@code fieldMapping.firstName}.
     *
     * @param prefix the prefix selecting the variables, e.g. {@code SALESAGENT_CRM_HUBSPOT_}
     * @return the configuration; empty when no variable matches
     */
    public static CrmConfig fromEnvironment(String prefix) {
        return fromEnvironment(System.getenv(), prefix);
    }

    /**
     * Like {@link #fromEnvironment(String)} over the given variables (for tests and launchers).
     *
     * @param environment variable name to value, e.g. {@code System.getenv()}
     * @param prefix      the prefix selecting the variables, e.g. {@code SALESAGENT_CRM_}; stripped from the keys
     * @return the configuration read from the matching variables; empty when none match
     */
    public static CrmConfig fromEnvironment(Map<String, String> environment, String prefix) {
        Map<String, String> map = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                String[] parts = name.substring(prefix.length()).split("__");
                List<String> keys = new ArrayList<>();
                for (String part : parts) {
                    keys.add(camel(part));
                }
                map.put(String.join(".", keys), value);
            }
        });
        return new CrmConfig(map);
    }

    private static String camel(String upperSnake) {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : upperSnake.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = sb.length() > 0;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }

    /**
     * {@return a copy with {@code key} set to {@code value} ({@code null} removes it)}
     *
     * @param key the key, e.g. {@code readTimeout}
     * @param value the new value, or {@code null} to remove the key
     */
    public CrmConfig with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return new CrmConfig(copy);
    }

    /** {@return all entries, sorted by key; unmodifiable} */
    public Map<String, String> asMap() {
        return values;
    }

    /**
     * {@return the value, if present and not blank (trimmed)}
     *
     * @param key the key, e.g. {@code accessToken}
     */
    public Optional<String> get(String key) {
        String v = values.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /**
     * The value of a required key.
     *
     * @param key the key, e.g. {@code accessToken}
     * @return the trimmed value
     * @throws CrmConfigurationException if it is absent or blank
     */
    public String require(String key) {
        return get(key).orElseThrow(() -> new CrmConfigurationException(null, List.of("missing required key '" + key + "'")));
    }

    /**
     * @param key the key, e.g. {@code maxAttempts}
     * @param defaultValue the value when the key is absent or blank
     * @return the value, or {@code defaultValue}
     * @throws CrmConfigurationException if present but not an integer
     */
    public int getInt(String key, int defaultValue) {
        return get(key).map(v -> parse(key, v, "an integer", Integer::parseInt)).orElse(defaultValue);
    }

    /**
     * @param key the key
     * @param defaultValue the value when the key is absent or blank
     * @return the value, or {@code defaultValue}
     * @throws CrmConfigurationException if present but not a long
     */
    public long getLong(String key, long defaultValue) {
        return get(key).map(v -> parse(key, v, "an integer", Long::parseLong)).orElse(defaultValue);
    }

    /**
     * A boolean: {@code true}/{@code false} (case-insensitive).
     *
     * @param key          the key
     * @param defaultValue the value when the key is absent or blank
     * @return the value, or {@code defaultValue}
     * @throws CrmConfigurationException if present but neither
     */
    public boolean getBoolean(String key, boolean defaultValue) {
        return get(key).map(v -> parse(key, v, "true or false", CrmConfig::parseBoolean)).orElse(defaultValue);
    }

    /**
     * A duration as ISO-8601 ({@code PT30S}) or {@code <n>ms|s|m|h|d} ({@code 500ms}, {@code 30s}).
     *
     * @param key the key, e.g. {@code readTimeout}
     * @param defaultValue the value when the key is absent or blank
     * @return the duration, or {@code defaultValue}
     * @throws CrmConfigurationException if present but malformed
     */
    public Duration getDuration(String key, Duration defaultValue) {
        return get(key).map(v -> parse(key, v, "a duration like 30s, 500ms or PT30S", CrmConfig::parseDuration))
                .orElse(defaultValue);
    }

    /**
     * An absolute URI.
     *
     * @param key the key, e.g. {@code baseUrl}
     * @return the URI, or empty when the key is absent or blank
     * @throws CrmConfigurationException if present but not an absolute URI
     */
    public Optional<URI> getUri(String key) {
        return get(key).map(v -> parse(key, v, "an absolute URI", CrmConfig::parseUri));
    }

    /**
     * The field mappings: keys {@code fieldMapping.<ourField>} mapped to vendor property names, e.g.
     * {@code fieldMapping.title=jobtitle} gives {@code {title=jobtitle}}. Sorted, unmodifiable.
     *
     * @return our field name to vendor property name; empty when none is set
     */
    public Map<String, String> fieldMappings() {
        Map<String, String> m = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(FIELD_MAPPING_PREFIX) && k.length() > FIELD_MAPPING_PREFIX.length() && !v.isBlank()) {
                m.put(k.substring(FIELD_MAPPING_PREFIX.length()), v.trim());
            }
        });
        return Collections.unmodifiableMap(m);
    }

    /**
     * Checks required keys and the given typed checks, and throws once with every problem.
     *
     * @param providerId  for the message
     * @param keys        the provider's keys; each required key must be present
     * @param extraChecks typed or cross-key checks, e.g. {@code Check.duration("readTimeout")}
     * @return this config, for chaining
     * @throws CrmConfigurationException listing every missing or malformed key
     */
    public CrmConfig validate(String providerId, List<ConfigKey> keys, Check... extraChecks) {
        List<String> problems = new ArrayList<>();
        for (ConfigKey key : keys) {
            if (key.required() && get(key.name()).isEmpty()) {
                problems.add("missing required key '" + key.name() + "' (" + key.description() + ")");
            }
        }
        for (Check check : extraChecks) {
            check.problem(this).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new CrmConfigurationException(providerId, problems);
        }
        return this;
    }

    /** One check of {@link #validate}: returns a problem sentence, or empty when fine. */
    @FunctionalInterface
    public interface Check {
        /**
         * Checks one configuration.
         *
         * @param config the configuration to check
         * @return one sentence naming the key and the bad value, e.g. {@code key 'readTimeout' must be a duration
         *         like 30s, 500ms or PT30S but was 'soon'}; empty when fine
         */
        Optional<String> problem(CrmConfig config);

        /**
         * A check that the key, if present, is an integer.
         *
         * @param key the configuration key to check
         * @return the check, for {@link CrmConfig#validate}
         */
        static Check integer(String key) {
            return c -> typed(() -> c.getLong(key, 0));
        }

        /**
         * A check that the key, if present, is {@code true} or {@code false}.
         *
         * @param key the configuration key to check
         * @return the check, for {@link CrmConfig#validate}
         */
        static Check bool(String key) {
            return c -> typed(() -> c.getBoolean(key, false));
        }

        /**
         * A check that the key, if present, is a duration (see {@link CrmConfig#getDuration}).
         *
         * @param key the configuration key to check
         * @return the check, for {@link CrmConfig#validate}
         */
        static Check duration(String key) {
            return c -> typed(() -> c.getDuration(key, Duration.ZERO));
        }

        /**
         * A check that the key, if present, is an absolute URI.
         *
         * @param key the configuration key to check
         * @return the check, for {@link CrmConfig#validate}
         */
        static Check uri(String key) {
            return c -> typed(() -> c.getUri(key));
        }

        /**
         * A check that the key, if present, is one of {@code allowed} (case-sensitive).
         *
         * @param key the configuration key to check
         * @param allowed the accepted values
         * @return the check, for {@link CrmConfig#validate}
         */
        static Check oneOf(String key, String... allowed) {
            return c -> c.get(key).filter(v -> !List.of(allowed).contains(v))
                    .map(v -> "key '" + key + "' must be one of " + List.of(allowed) + " but was '" + v + "'");
        }

        /**
         * A check for adapters that authenticate either with a static token or with OAuth 2.0 refresh-token
         * credentials ({@code clientId}, {@code clientSecret}, {@code refreshToken}): exactly one mode must be
         * configured, and the OAuth mode completely.
         *
         * @param tokenKey         the key of the static token, e.g. {@code accessToken} or {@code apiToken}
         * @param tokenDescription what the token is, shown in the missing-credentials sentence (e.g. {@code private
         *                         app token}); null for none
         * @return the check, for {@link CrmConfig#validate}
         */
        static Check tokenOrOAuthRefresh(String tokenKey, String tokenDescription) {
            List<String> oauthKeys = List.of("clientId", "clientSecret", "refreshToken");
            return c -> {
                boolean token = c.get(tokenKey).isPresent();
                List<String> missing = oauthKeys.stream().filter(k -> c.get(k).isEmpty()).toList();
                boolean anyOAuth = missing.size() < oauthKeys.size();
                if (token && anyOAuth) {
                    return Optional.of("set either '" + tokenKey
                            + "' or the OAuth keys clientId/clientSecret/refreshToken, not both");
                }
                if (!token && !anyOAuth) {
                    return Optional.of("missing credentials: set '" + tokenKey + "'"
                            + (tokenDescription == null ? "" : " (" + tokenDescription + ")")
                            + " or 'clientId', 'clientSecret' and 'refreshToken' (OAuth)");
                }
                if (!token && !missing.isEmpty()) {
                    return Optional.of("incomplete OAuth credentials: missing " + missing);
                }
                return Optional.empty();
            };
        }

        private static Optional<String> typed(Runnable read) {
            try {
                read.run();
                return Optional.empty();
            } catch (CrmConfigurationException e) {
                return Optional.of(e.problems().get(0));
            }
        }
    }

    /** The entries, with values of secret-looking keys (token, secret, password, key, credential) masked. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("CrmConfig{");
        boolean first = true;
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(e.getKey()).append('=').append(isSecret(e.getKey()) ? "****" : e.getValue());
        }
        return sb.append('}').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CrmConfig other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    static boolean isSecret(String key) {
        return SECRET_NAME.matcher(key).matches() || key.toLowerCase(Locale.ROOT).endsWith("key");
    }

    private interface Parser<T> {
        T parse(String value) throws Exception;
    }

    private static <T> T parse(String key, String value, String expected, Parser<T> parser) {
        try {
            return parser.parse(value);
        } catch (Exception e) {
            String shown = isSecret(key) ? "****" : value;
            throw new CrmConfigurationException(null,
                    List.of("key '" + key + "' must be " + expected + " but was '" + shown + "'"));
        }
    }

    private static boolean parseBoolean(String v) {
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(v);
    }

    private static URI parseUri(String v) throws URISyntaxException {
        URI uri = new URI(v);
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new URISyntaxException(v, "not absolute");
        }
        return uri;
    }

    static Duration parseDuration(String v) {
        Matcher m = SIMPLE_DURATION.matcher(v.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(v, e);
        }
    }
}
