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
import dev.salesagent.crm.hubspot.internal.api.CollectionResponse;
import dev.salesagent.crm.hubspot.internal.api.SimplePublicObject;
import dev.salesagent.crm.hubspot.internal.mapper.FieldMap;
import dev.salesagent.crm.hubspot.internal.mapper.ObjectKind;
import dev.salesagent.crm.hubspot.internal.mapper.RecordMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Accounts as HubSpot companies, upserted by {@code domain} through batch upsert.
 *
 * @see <a href="https://developers.hubspot.com/docs/guides/api/crm/objects/companies">Companies API</a>
 */
public final class HubSpotCompanies implements AccountOperations {

    private final HubSpotApi api;
    private final RecordMapper mapper;
    private final FieldMap fields;
    private final BatchUpserter<Account> upserter;

    public HubSpotCompanies(HubSpotApi api, RecordMapper mapper, HubSpotErrors errors) {
        this.api = api;
        this.mapper = mapper;
        this.fields = mapper.map(ObjectKind.ACCOUNT);
        this.upserter = new BatchUpserter<>(api, errors, "companies", new BatchUpserter.Codec<>() {
            @Override
            public String key(Account a) {
                return a.domain();
            }

            @Override
            public String idProperty() {
                return fields.property("domain");
            }

            @Override
            public Map<String, String> properties(Account a) {
                Map<String, String> p = mapper.properties(a);
                p.remove(fields.property("domain"));
                return p;
            }

            @Override
            public Account read(SimplePublicObject stored, Account input) {
                return mapper.account(stored);
            }

            @Override
            public CrmException missingKey(Account a) {
                return new CrmValidationException("account has no domain (HubSpot upserts companies by domain)",
                        ErrorDetails.of(errors.provider()), List.of(new FieldError("domain", "REQUIRED", "domain is required")));
            }
        }, null);
    }

    @Override
    public UpsertResult<Account> upsert(Account account) {
        BatchItemResult<Account> r = upserter.upsertAll(List.of(account)).get(0);
        if (!r.isSuccess()) {
            throw r.error();
        }
        return r.result();
    }

    @Override
    public List<BatchItemResult<Account>> upsertAll(List<Account> accounts) {
        return upserter.upsertAll(accounts);
    }

    @Override
    public int maxBatchSize() {
        return HubSpotApi.MAX_BATCH;
    }

    @Override
    public Optional<Account> findByDomain(String domain) {
        String normalised = Account.normalizeDomain(domain);
        if (normalised == null) {
            return Optional.empty();
        }
        return api.getByProperty("companies", fields.property("domain"), normalised, fields.readProperties(), List.of())
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
