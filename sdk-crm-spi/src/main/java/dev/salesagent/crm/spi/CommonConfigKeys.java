package dev.salesagent.crm.spi;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The configuration keys every HTTP adapter shares (base URL, timeouts, attempts, client-side rate limit, concurrency),
 * defined once: their names, their {@link ConfigKey} documentation, their validation and their typed reading. An
 * adapter's {@code *Config.from(CrmConfig)} lists {@link #keys(Defaults)} among its keys, validates with
 * {@link #checks()} and reads the values with {@link #http(CrmConfig, Defaults)}; only adapter-specific keys are
 * declared by the adapter.
 *
 * <pre>{@code
 * static final CommonConfigKeys.Defaults DEFAULTS = CommonConfigKeys.Defaults.standard().withMaxAttempts(5);
 * List<ConfigKey> keys = concat(myKeys, CommonConfigKeys.keys(DEFAULTS));
 * config.validate("acme", keys, CommonConfigKeys.checks().toArray(CrmConfig.Check[]::new));
 * CommonConfigKeys.HttpSettings http = CommonConfigKeys.http(config, DEFAULTS);
 * }</pre>
 *
 * <p>Durations are read as ISO-8601 ({@code PT30S}) or {@code <n>ms|s|m|h|d} (see {@link CrmConfig#getDuration}).
 */
public final class CommonConfigKeys {

    /** API base URL (absolute); the default is the adapter's (its vendor host, or none). */
    public static final String BASE_URL = "baseUrl";
    /** TCP connect timeout, a positive duration; default {@link #DEFAULT_CONNECT_TIMEOUT 10 s}. */
    public static final String CONNECT_TIMEOUT = "connectTimeout";
    /** Read timeout per request attempt, a positive duration; default {@link #DEFAULT_READ_TIMEOUT 30 s}. */
    public static final String READ_TIMEOUT = "readTimeout";
    /** Attempts per call including the first, a positive integer; default {@value #DEFAULT_MAX_ATTEMPTS}. */
    public static final String MAX_ATTEMPTS = "maxAttempts";
    /** Requests allowed per {@link #RATE_LIMIT_PERIOD}, a positive integer (adapters with a client-side rate limit). */
    public static final String RATE_LIMIT_REQUESTS = "rateLimitRequests";
    /** Window of {@link #RATE_LIMIT_REQUESTS}, a positive duration. */
    public static final String RATE_LIMIT_PERIOD = "rateLimitPeriod";
    /** Requests in flight at once across all calls of one client, a positive integer (adapters with a bulkhead). */
    public static final String MAX_CONCURRENT_REQUESTS = "maxConcurrentRequests";

    /** Default {@link #CONNECT_TIMEOUT}: 10 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default {@link #READ_TIMEOUT}: 30 s. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /** Default {@link #MAX_ATTEMPTS}: {@value}. */
    public static final int DEFAULT_MAX_ATTEMPTS = 4;

    private CommonConfigKeys() {
    }

    /**
     * One adapter's defaults for the common HTTP keys.
     *
     * @param connectTimeout default {@link #CONNECT_TIMEOUT}, positive
     * @param readTimeout    default {@link #READ_TIMEOUT}, positive
     * @param maxAttempts    default {@link #MAX_ATTEMPTS}, at least 1
     */
    public record Defaults(Duration connectTimeout, Duration readTimeout, int maxAttempts) {

        /**
         * @param connectTimeout default {@link #CONNECT_TIMEOUT}, positive
         * @param readTimeout default {@link #READ_TIMEOUT}, positive
         * @param maxAttempts default {@link #MAX_ATTEMPTS}, at least 1
         * @throws IllegalArgumentException if a duration is not positive or {@code maxAttempts < 1}
         * @throws NullPointerException     if a duration is null
         */
        public Defaults {
            requirePositive(connectTimeout, "connectTimeout");
            requirePositive(readTimeout, "readTimeout");
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1 but was " + maxAttempts);
            }
        }

        /** {@return the standard defaults: 10 s connect timeout, 30 s read timeout, 4 attempts} */
        public static Defaults standard() {
            return new Defaults(DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, DEFAULT_MAX_ATTEMPTS);
        }

        /**
         * {@return a copy with another default read timeout}
         *
         * @param readTimeout the new default read timeout per attempt, positive
         * @throws IllegalArgumentException if {@code readTimeout} is not positive
         */
        public Defaults withReadTimeout(Duration readTimeout) {
            return new Defaults(connectTimeout, readTimeout, maxAttempts);
        }

        /**
         * {@return a copy with another default number of attempts}
         *
         * @param maxAttempts the new default number of attempts including the first, at least 1
         * @throws IllegalArgumentException if {@code maxAttempts < 1}
         */
        public Defaults withMaxAttempts(int maxAttempts) {
            return new Defaults(connectTimeout, readTimeout, maxAttempts);
        }

        private static void requirePositive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive but was " + d);
            }
        }
    }

    /**
     * The common HTTP settings of one client, read from its configuration.
     *
     * @param baseUrl        {@link #BASE_URL} when set; the adapter applies its own default otherwise
     * @param connectTimeout {@link #CONNECT_TIMEOUT}
     * @param readTimeout    {@link #READ_TIMEOUT}
     * @param maxAttempts    {@link #MAX_ATTEMPTS}, including the first attempt
     */
    public record HttpSettings(Optional<URI> baseUrl, Duration connectTimeout, Duration readTimeout, int maxAttempts) {

        /**
         * @param baseUrl {@link #BASE_URL} when set; the adapter applies its own default otherwise
         * @param connectTimeout {@link #CONNECT_TIMEOUT}
         * @param readTimeout {@link #READ_TIMEOUT}
         * @param maxAttempts {@link #MAX_ATTEMPTS}, including the first attempt
         * @throws NullPointerException if a component is null
         */
        public HttpSettings {
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(readTimeout, "readTimeout");
        }
    }

    /**
     * The {@link ConfigKey}s of {@link #CONNECT_TIMEOUT}, {@link #READ_TIMEOUT} and {@link #MAX_ATTEMPTS} with the
     * adapter's defaults (the base URL is documented by the adapter with {@link #baseUrl(String, String)}, because its
     * default differs).
     *
     * @param defaults the adapter's defaults, shown as each key's default value
     * @return the three keys, in that order
     */
    public static List<ConfigKey> keys(Defaults defaults) {
        return List.of(
                ConfigKey.optional(CONNECT_TIMEOUT, "TCP connect timeout", format(defaults.connectTimeout())),
                ConfigKey.optional(READ_TIMEOUT, "Read timeout per request attempt", format(defaults.readTimeout())),
                ConfigKey.optional(MAX_ATTEMPTS, "Attempts per call including the first (retryable failures only: "
                        + "429, 5xx, I/O errors)", Integer.toString(defaults.maxAttempts())));
    }

    /**
     * {@return the {@link #BASE_URL} key with the adapter's description and default ({@code null} for none)}
     *
     * @param description one sentence naming the vendor's API host(s)
     * @param defaultValue the adapter's default URL, or {@code null} when it has none
     */
    public static ConfigKey baseUrl(String description, String defaultValue) {
        return ConfigKey.optional(BASE_URL, description, defaultValue);
    }

    /**
     * {@return the {@link #RATE_LIMIT_REQUESTS} key; {@code description} adds the vendor's limits}
     *
     * @param description one sentence with the vendor's documented limits
     * @param defaultValue the adapter's default number of requests per window
     */
    public static ConfigKey rateLimitRequests(String description, int defaultValue) {
        return ConfigKey.optional(RATE_LIMIT_REQUESTS, description, Integer.toString(defaultValue));
    }

    /**
     * {@return the {@link #RATE_LIMIT_PERIOD} key}
     *
     * @param defaultValue the adapter's default window, e.g. 10 s
     */
    public static ConfigKey rateLimitPeriod(Duration defaultValue) {
        return ConfigKey.optional(RATE_LIMIT_PERIOD, "Rolling window of rateLimitRequests", format(defaultValue));
    }

    /**
     * {@return the {@link #MAX_CONCURRENT_REQUESTS} key}
     *
     * @param defaultValue the adapter's default number of requests in flight
     */
    public static ConfigKey maxConcurrentRequests(int defaultValue) {
        return ConfigKey.optional(MAX_CONCURRENT_REQUESTS, "Requests in flight shared by all calls of one client",
                Integer.toString(defaultValue));
    }

    /**
     * The checks of the common HTTP keys: {@link #BASE_URL} an absolute URI, the timeouts positive durations,
     * {@link #MAX_ATTEMPTS} a positive integer. Each reports the key and the bad value.
     *
     * @return the four checks, for {@link CrmConfig#validate}
     */
    public static List<CrmConfig.Check> checks() {
        return List.of(CrmConfig.Check.uri(BASE_URL), positiveDuration(CONNECT_TIMEOUT),
                positiveDuration(READ_TIMEOUT), positiveInt(MAX_ATTEMPTS));
    }

    /**
     * Reads the common HTTP keys; call after validating with {@link #checks()}.
     *
     * @param config the client's configuration
     * @param defaults the adapter's defaults for absent keys
     * @return the settings, defaults applied
     * @throws dev.salesagent.crm.CrmConfigurationException if a present value is malformed
     */
    public static HttpSettings http(CrmConfig config, Defaults defaults) {
        return new HttpSettings(config.getUri(BASE_URL),
                config.getDuration(CONNECT_TIMEOUT, defaults.connectTimeout()),
                config.getDuration(READ_TIMEOUT, defaults.readTimeout()),
                config.getInt(MAX_ATTEMPTS, defaults.maxAttempts()));
    }

    /**
     * A check that the key, if present, is an integer greater than zero; its problem reads
     * {@code key 'k' must be positive but was '0'}.
     *
     * @param key the configuration key, e.g. {@link #MAX_ATTEMPTS}
     * @return the check, for {@link CrmConfig#validate}
     */
    public static CrmConfig.Check positiveInt(String key) {
        return c -> CrmConfig.Check.integer(key).problem(c).or(() -> c.get(key)
                .filter(v -> Long.parseLong(v) <= 0)
                .map(v -> "key '" + key + "' must be positive but was '" + v + "'"));
    }

    /**
     * A check that the key, if present, is an integer of zero or more.
     *
     * @param key the configuration key
     * @return the check, for {@link CrmConfig#validate}
     */
    public static CrmConfig.Check nonNegativeLong(String key) {
        return c -> CrmConfig.Check.integer(key).problem(c).or(() -> c.get(key)
                .filter(v -> Long.parseLong(v) < 0)
                .map(v -> "key '" + key + "' must not be negative but was '" + v + "'"));
    }

    /**
     * A check that the key, if present, is a duration greater than zero (see {@link CrmConfig#getDuration}).
     *
     * @param key the configuration key, e.g. {@link #READ_TIMEOUT}
     * @return the check, for {@link CrmConfig#validate}
     */
    public static CrmConfig.Check positiveDuration(String key) {
        return c -> CrmConfig.Check.duration(key).problem(c).or(() -> c.get(key)
                .filter(v -> {
                    Duration d = c.getDuration(key, Duration.ZERO);
                    return d.isZero() || d.isNegative();
                })
                .map(v -> "key '" + key + "' must be a positive duration but was '" + v + "'"));
    }

    /** {@code 500ms}, {@code 60s}, {@code 10m}, {@code 2h}: the short form the README documents (seconds below 10 min). */
    static String format(Duration d) {
        if (d.toMillisPart() != 0 || d.toNanosPart() % 1_000_000 != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.getSeconds();
        if (s >= 3600 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s >= 600 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
