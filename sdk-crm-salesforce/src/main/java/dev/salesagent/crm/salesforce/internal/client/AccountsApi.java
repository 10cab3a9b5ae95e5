package dev.salesagent.crm.salesforce.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.crm.Account;
import dev.salesagent.crm.AccountOperations;
import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.CrmValidationException.FieldError;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.spi.NaturalKeys;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.UpsertResult;
import dev.salesagent.crm.salesforce.internal.api.CollectionRequest;
import dev.salesagent.crm.salesforce.internal.api.SaveResult;
import dev.salesagent.crm.salesforce.internal.mapper.SObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Accounts: upsert by the external-id field holding the normalised domain, batches through sObject Collections
 * upsert, reads through SOQL.
 */
final class AccountsApi implements AccountOperations {

    private final SalesforceRest rest;
    private final SObjectMapper mapper;
    private final CollectionUpsert collections;

    AccountsApi(SalesforceRest rest, SObjectMapper mapper) {
        this.rest = rest;
        this.mapper = mapper;
        this.collections = new CollectionUpsert(rest);
    }

    private String keyField() {
        return mapper.settings().accountKey();
    }

    private CrmValidationException invalid(Account a) {
        Optional<CrmValidationException> keyProblem =
                NaturalKeys.accountDomainProblem(a == null ? null : a.domain(), ErrorDetails.of(rest.providerId()));
        if (keyProblem.isPresent()) {
            return keyProblem.get();
        }
        if (a.employees() != null && a.employees() < 0) {
            return new CrmValidationException("employees must not be negative", ErrorDetails.of(rest.providerId()),
                    List.of(new FieldError("employees", "INVALID_NUMBER", "negative: " + a.employees())));
        }
        return null;
    }

    @Override
    public UpsertResult<Account> upsert(Account account) {
        Objects.requireNonNull(account, "account");
        CrmValidationException problem = invalid(account);
        if (problem != null) {
            throw problem;
        }
        ObjectNode body = mapper.accountBody(account);
        SalesforceRest.Upserted saved;
        try {
            saved = rest.upsert("Account", keyField(), account.domain(), body, "accounts.upsert");
        } catch (CrmValidationException e) {
            if (account.name() != null || !lacksName(e.vendorCode(), e.fieldErrors())) {
                throw e;
            }
            // Only a new account can lack Name; it is named after its domain.
            body.put(mapper.field("account", "name"), account.domain());
            saved = rest.upsert("Account", keyField(), account.domain(), body, "accounts.upsert");
        }
        return new UpsertResult<>(get(saved.id()), saved.created());
    }

    private static boolean lacksName(String code, List<FieldError> errors) {
        return "REQUIRED_FIELD_MISSING".equals(code) && errors.stream().anyMatch(f -> "name".equals(f.field()));
    }

    @Override
    public List<BatchItemResult<Account>> upsertAll(List<Account> list) {
        List<BatchItemResult<Account>> results = new ArrayList<>(list.size());
        for (int start = 0; start < list.size(); start += maxBatchSize()) {
            results.addAll(upsertChunk(start, list.subList(start, Math.min(list.size(), start + maxBatchSize()))));
        }
        return results;
    }

    private List<BatchItemResult<Account>> upsertChunk(int offset, List<Account> chunk) {
        BatchItemResult<Account>[] out = ContactsApi.newResults(chunk.size());
        List<Integer> sent = new ArrayList<>();
        List<CollectionUpsert.Item> items = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            Account a = chunk.get(i);
            CrmValidationException problem = invalid(a);
            if (problem != null) {
                out[i] = BatchItemResult.failure(offset + i, problem);
                continue;
            }
            sent.add(i);
            ObjectNode fill = a.name() != null ? null
                    : rest.json().createObjectNode().put(mapper.field("account", "name"), a.domain());
            items.add(new CollectionUpsert.Item(a.domain(), mapper.collectionRecord("Account", mapper.accountBody(a),
                    keyField(), a.domain()), "name", fill));
        }
        if (items.isEmpty()) {
            return List.of(out);
        }
        List<SaveResult> saved = collections.upsert("Account", keyField(), items, "accounts.upsertAll");
        List<String> ids = saved.stream().filter(SaveResult::success).map(SaveResult::id).distinct().toList();
        Map<String, Account> stored = new HashMap<>();
        if (!ids.isEmpty()) {
            for (JsonNode row : rest.query(select().where("Id IN " + Soql.inList(ids)), ids.size(), "accounts.read")) {
                Account a = mapper.toAccount(row);
                stored.put(a.id().value(), a);
            }
        }
        for (int k = 0; k < sent.size(); k++) {
            int i = sent.get(k);
            SaveResult r = saved.get(k);
            out[i] = r.success()
                    ? BatchItemResult.success(offset + i,
                            new UpsertResult<>(stored.get(r.id()), Boolean.TRUE.equals(r.created())))
                    : BatchItemResult.failure(offset + i, rest.errors().itemError("Account", r.errors()));
        }
        return List.of(out);
    }

    @Override
    public int maxBatchSize() {
        return CollectionRequest.MAX_RECORDS;
    }

    private Soql select() {
        return Soql.select(mapper.accountFields(), "Account");
    }

    /** Domains per lookup query: keeps the GET query URL well under Salesforce's 16,384-byte URI limit. */
    private static final int DOMAINS_PER_QUERY = 50;

    /** Ids of the accounts whose key field holds one of {@code domains} (normalised), by domain. */
    Map<String, String> idsByDomain(Set<String> domains) {
        Map<String, String> out = new HashMap<>();
        List<String> all = new ArrayList<>(domains);
        for (int start = 0; start < all.size(); start += DOMAINS_PER_QUERY) {
            List<String> part = all.subList(start, Math.min(all.size(), start + DOMAINS_PER_QUERY));
            for (JsonNode row : rest.query(Soql.select("Id, " + keyField(), "Account")
                    .where(keyField() + " IN " + Soql.inList(part)), part.size(), "accounts.findByDomain")) {
                out.put(row.path(keyField()).asText().toLowerCase(Locale.ROOT), row.path("Id").asText());
            }
        }
        return out;
    }

    @Override
    public Optional<Account> findByDomain(String domain) {
        String normalized = Account.normalizeDomain(domain);
        if (normalized == null) {
            return Optional.empty();
        }
        return rest.query(select().where(keyField() + " = " + Soql.literal(normalized)).limit(1), 1,
                "accounts.findByDomain").stream().findFirst().map(mapper::toAccount);
    }

    @Override
    public Account get(String id) {
        return rest.getById(select(), "Account", id, "accounts.get").map(mapper::toAccount)
                .orElseThrow(() -> rest.notFound("account", id));
    }

    @Override
    public Page<Account> changedSince(Instant since, PageRequest page) {
        return rest.changedSince(select(), since, page, "accounts.changedSince", mapper::toAccount);
    }
}
