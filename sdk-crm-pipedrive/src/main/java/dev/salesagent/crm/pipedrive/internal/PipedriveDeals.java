package dev.salesagent.crm.pipedrive.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.OpportunityOperations;
import dev.salesagent.crm.OpportunitySearch;
import dev.salesagent.crm.OpportunityUpdate;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.http.CrmRequest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opportunities as Pipedrive deals (API v2, <a href="https://developers.pipedrive.com/docs/api/v1/Deals">Deals</a>,
 * {@code pipedrive/client-nodejs} {@code src/versions/v2/api/deals-api.ts} and {@code stages-api.ts}). A stage is shown
 * by its <b>name</b> from {@code GET /api/v2/stages} (cached for {@code stageCacheTtl}; a name not in the cache reloads
 * it once). {@code GET /api/v2/deals} filters by {@code owner_id} and {@code stage_id} only, so close-date and amount
 * criteria are applied to each page client-side (a page may hold fewer items than asked, or none, while a cursor
 * remains).
 */
public final class PipedriveDeals implements OpportunityOperations {

    private final PipedriveApi api;
    private final Duration stageTtl;
    private final Clock clock;
    private Map<Long, String> stageNames = Map.of();
    private Instant stagesLoaded;

    /**
     * @param api      shared HTTP and envelope handling
     * @param stageTtl how long stage names are cached
     * @param clock    the client's clock (cache expiry)
     */
    public PipedriveDeals(PipedriveApi api, Duration stageTtl, Clock clock) {
        this.api = api;
        this.stageTtl = stageTtl;
        this.clock = clock;
    }

    @Override
    public Page<Opportunity> search(OpportunitySearch search, PageRequest page) {
        CrmRequest.Builder req = CrmRequest.get("/api/v2/deals").query("sort_by", "id").query("sort_direction", "asc")
                .query("limit", Math.min(page.size(), PipedriveApi.MAX_PAGE)).query("cursor", page.cursor())
                .operation("deals.search");
        if (search.ownerId() != null) {
            req.query("owner_id", PipedriveApi.checkId(search.ownerId(), "owner"));
        }
        if (search.stage() != null) {
            List<Long> ids = stageIds(search.stage());
            if (ids.isEmpty()) {
                return Page.last(List.of());
            }
            if (ids.size() == 1) {
                req.query("stage_id", ids.get(0));
            }
        }
        JsonNode env = api.envelope(req.build());
        List<Opportunity> items = new ArrayList<>();
        env.path("data").forEach(n -> {
            Opportunity o = toOpportunity(n);
            if (search.matches(o)) {
                items.add(o);
            }
        });
        return new Page<>(items, PipedriveApi.text(env.path("additional_data"), "next_cursor"));
    }

    @Override
    public Opportunity get(String id) {
        return toOpportunity(api.data(CrmRequest.get("/api/v2/deals/" + PipedriveApi.checkId(id, "deal"))
                .operation("deals.get").build()));
    }

    @Override
    public Opportunity update(String id, OpportunityUpdate update) {
        PipedriveApi.checkId(id, "deal");
        Map<String, Object> body = new LinkedHashMap<>();
        if (update.stage() != null) {
            List<Long> ids = stageIds(update.stage());
            if (ids.size() != 1) {
                throw new CrmValidationException((ids.isEmpty() ? "no" : "more than one") + " Pipedrive stage named '"
                        + update.stage() + "'", ErrorDetails.of(PipedriveApi.ID),
                        List.of(new CrmValidationException.FieldError("stage", ids.isEmpty() ? "UNKNOWN_STAGE" : "AMBIGUOUS_STAGE",
                                "stage names must name exactly one stage")));
            }
            body.put("stage_id", ids.get(0));
        }
        if (update.amount() != null) {
            body.put("value", update.amount());
        }
        if (body.isEmpty()) {
            return get(id);
        }
        return toOpportunity(api.data(CrmRequest.patch("/api/v2/deals/" + id).jsonBody(body).idempotent(true)
                .operation("deals.update").build()));
    }

    @Override
    public Page<Opportunity> changedSince(Instant since, PageRequest page) {
        JsonNode env = api.envelope(CrmRequest.get("/api/v2/deals")
                .query("updated_since", since.truncatedTo(ChronoUnit.SECONDS).toString())
                .query("sort_by", "update_time").query("sort_direction", "asc")
                .query("limit", Math.min(page.size(), PipedriveApi.MAX_PAGE)).query("cursor", page.cursor())
                .operation("deals.changedSince").build());
        List<Opportunity> items = new ArrayList<>();
        env.path("data").forEach(n -> {
            Opportunity o = toOpportunity(n);
            if (o.updatedAt() != null && o.updatedAt().isAfter(since)) {
                items.add(o);
            }
        });
        return new Page<>(items, PipedriveApi.text(env.path("additional_data"), "next_cursor"));
    }

    private synchronized List<Long> stageIds(String name) {
        List<Long> ids = idsOf(stages(false), name);
        return ids.isEmpty() ? idsOf(stages(true), name) : ids;
    }

    private static List<Long> idsOf(Map<Long, String> stages, String name) {
        List<Long> ids = new ArrayList<>();
        stages.forEach((id, n) -> {
            if (n.equals(name)) {
                ids.add(id);
            }
        });
        ids.sort(null);
        return ids;
    }

    private synchronized Map<Long, String> stages(boolean reload) {
        Instant now = clock.instant();
        if (!reload && stagesLoaded != null && now.isBefore(stagesLoaded.plus(stageTtl))) {
            return stageNames;
        }
        Map<Long, String> names = new HashMap<>();
        String cursor = null;
        do {
            JsonNode env = api.envelope(CrmRequest.get("/api/v2/stages").query("limit", PipedriveApi.MAX_PAGE)
                    .query("cursor", cursor).operation("stages.list").build());
            env.path("data").forEach(s -> names.put(s.path("id").asLong(), s.path("name").asText()));
            cursor = PipedriveApi.text(env.path("additional_data"), "next_cursor");
        } while (cursor != null);
        stageNames = Map.copyOf(names);
        stagesLoaded = now;
        return stageNames;
    }

    private String stageName(JsonNode stageId) {
        if (stageId == null || stageId.isNull() || stageId.isMissingNode()) {
            return null;
        }
        String name = stages(false).get(stageId.asLong());
        return name != null ? name : stages(true).getOrDefault(stageId.asLong(), stageId.asText());
    }

    Opportunity toOpportunity(JsonNode n) {
        String close = PipedriveApi.text(n, "expected_close_date");
        JsonNode value = n.get("value");
        return Opportunity.builder().id(PipedriveApi.id(n.get("id"))).name(PipedriveApi.text(n, "title"))
                .accountId(PipedriveApi.id(n.get("org_id"))).ownerId(PipedriveApi.text(n, "owner_id"))
                .stage(stageName(n.get("stage_id")))
                .amount(value == null || value.isNull() ? null : new BigDecimal(value.asText()))
                .currency(PipedriveApi.text(n, "currency"))
                .closeDate(close == null || close.isBlank() ? null : LocalDate.parse(close))
                .createdAt(PipedriveApi.time(n.get("add_time"))).updatedAt(PipedriveApi.time(n.get("update_time")))
                .customFields(PipedriveApi.customFields(n)).build();
    }
}
