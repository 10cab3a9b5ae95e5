package dev.salesagent.crm.close.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.crm.Account;
import dev.salesagent.crm.AccountOperations;
import dev.salesagent.crm.BatchItemResult;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Accounts are Close leads (<a href="https://developer.close.com/api/resources/leads">Leads</a>): the domain is kept in
 * the lead's {@code url} ({@code https://<domain>}), looked up with {@code POST /data/search/} on {@code url} and
 * compared exactly after normalising; where several leads share a domain the oldest is used. Close has no lead upsert
 * and no batch create: one search per {@value #CHUNK} domains, then one create or update per record.
 */
public final class CloseLeads implements AccountOperations {

    /** Domains per search of {@link #upsertAll}. */
    public static final int CHUNK = 100;

    private final CloseApi api;
    private final List<String> fields;

    /** @param api the shared calls */
    public CloseLeads(CloseApi api) {
        this.api = api;
        List<String> f = new ArrayList<>(List.of("id", "name", "url", "description", "status_label", "html_url", "addresses",
                "date_created", "date_updated"));
        api.config.accountCustomFields().values().forEach(cf -> f.add("custom." + cf));
        this.fields = List.copyOf(f);
    }

    @Override
    public UpsertResult<Account> upsert(Account account) {
        BatchItemResult<Account> r = upsertAll(List.of(Objects.requireNonNull(account, "account"))).get(0);
        if (!r.isSuccess()) {
            throw r.error();
        }
        return r.result();
    }

    @Override
    public List<BatchItemResult<Account>> upsertAll(List<Account> accounts) {
        List<BatchItemResult<Account>> out = new ArrayList<>(accounts.size());
        for (int start = 0; start < accounts.size(); start += CHUNK) {
            List<Account> chunk = accounts.subList(start, Math.min(accounts.size(), start + CHUNK));
            Set<String> domains = new LinkedHashSet<>();
            chunk.stream().map(Account::domain).filter(NaturalKeys::isDomain).forEach(domains::add);
            Map<String, JsonNode> existing = findAll(domains);
            for (int i = 0; i < chunk.size(); i++) {
                Account a = chunk.get(i);
                var problem = NaturalKeys.accountDomainProblem(a.domain(), ErrorDetails.of(CloseConfig.PROVIDER_ID));
                if (problem.isPresent()) {
                    out.add(BatchItemResult.failure(start + i, problem.get()));
                    continue;
                }
                try {
                    JsonNode stored = existing.get(a.domain());
                    JsonNode written = stored == null ? api.post("/lead/", "accounts.create", body(a, null))
                            : write(stored, a);
                    existing.put(a.domain(), written);
                    Account record = CloseRecords.account(written, api.config);
                    out.add(BatchItemResult.success(start + i,
                            stored == null ? UpsertResult.ofCreated(record) : UpsertResult.ofUpdated(record)));
                } catch (CrmException e) {
                    if (!Batches.itemFailure(e)) {
                        throw e;
                    }
                    out.add(BatchItemResult.failure(start + i, e));
                }
            }
        }
        return out;
    }

    private JsonNode write(JsonNode stored, Account a) {
        ObjectNode body = body(a, stored);
        if (body.isEmpty()) {
            return stored;
        }
        return api.put("/lead/" + stored.path("id").asText() + "/", "accounts.update", body);
    }

    /** The create body ({@code stored == null}) or the changed fields of an update. */
    private ObjectNode body(Account a, JsonNode stored) {
        ObjectNode body = api.object();
        if (a.name() != null && (stored == null || !a.name().equals(CloseApi.text(stored.path("name"))))) {
            body.put("name", a.name());
        }
        if (stored == null || CloseApi.text(stored.path("url")) == null) {
            body.put("url", "https://" + a.domain());
        }
        if (a.country() != null) {
            ArrayNode addresses = stored == null ? api.array() : stored.path("addresses").deepCopy();
            boolean same = addresses.size() > 0 && a.country().equals(CloseApi.text(addresses.get(0).path("country")));
            if (!same) {
                if (addresses.size() == 0) {
                    addresses.addObject().put("label", "business");
                }
                ((ObjectNode) addresses.get(0)).put("country", a.country());
                body.set("addresses", addresses);
            }
        }
        custom(body, stored, "industry", a.industry() == null ? null : api.json.valueToTree(a.industry()));
        custom(body, stored, "employees", a.employees() == null ? null : api.json.valueToTree(a.employees()));
        custom(body, stored, "annualRevenue", a.annualRevenue() == null ? null : api.json.valueToTree(a.annualRevenue()));
        custom(body, stored, "phone", a.phone() == null ? null : api.json.valueToTree(a.phone()));
        return body;
    }

    private void custom(ObjectNode body, JsonNode stored, String ourField, JsonNode value) {
        Optional<String> cf = api.config.accountCustomField(ourField);
        if (value == null || cf.isEmpty()) {
            return;
        }
        String key = "custom." + cf.get();
        JsonNode old = stored == null ? null : stored.get(key);
        boolean same = old != null && (old.isNumber() && value.isNumber()
                ? old.decimalValue().compareTo(value.decimalValue()) == 0 : old.equals(value));
        if (!same) {
            body.set(key, value);
        }
    }

    /** The id of the oldest lead with {@code domain}, creating one ({@code name} = domain) when there is none. */
    CrmId idForDomain(String domain) {
        JsonNode lead = findAll(Set.of(domain)).get(domain);
        if (lead == null) {
            ObjectNode body = api.object().put("name", domain).put("url", "https://" + domain);
            lead = api.post("/lead/", "accounts.create", body);
        }
        return CloseRecords.id(lead.path("id").asText());
    }

    @Override
    public int maxBatchSize() {
        return CHUNK;
    }

    @Override
    public Optional<Account> findByDomain(String domain) {
        String d = Account.normalizeDomain(domain);
        if (!NaturalKeys.isDomain(d)) {
            return Optional.empty();
        }
        return Optional.ofNullable(findAll(Set.of(d)).get(d)).map(n -> CloseRecords.account(n, api.config));
    }

    /** The oldest lead per normalised domain among {@code domains}. */
    private Map<String, JsonNode> findAll(Set<String> domains) {
        Map<String, JsonNode> byDomain = new LinkedHashMap<>();
        if (domains.isEmpty()) {
            return byDomain;
        }
        List<JsonNode> found = api.searchOldestFirst("accounts.search", "lead", domains, api::leadUrl, fields);
        for (JsonNode n : found) {
            String d = Account.normalizeDomain(CloseApi.text(n.path("url")));
            if (d != null && domains.contains(d)) {
                byDomain.putIfAbsent(d, n);
            }
        }
        return byDomain;
    }

    @Override
    public Account get(String id) {
        return CloseRecords.account(api.get("/lead/" + id + "/", "accounts.get", Map.of("_fields", String.join(",", fields))),
                api.config);
    }

    @Override
    public Page<Account> changedSince(Instant since, PageRequest page) {
        JsonNode body = api.search("accounts.changed", api.searchPayload("lead", api.updatedOnOrAfter("lead", since),
                fields, Math.min(page.size(), CloseApi.SEARCH_MAX_LIMIT), page.cursor(), "date_updated"));
        List<Account> items = new ArrayList<>();
        for (JsonNode n : body.path("data")) {
            Account a = CloseRecords.account(n, api.config);
            if (a.updatedAt() != null && a.updatedAt().isAfter(since)) {
                items.add(a);
            }
        }
        return new Page<>(items, CloseApi.text(body.path("cursor")));
    }
}
