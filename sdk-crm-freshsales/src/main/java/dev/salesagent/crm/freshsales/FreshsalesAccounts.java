package dev.salesagent.crm.freshsales;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.crm.Account;
import dev.salesagent.crm.AccountOperations;
import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.UpsertResult;
import dev.salesagent.crm.http.CrmRequest;
import dev.salesagent.crm.http.CrmResponse;
import dev.salesagent.crm.spi.NaturalKeys;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Accounts = Freshsales sales accounts ({@code /sales_accounts}). The natural key is the domain, stored in
 * {@code website}. Freshsales' own unique key is the account {@code name}, not the website, so an upsert searches
 * {@code website} first (filtered search) and then updates ({@code PUT /sales_accounts/<id>}) or creates
 * ({@code POST /sales_accounts}): two requests. A new account without a name is named after its domain, because
 * Freshsales requires {@code name}.
 *
 * @see <a href="https://developers.freshworks.com/crm/api/#accounts">Accounts</a>
 */
final class FreshsalesAccounts implements AccountOperations {

    static final int MAX_BATCH = 100;

    private final FreshsalesApi api;

    FreshsalesAccounts(FreshsalesApi api) {
        this.api = api;
    }

    Account fromJson(JsonNode n) {
        return Account.builder().id(api.id(n.path("id"))).name(FreshsalesApi.text(n, "name"))
                .domain(FreshsalesApi.text(n, "website")).employees(FreshsalesApi.longValue(n, "number_of_employees"))
                .annualRevenue(FreshsalesApi.decimal(n, "annual_revenue")).country(FreshsalesApi.text(n, "country"))
                .phone(FreshsalesApi.text(n, "phone")).createdAt(FreshsalesApi.instant(n, "created_at"))
                .updatedAt(FreshsalesApi.instant(n, "updated_at")).customFields(api.customFields(n)).build();
    }

    ObjectNode toJson(Account a, boolean create) {
        ObjectNode n = api.json.createObjectNode();
        String name = a.name() != null ? a.name() : create ? a.domain() : null;
        if (name != null) {
            n.put("name", name);
        }
        n.put("website", a.domain());
        if (a.employees() != null) {
            n.put("number_of_employees", a.employees());
        }
        if (a.annualRevenue() != null) {
            n.put("annual_revenue", a.annualRevenue());
        }
        if (a.country() != null) {
            n.put("country", a.country());
        }
        if (a.phone() != null) {
            n.put("phone", a.phone());
        }
        if (!a.customFields().isEmpty()) {
            n.set("custom_field", api.json.valueToTree(a.customFields()));
        }
        return n;
    }

    @Override
    public UpsertResult<Account> upsert(Account account) {
        NaturalKeys.accountDomainProblem(account.domain(), api.details()).ifPresent(e -> {
            throw e;
        });
        Optional<Account> existing = findByDomain(account.domain());
        ObjectNode body = api.json.createObjectNode();
        if (existing.isPresent()) {
            body.set("sales_account", toJson(account, false));
            CrmResponse r = api.http.execute(CrmRequest.put("/sales_accounts/" + existing.get().id().value())
                    .jsonBody(body).operation("accounts.update").build());
            return UpsertResult.ofUpdated(fromJson(r.json().path("sales_account")));
        }
        body.set("sales_account", toJson(account, true));
        CrmResponse r = api.http.execute(CrmRequest.post("/sales_accounts").jsonBody(body)
                .operation("accounts.create").build());
        return UpsertResult.ofCreated(fromJson(r.json().path("sales_account")));
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
        String d = Account.normalizeDomain(domain);
        if (d == null) {
            return Optional.empty();
        }
        Page<Account> page = api.search("sales_account", "sales_accounts", List.of(api.rule("website", "is_in", d)),
                PageRequest.first(FreshsalesApi.MAX_PAGE_SIZE), this::fromJson, "accounts.findByDomain");
        return page.items().stream().filter(a -> d.equals(a.domain()))
                .min((x, y) -> Long.compare(Long.parseLong(x.id().value()), Long.parseLong(y.id().value())));
    }

    @Override
    public Account get(String id) {
        return fromJson(api.getRecord("/sales_accounts/" + api.checkedId(id, "id"), "sales_account", "accounts.get"));
    }

    @Override
    public Page<Account> changedSince(Instant since, PageRequest page) {
        return api.search("sales_account", "sales_accounts", List.of(api.rule("updated_at", "is_after", since.toString())),
                page, this::fromJson, "accounts.changedSince");
    }
}
