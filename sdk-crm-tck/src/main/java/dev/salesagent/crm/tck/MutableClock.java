package dev.salesagent.crm.tck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A test {@link Clock} that stands still until the test moves it, so token expiry, cache TTLs, quotas,
 * {@code Retry-After} dates and record timestamps are tested without sleeping. Hand the same instance to the client
 * under test (e.g. through {@code CrmClientOptions.builder().clock(clock)}) and to the simulator.
 *
 * <pre>{@code
 * MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
 * ... client.contacts().upsert(...);
 * clock.advance(Duration.ofMinutes(6));   // past a 5-minute TTL
 * }</pre>
 *
 * Thread-safe. {@link #withZone} returns a clock with another zone that shares this one's instant, so advancing
 * either moves both; the default zone is UTC.
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    /**
     * A clock standing at {@code start}, zone UTC.
     *
     * @param start the initial instant
     * @throws NullPointerException if {@code start} is null
     */
    public MutableClock(Instant start) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** {@return a clock standing at the current system time (for simulators that also check real timestamps)} */
    public static MutableClock startingNow() {
        return new MutableClock(Instant.now());
    }

    /**
     * Moves the clock forward (or back, with a negative duration) by {@code duration}.
     *
     * @param duration how far to move; negative moves back
     * @return the new instant
     */
    public Instant advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        return now.updateAndGet(t -> t.plus(duration));
    }

    /**
     * Sets the clock to {@code instant}.
     *
     * @param instant the new current instant
     */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(this.zone) ? this : new MutableClock(now, zone);
    }

    @Override
    public String toString() {
        return "MutableClock[" + now.get() + ", " + zone + "]";
    }
}
