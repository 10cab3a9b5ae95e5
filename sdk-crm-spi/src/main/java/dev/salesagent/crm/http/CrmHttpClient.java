package dev.salesagent.crm.http;

import dev.salesagent.common.retry.Sleeper;
import dev.salesagent.crm.spi.CrmClientOptions;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.salesagent.common.redact.PiiRedactor;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmRateLimitException;
import dev.salesagent.crm.CrmUnavailableException;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.ErrorDetails;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP client every CRM adapter configures (and never copies): OkHttp + Jackson, pluggable
 * {@link AuthStrategy}, Resilience4j retry / rate limiter / bulkhead / circuit breaker, vendor error
 * mapping, Micrometer timing and PII-redacted logging. Thread-safe; share one per adapter client.
 *
 * <h2>One call</h2>
 * For each attempt: bulkhead permit (max concurrent requests) → rate-limiter permit → circuit-breaker
 * permit → {@link AuthStrategy#authorize} → HTTP → timer and DEBUG log. A 2xx returns; a 401 with a
 * refreshable auth is repeated once with fresh credentials; other failures are mapped by the
 * {@link VendorErrorMapper} and retried per {@link RetryPolicy} (see there for what is retried and
 * how long it waits). The last failure is thrown as its {@link CrmException} subclass.
 *
 * <h2>Observability</h2>
 * Micrometer observation {@value #OBSERVATION_CALL} per call (when an {@code ObservationRegistry} is
 * set) and timer {@value #METRIC_REQUESTS} per attempt, tags {@code provider}, {@code operation}
 * ({@link CrmRequest#operation()}), {@code outcome} ({@code SUCCESS}, {@code CLIENT_ERROR},
 * {@code SERVER_ERROR}, {@code IO_ERROR}, ...) and {@code status}. DEBUG logs of request and response
 * (URL and up to 2,000 body characters) pass through {@link PiiRedactor}; {@code Authorization} is
 * never logged.
 */
public final class CrmHttpClient implements AutoCloseable {

    /** Name of the Micrometer {@link Observation} around each logical call (all attempts). */
    public static final String OBSERVATION_CALL = "salesagent.crm.call";

    /** Name of the Micrometer timer of HTTP attempts. */
    public static final String METRIC_REQUESTS = "salesagent.crm.requests";

    /** Request-id headers looked for by default, in order. */
    public static final List<String> DEFAULT_REQUEST_ID_HEADERS = List.of("X-Request-Id", "X-Correlation-Id",
            "X-HubSpot-Correlation-Id", "Sforce-Request-Id", "NS-Request-Id");

    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    private static final int LOGGED_BODY_CHARS = 2000;

    private final String providerId;
    private final HttpUrl baseUrl;
    private final AuthStrategy auth;
    private final ObjectMapper json;
    private final OkHttpClient http;
    private final boolean ownsHttp;
    private final RetryPolicy retryPolicy;
    private final Retry retry;
    private final RateLimiter rateLimiter;
    private final Bulkhead bulkhead;
    private final CircuitBreaker circuitBreaker;
    private final VendorErrorMapper errorMapper;
    private final RateLimitHeaders rateLimitHeaders;
    private final MeterRegistry meterRegistry;
    private final ObservationRegistry observationRegistry;
    private final Clock clock;
    private final PiiRedactor redactor;
    private final Sleeper sleeper;
    private final String idempotencyKeyHeader;
    private final List<String> requestIdHeaders;
    private final String userAgent;
    private final Logger log;

    private CrmHttpClient(Builder b) {
        this.providerId = b.providerId;
        this.baseUrl = b.baseUrl;
        this.auth = b.auth;
        this.json = b.objectMapper != null ? b.objectMapper : defaultObjectMapper();
        OkHttpClient.Builder hb = (b.okHttpClient != null ? b.okHttpClient.newBuilder() : new OkHttpClient.Builder())
                .connectTimeout(b.connectTimeout).readTimeout(b.readTimeout)
                .retryOnConnectionFailure(false);
        this.http = hb.build();
        this.ownsHttp = b.okHttpClient == null;
        this.retryPolicy = b.retryPolicy;
        IntervalFunction backoff = b.retryPolicy.jitter() == 0
                ? IntervalFunction.ofExponentialBackoff(b.retryPolicy.initialBackoff(), b.retryPolicy.multiplier(),
                        b.retryPolicy.maxBackoff())
                : IntervalFunction.ofExponentialRandomBackoff(b.retryPolicy.initialBackoff(), b.retryPolicy.multiplier(),
                        b.retryPolicy.jitter(), b.retryPolicy.maxBackoff());
        this.retry = Retry.of(providerId, RetryConfig.custom().maxAttempts(b.retryPolicy.maxAttempts())
                .intervalFunction(backoff).build());
        this.rateLimiter = b.ratePermits > 0 ? RateLimiter.of(providerId, RateLimiterConfig.custom()
                .limitForPeriod(b.ratePermits).limitRefreshPeriod(b.ratePeriod).timeoutDuration(b.maxQueueWait).build())
                : null;
        this.bulkhead = b.maxConcurrentRequests > 0 ? Bulkhead.of(providerId, BulkheadConfig.custom()
                .maxConcurrentCalls(b.maxConcurrentRequests).maxWaitDuration(b.maxQueueWait).build()) : null;
        this.circuitBreaker = b.circuitBreakerConfig != null ? CircuitBreaker.of(providerId, b.circuitBreakerConfig) : null;
        this.errorMapper = b.errorMapper;
        this.rateLimitHeaders = b.rateLimitHeaders;
        this.meterRegistry = b.meterRegistry;
        this.observationRegistry = b.observationRegistry;
        this.clock = b.clock;
        this.redactor = b.redactor;
        this.sleeper = b.sleeper;
        this.idempotencyKeyHeader = b.idempotencyKeyHeader;
        this.requestIdHeaders = List.copyOf(b.requestIdHeaders);
        this.userAgent = b.userAgent != null ? b.userAgent : "salesagent-crm-" + providerId;
        this.log = b.logger != null ? b.logger : LoggerFactory.getLogger(CrmHttpClient.class);
    }

    /**
     * {@return a builder for a client of {@code providerId} (used in metrics, logs and exceptions)}
     *
     * @param providerId the provider id, e.g. {@code hubspot}
     */
    public static Builder builder(String providerId) {
        return new Builder(providerId);
    }

    /**
     * The Jackson mapper used when none is configured: java.time support, ISO-8601 dates, unknown
     * properties ignored.
     *
     * @return a new mapper with those settings
     */
    public static ObjectMapper defaultObjectMapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** {@return the provider id} */
    public String providerId() {
        return providerId;
    }

    /** {@return the Jackson mapper bodies are read and written with} */
    public ObjectMapper objectMapper() {
        return json;
    }

    /** {@return the circuit breaker, if enabled (for health checks)} */
    public Optional<CircuitBreaker> circuitBreaker() {
        return Optional.ofNullable(circuitBreaker);
    }

    /**
     * Executes the request with retries and returns the 2xx response.
     *
     * @param request the request
     * @return the successful (2xx) response
     * @throws CrmException the mapped failure of the last attempt: {@code CrmRateLimitException},
     *                      {@code CrmAuthenticationException}, {@code CrmUnavailableException}, ...
     */
    public CrmResponse execute(CrmRequest request) {
        if (observationRegistry == null || observationRegistry.isNoop()) {
            return executeWithRetries(request);
        }
        return Observation.createNotStarted(OBSERVATION_CALL, observationRegistry)
                .contextualName(providerId + " " + request.operation())
                .lowCardinalityKeyValue("provider", providerId)
                .lowCardinalityKeyValue("operation", request.operation())
                .observe(() -> executeWithRetries(request));
    }

    private CrmResponse executeWithRetries(CrmRequest request) {
        Retry.AsyncContext<Object> attempts = retry.asyncContext();
        boolean reauthorized = false;
        while (true) {
            CrmResponse response = null;
            CrmException failure;
            try {
                response = attempt(request);
                if (response.isSuccessful()) {
                    attempts.onComplete();
                    return response;
                }
                if (response.status() == 401 && !reauthorized && auth.refreshAfterUnauthorized(response)) {
                    reauthorized = true;
                    log.debug("CRM {} {}: 401, repeating once with refreshed credentials", providerId,
                            request.operation());
                    continue;
                }
                failure = Objects.requireNonNull(errorMapper.map(response), "error mapper returned null");
            } catch (Final f) {
                throw f.failure;
            } catch (CrmException e) {
                failure = e;
            }
            if (!retryAllowed(request, failure)) {
                throw failure;
            }
            Duration hint = serverHint(failure, response);
            if (hint.compareTo(retryPolicy.maxRetryAfter()) > 0) {
                log.debug("CRM {} {}: server asks to wait {} (> {}), not retrying", providerId, request.operation(),
                        hint, retryPolicy.maxRetryAfter());
                throw failure;
            }
            long backoffMillis = attempts.onError(failure);
            if (backoffMillis < 0) {
                throw failure;
            }
            Duration wait = hint.compareTo(Duration.ofMillis(backoffMillis)) > 0 ? hint : Duration.ofMillis(backoffMillis);
            log.debug("CRM {} {}: {} - retrying in {}", providerId, request.operation(), redact(failure.getMessage()),
                    wait);
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure.addSuppressed(e);
                throw failure;
            }
        }
    }

    /**
     * Executes the request and maps the 2xx JSON body to {@code type}.
     *
     * @param request the request
     * @param type the class to map the body to
     * @param <T> the result type
     * @return the mapped body
     * @throws CrmException as {@link #execute(CrmRequest)}, or when the body does not fit {@code type}
     */
    public <T> T execute(CrmRequest request, Class<T> type) {
        return execute(request).as(type);
    }

    /**
     * Executes the request and maps the 2xx JSON body to {@code type}.
     *
     * @param request the request
     * @param type    the generic type to map the body to, e.g. {@code new TypeReference<List<Deal>>() {}}
     * @param <T>     the result type
     * @return the mapped body
     * @throws CrmException as {@link #execute(CrmRequest)}, or when the body does not fit {@code type}
     */
    public <T> T execute(CrmRequest request, TypeReference<T> type) {
        return execute(request).as(type);
    }

    /** Releases the connection pool and dispatcher threads (only when this client created them). Idempotent. */
    @Override
    public void close() {
        if (ownsHttp) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    // ------------------------------------------------------------------ engine

    /** Wraps failures that must reach the caller without retry (local limits already waited). */
    private static final class Final extends RuntimeException {
        final CrmException failure;

        Final(CrmException failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }
    }

    /** An I/O failure before the request reached the server: always safe to retry. */
    private static final class NotSent extends CrmUnavailableException {
        NotSent(String message, ErrorDetails details, Throwable cause) {
            super(message, details, cause);
        }
    }

    private boolean retryAllowed(CrmRequest request, CrmException failure) {
        if (!failure.retryable()) {
            return false;
        }
        if (failure instanceof CrmRateLimitException || failure instanceof NotSent) {
            return true;
        }
        return request.safeToRetry();
    }

    private Duration serverHint(CrmException failure, CrmResponse response) {
        Duration hint = Duration.ZERO;
        if (failure instanceof CrmRateLimitException rl && rl.retryAfter().isPresent()) {
            hint = rl.retryAfter().get();
        }
        if (response != null) {
            hint = max(hint, response.retryAfter().orElse(Duration.ZERO));
            hint = max(hint, rateLimitHeaders.retryAfter(response).orElse(Duration.ZERO));
        }
        return hint;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private CrmResponse attempt(CrmRequest request) {
        if (bulkhead != null && !bulkhead.tryAcquirePermission()) {
            throw new Final(new CrmUnavailableException("more than " + bulkhead.getBulkheadConfig().getMaxConcurrentCalls()
                    + " concurrent requests waited longer than " + bulkhead.getBulkheadConfig().getMaxWaitDuration(),
                    ErrorDetails.of(providerId)));
        }
        try {
            if (rateLimiter != null && !rateLimiter.acquirePermission()) {
                throw new Final(new CrmRateLimitException("client-side rate limit: no permit within "
                        + rateLimiter.getRateLimiterConfig().getTimeoutDuration(), ErrorDetails.of(providerId),
                        rateLimiter.getRateLimiterConfig().getLimitRefreshPeriod(), false));
            }
            Request okRequest = auth.authorize(toOkHttp(request));
            if (circuitBreaker != null && !circuitBreaker.tryAcquirePermission()) {
                throw new Final(new CrmUnavailableException("circuit breaker is " + circuitBreaker.getState()
                        + " after repeated failures", ErrorDetails.of(providerId)));
            }
            return send(request, okRequest);
        } finally {
            if (bulkhead != null) {
                bulkhead.onComplete();
            }
        }
    }

    private CrmResponse send(CrmRequest request, Request okRequest) {
        logRequest(request, okRequest);
        long start = System.nanoTime();
        try (Response r = http.newCall(okRequest).execute()) {
            ResponseBody body = r.body();
            String text = body == null ? "" : body.string();
            long nanos = System.nanoTime() - start;
            CrmResponse response = new CrmResponse(providerId, r.code(), r.headers(), text, okRequest, clock.instant(),
                    json, requestIdHeaders);
            record(request, outcome(r.code()), Integer.toString(r.code()), nanos);
            if (circuitBreaker != null) {
                if (r.code() >= 500 || r.code() == 408) {
                    circuitBreaker.onError(nanos, TimeUnit.NANOSECONDS,
                            new CrmUnavailableException("HTTP " + r.code(), ErrorDetails.of(providerId)));
                } else {
                    circuitBreaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
                }
            }
            logResponse(request, response, nanos);
            return response;
        } catch (IOException e) {
            long nanos = System.nanoTime() - start;
            record(request, "IO_ERROR", "IO_ERROR", nanos);
            boolean notSent = e instanceof ConnectException || e instanceof UnknownHostException
                    || e instanceof NoRouteToHostException;
            CrmUnavailableException failure = notSent
                    ? new NotSent("cannot connect to " + okRequest.url().host() + ": " + e, ErrorDetails.of(providerId), e)
                    : new CrmUnavailableException((e instanceof InterruptedIOException ? "timeout" : "I/O failure")
                    + " calling " + request.method() + " " + okRequest.url().encodedPath() + ": " + e,
                    ErrorDetails.of(providerId), e);
            if (circuitBreaker != null) {
                circuitBreaker.onError(nanos, TimeUnit.NANOSECONDS, failure);
            }
            log.debug("CRM {} <-- {} {}: {}", providerId, request.method(), loggable(okRequest.url()),
                    redact(e.toString()));
            throw failure;
        }
    }

    private Request toOkHttp(CrmRequest request) {
        HttpUrl url = resolve(request.path());
        if (!request.query().isEmpty()) {
            HttpUrl.Builder ub = url.newBuilder();
            for (Map.Entry<String, String> q : request.query()) {
                ub.addQueryParameter(q.getKey(), q.getValue());
            }
            url = ub.build();
        }
        RequestBody body = null;
        if (request.jsonBody() != null) {
            try {
                body = RequestBody.create(json.writeValueAsString(request.jsonBody()), JSON_TYPE);
            } catch (JsonProcessingException e) {
                throw new CrmValidationException("cannot serialise request body: " + e.getOriginalMessage(),
                        ErrorDetails.of(providerId), List.of());
            }
        } else if (request.rawBody() != null) {
            body = RequestBody.create(request.rawBody(), MediaType.get(request.contentType()));
        } else if (List.of("POST", "PUT", "PATCH").contains(request.method())) {
            body = RequestBody.create(new byte[0], null);
        }
        Request.Builder rb = new Request.Builder().url(url).method(request.method(), body)
                .header("Accept", "application/json").header("User-Agent", userAgent);
        request.headers().forEach(rb::header);
        if (idempotencyKeyHeader != null && request.idempotencyKey() != null) {
            rb.header(idempotencyKeyHeader, request.idempotencyKey());
        }
        return rb.build();
    }

    private HttpUrl resolve(String path) {
        HttpUrl absolute = HttpUrl.parse(path);
        if (absolute != null) {
            return absolute;
        }
        if (baseUrl == null) {
            throw new CrmValidationException("relative path '" + path + "' but no baseUrl configured",
                    ErrorDetails.of(providerId), List.of());
        }
        String base = baseUrl.toString();
        String joined = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + (path.startsWith("/") ? path : "/" + path);
        HttpUrl url = HttpUrl.parse(joined);
        if (url == null) {
            throw new CrmValidationException("not a valid URL: " + joined, ErrorDetails.of(providerId), List.of());
        }
        return url;
    }

    private static String outcome(int status) {
        if (status < 200) {
            return "INFORMATIONAL";
        } else if (status < 300) {
            return "SUCCESS";
        } else if (status < 400) {
            return "REDIRECTION";
        } else if (status < 500) {
            return "CLIENT_ERROR";
        }
        return "SERVER_ERROR";
    }

    private void record(CrmRequest request, String outcome, String status, long nanos) {
        if (meterRegistry == null) {
            return;
        }
        Timer.builder(METRIC_REQUESTS)
                .description("HTTP attempts against a CRM/ERP API")
                .tag("provider", providerId)
                .tag("operation", request.operation())
                .tag("outcome", outcome)
                .tag("status", status)
                .register(meterRegistry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private void logRequest(CrmRequest request, Request ok) {
        if (!log.isDebugEnabled()) {
            return;
        }
        String body = request.jsonBody() != null ? safeJson(request.jsonBody()) : request.rawBody();
        log.debug("CRM {} --> {} {} ({}){}", providerId, ok.method(), loggable(ok.url()), request.operation(),
                body == null ? "" : " " + redact(truncate(body)));
    }

    private void logResponse(CrmRequest request, CrmResponse response, long nanos) {
        if (!log.isDebugEnabled()) {
            return;
        }
        log.debug("CRM {} <-- {} {} ({} ms, requestId={}) {}", providerId, response.status(), request.operation(),
                TimeUnit.NANOSECONDS.toMillis(nanos), response.requestId(), redact(truncate(response.bodyString())));
    }

    private String safeJson(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            return "<unserialisable " + body.getClass().getSimpleName() + ">";
        }
    }

    /** The URL with its query decoded (so an encoded e-mail is recognised), redacted. */
    private String loggable(HttpUrl url) {
        String query = url.query();
        return redact(url.newBuilder().query(null).build() + (query == null ? "" : "?" + query));
    }

    private String redact(String text) {
        return redactor.redact(text);
    }

    private static String truncate(String text) {
        return text.length() <= LOGGED_BODY_CHARS ? text
                : text.substring(0, LOGGED_BODY_CHARS) + "...(" + (text.length() - LOGGED_BODY_CHARS) + " more chars)";
    }

    @Override
    public String toString() {
        return "CrmHttpClient[" + providerId + " " + baseUrl + ", " + retryPolicy + "]";
    }

    /** Builder of {@link CrmHttpClient}. Only the provider id is required; everything has a default. */
    public static final class Builder {
        private final String providerId;
        private HttpUrl baseUrl;
        private AuthStrategy auth = AuthStrategy.none();
        private ObjectMapper objectMapper;
        private OkHttpClient okHttpClient;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private int ratePermits;
        private Duration ratePeriod;
        private int maxConcurrentRequests;
        private Duration maxQueueWait = Duration.ofSeconds(60);
        private CircuitBreakerConfig circuitBreakerConfig = CircuitBreakerConfig.custom()
                .slidingWindowSize(50).minimumNumberOfCalls(20).failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(30)).build();
        private VendorErrorMapper errorMapper = VendorErrorMapper.statusBased();
        private RateLimitHeaders rateLimitHeaders = RateLimitHeaders.none();
        private MeterRegistry meterRegistry;
        private ObservationRegistry observationRegistry;
        private Clock clock = Clock.systemUTC();
        private PiiRedactor redactor = PiiRedactor.defaults();
        private Sleeper sleeper = Sleeper.threadSleep();
        private String idempotencyKeyHeader;
        private List<String> requestIdHeaders = DEFAULT_REQUEST_ID_HEADERS;
        private String userAgent;
        private Logger logger;

        private Builder(String providerId) {
            this.providerId = Objects.requireNonNull(providerId, "providerId");
        }

        /**
         * Base URL relative request paths are appended to, e.g. {@code https://api.hubapi.com}.
         *
         * @param baseUrl an absolute http(s) URL
         * @return this builder
         * @throws IllegalArgumentException if it is not an http(s) URL
         */
        public Builder baseUrl(String baseUrl) {
            HttpUrl url = HttpUrl.parse(Objects.requireNonNull(baseUrl, "baseUrl"));
            if (url == null) {
                throw new IllegalArgumentException("baseUrl is not an http(s) URL: " + baseUrl);
            }
            this.baseUrl = url;
            return this;
        }

        /**
         * Authentication; default {@link AuthStrategy#none()}.
         *
         * @param auth how each attempt is authorized
         * @return this builder
         */
        public Builder auth(AuthStrategy auth) { this.auth = Objects.requireNonNull(auth, "auth"); return this; }
        /**
         * Jackson mapper; default {@link CrmHttpClient#defaultObjectMapper()}.
         *
         * @param objectMapper the mapper, or {@code null} for the default
         * @return this builder
         */
        public Builder objectMapper(ObjectMapper objectMapper) { this.objectMapper = objectMapper; return this; }
        /**
         * A base OkHttp client to derive from (shares its pool; {@link #close()} then leaves it open).
         *
         * @param client the client to derive from, or {@code null} for an own one
         * @return this builder
         */
        public Builder okHttpClient(OkHttpClient client) { this.okHttpClient = client; return this; }
        /**
         * TCP connect timeout; default 10 s.
         *
         * @param d the timeout, positive
         * @return this builder
         */
        public Builder connectTimeout(Duration d) { this.connectTimeout = positive(d, "connectTimeout"); return this; }
        /**
         * Socket read timeout; default 30 s.
         *
         * @param d the timeout per attempt, positive
         * @return this builder
         */
        public Builder readTimeout(Duration d) { this.readTimeout = positive(d, "readTimeout"); return this; }
        /**
         * Retry rules; default {@link RetryPolicy#defaults()}.
         *
         * @param policy the retry rules
         * @return this builder
         */
        public Builder retry(RetryPolicy policy) { this.retryPolicy = Objects.requireNonNull(policy, "policy"); return this; }

        /**
         * Client-side rate limit: at most {@code permits} attempts per {@code period} (e.g. HubSpot
         * private apps: 190 per 10 s). Default: none.
         *
         * @param permits attempts allowed per period, at least 1
         * @param period the window, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code permits < 1} or {@code period} is not positive
         */
        public Builder rateLimit(int permits, Duration period) {
            if (permits < 1) {
                throw new IllegalArgumentException("permits must be positive but was " + permits);
            }
            this.ratePermits = permits;
            this.ratePeriod = positive(period, "period");
            return this;
        }

        /**
         * At most this many requests in flight (NetSuite: account concurrency limit). Default: unlimited.
         *
         * @param max requests in flight at once, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code max < 1}
         */
        public Builder maxConcurrentRequests(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConcurrentRequests must be positive but was " + max);
            }
            this.maxConcurrentRequests = max;
            return this;
        }

        /**
         * Longest wait for a rate-limit or concurrency permit before failing; default 60 s.
         *
         * @param d the longest wait for a permit
         * @return this builder
         */
        public Builder maxQueueWait(Duration d) { this.maxQueueWait = Objects.requireNonNull(d); return this; }

        /**
         * Turns the circuit breaker on (default: 50% of the last 50 calls failing, at least 20, opens for 30 s) or off.
         *
         * @param enabled {@code true} for the default circuit breaker, {@code false} for none
         * @return this builder
         */
        public Builder circuitBreaker(boolean enabled) {
            this.circuitBreakerConfig = enabled ? CircuitBreakerConfig.custom().slidingWindowSize(50)
                    .minimumNumberOfCalls(20).failureRateThreshold(50).waitDurationInOpenState(Duration.ofSeconds(30))
                    .build() : null;
            return this;
        }

        /**
         * Turns the circuit breaker on with this configuration (5xx, 408 and I/O errors count as failures).
         *
         * @param config the Resilience4j circuit breaker configuration
         * @return this builder
         */
        public Builder circuitBreaker(CircuitBreakerConfig config) { this.circuitBreakerConfig = Objects.requireNonNull(config); return this; }
        /**
         * Vendor error mapping; default {@link VendorErrorMapper#statusBased()}.
         *
         * @param mapper turns non-2xx responses into exceptions
         * @return this builder
         */
        public Builder errorMapper(VendorErrorMapper mapper) { this.errorMapper = Objects.requireNonNull(mapper); return this; }
        /**
         * Vendor rate-limit headers read for retry waits; default none.
         *
         * @param hook reads the vendor's wait hint from a response
         * @return this builder
         */
        public Builder rateLimitHeaders(RateLimitHeaders hook) { this.rateLimitHeaders = Objects.requireNonNull(hook); return this; }
        /**
         * Registry for the {@value #METRIC_REQUESTS} timer; default none (no metrics).
         *
         * @param registry the registry, or {@code null} for no metrics
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry registry) { this.meterRegistry = registry; return this; }
        /**
         * Registry for the {@value #OBSERVATION_CALL} observation around each call (low-cardinality keys
         * {@code provider}, {@code operation}; the error when it fails), which tracing bridges to
         * OpenTelemetry spans; default none.
         *
         * @param registry the registry, or {@code null} for no observations
         * @return this builder
         */
        public Builder observationRegistry(ObservationRegistry registry) { this.observationRegistry = registry; return this; }
        /**
         * Clock for {@code Retry-After} dates; default UTC system clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) { this.clock = Objects.requireNonNull(clock); return this; }
        /**
         * Redactor for logs; default {@link PiiRedactor#defaults()}.
         *
         * @param redactor masks personal data (e-mails, phone numbers) in log lines
         * @return this builder
         */
        public Builder redactor(PiiRedactor redactor) { this.redactor = Objects.requireNonNull(redactor); return this; }
        /**
         * How retry waits are spent; default {@link Sleeper#threadSleep()}.
         *
         * @param sleeper waits between attempts; tests pass one that records instead of sleeping
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) { this.sleeper = Objects.requireNonNull(sleeper); return this; }

        /**
         * Applies the application's {@link CrmClientOptions} at once: meter registry, observation registry, clock and
         * sleeper (the same as calling those four setters).
         *
         * @param options the application's registries, clock and sleeper
         * @return this builder
         * @throws NullPointerException if {@code options} is null
         */
        public Builder options(CrmClientOptions options) {
            Objects.requireNonNull(options, "options");
            return meterRegistry(options.meterRegistry().orElse(null))
                    .observationRegistry(options.observationRegistry().orElse(null))
                    .clock(options.clock())
                    .sleeper(options.sleeper());
        }
        /**
         * Header to send {@link CrmRequest#idempotencyKey()} in (e.g. {@code Idempotency-Key}); default: not sent.
         *
         * @param header the header name, or {@code null} not to send the key
         * @return this builder
         */
        public Builder idempotencyKeyHeader(String header) { this.idempotencyKeyHeader = header; return this; }
        /**
         * Headers holding the vendor's request id, in order; default {@link #DEFAULT_REQUEST_ID_HEADERS}.
         *
         * @param headers header names, first present one wins; copied
         * @return this builder
         */
        public Builder requestIdHeaders(List<String> headers) { this.requestIdHeaders = List.copyOf(headers); return this; }
        /**
         * {@code User-Agent}; default {@code salesagent-crm-<provider>}.
         *
         * @param userAgent the value, or {@code null} for the default
         * @return this builder
         */
        public Builder userAgent(String userAgent) { this.userAgent = userAgent; return this; }
        /**
         * Logger for request/response DEBUG lines; default {@code dev.salesagent.crm.http.CrmHttpClient}.
         *
         * @param logger the SLF4J logger, or {@code null} for the default
         * @return this builder
         */
        public Builder logger(Logger logger) { this.logger = logger; return this; }

        /** {@return a new {@link CrmHttpClient} from the values set} */
        public CrmHttpClient build() {
            return new CrmHttpClient(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive but was " + d);
            }
            return d;
        }
    }
}
