package dev.salesagent.crm.pipedrive.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salesagent.crm.Account;
import dev.salesagent.crm.AccountOperations;
import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.UpsertResult;
import dev.salesagent.crm.http.CrmRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Accounts as Pipedrive organizations (API v2, <a href="https://developers.pipedrive.com/docs/api/v1/Organizations">
 * Organizations</a>; {@code pipedrive/client-nodejs} {@code src/versions/v2/api/organizations-api.ts}). Pipedrive
 * organizations have no domain: the domain lives in the custom field named by {@code organizationDomainField}, found
 * with {@code GET /api/v2/organizations/search?term=<domain>&fields=custom_fields&exact_match=true}. Industry,
 * employees, annual revenue and phone go to the custom fields named by {@code fieldMapping.account.<field>} (not
 * written when unmapped). Upsert: one search plus one {@code POST} or {@code PATCH}.
 */
public final class PipedriveOrganizations implements AccountOperations {

    /** Inputs per {@link #upsertAll} chunk (sent one by one: Pipedrive has no bulk organization write). */
    public static final int MAX_BATCH = 100;

    private final PipedriveApi api;
    private final String domainKey;
    private final Map<String, String> mapping;

    /**
     * @param api       shared HTTP and envelope handling
     * @param domainKey organization custom field key holding the normalised domain
     * @param mapping   our account field ({@code industry}, {@code employees}, {@code annualRevenue}, {@code phone}) to
     *                  custom field key
     */
    public PipedriveOrganizations(PipedriveApi api, String domainKey, Map<String, String> mapping) {
        this.api = api;
        this.domainKey = domainKey;
        this.mapping = Map.copyOf(mapping);
    }

    @Override
    public UpsertResult<Account> upsert(Account account) {
        String domain = account.domain();
        if (domain == null) {
            throw new CrmValidationException("an account needs a domain (its natural key)", ErrorDetails.of(PipedriveApi.ID),
                    List.of(new CrmValidationException.FieldError("domain", "REQUIRED", "missing")));
        }
        Map<String, Object> custom = new LinkedHashMap<>();
        put(custom, "industry", account.industry());
        put(custom, "employees", account.employees());
        put(custom, "annualRevenue", account.annualRevenue());
        put(custom, "phone", account.phone());
        Map<String, Object> body = new LinkedHashMap<>();
        if (account.name() != null) {
            body.put("name", account.name());
        }
        Optional<Long> existing = searchId(domain);
        if (existing.isPresent()) {
            if (!custom.isEmpty()) {
                body.put("custom_fields", custom);
            }
            JsonNode data = api.data(CrmRequest.patch("/api/v2/organizations/" + existing.get()).jsonBody(body)
                    .idempotent(true).operation("organizations.update").build());
            return UpsertResult.ofUpdated(toAccount(data));
        }
        body.putIfAbsent("name", domain);
        custom.put(domainKey, domain);
        body.put("custom_fields", custom);
        JsonNode data = api.data(CrmRequest.post("/api/v2/organizations").jsonBody(body)
                .operation("organizations.create").build());
        return UpsertResult.ofCreated(toAccount(data));
    }

    private void put(Map<String, Object> custom, String field, Object value) {
        String key = mapping.get(field);
        if (key != null && value != null) {
            custom.put(key, value);
        }
    }

    @Override
    public List<BatchItemResult<Account>> upsertAll(List<Account> accounts) {
        return BatchItemResult.eachOf(accounts, this::upsert);
    }

    @Override
    public int maxBatchSize() {
        return MAX_BATCH;
    }

    @Override
    public Optional<Account> findByDomain(String domain) {
        String normalized = Account.normalizeDomain(domain);
        return normalized == null ? Optional.empty() : searchId(normalized).map(id -> get(Long.toString(id)));
    }

    @Override
    public Account get(String id) {
        return toAccount(api.data(CrmRequest.get("/api/v2/organizations/" + PipedriveApi.checkId(id, "organization"))
                .operation("organizations.get").build()));
    }

    @Override
    public Page<Account> changedSince(Instant since, PageRequest page) {
        JsonNode env = api.envelope(CrmRequest.get("/api/v2/organizations")
                .query("updated_since", since.truncatedTo(ChronoUnit.SECONDS).toString())
                .query("sort_by", "update_time").query("sort_direction", "asc")
                .query("limit", Math.min(page.size(), PipedriveApi.MAX_PAGE)).query("cursor", page.cursor())
                .operation("organizations.changedSince").build());
        List<Account> items = new ArrayList<>();
        env.path("data").forEach(n -> {
            Account a = toAccount(n);
            if (a.updatedAt() != null && a.updatedAt().isAfter(since)) {
                items.add(a);
            }
        });
        return new Page<>(items, PipedriveApi.text(env.path("additional_data"), "next_cursor"));
    }

    /** The oldest organization (lowest id) whose domain field is exactly {@code domain}. */
    Optional<Long> searchId(String domain) {
        JsonNode data = api.data(CrmRequest.get("/api/v2/organizations/search").query("term", domain)
                .query("fields", "custom_fields").query("exact_match", true).query("limit", PipedriveApi.MAX_PAGE)
                .operation("organizations.search").build());
        Long best = null;
        for (JsonNode hit : data.path("items")) {
            JsonNode item = hit.path("item");
            boolean same = false;
            for (JsonNode v : item.path("custom_fields")) {
                same |= domain.equalsIgnoreCase(v.asText());
            }
            long id = item.path("id").asLong();
            if (same && (best == null || id < best)) {
                best = id;
            }
        }
        return Optional.ofNullable(best);
    }

    Account toAccount(JsonNode n) {
        Map<String, Object> custom = PipedriveApi.customFields(n);
        JsonNode cf = n.path("custom_fields");
        Map<String, Object> rest = new LinkedHashMap<>(custom);
        rest.remove(domainKey);
        mapping.values().forEach(rest::remove);
        return Account.builder().id(PipedriveApi.id(n.get("id"))).name(PipedriveApi.text(n, "name"))
                .domain(value(cf, domainKey)).industry(value(cf, mapping.get("industry")))
                .employees(number(cf, mapping.get("employees")) == null ? null : number(cf, mapping.get("employees")).longValue())
                .annualRevenue(number(cf, mapping.get("annualRevenue"))).phone(value(cf, mapping.get("phone")))
                .country(PipedriveApi.text(n.path("address"), "country"))
                .createdAt(PipedriveApi.time(n.get("add_time"))).updatedAt(PipedriveApi.time(n.get("update_time")))
                .customFields(rest).build();
    }

    /** A custom field's value; monetary fields are objects {@code {"value":..,"currency":..}}. */
    private static String value(JsonNode customFields, String key) {
        if (key == null) {
            return null;
        }
        JsonNode v = customFields.path(key);
        if (v.isObject()) {
            v = v.path("value");
        }
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    private static BigDecimal number(JsonNode customFields, String key) {
        String v = value(customFields, key);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
