package dev.salesagent.crm.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MutableClockTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void standsStillUntilMoved() {
        MutableClock clock = new MutableClock(START);
        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.millis()).isEqualTo(START.toEpochMilli());
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void advanceAndSetMoveIt() {
        MutableClock clock = new MutableClock(START);
        assertThat(clock.advance(Duration.ofMinutes(5))).isEqualTo(START.plusSeconds(300));
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(300));
        clock.set(START.minusSeconds(1));
        assertThat(clock.instant()).isEqualTo(START.minusSeconds(1));
    }

    @Test
    void aZonedViewSharesTheInstant() {
        MutableClock clock = new MutableClock(START);
        Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));
        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        clock.advance(Duration.ofHours(1));
        assertThat(paris.instant()).isEqualTo(START.plusSeconds(3600));
        assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
    }

    @Test
    void startingNowStartsAtTheSystemTime() {
        Instant before = Instant.now();
        MutableClock clock = MutableClock.startingNow();
        assertThat(clock.instant()).isBetween(before, Instant.now());
    }
}
