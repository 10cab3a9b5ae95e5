package dev.salesagent.crm.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void retryPolicyValidatesWithTheBadValue() {
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0).build()).hasMessageContaining("0");
        assertThatThrownBy(() -> RetryPolicy.builder().jitter(1.0).build()).hasMessageContaining("1.0");
        assertThatThrownBy(() -> RetryPolicy.builder().maxBackoff(Duration.ofMillis(1)).build())
                .hasMessageContaining("PT0.001S");
        assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    }
}
