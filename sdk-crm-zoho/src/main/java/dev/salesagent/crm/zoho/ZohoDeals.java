package dev.salesagent.crm.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.OpportunityOperations;
import dev.salesagent.crm.OpportunitySearch;
import dev.salesagent.crm.OpportunityUpdate;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Opportunities are Zoho {@code Deals}; the stage is the {@code Stage} picklist value. {@code search} is one
 * {@code GET /Deals/search?criteria=..} per page ({@code Stage:equals}, {@code Owner:equals},
 * {@code Amount:greater_equal/less_equal}, {@code Closing_Date:greater_equal/less_equal}; results re-checked
 * locally because Zoho's {@code equals} matches like "contains"), or a plain list when nothing is filtered;
 * {@code update} is {@code PUT /Deals/{id}} plus one {@code GET} of the stored deal.
 */
final class ZohoDeals implements OpportunityOperations {

    private final ZohoApi api;
    private final ZohoMapper mapper;

    ZohoDeals(ZohoApi api) {
        this.api = api;
        this.mapper = new ZohoMapper(api.json, api.config.currency());
    }

    @Override
    public Page<Opportunity> search(OpportunitySearch search, PageRequest page) {
        Objects.requireNonNull(search, "search");
        List<String> criteria = new ArrayList<>();
        if (search.stage() != null) {
            criteria.add("(Stage:equals:" + ZohoApi.escape(search.stage()) + ")");
        }
        if (search.ownerId() != null) {
            criteria.add("(Owner:equals:" + ZohoApi.escape(search.ownerId()) + ")");
        }
        if (search.minAmount() != null) {
            criteria.add("(Amount:greater_equal:" + search.minAmount().toPlainString() + ")");
        }
        if (search.maxAmount() != null) {
            criteria.add("(Amount:less_equal:" + search.maxAmount().toPlainString() + ")");
        }
        if (search.closeDateFrom() != null) {
            criteria.add("(Closing_Date:greater_equal:" + search.closeDateFrom() + ")");
        }
        if (search.closeDateTo() != null) {
            criteria.add("(Closing_Date:less_equal:" + search.closeDateTo() + ")");
        }
        Page<JsonNode> p = criteria.isEmpty()
                ? api.list("Deals", ZohoMapper.DEAL_FIELDS, null, page, "opportunities.search")
                : api.search("Deals", "criteria", criteria.size() == 1 ? criteria.get(0)
                        : "(" + String.join("and", criteria) + ")", page, "opportunities.search");
        return new Page<>(p.items().stream().map(mapper::deal).filter(search::matches).toList(), p.nextCursor());
    }

    @Override
    public Opportunity get(String id) {
        return mapper.deal(api.get("Deals", id, "opportunities.get"));
    }

    @Override
    public Opportunity update(String id, OpportunityUpdate update) {
        Objects.requireNonNull(update, "update");
        if (update.stage() != null || update.amount() != null) {
            if (id == null || !id.matches("[0-9]{1,25}")) {
                return get(id);
            }
            ObjectNode body = api.json.createObjectNode();
            if (update.stage() != null) {
                body.put("Stage", update.stage());
            }
            if (update.amount() != null) {
                body.put("Amount", update.amount());
            }
            ZohoApi.Outcome o = api.write("PUT", "Deals", id, List.of(body), "opportunities.update", null).get(0);
            if (!o.ok()) {
                CrmException e = o.error();
                if (e instanceof dev.salesagent.crm.CrmValidationException v
                        && v.fieldErrors().stream().anyMatch(f -> "id".equals(f.field()))) {
                    throw new CrmNotFoundException("no deal " + id + ": " + e.getMessage(), e.details(), e);
                }
                throw e;
            }
        }
        return get(id);
    }

    @Override
    public Page<Opportunity> changedSince(Instant since, PageRequest page) {
        Page<JsonNode> p = api.list("Deals", ZohoMapper.DEAL_FIELDS, Objects.requireNonNull(since, "since"), page,
                "opportunities.changedSince");
        return new Page<>(p.items().stream().map(mapper::deal).toList(), p.nextCursor());
    }
}
