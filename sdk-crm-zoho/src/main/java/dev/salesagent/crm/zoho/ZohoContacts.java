package dev.salesagent.crm.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.ContactOperations;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.UpsertResult;
import dev.salesagent.crm.CrmValidationException.FieldError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Contacts through {@code POST /crm/v8/Contacts/upsert} with {@code duplicate_check_fields: ["Email"]} (Email is
 * the system-defined duplicate check field of Contacts), 100 records per call; Zoho's {@code action}
 * ({@code insert}/{@code update}) tells created from updated. A new contact without {@code Last_Name}
 * ({@code MANDATORY_NOT_FOUND}) is sent once more with {@code defaultLastName}; updates never get it.
 */
final class ZohoContacts implements ContactOperations {

    private final ZohoApi api;
    private final ZohoMapper mapper;

    ZohoContacts(ZohoApi api) {
        this.api = api;
        this.mapper = new ZohoMapper(api.json, api.config.currency());
    }

    @Override
    public UpsertResult<Contact> upsert(Contact contact) {
        BatchItemResult<Contact> r = upsertAll(List.of(Objects.requireNonNull(contact, "contact"))).get(0);
        if (!r.isSuccess()) {
            throw r.error();
        }
        return r.result();
    }

    @Override
    public List<BatchItemResult<Contact>> upsertAll(List<Contact> contacts) {
        int n = contacts.size();
        List<BatchItemResult<Contact>> results = new ArrayList<>(java.util.Collections.nCopies(n, null));
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Contact c = contacts.get(i);
            if (c == null || c.email() == null) {
                results.set(i, BatchItemResult.failure(i, new CrmValidationException("contact e-mail is required",
                        ErrorDetails.of(ZohoCrmClientProvider.ID),
                        List.of(new FieldError("email", "REQUIRED", "e-mail is required")))));
            } else {
                pending.add(i);
            }
        }
        Set<Integer> withDefaultLastName = new HashSet<>();
        while (!pending.isEmpty()) {
            List<Integer> chunk = new ArrayList<>();
            List<Integer> rest = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            for (int i : pending) {
                if (chunk.size() < ZohoApi.MAX_WRITE && keys.add(contacts.get(i).email())) {
                    chunk.add(i);
                } else {
                    rest.add(i);
                }
            }
            List<ObjectNode> bodies = chunk.stream().map(i -> mapper.contact(contacts.get(i),
                    withDefaultLastName.contains(i) ? api.config.defaultLastName() : null)).toList();
            List<ZohoApi.Outcome> outcomes = api.write("POST", "Contacts", "upsert", bodies, "contacts.upsertAll",
                    b -> {
                        b.putArray("duplicate_check_fields").add("Email");
                        return b;
                    });
            for (int k = 0; k < chunk.size(); k++) {
                int i = chunk.get(k);
                ZohoApi.Outcome o = outcomes.get(k);
                Contact input = contacts.get(i);
                if (o.ok()) {
                    JsonNode d = o.item().path("details");
                    Contact stored = input.toBuilder().id(ZohoMapper.id(d))
                            .lastName(withDefaultLastName.contains(i) ? api.config.defaultLastName() : input.lastName())
                            .createdAt(ZohoMapper.time(d, "Created_Time")).updatedAt(ZohoMapper.time(d, "Modified_Time"))
                            .build();
                    boolean created = "insert".equals(o.item().path("action").asText());
                    results.set(i, BatchItemResult.success(i, new UpsertResult<>(stored, created)));
                } else if (input.lastName() == null && !withDefaultLastName.contains(i)
                        && ZohoErrors.isMissingField(o.error(), "Last_Name")) {
                    withDefaultLastName.add(i);
                    rest.add(i);
                } else {
                    results.set(i, BatchItemResult.failure(i, o.error()));
                }
            }
            rest.sort(null);
            pending = rest;
        }
        return results;
    }

    @Override
    public int maxBatchSize() {
        return ZohoApi.MAX_WRITE;
    }

    /** {@code GET /crm/v8/Contacts/search?email=..} (1 request; 204 when none). */
    @Override
    public Optional<Contact> findByEmail(String email) {
        String key = Contact.normalizeEmail(email);
        if (key == null) {
            return Optional.empty();
        }
        Page<JsonNode> page = api.search("Contacts", "email", key, PageRequest.first(ZohoApi.MAX_PER_PAGE),
                "contacts.findByEmail");
        return page.items().stream().map(mapper::contact).filter(c -> key.equals(c.email())).findFirst();
    }

    /** One {@code DELETE /crm/v8/Contacts?ids={id}}; the contact goes to Zoho's Recycle Bin (60 days). */
    @Override
    public void delete(String id) {
        api.delete("Contacts", id, "contacts.delete");
    }

    @Override
    public Contact get(String id) {
        return mapper.contact(api.get("Contacts", id, "contacts.get"));
    }

    @Override
    public Page<Contact> changedSince(Instant since, PageRequest page) {
        Page<JsonNode> p = api.list("Contacts", ZohoMapper.CONTACT_FIELDS, Objects.requireNonNull(since, "since"), page,
                "contacts.changedSince");
        return new Page<>(p.items().stream().map(mapper::contact).toList(), p.nextCursor());
    }
}
