package dev.salesagent.spring.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesagent.crm.spi.AbstractCrmClient;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.CrmPermissionException;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.Product;
import dev.salesagent.crm.ProductOperations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class CrmHealthIndicatorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

    /** A products-only client whose search fails with {@code failure}. */
    private static AbstractCrmClient failingWith(RuntimeException failure) {
        ProductOperations products = new ProductOperations() {
            @Override
            public Optional<Product> findBySku(String sku) {
                throw failure;
            }

            @Override
            public Product get(String id) {
                throw new CrmNotFoundException("no product " + id, ErrorDetails.of("fake"));
            }

            @Override
            public Page<Product> search(String text, PageRequest page) {
                throw failure;
            }
        };
        return new AbstractCrmClient("fake", AbstractCrmClient.Operations.builder().products(products).build()) { };
    }

    @Test
    void personalDataInVendorMessagesIsRedactedFromHealthDetails() {
        CrmPermissionException denied = new CrmPermissionException("user jane.doe@example.com lacks scope products.read",
                ErrorDetails.http("fake", 403, "MISSING_SCOPES", "req-1"));
        Health health = new CrmHealthIndicator(failingWith(denied), Duration.ZERO, CLOCK).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("error", "CrmPermissionException").containsEntry("httpStatus", 403)
                .containsEntry("vendorCode", "MISSING_SCOPES");
        assertThat((String) health.getDetails().get("message")).contains("lacks scope").doesNotContain("jane.doe@example.com");
    }

    @Test
    void unexpectedExceptionsAreDownNotThrown() {
        Health health = new CrmHealthIndicator(failingWith(new IllegalStateException("boom for +1 415 555 0100")),
                Duration.ZERO, CLOCK).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("error", "java.lang.IllegalStateException");
        assertThat((String) health.getDetails().get("message")).doesNotContain("555 0100");
    }

    @Test
    void aNegativeTtlIsRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new CrmHealthIndicator(failingWith(new IllegalStateException()), Duration.ofSeconds(-1), CLOCK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }
}
