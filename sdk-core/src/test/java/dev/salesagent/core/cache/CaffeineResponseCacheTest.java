package dev.salesagent.core.cache;

import dev.salesagent.core.testing.MutableClock;

import java.time.Duration;
import java.time.Instant;

/** The {@link ResponseCacheContract} on the in-process Caffeine cache, its ticker driven by the test clock. */
class CaffeineResponseCacheTest extends ResponseCacheContract {

    @Override
    protected ResponseCache cache(MutableClock clock) {
        return ResponseCache.inMemory(1000, () -> Duration.between(Instant.EPOCH, clock.instant()).toNanos());
    }
}
