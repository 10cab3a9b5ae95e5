package dev.salesagent.crm.spi;

import dev.salesagent.crm.ContactOperations;
import dev.salesagent.crm.CrmCapability;
import dev.salesagent.crm.UnsupportedCapabilityException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesagent.crm.memory.InMemoryCrmClient;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AbstractCrmClientTest {

    static final class ContactsOnly extends AbstractCrmClient {
        final AtomicInteger closes = new AtomicInteger();

        ContactsOnly(ContactOperations contacts) {
            super("acme", Operations.builder().contacts(contacts).build());
        }

        @Override
        protected void doClose() {
            closes.incrementAndGet();
        }
    }

    @Test
    void capabilitiesAreTheSuppliedOperationsAndOthersThrow() {
        ContactOperations ops = InMemoryCrmClient.create().contacts();
        ContactsOnly client = new ContactsOnly(ops);
        assertThat(client.capabilities()).containsExactly(CrmCapability.CONTACTS);
        assertThat(client.supports(CrmCapability.CONTACTS)).isTrue();
        assertThat(client.contacts()).isSameAs(ops);
        assertThatThrownBy(client::salesOrders).isInstanceOfSatisfying(UnsupportedCapabilityException.class, e -> {
            assertThat(e.capability()).isEqualTo(CrmCapability.SALES_ORDERS);
            assertThat(e.providerId()).isEqualTo("acme");
        });
        assertThatThrownBy(client::customers).isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("CUSTOMER_CREDIT");
    }

    @Test
    void closeCallsDoCloseOnce() {
        ContactsOnly client = new ContactsOnly(InMemoryCrmClient.create().contacts());
        client.close();
        client.close();
        assertThat(client.closes).hasValue(1);
    }
}
