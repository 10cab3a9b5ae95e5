package dev.salesagent.crm.hubspot.internal.client;

import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.CrmValidationException.FieldError;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.OpportunityOperations;
import dev.salesagent.crm.OpportunitySearch;
import dev.salesagent.crm.OpportunityUpdate;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.hubspot.internal.api.CollectionResponse;
import dev.salesagent.crm.hubspot.internal.api.SearchRequest;
import dev.salesagent.crm.hubspot.internal.api.SearchRequest.Filter;
import dev.salesagent.crm.hubspot.internal.api.SimplePublicObject;
import dev.salesagent.crm.hubspot.internal.mapper.FieldMap;
import dev.salesagent.crm.hubspot.internal.mapper.ObjectKind;
import dev.salesagent.crm.hubspot.internal.mapper.RecordMapper;
import dev.salesagent.crm.hubspot.internal.mapper.Values;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opportunities as HubSpot deals. {@link dev.salesagent.crm.Opportunity#stage()} is the stage <em>label</em> from the
 * pipelines API (cached); searches and updates accept a label (case-insensitive) or a stage id. The account is the
 * deal's first associated company.
 *
 * @see <a href="https://developers.hubspot.com/docs/guides/api/crm/objects/deals">Deals API</a>
 */
public final class HubSpotDeals implements OpportunityOperations {

    private final HubSpotApi api;
    private final RecordMapper mapper;
    private final HubSpotErrors errors;
    private final FieldMap fields;
    private final DealStages stages;

    public HubSpotDeals(HubSpotApi api, RecordMapper mapper, HubSpotErrors errors, Duration stageCacheTtl, Clock clock) {
        this.api = api;
        this.mapper = mapper;
        this.errors = errors;
        this.fields = mapper.map(ObjectKind.OPPORTUNITY);
        this.stages = new DealStages(api, stageCacheTtl, clock);
    }

    /** One search call (filters ANDed, ascending id) plus one association batch read for the page's companies. */
    @Override
    public Page<Opportunity> search(OpportunitySearch s, PageRequest page) {
        List<Filter> filters = new ArrayList<>();
        if (s.ownerId() != null) {
            filters.add(Filter.of(fields.property("ownerId"), "EQ", s.ownerId()));
        }
        if (s.stage() != null) {
            List<String> ids = stages.ids(s.stage());
            if (ids.isEmpty()) {
                return Page.last(List.of());
            }
            filters.add(ids.size() == 1 ? Filter.of(fields.property("stage"), "EQ", ids.get(0))
                    : new Filter(fields.property("stage"), "IN", null, null, ids));
        }
        String close = fields.property("closeDate");
        if (s.closeDateFrom() != null) {
            filters.add(Filter.of(close, "GTE", millis(s.closeDateFrom().atStartOfDay(ZoneOffset.UTC).toInstant())));
        }
        if (s.closeDateTo() != null) {
            filters.add(Filter.of(close, "LT", millis(s.closeDateTo().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())));
        }
        if (s.minAmount() != null) {
            filters.add(Filter.of(fields.property("amount"), "GTE", s.minAmount().toPlainString()));
        }
        if (s.maxAmount() != null) {
            filters.add(Filter.of(fields.property("amount"), "LTE", s.maxAmount().toPlainString()));
        }
        SearchRequest request = new SearchRequest(null,
                filters.isEmpty() ? null : List.of(new SearchRequest.FilterGroup(filters)),
                List.of(new SearchRequest.Sort("hs_object_id", "ASCENDING")),
                fields.readProperties(), Searches.limit(page), page.cursor());
        return page(api.search("deals", request), null);
    }

    @Override
    public Opportunity get(String id) {
        SimplePublicObject o = api.get("deals", id, fields.readProperties(), List.of("companies"));
        return mapper.opportunity(o, mapper.id(o.firstAssociated("companies")), stages::label);
    }

    /** {@code PATCH} of {@code dealstage} (label mapped to its id) and/or {@code amount}; then reads the deal back. */
    @Override
    public Opportunity update(String id, OpportunityUpdate update) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (update.stage() != null) {
            List<String> ids = stages.ids(update.stage());
            if (ids.isEmpty()) {
                throw new CrmValidationException("unknown deal stage '" + update.stage() + "'; known stages: " + stages.labels(),
                        ErrorDetails.of(errors.provider()), List.of(new FieldError("stage", "INVALID_OPTION",
                                "not a stage of any deal pipeline: " + update.stage())));
            }
            properties.put(fields.property("stage"), ids.get(0));
        }
        if (update.amount() != null) {
            Values.put(properties, fields.property("amount"), update.amount());
        }
        if (properties.isEmpty()) {
            return get(id);
        }
        api.update("deals", id, properties);
        return get(id);
    }

    /** Search on {@code hs_lastmodifieddate}; see {@link HubSpotContacts#changedSince} for HubSpot's search limits. */
    @Override
    public Page<Opportunity> changedSince(Instant since, PageRequest page) {
        return page(api.search("deals", Searches.changedSince(ObjectKind.OPPORTUNITY, since, page, fields.readProperties())),
                since);
    }

    private Page<Opportunity> page(CollectionResponse<SimplePublicObject> r, Instant since) {
        List<String> ids = r.resultsOrEmpty().stream().map(SimplePublicObject::id).toList();
        Map<String, String> companies = api.firstAssociated("deals", "companies", ids);
        List<Opportunity> items = r.resultsOrEmpty().stream()
                .map(o -> mapper.opportunity(o, mapper.id(companies.get(o.id())), stages::label))
                .filter(o -> since == null || o.updatedAt() == null || o.updatedAt().isAfter(since))
                .toList();
        return new Page<>(items, r.nextAfter());
    }

    private static String millis(Instant i) {
        return String.valueOf(i.toEpochMilli());
    }
}
