package dev.salesagent.crm.hubspot.internal.client;

import dev.salesagent.crm.Account;
import dev.salesagent.crm.AccountOperations;
import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.CrmValidationException.FieldError;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.UpsertResult;
import dev.salesagent.crm.hubspot.internal.api.BatchResponse;
import dev.salesagent.crm.hubspot.internal.api.BatchWriteRequest;
import dev.salesagent.crm.hubspot.internal.api.CollectionResponse;
import dev.salesagent.crm.hubspot.internal.api.HubSpotError;
import dev.salesagent.crm.hubspot.internal.api.SimplePublicObject;
import dev.salesagent.crm.hubspot.internal.mapper.FieldMap;
import dev.salesagent.crm.hubspot.internal.mapper.ObjectKind;
import dev.salesagent.crm.hubspot.internal.mapper.RecordMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Accounts as HubSpot companies, keyed by web domain.
 *
 * <p>{@code domain} is not a unique property in HubSpot, so it cannot be an {@code idProperty}. Without a configured
 * {@code companyKeyProperty}, {@link #upsertAll} looks the domains up with the CRM search ({@link CompanyLookup}: one
 * {@code IN} search per 100 distinct domains), then sends the matches to {@code batch/update} by record id and the rest
 * to {@code batch/create}, 100 inputs per call, each input carrying {@code objectWriteTraceId} = its index so a 207
 * answer fails only its own items. A domain repeated in one call is written in order: the first occurrence creates or
 * updates, later ones update that record. Where several companies share a domain, the oldest is updated. The search
 * index lags writes by a few seconds, so a company created by another client moments before may be created again.
 *
 * <p>With {@code companyKeyProperty} (a custom company property with unique values holding the normalised domain),
 * companies are upserted with {@code batch/upsert} by {@code idProperty=companyKeyProperty} (one call per 100
 * inputs, no search) and read with {@code idProperty} as well.
 *
 * @see <a href="https://developers.hubspot.com/docs/guides/api/crm/objects/companies">Companies API</a>
 */
public final class HubSpotCompanies implements AccountOperations {

    private final HubSpotApi api;
    private final RecordMapper mapper;
    private final HubSpotErrors errors;
    private final FieldMap fields;
    private final CompanyLookup lookup;
    private final BatchUpserter<Account> keyedUpserter;

    /** {@code keyProperty}: the portal's unique domain property ({@code companyKeyProperty}), or null. */
    public HubSpotCompanies(HubSpotApi api, RecordMapper mapper, HubSpotErrors errors, String keyProperty) {
        this.api = api;
        this.mapper = mapper;
        this.errors = errors;
        this.fields = mapper.map(ObjectKind.ACCOUNT);
        this.lookup = new CompanyLookup(api, fields.property("domain"), keyProperty);
        this.keyedUpserter = keyProperty == null ? null : new BatchUpserter<>(api, errors, "companies", new BatchUpserter.Codec<>() {
            @Override
            public String key(Account a) {
                return a.domain();
            }

            @Override
            public String idProperty() {
                return keyProperty;
            }

            @Override
            public Map<String, String> properties(Account a) {
                Map<String, String> p = mapper.properties(a);
                p.remove(keyProperty);
                return p;
            }

            @Override
            public Account read(SimplePublicObject stored, Account input) {
                return withDomain(mapper.account(stored), input);
            }

            @Override
            public CrmException missingKey(Account a) {
                return HubSpotCompanies.this.missingKey();
            }
        }, null);
    }

    /** The lookup used here, shared with the contact -> company linking. */
    CompanyLookup lookup() {
        return lookup;
    }

    @Override
    public UpsertResult<Account> upsert(Account account) {
        BatchItemResult<Account> r = upsertAll(List.of(account)).get(0);
        if (!r.isSuccess()) {
            throw r.error();
        }
        return r.result();
    }

    @Override
    public List<BatchItemResult<Account>> upsertAll(List<Account> accounts) {
        if (keyedUpserter != null) {
            return keyedUpserter.upsertAll(accounts);
        }
        Map<Integer, UpsertResult<Account>> results = new HashMap<>();
        Map<Integer, CrmException> failures = new HashMap<>();
        // Round k holds the k-th occurrence of each domain, so each round has distinct domains.
        List<List<Integer>> rounds = new ArrayList<>();
        Map<String, Integer> occurrences = new HashMap<>();
        for (int i = 0; i < accounts.size(); i++) {
            Account a = accounts.get(i);
            if (a == null) {
                failures.put(i, new CrmValidationException("record is null", ErrorDetails.of(errors.provider()), List.of()));
            } else if (a.domain() == null) {
                failures.put(i, missingKey());
            } else {
                int k = occurrences.merge(a.domain(), 1, Integer::sum) - 1;
                while (rounds.size() <= k) {
                    rounds.add(new ArrayList<>());
                }
                rounds.get(k).add(i);
            }
        }
        Map<String, String> idByDomain = new HashMap<>();
        Set<String> searched = new LinkedHashSet<>();
        for (List<Integer> round : rounds) {
            List<String> unsearched = round.stream().map(i -> accounts.get(i).domain())
                    .filter(d -> !idByDomain.containsKey(d) && !searched.contains(d)).toList();
            if (!unsearched.isEmpty()) {
                searched.addAll(unsearched);
                try {
                    lookup.byDomain(unsearched, List.of()).forEach((d, o) -> idByDomain.put(d, o.id()));
                } catch (CrmValidationException e) {
                    round.forEach(i -> failures.put(i, e));
                    continue;
                }
            }
            List<Integer> updates = round.stream().filter(i -> idByDomain.containsKey(accounts.get(i).domain())).toList();
            List<Integer> creates = round.stream().filter(i -> !idByDomain.containsKey(accounts.get(i).domain())).toList();
            for (int from = 0; from < updates.size(); from += HubSpotApi.MAX_BATCH) {
                write(false, updates.subList(from, Math.min(updates.size(), from + HubSpotApi.MAX_BATCH)), accounts,
                        idByDomain, results, failures);
            }
            for (int from = 0; from < creates.size(); from += HubSpotApi.MAX_BATCH) {
                write(true, creates.subList(from, Math.min(creates.size(), from + HubSpotApi.MAX_BATCH)), accounts,
                        idByDomain, results, failures);
            }
        }
        List<BatchItemResult<Account>> out = new ArrayList<>(accounts.size());
        for (int i = 0; i < accounts.size(); i++) {
            UpsertResult<Account> r = results.get(i);
            CrmException e = failures.get(i);
            out.add(r != null ? BatchItemResult.success(i, r) : BatchItemResult.failure(i, e != null ? e
                    : new CrmException("HubSpot returned no result for this input", ErrorDetails.of(errors.provider()))));
        }
        return out;
    }

