package dev.salesagent.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DomainRecordsTest {

    @ParameterizedTest
    @CsvSource({
            "https://WWW.Acme.com/about, acme.com",
            "acme.COM., acme.com",
            "http://sub.acme.co.uk:8080?x=1, sub.acme.co.uk",
            "jane@Acme.com, acme.com",
            "'   ', ",
    })
    void domainsAreNormalised(String raw, String expected) {
        assertThat(Account.normalizeDomain(raw)).isEqualTo(expected);
        assertThat(Account.builder().domain(raw).build().domain()).isEqualTo(expected);
    }

    @Test
    void emailIsTrimmedAndLowerCased() {
        assertThat(Contact.builder().email("  Jane.Doe@ACME.com ").build().email()).isEqualTo("jane.doe@acme.com");
        assertThat(Contact.builder().email(" ").build().email()).isNull();
    }

    @Test
    void customFieldsAreCopiedAndUnmodifiable() {
        Map<String, Object> m = new HashMap<>();
        m.put("hs_lead_status", "NEW");
        m.put("nullable", null);
        Contact c = Contact.builder().customFields(m).build();
        m.put("later", 1);
        assertThat(c.customFields()).containsOnlyKeys("hs_lead_status", "nullable");
        assertThatThrownBy(() -> c.customFields().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void salesOrderLineTotalsAndValidation() {
        SalesOrderLine line = SalesOrderLine.ofSku("SKU-1", new BigDecimal("3"), new BigDecimal("19.99"));
        assertThat(line.lineTotal()).isEqualByComparingTo("59.97");
        assertThatThrownBy(() -> SalesOrderLine.ofSku("SKU-1", BigDecimal.ZERO, BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quantity");
        assertThatThrownBy(() -> new SalesOrderLine(null, " ", BigDecimal.ONE, BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void newSalesOrderRequiresIdempotencyKey() {
        SalesOrderLine line = SalesOrderLine.ofSku("A", BigDecimal.ONE, BigDecimal.TEN);
        assertThatThrownBy(() -> NewSalesOrder.builder().customerId(CrmId.of("memory", "1")).line(line).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idempotencyKey");
        NewSalesOrder o = NewSalesOrder.builder().customerId(CrmId.of("memory", "1")).line(line).line(line)
                .idempotencyKey("k").build();
        assertThat(o.linesTotal()).isEqualByComparingTo("20");
    }

    @Test
    void creditAvailable() {
        CustomerCredit c = new CustomerCredit(CrmId.of("m", "1"), new BigDecimal("1000"), new BigDecimal("250.50"), "USD");
        assertThat(c.availableCredit()).isEqualByComparingTo("749.50");
        assertThat(new CustomerCredit(CrmId.of("m", "1"), null, BigDecimal.ONE, "USD").availableCredit()).isNull();
    }

    @Test
    void batchItemHoldsExactlyOneOfResultAndError() {
        assertThatThrownBy(() -> new BatchItemResult<Contact>(0, null, null)).isInstanceOf(IllegalArgumentException.class);
        BatchItemResult<Contact> failed = BatchItemResult.failure(3, new CrmNotFoundException("x", null));
        assertThat(failed.isSuccess()).isFalse();
        assertThat(failed.index()).isEqualTo(3);
    }

    @Test
    void exceptionMessagesCarryVendorDetailsAndRetryability() {
        CrmRateLimitException rl = new CrmRateLimitException("slow down",
                ErrorDetails.http("hubspot", 429, "RATE_LIMITS", "abc-123"), Duration.ofSeconds(10), false);
        assertThat(rl.getMessage()).contains("slow down", "provider=hubspot", "status=429", "code=RATE_LIMITS",
                "requestId=abc-123", "PT10S");
        assertThat(rl.retryable()).isTrue();
        assertThat(new CrmRateLimitException("daily", null, null, true).retryable()).isFalse();
        assertThat(new CrmUnavailableException("down", null).retryable()).isTrue();
        assertThat(new CrmNotFoundException("gone", null).retryable()).isFalse();
        assertThat(new CrmNotFoundException("gone", null).getMessage()).isEqualTo("gone");
        CrmValidationException v = new CrmValidationException("bad", ErrorDetails.of("memory"),
                List.of(new CrmValidationException.FieldError("email", "INVALID_EMAIL", "nope")));
        assertThat(v.getMessage()).contains("email", "INVALID_EMAIL");
        assertThat(new UnsupportedCapabilityException("hubspot", CrmCapability.INVENTORY).getMessage())
                .contains("hubspot", "INVENTORY");
    }
}
