package dev.salesagent.server.platform;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** The rate limiter's time in tests: stands still unless a test advances it, so buckets refill only on purpose. */
public final class ManualTimeMeter implements TimeMeter {

    private final AtomicLong nanos = new AtomicLong(System.currentTimeMillis() * 1_000_000L);

    @Override
    public long currentTimeNanos() {
        return nanos.get();
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }

    /** Moves time forward. */
    public void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }
}
