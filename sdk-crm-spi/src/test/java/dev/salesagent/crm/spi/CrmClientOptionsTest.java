package dev.salesagent.crm.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CrmClientOptionsTest {

    @Test
    void defaultsHaveNoRegistriesAndTheSystemClock() {
        CrmClientOptions defaults = CrmClientOptions.defaults();
        assertThat(defaults.meterRegistry()).isEmpty();
        assertThat(defaults.observationRegistry()).isEmpty();
        assertThat(defaults.clock()).isEqualTo(Clock.systemUTC());
        assertThat(CrmClientOptions.builder().build().clock()).isEqualTo(Clock.systemUTC());
    }

    @Test
    void builderKeepsWhatItWasGiven() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ObservationRegistry observations = ObservationRegistry.create();
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        CrmClientOptions options = CrmClientOptions.builder()
                .meterRegistry(meters).observationRegistry(observations).clock(clock).build();
        assertThat(options.meterRegistry()).containsSame(meters);
        assertThat(options.observationRegistry()).containsSame(observations);
        assertThat(options.clock()).isSameAs(clock);
    }

    @Test
    void toBuilderChangesOneOptionAndLeavesTheOriginalAlone() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CrmClientOptions original = CrmClientOptions.builder().meterRegistry(meters).build();
        Clock clock = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
        CrmClientOptions changed = original.toBuilder().clock(clock).build();
        assertThat(changed.meterRegistry()).containsSame(meters);
        assertThat(changed.clock()).isSameAs(clock);
        assertThat(original.clock()).isEqualTo(Clock.systemUTC());
    }

    @Test
    void nullClockIsRejected() {
        assertThatThrownBy(() -> CrmClientOptions.builder().clock(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("clock");
    }

    @Test
    void sleeperDefaultsToThreadSleepAndIsKeptByToBuilder() throws InterruptedException {
        java.util.List<java.time.Duration> waits = new java.util.ArrayList<>();
        CrmClientOptions recording = CrmClientOptions.builder().sleeper(waits::add).build();
        recording.toBuilder().clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).build().sleeper()
                .sleep(java.time.Duration.ofMillis(250));
        assertThat(waits).containsExactly(java.time.Duration.ofMillis(250));
        assertThat(CrmClientOptions.defaults().sleeper()).isNotNull();
        assertThat(CrmClientOptions.defaults().toString()).contains("sleeper=threadSleep");
        assertThat(recording.toString()).contains("sleeper=custom");
        assertThatThrownBy(() -> CrmClientOptions.builder().sleeper(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("sleeper");
    }
}