    /** One {@code batch/create} or {@code batch/update} call for at most 100 inputs with distinct domains. */
    private void write(boolean create, List<Integer> chunk, List<Account> accounts, Map<String, String> idByDomain,
            Map<Integer, UpsertResult<Account>> results, Map<Integer, CrmException> failures) {
        String domainProperty = fields.property("domain");
        List<BatchWriteRequest.Input> inputs = new ArrayList<>(chunk.size());
        Map<String, Integer> byRecordId = new HashMap<>();
        Map<String, Integer> byDomain = new HashMap<>();
        for (int i : chunk) {
            Account a = accounts.get(i);
            Map<String, String> p = mapper.properties(a);
            String id = null;
            if (!create) {
                // Keep the stored spelling of the domain (e.g. "www.Acme.com"); it matched the search already.
                p.remove(domainProperty);
                id = idByDomain.get(a.domain());
                byRecordId.put(id, i);
            }
            byDomain.put(a.domain(), i);
            inputs.add(new BatchWriteRequest.Input(id, String.valueOf(i), p));
        }
        BatchResponse<SimplePublicObject> response;
        try {
            response = create ? api.batchCreate("companies", inputs) : api.batchUpdate("companies", inputs);
        } catch (CrmValidationException e) {
            chunk.forEach(i -> failures.put(i, e));
            return;
        }
        for (SimplePublicObject o : response.resultsOrEmpty()) {
            Integer index = index(o.objectWriteTraceId(), chunk);
            if (index == null) {
                index = create ? byDomain.get(Account.normalizeDomain(o.property(domainProperty))) : byRecordId.get(o.id());
            }
            if (index == null) {
                continue;
            }
            Account input = accounts.get(index);
            results.put(index, new UpsertResult<>(withDomain(mapper.account(o), input), create));
            if (create) {
                idByDomain.put(input.domain(), o.id());
            }
        }
        int status = response.errorsOrEmpty().isEmpty() ? 200 : 207;
        for (HubSpotError e : response.errorsOrEmpty()) {
            Integer index = index(e.contextValue("objectWriteTraceId"), chunk);
            if (index != null) {
                failures.put(index, errors.itemError(e, status));
            }
        }
    }

    private static Integer index(String trace, List<Integer> chunk) {
        if (trace == null) {
            return null;
        }
        try {
            Integer i = Integer.valueOf(trace);
            return chunk.contains(i) ? i : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** HubSpot answers updates with the written properties only; the domain of the input is the record's key. */
    private static Account withDomain(Account stored, Account input) {
        return stored.domain() != null ? stored : stored.toBuilder().domain(input.domain()).build();
    }

    private CrmValidationException missingKey() {
        return new CrmValidationException("account has no domain (HubSpot companies are matched by domain)",
                ErrorDetails.of(errors.provider()), List.of(new FieldError("domain", "REQUIRED", "domain is required")));
    }

    @Override
    public int maxBatchSize() {
        return HubSpotApi.MAX_BATCH;
    }

    /** The oldest company with this domain: one search (or one read by {@code companyKeyProperty}). */
    @Override
    public Optional<Account> findByDomain(String domain) {
        String normalised = Account.normalizeDomain(domain);
        if (normalised == null) {
            return Optional.empty();
        }
        if (lookup.keyProperty() != null) {
            return api.getByProperty("companies", lookup.keyProperty(), normalised, fields.readProperties(), List.of())
                    .map(mapper::account);
        }
        return Optional.ofNullable(lookup.byDomain(List.of(normalised), fields.readProperties()).get(normalised))
                .map(mapper::account);
    }

    @Override
    public Account get(String id) {
        return mapper.account(api.get("companies", id, fields.readProperties(), List.of()));
    }

    /** Search on {@code hs_lastmodifieddate}; see {@link HubSpotContacts#changedSince} for HubSpot's search limits. */
    @Override
    public Page<Account> changedSince(Instant since, PageRequest page) {
        CollectionResponse<SimplePublicObject> r = api.search("companies",
                Searches.changedSince(ObjectKind.ACCOUNT, since, page, fields.readProperties()));
        List<Account> items = r.resultsOrEmpty().stream().map(mapper::account)
                .filter(a -> a.updatedAt() == null || a.updatedAt().isAfter(since)).toList();
        return new Page<>(items, r.nextAfter());
    }
}
