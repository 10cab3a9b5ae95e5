package dev.salesagent.common.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2015-10-21T07:28:00Z");

    @Test
    void parsesSecondsAndDates() {
        assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 1.5 ", NOW)).contains(Duration.ofMillis(1500));
        assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:30 GMT", NOW)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:00:00 GMT", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("-5", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
    }

    @Test
    void parsesMillisecondVariant() {
        assertThat(RetryAfter.parseMillis("250")).contains(Duration.ofMillis(250));
        assertThat(RetryAfter.parseMillis("0.4")).contains(Duration.ofMillis(1));
        assertThat(RetryAfter.parseMillis("-3")).contains(Duration.ZERO);
        assertThat(RetryAfter.parseMillis("later")).isEmpty();
        assertThat(RetryAfter.parseMillis(null)).isEmpty();
    }
}
