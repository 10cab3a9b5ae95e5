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
    private final ExternalIdUpsert<Account> upserts;

    AccountsApi(SalesforceRest rest, SObjectMapper mapper) {
        this.rest = rest;
        this.mapper = mapper;
        this.upserts = new ExternalIdUpsert<>(rest, "Account", "accounts", this::keyField, this::select,
                mapper::toAccount, Account::id);
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
        // Only a new account can lack Name; it is named after its domain.
        return upserts.upsert(item(account), this::get);
    }

    /** The Name a new account without one gets (its domain), or null when it has a name. */
    private ObjectNode nameFill(Account a) {
        return a.name() != null ? null : rest.json().createObjectNode().put(mapper.field("account", "name"), a.domain());
    }

    @Override
    public List<BatchItemResult<Account>> upsertAll(List<Account> list) {
        return upserts.upsertAll(list, this::invalid, valid -> valid.stream().map(this::item).toList());
    }

    private CollectionUpsert.Item item(Account a) {
        return new CollectionUpsert.Item(a.domain(), mapper.collectionRecord("Account", mapper.accountBody(a),
                keyField(), a.domain()), "name", nameFill(a));
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
