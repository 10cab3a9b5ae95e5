package dev.salesagent.server.platform.gdpr;

import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.ContactOperations;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.UpsertResult;
import dev.salesagent.crm.memory.InMemoryCrmClient;
import dev.salesagent.crm.spi.AbstractCrmClient;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A contacts-only CRM written before the SPI had {@code delete}: it does not declare {@code CONTACT_DELETE}. */
final class ContactsWithoutDelete extends AbstractCrmClient {

    ContactsWithoutDelete() {
        super("legacy", Operations.builder().contacts(new Contacts(InMemoryCrmClient.create().contacts())).build());
    }

    private record Contacts(ContactOperations d) implements ContactOperations {
        @Override public UpsertResult<Contact> upsert(Contact c) { return d.upsert(c); }
        @Override public List<BatchItemResult<Contact>> upsertAll(List<Contact> cs) { return d.upsertAll(cs); }
        @Override public int maxBatchSize() { return d.maxBatchSize(); }
        @Override public Optional<Contact> findByEmail(String email) { return d.findByEmail(email); }
        @Override public Contact get(String id) { return d.get(id); }
        @Override public Page<Contact> changedSince(Instant since, PageRequest page) { return d.changedSince(since, page); }
    }
}
