package dev.salesagent.crm.pipedrive.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.ContactOperations;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.UpsertResult;
import dev.salesagent.crm.http.CrmRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Contacts as Pipedrive persons (API v2, <a href="https://developers.pipedrive.com/docs/api/v1/Persons">Persons</a>;
 * shapes as in {@code pipedrive/client-nodejs} {@code src/versions/v2/api/persons-api.ts}):
 * {@code GET /api/v2/persons/search?term=<email>&fields=email&exact_match=true}, {@code POST /api/v2/persons},
 * {@code PATCH /api/v2/persons/{id}}, {@code GET /api/v2/persons/{id}},
 * {@code GET /api/v2/persons?updated_since=..&sort_by=update_time}. Pipedrive has no upsert-by-key and no bulk
 * person endpoint: an upsert is one search plus one create or update.
 */
public final class PipedrivePersons implements ContactOperations {

    /** Inputs per {@link #upsertAll} chunk (sent one by one: Pipedrive has no bulk person write). */
    public static final int MAX_BATCH = 100;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final PipedriveApi api;
    private final PipedriveOrganizations organizations;

    /**
     * @param api           shared HTTP and envelope handling
     * @param organizations to resolve {@code accountDomain}; {@code null} when accounts are not configured
     */
    public PipedrivePersons(PipedriveApi api, PipedriveOrganizations organizations) {
        this.api = api;
        this.organizations = organizations;
    }

    @Override
    public UpsertResult<Contact> upsert(Contact contact) {
        String email = checkEmail(contact);
        Map<String, Object> body = new LinkedHashMap<>();
        String name = name(contact);
        if (name != null) {
            body.put("name", name);
        }
        if (contact.phone() != null) {
            body.put("phones", List.of(Map.of("value", contact.phone(), "primary", true, "label", "work")));
        }
        if (contact.title() != null) {
            body.put("job_title", contact.title());
        }
        Long orgId = orgId(contact);
        if (orgId != null) {
            body.put("org_id", orgId);
        }
        Optional<Long> existing = searchId(email);
        if (existing.isPresent()) {
            JsonNode data = api.data(CrmRequest.patch("/api/v2/persons/" + existing.get()).jsonBody(body)
                    .idempotent(true).operation("persons.update").build());
            return UpsertResult.ofUpdated(toContact(data));
        }
        body.putIfAbsent("name", email);
        body.put("emails", List.of(Map.of("value", email, "primary", true, "label", "work")));
        JsonNode data = api.data(CrmRequest.post("/api/v2/persons").jsonBody(body).operation("persons.create").build());
        return UpsertResult.ofCreated(toContact(data));
    }

    @Override
    public List<BatchItemResult<Contact>> upsertAll(List<Contact> contacts) {
        return BatchItemResult.eachOf(contacts, this::upsert);
    }

    @Override
    public int maxBatchSize() {
        return MAX_BATCH;
    }

    @Override
    public Optional<Contact> findByEmail(String email) {
        String normalized = Contact.normalizeEmail(email);
        if (normalized == null) {
            return Optional.empty();
        }
        return searchId(normalized).map(id -> get(Long.toString(id)));
    }

    @Override
    public Contact get(String id) {
        return toContact(api.data(CrmRequest.get("/api/v2/persons/" + PipedriveApi.checkId(id, "person"))
                .operation("persons.get").build()));
    }

    /**
     * {@code DELETE /api/v2/persons/{id}} (one request): Pipedrive marks the person deleted and purges it after 30 days
     * (<a href="https://developers.pipedrive.com/docs/api/v1/Persons#deletePerson">doc</a>); a deleted or unknown id
     * answers 404 ({@code CrmNotFoundException}); an id that is not a positive integer is {@code CrmValidationException}.
     */
    @Override
    public void delete(String id) {
        api.data(CrmRequest.delete("/api/v2/persons/" + PipedriveApi.checkId(id, "person"))
                .operation("persons.delete").build());
    }

    @Override
    public Page<Contact> changedSince(Instant since, PageRequest page) {
        JsonNode env = api.envelope(CrmRequest.get("/api/v2/persons")
                .query("updated_since", since.truncatedTo(ChronoUnit.SECONDS).toString())
                .query("sort_by", "update_time").query("sort_direction", "asc")
                .query("limit", Math.min(page.size(), PipedriveApi.MAX_PAGE)).query("cursor", page.cursor())
                .operation("persons.changedSince").build());
        List<Contact> items = new ArrayList<>();
        env.path("data").forEach(n -> {
            Contact c = toContact(n);
            if (c.updatedAt() != null && c.updatedAt().isAfter(since)) {
                items.add(c);
            }
        });
        return new Page<>(items, PipedriveApi.text(env.path("additional_data"), "next_cursor"));
    }

    /** The oldest person (lowest id) with exactly this e-mail among Pipedrive's exact-match search hits. */
    Optional<Long> searchId(String email) {
        JsonNode data = api.data(CrmRequest.get("/api/v2/persons/search").query("term", email).query("fields", "email")
                .query("exact_match", true).query("limit", PipedriveApi.MAX_PAGE).operation("persons.search").build());
        Long best = null;
        for (JsonNode hit : data.path("items")) {
            JsonNode item = hit.path("item");
            boolean same = false;
            for (JsonNode e : item.path("emails")) {
                same |= email.equalsIgnoreCase(e.isObject() ? e.path("value").asText() : e.asText());
            }
            long id = item.path("id").asLong();
            if (same && (best == null || id < best)) {
                best = id;
            }
        }
        return Optional.ofNullable(best);
    }

    private Long orgId(Contact contact) {
        if (contact.accountId() != null) {
            return Long.parseLong(PipedriveApi.checkId(contact.accountId().value(), "organization"));
        }
        if (contact.accountDomain() == null) {
            return null;
        }
        if (organizations == null) {
            throw new CrmValidationException("accountDomain needs the organizationDomainField key: Pipedrive organizations have no domain field",
                    ErrorDetails.of(PipedriveApi.ID), List.of(new CrmValidationException.FieldError("accountDomain", "UNSUPPORTED",
                    "set organizationDomainField")));
        }
        return organizations.searchId(contact.accountDomain()).orElse(null);
    }

    private static String checkEmail(Contact contact) {
        String email = contact.email();
        if (email == null || !EMAIL.matcher(email).matches()) {
            throw new CrmValidationException("a contact needs a valid e-mail address (its natural key) but had '" + email + "'",
                    ErrorDetails.of(PipedriveApi.ID),
                    List.of(new CrmValidationException.FieldError("email", "INVALID_EMAIL", "not an e-mail address")));
        }
        return email;
    }

    private static String name(Contact c) {
        String joined = ((c.firstName() == null ? "" : c.firstName().trim()) + " "
                + (c.lastName() == null ? "" : c.lastName().trim())).trim();
        return joined.isEmpty() ? null : joined;
    }

    static Contact toContact(JsonNode n) {
        return Contact.builder().id(PipedriveApi.id(n.get("id"))).email(PipedriveApi.primary(n.path("emails")))
                .firstName(PipedriveApi.text(n, "first_name")).lastName(PipedriveApi.text(n, "last_name"))
                .title(PipedriveApi.text(n, "job_title")).phone(PipedriveApi.primary(n.path("phones")))
                .accountId(PipedriveApi.id(n.get("org_id")))
                .createdAt(PipedriveApi.time(n.get("add_time"))).updatedAt(PipedriveApi.time(n.get("update_time")))
                .customFields(PipedriveApi.customFields(n)).build();
    }

}
