package dev.salesagent.crm.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void retryPolicyValidatesWithTheBadValue() {
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0).build()).hasMessageContaining("0");
        assertThatThrownBy(() -> RetryPolicy.builder().jitter(1.0).build()).hasMessageContaining("1.0");
        assertThatThrownBy(() -> RetryPolicy.builder().maxBackoff(Duration.ofMillis(1)).build())
                .hasMessageContaining("PT0.001S");
        assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    }
}
