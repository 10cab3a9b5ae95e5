package dev.salesagent.crm.close.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.CrmValidationException.FieldError;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.OpportunityOperations;
import dev.salesagent.crm.OpportunitySearch;
import dev.salesagent.crm.OpportunityUpdate;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.close.CloseConfig;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Opportunities on Close's opportunity API (<a href="https://developer.close.com/api/resources/opportunities">
 * Opportunities</a>). The stage is the status label ({@code status_label}; updates send the {@code status_id} of that
 * label), the amount is {@code value} in cents, the close date {@code date_won}, the owner {@code user_id}, the name
 * Close's {@code note} (Close opportunities have no title). Lists use {@code _skip}/{@code _limit} (at most
 * {@value CloseApi#LIST_MAX_LIMIT}) and Close's filters {@code status_label}, {@code user_id},
 * {@code date_won__gte/__lte}, {@code date_updated__gt}; Close has no amount filter, so amount bounds are applied to
 * each page (a page may hold fewer items than asked for).
 */
public final class CloseOpportunities implements OpportunityOperations {

    private final CloseApi api;
    private final OpportunityStatuses statuses;

    /** @param api the shared calls */
    public CloseOpportunities(CloseApi api) {
        this.api = api;
        this.statuses = new OpportunityStatuses(api, api.config.statusCacheTtl());
    }

    @Override
    public Page<Opportunity> search(OpportunitySearch search, PageRequest page) {
        Objects.requireNonNull(search, "search");
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("status_label", search.stage());
        query.put("user_id", search.ownerId());
        query.put("date_won__gte", search.closeDateFrom());
        query.put("date_won__lte", search.closeDateTo());
        query.put("_order_by", "date_created");
        return list("opportunities.search", query, page, search);
    }

    @Override
    public Opportunity get(String id) {
        return CloseRecords.opportunity(api.get("/opportunity/" + id + "/", "opportunities.get", Map.of()));
    }

    @Override
    public Opportunity update(String id, OpportunityUpdate update) {
        Objects.requireNonNull(update, "update");
        ObjectNode body = api.object();
        if (update.stage() != null) {
            String statusId = statuses.idOf(update.stage()).orElseThrow(() -> invalid("stage", "UNKNOWN_STAGE",
                    "Close has no opportunity status labelled '" + update.stage() + "'"));
            body.put("status_id", statusId);
        }
        if (update.amount() != null) {
            body.put("value", cents(update.amount()));
        }
        if (body.isEmpty()) {
            return get(id);
        }
        return CloseRecords.opportunity(api.put("/opportunity/" + id + "/", "opportunities.update", body));
    }

    @Override
    public Page<Opportunity> changedSince(Instant since, PageRequest page) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("date_updated__gt", CloseApi.format(since));
        query.put("_order_by", "date_updated");
        return list("opportunities.changed", query, page, OpportunitySearch.all());
    }

    private Page<Opportunity> list(String operation, Map<String, Object> filters, PageRequest page, OpportunitySearch keep) {
        int skip = page.cursor() == null ? 0 : Integer.parseInt(page.cursor());
        Map<String, Object> query = new LinkedHashMap<>();
        filters.forEach((k, v) -> {
            if (v != null) {
                query.put(k, v.toString());
            }
        });
        query.put("_skip", skip);
        query.put("_limit", Math.min(page.size(), CloseApi.LIST_MAX_LIMIT));
        JsonNode body = api.get("/opportunity/", operation, query);
        List<Opportunity> items = new ArrayList<>();
        int seen = 0;
        for (JsonNode n : body.path("data")) {
            seen++;
            Opportunity o = CloseRecords.opportunity(n);
            if (keep.matches(o)) {
                items.add(o);
            }
        }
        boolean more = body.path("has_more").asBoolean(false);
        return new Page<>(items, more ? Integer.toString(skip + seen) : null);
    }

    /** Close values are integer cents; more than two decimals cannot be stored and are refused. */
    static long cents(BigDecimal amount) {
        try {
            return amount.movePointRight(2).longValueExact();
        } catch (ArithmeticException e) {
            throw invalid("amount", "INVALID_AMOUNT", "Close stores amounts in whole cents: " + amount.toPlainString());
        }
    }

    private static CrmValidationException invalid(String field, String code, String message) {
        return new CrmValidationException(message, ErrorDetails.of(CloseConfig.PROVIDER_ID),
                List.of(new FieldError(field, code, message)));
    }
}
