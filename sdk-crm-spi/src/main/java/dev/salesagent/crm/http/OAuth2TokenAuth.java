package dev.salesagent.crm.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import okhttp3.Request;

/**
 * Bearer authentication with a cached OAuth2 token: fetched on first use, refreshed proactively when
 * it expires within {@code refreshSkew}, and refreshed once after an HTTP 401 (a token revoked or
 * expired early). Concurrent callers share one refresh: after a 401 the token is fetched again only
 * if the request carried the current token. Thread-safe.
 */
public final class OAuth2TokenAuth implements AuthStrategy {

    /** Default refresh skew: 60 s before expiry. */
    public static final Duration DEFAULT_REFRESH_SKEW = Duration.ofSeconds(60);

    private final TokenSource source;
    private final Clock clock;
    private final Duration refreshSkew;
    private AccessToken token;

    /**
     * @param source      where tokens come from
     * @param clock       to judge expiry
     * @param refreshSkew refresh when the token expires within this long (e.g. 60 s)
     */
    public OAuth2TokenAuth(TokenSource source, Clock clock, Duration refreshSkew) {
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refreshSkew = Objects.requireNonNull(refreshSkew, "refreshSkew");
        if (refreshSkew.isNegative()) {
            throw new IllegalArgumentException("refreshSkew must not be negative: " + refreshSkew);
        }
    }

    /**
     * With the UTC system clock and {@link #DEFAULT_REFRESH_SKEW}.
     *
     * @param source where tokens come from, e.g. an {@link OAuth2TokenSource}
     */
    public OAuth2TokenAuth(TokenSource source) {
        this(source, Clock.systemUTC(), DEFAULT_REFRESH_SKEW);
    }

    /**
     * The current token, fetching a new one if there is none or it expires within the skew.
     *
     * @return a token that does not expire within the skew (or of unknown expiry)
     * @throws dev.salesagent.crm.CrmAuthenticationException from the token source
     */
    public synchronized AccessToken currentToken() {
        if (token == null || token.expiresWithin(refreshSkew, clock.instant())) {
            token = Objects.requireNonNull(source.fetch(), "token source returned null");
        }
        return token;
    }

    @Override
    public Request authorize(Request request) {
        return request.newBuilder().header("Authorization", "Bearer " + currentToken().value()).build();
    }

    /** Drops the cached token if the failed request carried it, so the retry fetches a new one. Always {@code true}. */
    @Override
    public synchronized boolean refreshAfterUnauthorized(CrmResponse response) {
        String sent = response.requestHeader("Authorization");
        if (token != null && (sent == null || sent.equals("Bearer " + token.value()))) {
            token = null;
        }
        return true;
    }

    @Override
    public String toString() {
        return "OAuth2TokenAuth[" + source + "]";
    }
}
