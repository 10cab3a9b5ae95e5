package dev.salesagent.crm.freshsales;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.OpportunityOperations;
import dev.salesagent.crm.OpportunitySearch;
import dev.salesagent.crm.OpportunityUpdate;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.http.CrmRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Opportunities = Freshsales deals ({@code /deals}). The stage is shown by name ({@code deal_stage_id} resolved
 * through {@link DealStages}). {@link #search} sends owner and stage as filter rules of the filtered search and
 * applies the close-date and amount bounds to each page (a page may hold fewer items than asked; the cursor is the
 * Freshsales page number). {@link #update} is one {@code PUT /deals/<id>} with {@code deal_stage_id} and/or
 * {@code amount}.
 *
 * @see <a href="https://developers.freshworks.com/crm/api/#deals">Deals</a>
 */
final class FreshsalesDeals implements OpportunityOperations {

    private final FreshsalesApi api;
    private final DealStages stages;
    private final String currency;

    FreshsalesDeals(FreshsalesApi api, DealStages stages, String currency) {
        this.api = api;
        this.stages = stages;
        this.currency = currency;
    }

    Opportunity fromJson(JsonNode n) {
        String account = FreshsalesApi.text(n, "sales_account_id");
        return Opportunity.builder().id(api.id(n.path("id"))).name(FreshsalesApi.text(n, "name"))
                .accountId(account == null ? null : api.id(n.path("sales_account_id")))
                .ownerId(FreshsalesApi.text(n, "owner_id")).stage(stages.nameOf(FreshsalesApi.text(n, "deal_stage_id")))
                .amount(FreshsalesApi.decimal(n, "amount")).currency(currency)
                .closeDate(FreshsalesApi.date(n, "expected_close")).createdAt(FreshsalesApi.instant(n, "created_at"))
                .updatedAt(FreshsalesApi.instant(n, "updated_at")).customFields(api.customFields(n)).build();
    }

    @Override
    public Page<Opportunity> search(OpportunitySearch search, PageRequest page) {
        List<ObjectNode> rules = new ArrayList<>();
        if (search.ownerId() != null) {
            rules.add(api.rule("owner_id", "is_in", api.checkedId(search.ownerId(), "ownerId")));
        }
        if (search.stage() != null) {
            Optional<String> stageId = stages.idOf(search.stage());
            if (stageId.isEmpty()) {
                return Page.last(List.of());
            }
            rules.add(api.rule("deal_stage_id", "is_in", stageId.get()));
        }
        Page<Opportunity> p = api.search("deal", "deals", rules, page, this::fromJson, "opportunities.search");
        return new Page<>(p.items().stream().filter(search::matches).toList(), p.nextCursor());
    }

    @Override
    public Opportunity get(String id) {
        return fromJson(api.getRecord("/deals/" + api.checkedId(id, "id"), "deal", "opportunities.get"));
    }

    @Override
    public Opportunity update(String id, OpportunityUpdate update) {
        api.checkedId(id, "id");
        ObjectNode deal = api.json.createObjectNode();
        if (update.stage() != null) {
            String stageId = stages.idOf(update.stage()).orElseThrow(() -> new CrmValidationException(
                    "no Freshsales deal stage named '" + update.stage() + "'", api.details(),
                    List.of(new CrmValidationException.FieldError("stage", "UNKNOWN_STAGE", update.stage()))));
            deal.put("deal_stage_id", Long.parseLong(stageId));
        }
        if (update.amount() != null) {
            deal.put("amount", update.amount());
        }
        if (deal.isEmpty()) {
            return get(id);
        }
        ObjectNode body = api.json.createObjectNode();
        body.set("deal", deal);
        return fromJson(api.http.execute(CrmRequest.put("/deals/" + id).jsonBody(body)
                .operation("opportunities.update").build()).json().path("deal"));
    }

    @Override
    public Page<Opportunity> changedSince(Instant since, PageRequest page) {
        return api.search("deal", "deals", List.of(api.rule("updated_at", "is_after", since.toString())), page,
                this::fromJson, "opportunities.changedSince");
    }
}
