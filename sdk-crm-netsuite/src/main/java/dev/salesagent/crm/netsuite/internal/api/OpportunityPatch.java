package dev.salesagent.crm.netsuite.internal.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/** {@code PATCH /record/v1/opportunity/{id}} body: only non-null fields change. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OpportunityPatch(RecordRef entityStatus, BigDecimal projectedTotal) {
}
