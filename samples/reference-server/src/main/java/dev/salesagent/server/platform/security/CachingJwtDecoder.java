package dev.salesagent.server.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Reuses the result of verifying an access token for the next requests that present the very same token, as Envoy's
 * {@code jwt_authn} filter does ({@code jwt_cache_config}): a client sends its token with every call, and parsing it,
 * checking its RS256 signature and converting its claims was a quarter of an authenticated request's CPU.
 *
 * <p>An entry is the {@link Jwt} the delegate returned for the exact token string (a different signature or a single
 * changed character is a different key, decoded and verified anew). It is used only while the token has not expired
 * ({@code exp}, read on every hit against the clock) and for at most {@code maxAge} after it was verified, so a signing
 * key that is retired or a claim rule that changes takes effect within {@code maxAge}. Failures are never cached: an
 * invalid token costs a full decode each time, as before. At most {@code maxTokens} tokens are kept (least recently
 * used evicted first).
 */
public final class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder delegate;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    /**
     * Wraps a decoder.
     *
     * @param delegate the decoder that verifies a token not in the cache
     * @param clock the time {@code exp} is compared with (and the cache's ticker)
     * @param maxAge how long a verified token is reused at most; positive
     * @param maxTokens how many verified tokens are kept at most
     * @throws IllegalArgumentException if {@code maxAge} is not positive
     */
    public CachingJwtDecoder(JwtDecoder delegate, Clock clock, Duration maxAge, long maxTokens) {
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive: " + maxAge);
        }
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.verified = Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfterWrite(maxAge)
                .maximumSize(maxTokens)
                .build();
    }

    /**
     * Decodes and verifies a token, or returns the {@link Jwt} of an earlier verification of the same token while that
     * is still usable.
     *
     * @param token the compact JWS
     * @return the verified token
     * @throws JwtException as the delegate raises it (malformed, bad signature, expired, claim rule failed)
     */
    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = verified.getIfPresent(token);
        if (jwt != null) {
            Instant expiresAt = jwt.getExpiresAt();
            if (expiresAt == null || clock.instant().isBefore(expiresAt)) {
                return jwt;
            }
            verified.invalidate(token);
        }
        jwt = delegate.decode(token);
        verified.put(token, jwt);
        return jwt;
    }
}
