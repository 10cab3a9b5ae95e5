package dev.salesagent.crm.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.crm.Account;
import dev.salesagent.crm.AccountOperations;
import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.UpsertResult;
import dev.salesagent.crm.spi.NaturalKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Accounts by domain, kept in the standard {@code Website} field. {@code Website} is not a unique field and the only
 * system duplicate check field of Accounts is {@code Account_Name}, so upserts cannot use Zoho's upsert endpoint:
 * the domains are searched ({@code criteria=((Website:equals:a)or(Website:equals:b)...)}, 10 per search, Zoho's
 * maximum), matches go to {@code PUT /Accounts} by id and the rest to {@code POST /Accounts}, 100 records per call.
 * Zoho's search {@code equals} behaves like "contains", so matches are re-checked by normalised domain; where several
 * accounts share a domain, the oldest is used. A domain repeated in one list is created once, then updated.
 * With {@code accountKeyField} (a unique custom field holding the domain) accounts go through
 * {@code POST /Accounts/upsert} with {@code duplicate_check_fields: [accountKeyField]} instead, 100 per call.
 */
final class ZohoAccounts implements AccountOperations {

    static final int DOMAINS_PER_SEARCH = 10;

    private final ZohoApi api;
    private final ZohoMapper mapper;

    ZohoAccounts(ZohoApi api) {
        this.api = api;
        this.mapper = new ZohoMapper(api.json, api.config.currency());
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
        int n = accounts.size();
        List<BatchItemResult<Account>> results = new ArrayList<>(Collections.nCopies(n, null));
        List<Integer> pending = new ArrayList<>();
        Set<String> domains = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) {
            Account a = accounts.get(i);
            Optional<dev.salesagent.crm.CrmValidationException> problem = NaturalKeys.accountDomainProblem(
                    a == null ? null : a.domain(), ErrorDetails.of(ZohoCrmClientProvider.ID));
            if (problem.isPresent()) {
                results.set(i, BatchItemResult.failure(i, problem.get()));
            } else {
                pending.add(i);
                domains.add(a.domain());
            }
        }
        if (api.config.accountKeyField() != null) {
            upsertByKey(accounts, pending, api.config.accountKeyField(), results);
            return results;
        }
        Map<String, String> existing = new HashMap<>();
        List<String> all = new ArrayList<>(domains);
        for (int from = 0; from < all.size(); from += DOMAINS_PER_SEARCH) {
            find(all.subList(from, Math.min(from + DOMAINS_PER_SEARCH, all.size())))
                    .forEach((d, node) -> existing.put(d, node.path("id").asText()));
        }
        while (!pending.isEmpty()) {
            List<Integer> creates = new ArrayList<>();
            List<Integer> updates = new ArrayList<>();
            List<Integer> rest = new ArrayList<>();
            Set<String> round = new java.util.HashSet<>();
            for (int i : pending) {
                String d = accounts.get(i).domain();
                if (!round.add(d)) {
                    rest.add(i);
                } else if (existing.containsKey(d)) {
                    updates.add(i);
                } else {
                    creates.add(i);
                }
            }
            write(accounts, creates, true, existing, results);
            write(accounts, updates, false, existing, results);
            pending = rest;
        }
        return results;
    }

    /**
     * With {@code accountKeyField}: Zoho's own upsert by that unique custom field, 100 accounts per call; a new account
     * without a name is refused ({@code MANDATORY_NOT_FOUND} on {@code Account_Name}) and sent once more named after
     * its domain.
     */
    private void upsertByKey(List<Account> accounts, List<Integer> indices, String keyField,
                             List<BatchItemResult<Account>> results) {
        Set<Integer> named = new java.util.HashSet<>();
        List<Integer> pending = new ArrayList<>(indices);
        while (!pending.isEmpty()) {
            List<Integer> chunk = new ArrayList<>();
            List<Integer> rest = new ArrayList<>();
            Set<String> keys = new java.util.HashSet<>();
            for (int i : pending) {
                if (chunk.size() < ZohoApi.MAX_WRITE && keys.add(accounts.get(i).domain())) {
                    chunk.add(i);
                } else {
                    rest.add(i);
                }
            }
            List<ObjectNode> bodies = new ArrayList<>();
            for (int i : chunk) {
                ObjectNode body = mapper.account(accounts.get(i), named.contains(i));
                body.put(keyField, accounts.get(i).domain());
                bodies.add(body);
            }
            List<ZohoApi.Outcome> outcomes = api.write("POST", "Accounts", "upsert", bodies, "accounts.upsertAll", b -> {
                b.putArray("duplicate_check_fields").add(keyField);
                return b;
            });
            for (int k = 0; k < chunk.size(); k++) {
                int i = chunk.get(k);
                ZohoApi.Outcome o = outcomes.get(k);
                Account in = accounts.get(i);
                if (o.ok()) {
                    JsonNode d = o.item().path("details");
                    boolean created = "insert".equals(o.item().path("action").asText());
                    Account stored = in.toBuilder().id(ZohoMapper.id(d))
                            .name(in.name() == null && named.contains(i) ? in.domain() : in.name())
                            .createdAt(ZohoMapper.time(d, "Created_Time"))
                            .updatedAt(ZohoMapper.time(d, "Modified_Time")).build();
                    results.set(i, BatchItemResult.success(i, new UpsertResult<>(stored, created)));
                } else if (in.name() == null && !named.contains(i)
                        && ZohoErrors.isMissingField(o.error(), "Account_Name")) {
                    named.add(i);
                    rest.add(i);
                } else {
                    results.set(i, BatchItemResult.failure(i, o.error()));
                }
            }
            rest.sort(null);
            pending = rest;
        }
    }

    private void write(List<Account> accounts, List<Integer> indices, boolean create, Map<String, String> existing,
                       List<BatchItemResult<Account>> results) {
        for (int from = 0; from < indices.size(); from += ZohoApi.MAX_WRITE) {
            List<Integer> chunk = indices.subList(from, Math.min(from + ZohoApi.MAX_WRITE, indices.size()));
            List<ObjectNode> bodies = new ArrayList<>();
            for (int i : chunk) {
                ObjectNode body = mapper.account(accounts.get(i), create);
                if (!create) {
                    body.put("id", existing.get(accounts.get(i).domain()));
                }
                bodies.add(body);
            }
            List<ZohoApi.Outcome> outcomes = api.write(create ? "POST" : "PUT", "Accounts", null, bodies,
                    create ? "accounts.create" : "accounts.update", null);
            for (int k = 0; k < chunk.size(); k++) {
                int i = chunk.get(k);
                ZohoApi.Outcome o = outcomes.get(k);
                if (!o.ok()) {
                    results.set(i, BatchItemResult.failure(i, o.error()));
                    continue;
                }
                JsonNode d = o.item().path("details");
                Account in = accounts.get(i);
                Account stored = in.toBuilder().id(ZohoMapper.id(d))
                        .name(in.name() == null && create ? in.domain() : in.name())
                        .createdAt(ZohoMapper.time(d, "Created_Time")).updatedAt(ZohoMapper.time(d, "Modified_Time"))
                        .build();
                if (create) {
                    existing.put(in.domain(), d.path("id").asText());
                }
                results.set(i, BatchItemResult.success(i, new UpsertResult<>(stored, create)));
            }
        }
    }

    /** The oldest account per domain among {@code domains} (at most 10): one search per 200 candidates. */
    private Map<String, JsonNode> find(List<String> domains) {
        StringBuilder criteria = new StringBuilder();
        for (String d : domains) {
            if (criteria.length() > 0) {
                criteria.append("or");
            }
            criteria.append("(Website:equals:").append(ZohoApi.escape(d)).append(')');
        }
        String c = domains.size() == 1 ? criteria.toString() : "(" + criteria + ")";
        Set<String> wanted = Set.copyOf(domains);
        Map<String, JsonNode> oldest = new HashMap<>();
        Comparator<JsonNode> age = Comparator.comparing((JsonNode x) -> ZohoMapper.time(x, "Created_Time"),
                Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(x -> x.path("id").asText());
        PageRequest page = PageRequest.first(ZohoApi.MAX_PER_PAGE);
        while (page != null) {
            Page<JsonNode> p = api.search("Accounts", "criteria", c, page, "accounts.search");
            for (JsonNode node : p.items()) {
                String d = Account.normalizeDomain(ZohoMapper.text(node, "Website"));
                if (d != null && wanted.contains(d)) {
                    oldest.merge(d, node, (x, y) -> age.compare(x, y) <= 0 ? x : y);
                }
            }
            page = p.hasNext() ? page.next(p.nextCursor()) : null;
        }
        return oldest;
    }

    @Override
    public int maxBatchSize() {
        return ZohoApi.MAX_WRITE;
    }

    /**
     * One search ({@code criteria=(Website:equals:<domain>)}, more pages only past 200 candidates), or with
     * {@code accountKeyField} one search on that field.
     */
    @Override
    public Optional<Account> findByDomain(String domain) {
        String d = Account.normalizeDomain(domain);
        if (d == null || !NaturalKeys.isDomain(d)) {
            return Optional.empty();
        }
        String keyField = api.config.accountKeyField();
        if (keyField != null) {
            PageRequest page = PageRequest.first(ZohoApi.MAX_PER_PAGE);
            Page<JsonNode> p = api.search("Accounts", "criteria", "(" + keyField + ":equals:" + ZohoApi.escape(d) + ")",
                    page, "accounts.findByDomain");
            return p.items().stream().filter(n -> d.equalsIgnoreCase(ZohoMapper.text(n, keyField)))
                    .min(Comparator.comparing((JsonNode n) -> n.path("id").asText())).map(mapper::account);
        }
        return Optional.ofNullable(find(List.of(d)).get(d)).map(mapper::account);
    }

    @Override
    public Account get(String id) {
        return mapper.account(api.get("Accounts", id, "accounts.get"));
    }

    @Override
    public Page<Account> changedSince(Instant since, PageRequest page) {
        Page<JsonNode> p = api.list("Accounts", ZohoMapper.ACCOUNT_FIELDS, Objects.requireNonNull(since, "since"), page,
                "accounts.changedSince");
        return new Page<>(p.items().stream().map(mapper::account).toList(), p.nextCursor());
    }
}
