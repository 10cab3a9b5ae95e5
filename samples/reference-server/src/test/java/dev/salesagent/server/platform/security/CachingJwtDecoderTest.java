package dev.salesagent.server.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesagent.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class CachingJwtDecoderTest {

    static final Instant T0 = Instant.parse("2026-12-02T12:00:00Z");

    final MutableClock clock = new MutableClock(T0);
    final List<String> verified = new ArrayList<>();

    /** Verifies "good-*" tokens (expiring 15 min after T0) and refuses every other one, counting its calls. */
    final JwtDecoder delegate = token -> {
        verified.add(token);
        if (!token.startsWith("good-")) {
            throw new BadJwtException("bad signature");
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject(token)
                .issuedAt(T0).expiresAt(T0.plus(Duration.ofMinutes(15))).build();
    };

    @Test
    void theSameTokenIsVerifiedOnceAndItsJwtReused() {
        CachingJwtDecoder decoder = new CachingJwtDecoder(delegate, clock, Duration.ofSeconds(60), 100);
        Jwt first = decoder.decode("good-a");
        assertThat(decoder.decode("good-a")).isSameAs(first);
        assertThat(decoder.decode("good-b").getSubject()).isEqualTo("good-b");
        assertThat(verified).containsExactly("good-a", "good-b");
    }

    @Test
    void anEntryIsReverifiedAfterMaxAge() {
        CachingJwtDecoder decoder = new CachingJwtDecoder(delegate, clock, Duration.ofSeconds(60), 100);
        decoder.decode("good-a");
        clock.advance(Duration.ofSeconds(59));
        decoder.decode("good-a");
        assertThat(verified).hasSize(1);
        clock.advance(Duration.ofSeconds(2)); // 61 s after the verification
        decoder.decode("good-a");
        assertThat(verified).as("older than maxAge: verified again").hasSize(2);
    }

    @Test
    void aCachedTokenIsNotUsedPastItsExpiry() {
        CachingJwtDecoder decoder = new CachingJwtDecoder(delegate, clock, Duration.ofHours(1), 100);
        decoder.decode("good-a");
        clock.advance(Duration.ofMinutes(15));
        decoder.decode("good-a");
        assertThat(verified).as("at exp the delegate decides again (and applies its own rules)").hasSize(2);
    }

    @Test
    void failuresAreNeverCached() {
        CachingJwtDecoder decoder = new CachingJwtDecoder(delegate, clock, Duration.ofSeconds(60), 100);
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThat(verified).containsExactly("forged", "forged");
    }

    @Test
    void maxAgeMustBePositive() {
        assertThatThrownBy(() -> new CachingJwtDecoder(delegate, clock, Duration.ZERO, 100))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
