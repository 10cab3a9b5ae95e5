package dev.salesagent.crm.salesforce.internal.client;

import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.CrmValidationException.FieldError;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.OpportunityOperations;
import dev.salesagent.crm.OpportunitySearch;
import dev.salesagent.crm.OpportunityUpdate;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.salesforce.internal.mapper.SObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Opportunities: SOQL search by owner, stage, close date and amount; stage/amount updates by PATCH. */
final class OpportunitiesApi implements OpportunityOperations {

    private final SalesforceRest rest;
    private final SObjectMapper mapper;

    OpportunitiesApi(SalesforceRest rest, SObjectMapper mapper) {
        this.rest = rest;
        this.mapper = mapper;
    }

    private Soql select() {
        return Soql.select(mapper.opportunityFields(), "Opportunity");
    }

    @Override
    public Page<Opportunity> search(OpportunitySearch search, PageRequest page) {
        Objects.requireNonNull(search, "search");
        Soql q = select();
        if (search.ownerId() != null) {
            q.where("OwnerId = " + Soql.literal(search.ownerId()));
        }
        if (search.stage() != null) {
            q.where("StageName = " + Soql.literal(search.stage()));
        }
        if (search.closeDateFrom() != null) {
            q.where("CloseDate >= " + Soql.date(search.closeDateFrom()));
        }
        if (search.closeDateTo() != null) {
            q.where("CloseDate <= " + Soql.date(search.closeDateTo()));
        }
        if (search.minAmount() != null) {
            q.where("Amount >= " + Soql.number(search.minAmount()));
        }
        if (search.maxAmount() != null) {
            q.where("Amount <= " + Soql.number(search.maxAmount()));
        }
        return rest.page(q, null, page, "opportunities.search", mapper::toOpportunity);
    }

    @Override
    public Opportunity get(String id) {
        return rest.getById(select(), "Opportunity", id, "opportunities.get").map(mapper::toOpportunity)
                .orElseThrow(() -> rest.notFound("opportunity", id));
    }

    @Override
    public Opportunity update(String id, OpportunityUpdate update) {
        Objects.requireNonNull(update, "update");
        if (update.stage() != null && update.stage().isBlank()) {
            throw new CrmValidationException("stage must not be blank", ErrorDetails.of(rest.providerId()),
                    List.of(new FieldError("stage", "REQUIRED", "blank stage")));
        }
        rest.requireIdOf(id, "006", "opportunity");
        if (update.stage() != null || update.amount() != null) {
            rest.update("Opportunity", id, mapper.opportunityUpdateBody(update.stage(), update.amount()),
                    "opportunities.update");
        }
        return get(id);
    }

    @Override
    public Page<Opportunity> changedSince(Instant since, PageRequest page) {
        return rest.changedSince(select(), since, page, "opportunities.changedSince", mapper::toOpportunity);
    }
}
