package dev.salesagent.crm.close.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.ContactOperations;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.UpsertResult;
import dev.salesagent.crm.close.CloseConfig;
import dev.salesagent.crm.spi.NaturalKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Contacts on Close's contact API (<a href="https://developer.close.com/api/resources/contacts">Contacts</a>):
 * {@code GET/PUT /contact/{id}/}, {@code POST /contact/}, and e-mail look-ups and change feeds through
 * {@code POST /data/search/}. Close has no upsert and no batch create, so an upsert searches the e-mails (one search per
 * {@value #CHUNK} inputs) and then creates or updates each record (one call each).
 */
public final class CloseContacts implements ContactOperations {

    /** E-mails per search of {@link #upsertAll}. */
    public static final int CHUNK = 100;
    static final List<String> FIELDS = List.of("id", "lead_id", "name", "title", "emails", "phones", "date_created",
            "date_updated");

    private final CloseApi api;
    private final CloseLeads leads;

    /** @param leads used to link contacts to the lead with their {@code accountDomain} */
    public CloseContacts(CloseApi api, CloseLeads leads) {
        this.api = api;
        this.leads = leads;
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
        List<BatchItemResult<Contact>> out = new ArrayList<>(contacts.size());
        for (int start = 0; start < contacts.size(); start += CHUNK) {
            List<Contact> chunk = contacts.subList(start, Math.min(contacts.size(), start + CHUNK));
            Set<String> emails = new LinkedHashSet<>();
            for (Contact c : chunk) {
                if (NaturalKeys.contactEmailProblem(c.email(), ErrorDetails.of(CloseConfig.PROVIDER_ID)).isEmpty()) {
                    emails.add(c.email());
                }
            }
            Map<String, JsonNode> existing = findAll(emails);
            Map<String, CrmId> leadsByDomain = new HashMap<>();
            for (int i = 0; i < chunk.size(); i++) {
                int index = start + i;
                Contact c = chunk.get(i);
                Optional<dev.salesagent.crm.CrmValidationException> problem =
                        NaturalKeys.contactEmailProblem(c.email(), ErrorDetails.of(CloseConfig.PROVIDER_ID));
                if (problem.isPresent()) {
                    out.add(BatchItemResult.failure(index, problem.get()));
                    continue;
                }
                try {
                    JsonNode stored = existing.get(c.email());
                    UpsertResult<Contact> r = stored == null ? create(c, leadsByDomain) : update(stored, c, leadsByDomain);
                    existing.put(c.email(), toJson(r.record()));
                    out.add(BatchItemResult.success(index, r));
                } catch (CrmException e) {
                    if (!Batches.itemFailure(e)) {
                        throw e;
                    }
                    out.add(BatchItemResult.failure(index, e));
                }
            }
        }
        return out;
    }

    private UpsertResult<Contact> create(Contact c, Map<String, CrmId> leadsByDomain) {
        ObjectNode body = api.object();
        CrmId lead = lead(c, leadsByDomain);
        if (lead != null) {
            body.put("lead_id", lead.value());
        }
        String name = CloseRecords.joinName(c.firstName(), c.lastName());
        if (name != null) {
            body.put("name", name);
        }
        if (c.title() != null) {
            body.put("title", c.title());
        }
        body.putArray("emails").addObject().put("email", c.email()).put("type", api.config.emailType());
        if (c.phone() != null) {
            body.putArray("phones").addObject().put("phone", c.phone()).put("type", "office");
        }
        return UpsertResult.ofCreated(CloseRecords.contact(api.post("/contact/", "contacts.create", body)));
    }

    private UpsertResult<Contact> update(JsonNode stored, Contact c, Map<String, CrmId> leadsByDomain) {
        ObjectNode body = api.object();
        String[] parts = CloseRecords.splitName(CloseApi.text(stored.path("name")));
        String name = CloseRecords.joinName(c.firstName() != null ? c.firstName() : parts[0],
                c.lastName() != null ? c.lastName() : parts[1]);
        if (name != null && !name.equals(CloseApi.text(stored.path("name")))) {
            body.put("name", name);
        }
        if (c.title() != null && !c.title().equals(CloseApi.text(stored.path("title")))) {
            body.put("title", c.title());
        }
        if (c.phone() != null) {
            boolean known = false;
            for (JsonNode p : stored.path("phones")) {
                known |= c.phone().equals(p.path("phone").asText());
            }
            if (!known) {
                var phones = body.putArray("phones");
                phones.addObject().put("phone", c.phone()).put("type", "office");
                for (JsonNode p : stored.path("phones")) {
                    phones.addObject().put("phone", p.path("phone").asText()).put("type", p.path("type").asText("office"));
                }
            }
        }
        CrmId lead = lead(c, leadsByDomain);
        if (lead != null && !lead.value().equals(CloseApi.text(stored.path("lead_id")))) {
            body.put("lead_id", lead.value());
        }
        if (body.isEmpty()) {
            return UpsertResult.ofUpdated(CloseRecords.contact(stored));
        }
        String id = stored.path("id").asText();
        return UpsertResult.ofUpdated(CloseRecords.contact(api.put("/contact/" + id + "/", "contacts.update", body)));
    }

    /** The lead to link: {@code accountId}, else the lead with {@code accountDomain} (created when there is none). */
    private CrmId lead(Contact c, Map<String, CrmId> leadsByDomain) {
        if (c.accountId() != null) {
            return c.accountId();
        }
        if (c.accountDomain() == null) {
            return null;
        }
        return leadsByDomain.computeIfAbsent(c.accountDomain(), leads::idForDomain);
    }

    @Override
    public int maxBatchSize() {
        return CHUNK;
    }

    @Override
    public Optional<Contact> findByEmail(String email) {
        String normalized = Contact.normalizeEmail(email);
        if (normalized == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(findAll(Set.of(normalized)).get(normalized)).map(CloseRecords::contact);
    }

    /** The oldest contact per e-mail among {@code emails}: one search per 200 matches. */
    private Map<String, JsonNode> findAll(Set<String> emails) {
        Map<String, JsonNode> byEmail = new LinkedHashMap<>();
        if (emails.isEmpty()) {
            return byEmail;
        }
        List<JsonNode> found = api.searchOldestFirst("contacts.search", "contact", emails, api::contactEmail, FIELDS);
        for (JsonNode n : found) {
            for (JsonNode e : n.path("emails")) {
                String address = Contact.normalizeEmail(e.path("email").asText());
                if (address != null && emails.contains(address)) {
                    byEmail.putIfAbsent(address, n);
                }
            }
        }
        return byEmail;
    }

    @Override
    public Contact get(String id) {
        return CloseRecords.contact(api.get("/contact/" + id + "/", "contacts.get", Map.of()));
    }

    /**
     * One {@code DELETE /contact/{id}/} (<a href="https://developer.close.com/resources/contacts/">Contacts</a>); Close
     * deletes the contact for good (its lead stays). An unknown id is 404 ({@code CrmNotFoundException}).
     */
    @Override
    public void delete(String id) {
        api.delete("/contact/" + id + "/", "contacts.delete");
    }

    @Override
    public Page<Contact> changedSince(Instant since, PageRequest page) {
        JsonNode body = api.search("contacts.changed", api.searchPayload("contact", api.updatedOnOrAfter("contact", since),
                FIELDS, Math.min(page.size(), CloseApi.SEARCH_MAX_LIMIT), page.cursor(), "date_updated"));
        List<Contact> items = new ArrayList<>();
        for (JsonNode n : body.path("data")) {
            Contact c = CloseRecords.contact(n);
            if (c.updatedAt() != null && c.updatedAt().isAfter(since)) {
                items.add(c);
            }
        }
        return new Page<>(items, CloseApi.text(body.path("cursor")));
    }

    private JsonNode toJson(Contact c) {
        ObjectNode n = api.object().put("id", c.id().value());
        if (c.accountId() != null) {
            n.put("lead_id", c.accountId().value());
        }
        String name = CloseRecords.joinName(c.firstName(), c.lastName());
        if (name != null) {
            n.put("name", name);
        }
        if (c.title() != null) {
            n.put("title", c.title());
        }
        n.putArray("emails").addObject().put("email", c.email());
        if (c.phone() != null) {
            n.putArray("phones").addObject().put("phone", c.phone()).put("type", "office");
        }
        if (c.createdAt() != null) {
            n.put("date_created", CloseApi.format(c.createdAt()));
        }
        if (c.updatedAt() != null) {
            n.put("date_updated", CloseApi.format(c.updatedAt()));
        }
        return n;
    }
}
