package dev.salesagent.server.agentplatform.run;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/** Time-ordered UUIDs (RFC 9562 version 7), as the LangGraph API gives runs and threads. */
public final class UuidV7 {

    private static final SecureRandom RANDOM = new SecureRandom();

    private UuidV7() {
    }

    /** {@return a new version-7 UUID for the clock's current millisecond} */
    public static UUID next(Clock clock) {
        long ms = clock.millis();
        long high = (ms << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
