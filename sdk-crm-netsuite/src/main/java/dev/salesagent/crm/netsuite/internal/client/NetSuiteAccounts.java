package dev.salesagent.crm.netsuite.internal.client;

import static dev.salesagent.crm.netsuite.internal.mapper.SuiteQl.literal;

import dev.salesagent.crm.Account;
import dev.salesagent.crm.AccountOperations;
import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.UpsertResult;
import dev.salesagent.crm.netsuite.internal.mapper.EntityMapper;
import dev.salesagent.crm.netsuite.internal.mapper.SuiteQl;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Accounts as company {@code customer} records ({@code isPerson = F}). The natural key is the domain, stored in the
 * customer's web address ({@code url}, written as {@code https://<domain>}); new companies get the external id
 * {@code <accountExternalIdPrefix><domain>} so a repeated upsert addresses the same record.
 */
final class NetSuiteAccounts implements AccountOperations {

    private final NetSuiteApi api;
    private final EntityMapper mapper;
    private final String externalIdPrefix;
    private final ZoneId zone;
    private final Batches batches;

    NetSuiteAccounts(NetSuiteApi api, EntityMapper mapper, String externalIdPrefix, ZoneId zone, Batches batches) {
        this.api = api;
        this.batches = batches;
        this.mapper = mapper;
        this.externalIdPrefix = externalIdPrefix;
        this.zone = zone;
    }

    /**
     * Finds the company by domain (SuiteQL); updates it with {@code PATCH} (only non-null fields) or creates it with
     * {@code PUT customer/eid:<prefix><domain>}.
     */
    @Override
    public UpsertResult<Account> upsert(Account account) {
        if (account.domain() == null) {
            throw Errors.invalid(api.providerId(), "domain", "REQUIRED", "account domain is required");
        }
        Optional<Account> existing = findByDomain(account.domain());
        if (existing.isPresent()) {
            String id = existing.get().id().value();
            api.update("customer", id, mapper.customerBody(account, false), "accounts.update");
            return UpsertResult.ofUpdated(get(id));
        }
        String id = api.upsertByExternalId("customer", externalIdPrefix + account.domain(),
                mapper.customerBody(account, true), "accounts.upsert");
        return UpsertResult.ofCreated(get(id));
    }

    /**
     * One record per call (NetSuite's record API has no synchronous batch upsert), one after another or, when the
     * client has an executor, in parallel within the concurrency limit.
     */
    @Override
    public List<BatchItemResult<Account>> upsertAll(List<Account> accounts) {
        return batches.each(accounts, this::upsert);
    }

    /** 1: every account is its own REST call. */
    @Override
    public int maxBatchSize() {
        return 1;
    }

    @Override
    public Optional<Account> findByDomain(String domain) {
        String d = Account.normalizeDomain(domain);
        if (d == null) {
            return Optional.empty();
        }
        List<String> urls = List.of(d, "http://" + d, "https://" + d, "www." + d, "http://www." + d,
                "https://www." + d, d + "/", "http://" + d + "/", "https://" + d + "/", "https://www." + d + "/",
                "http://www." + d + "/");
        String in = String.join(", ", urls.stream().map(SuiteQl::literal).toList());
        String q = mapper.accountSelect() + " AND (c.externalid = " + literal(externalIdPrefix + d)
                + " OR LOWER(c.url) IN (" + in + ")) ORDER BY c.id";
        return api.suiteQlFirst(q, "accounts.find").map(mapper::account);
    }

    /** Internal id {@link String} of the company with this domain, if any. */
    Optional<String> idByDomain(String domain) {
        return findByDomain(domain).map(a -> a.id().value());
    }

    @Override
    public Account get(String id) {
        String n = SuiteQl.id(id).orElseThrow(() -> Errors.notFound(api.providerId(), "account", id));
        return api.suiteQlFirst(mapper.accountSelect() + " AND c.id = " + n + " ORDER BY c.id", "accounts.get")
                .map(mapper::account).orElseThrow(() -> Errors.notFound(api.providerId(), "account", id));
    }

    /** SuiteQL over {@code lastmodifieddate} after {@code since} ({@link SuiteQl#changedAfter}), by modification. */
    @Override
    public Page<Account> changedSince(Instant since, PageRequest page) {
        String q = mapper.accountSelect() + " AND " + SuiteQl.changedAfter("c.lastmodifieddate", since, zone)
                + " ORDER BY c.lastmodifieddate, c.id";
        return api.page(q, page, mapper::account, "accounts.changedSince");
    }
}
