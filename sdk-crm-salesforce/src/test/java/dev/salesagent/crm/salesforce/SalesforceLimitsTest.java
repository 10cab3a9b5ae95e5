package dev.salesagent.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmRateLimitException;
import dev.salesagent.crm.CrmUnavailableException;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Salesforce API limits")
class SalesforceLimitsTest {

    private final TestOrg org = new TestOrg(false);

    @AfterEach
    void close() {
        org.close();
    }

    @Test
    @DisplayName("Sforce-Limit-Info api-usage=N/M becomes rateLimitStatus()")
    void usageHeader() {
        SalesforceCrmClient client = org.client();
        assertThat(client.rateLimitStatus()).isEmpty();
        org.sim.apiLimit(5000);
        client.contacts().findByEmail("usage@example.com");
        ApiUsage usage = client.rateLimitStatus().orElseThrow();
        assertThat(usage.used()).isEqualTo(org.sim.apiUsage());
        assertThat(usage.limit()).isEqualTo(5000);
        assertThat(usage.remaining()).isEqualTo(5000 - org.sim.apiUsage());
        assertThat(usage.exhausted()).isFalse();
    }

    @Test
    @DisplayName("403 REQUEST_LIMIT_EXCEEDED for the daily allocation fails fast: one call, quota exhausted, not retryable")
    void dailyAllocationExhausted() {
        SalesforceCrmClient client = org.client();
        client.contacts().findByEmail("warm@example.com");
        org.sim.apiLimit(org.sim.apiUsage());
        long before = org.sim.apiUsage();
        assertThatThrownBy(() -> client.contacts().findByEmail("late@example.com"))
                .isInstanceOfSatisfying(CrmRateLimitException.class, e -> {
                    assertThat(e.quotaExhausted()).isTrue();
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.httpStatus()).isEqualTo(403);
                    assertThat(e.vendorCode()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
                    assertThat(e.getMessage()).contains("daily API request allocation is exhausted");
                });
        assertThat(org.sim.apiUsage()).as("no retry").isEqualTo(before + 1);
        assertThat(org.waits).isEmpty();
        assertThat(client.rateLimitStatus()).hasValueSatisfying(u -> assertThat(u.exhausted()).isTrue());
    }

    @Test
    @DisplayName("concurrent-request limit errors are retried with backoff and the call succeeds")
    void concurrencyLimitRetried() {
        SalesforceCrmClient client = org.client();
        client.contacts().findByEmail("warm@example.com");
        org.sim.failNextWithConcurrencyLimit(2);
        Contact c = client.contacts().upsert(Contact.builder().email("busy@example.com").lastName("Busy").build())
                .record();
        assertThat(c.id()).isNotNull();
        assertThat(org.waits).hasSize(2);
        assertThat(org.waits.get(1)).isGreaterThan(org.waits.get(0).dividedBy(2));
    }

    @Test
    @DisplayName("when the concurrency limit persists the caller gets a retryable CrmRateLimitException")
    void concurrencyLimitPersists() {
        SalesforceCrmClient client = org.client();
        client.contacts().findByEmail("warm@example.com");
        org.sim.failNextWithConcurrencyLimit(10);
        assertThatThrownBy(() -> client.contacts().findByEmail("busy@example.com"))
                .isInstanceOfSatisfying(CrmRateLimitException.class, e -> {
                    assertThat(e.quotaExhausted()).isFalse();
                    assertThat(e.retryable()).isTrue();
                });
        assertThat(org.waits).as("default maxAttempts 4").hasSize(3);
    }

    @Test
    @DisplayName("503 SERVER_UNAVAILABLE on a query is retried; UNABLE_TO_LOCK_ROW is unavailable, not validation")
    void transientErrors() {
        SalesforceCrmClient client = org.client();
        client.contacts().findByEmail("warm@example.com");
        org.sim.failNext("/query", 503, "[{\"message\":\"Server unavailable\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]");
        assertThat(client.contacts().findByEmail("warm@example.com")).isEmpty();
        assertThat(org.waits).hasSize(1);

        org.sim.failNext("/sobjects/Note", 400, "[{\"message\":\"unable to obtain exclusive access to this record\","
                + "\"errorCode\":\"UNABLE_TO_LOCK_ROW\",\"fields\":[]}]");
        String contact = client.contacts().upsert(Contact.builder().email("lock@example.com").lastName("L").build())
                .id().value();
        assertThatThrownBy(() -> client.notes().create(dev.salesagent.crm.NoteTarget.contact(
                dev.salesagent.crm.CrmId.of("salesforce", contact)), "locked"))
                .as("a POST without idempotency key is not repeated after an ambiguous failure")
                .isInstanceOfSatisfying(CrmUnavailableException.class,
                        e -> assertThat(e.vendorCode()).isEqualTo("UNABLE_TO_LOCK_ROW"));
    }

    @Test
    @DisplayName("ApiUsage parses the api-usage part and ignores per-app usage")
    void parse() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(ApiUsage.parse("api-usage=18/5000", now)).hasValue(new ApiUsage(18, 5000, now));
        assertThat(ApiUsage.parse("per-app-api-usage=17/250(appName=sample); api-usage=25/5000", now))
                .hasValue(new ApiUsage(25, 5000, now));
        assertThat(ApiUsage.parse("per-app-api-usage=17/250(appName=sample)", now)).isEmpty();
        assertThat(ApiUsage.parse(null, now)).isEmpty();
        assertThat(new ApiUsage(5000, 5000, now).exhausted()).isTrue();
        assertThat(new ApiUsage(2500, 5000, now).fractionUsed()).isEqualTo(0.5);
    }
}
