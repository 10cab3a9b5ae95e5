package dev.salesagent.crm.spi;

import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.ContactOperations;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.UpsertResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
        assertThat(client.capabilities()).containsExactly(CrmCapability.CONTACTS, CrmCapability.CONTACT_DELETE);
        assertThat(client.supports(CrmCapability.CONTACTS)).isTrue();
        assertThat(client.contacts()).isSameAs(ops);
        assertThatThrownBy(client::salesOrders).isInstanceOfSatisfying(UnsupportedCapabilityException.class, e -> {
            assertThat(e.capability()).isEqualTo(CrmCapability.SALES_ORDERS);
            assertThat(e.providerId()).isEqualTo("acme");
        });
        assertThatThrownBy(client::customers).isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("CUSTOMER_CREDIT");
    }

    /** Contact operations written before {@code delete} existed: every method but the defaults. */
    static final class WithoutDelete implements ContactOperations {
        private final ContactOperations d = InMemoryCrmClient.create().contacts();

        @Override public UpsertResult<Contact> upsert(Contact c) { return d.upsert(c); }
        @Override public List<BatchItemResult<Contact>> upsertAll(List<Contact> cs) { return d.upsertAll(cs); }
        @Override public int maxBatchSize() { return d.maxBatchSize(); }
        @Override public Optional<Contact> findByEmail(String email) { return d.findByEmail(email); }
        @Override public Contact get(String id) { return d.get(id); }
        @Override public Page<Contact> changedSince(Instant since, PageRequest page) { return d.changedSince(since, page); }
    }

    @Test
    void contactDeleteIsDeclaredOnlyWhenTheOperationsImplementIt() {
        ContactsOnly client = new ContactsOnly(new WithoutDelete());
        assertThat(client.capabilities()).containsExactly(CrmCapability.CONTACTS);
        String id = client.contacts().upsert(Contact.builder().email("kept@example.com").build()).id().value();
        assertThatThrownBy(() -> client.contacts().delete(id))
                .isInstanceOfSatisfying(UnsupportedCapabilityException.class,
                        e -> assertThat(e.capability()).isEqualTo(CrmCapability.CONTACT_DELETE))
                .hasMessageContaining("CONTACT_DELETE");
        assertThatThrownBy(() -> client.contacts().erase("KEPT@example.com"))
                .isInstanceOf(UnsupportedCapabilityException.class);
        assertThat(client.contacts().get(id).email()).isEqualTo("kept@example.com");
        assertThat(client.contacts().erase("nobody@example.com")).as("nothing to erase needs no delete").isFalse();
    }

    @Test
    void closeCallsDoCloseOnce() {
        ContactsOnly client = new ContactsOnly(InMemoryCrmClient.create().contacts());
        client.close();
        client.close();
        assertThat(client.closes).hasValue(1);
    }
}
