package dev.salesagent.crm.netsuite.internal.client;

import static dev.salesagent.crm.netsuite.internal.mapper.SuiteQl.literal;

import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.OpportunityOperations;
import dev.salesagent.crm.OpportunitySearch;
import dev.salesagent.crm.OpportunityUpdate;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.netsuite.internal.api.OpportunityPatch;
import dev.salesagent.crm.netsuite.internal.api.RecordRef;
import dev.salesagent.crm.netsuite.internal.mapper.ActivityMapper;
import dev.salesagent.crm.netsuite.internal.mapper.SuiteQl;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opportunities ({@code opportunity} transactions). The stage is the name of the opportunity's
 * {@code entityStatus}; the owner is the sales rep's internal id; the amount is {@code projectedTotal}.
 */
final class NetSuiteOpportunities implements OpportunityOperations {

    private final NetSuiteApi api;
    private final ActivityMapper mapper;
    private final ZoneId zone;
    private final Map<String, String> statusIdByName = new ConcurrentHashMap<>();

    NetSuiteOpportunities(NetSuiteApi api, ActivityMapper mapper, ZoneId zone) {
        this.api = api;
        this.mapper = mapper;
        this.zone = zone;
    }

    @Override
    public Page<Opportunity> search(OpportunitySearch s, PageRequest page) {
        StringBuilder q = new StringBuilder(ActivityMapper.opportunitySelect());
        if (s.ownerId() != null) {
            q.append(" AND t.employee = ").append(SuiteQl.id(s.ownerId()).orElse("-1"));
        }
        if (s.stage() != null) {
            q.append(" AND es.name = ").append(literal(s.stage()));
        }
        if (s.closeDateFrom() != null) {
            q.append(" AND t.expectedclosedate >= ").append(SuiteQl.date(s.closeDateFrom()));
        }
        if (s.closeDateTo() != null) {
            q.append(" AND t.expectedclosedate <= ").append(SuiteQl.date(s.closeDateTo()));
        }
        if (s.minAmount() != null) {
            q.append(" AND t.projectedtotal >= ").append(s.minAmount().toPlainString());
        }
        if (s.maxAmount() != null) {
            q.append(" AND t.projectedtotal <= ").append(s.maxAmount().toPlainString());
        }
        q.append(" ORDER BY t.id");
        return api.page(q.toString(), page, mapper::opportunity, "opportunities.search");
    }

    @Override
    public Opportunity get(String id) {
        String n = SuiteQl.id(id).orElseThrow(() -> Errors.notFound(api.providerId(), "opportunity", id));
        return api.suiteQlFirst(ActivityMapper.opportunitySelect() + " AND t.id = " + n + " ORDER BY t.id",
                "opportunities.get").map(mapper::opportunity)
                .orElseThrow(() -> Errors.notFound(api.providerId(), "opportunity", id));
    }

    /**
     * {@code PATCH opportunity/{id}} with {@code entityStatus} (looked up by name) and/or {@code projectedTotal}.
     *
     * @throws dev.salesagent.crm.CrmValidationException for a stage no customer status has
     * @throws dev.salesagent.crm.CrmNotFoundException   for an unknown opportunity
     */
    @Override
    public Opportunity update(String id, OpportunityUpdate update) {
        get(id);
        RecordRef status = update.stage() == null ? null : RecordRef.of(statusId(update.stage()));
        if (status != null || update.amount() != null) {
            api.update("opportunity", id, new OpportunityPatch(status, update.amount()), "opportunities.update");
        }
        return get(id);
    }

    @Override
    public Page<Opportunity> changedSince(Instant since, PageRequest page) {
        String q = ActivityMapper.opportunitySelect() + " AND " + SuiteQl.changedAfter("t.lastmodifieddate", since, zone)
                + " ORDER BY t.lastmodifieddate, t.id";
        return api.page(q, page, mapper::opportunity, "opportunities.changedSince");
    }

    private String statusId(String stage) {
        String cached = statusIdByName.get(stage);
        if (cached != null) {
            return cached;
        }
        String id = api.suiteQlFirst("SELECT es.id FROM entitystatus es WHERE es.name = " + literal(stage)
                        + " ORDER BY es.id", "opportunities.stage")
                .map(row -> SuiteQl.text(row, "id"))
                .orElseThrow(() -> Errors.invalid(api.providerId(), "stage", "INVALID_KEY_OR_REF",
                        "no opportunity status named '" + stage + "'"));
        statusIdByName.put(stage, id);
        return id;
    }
}
