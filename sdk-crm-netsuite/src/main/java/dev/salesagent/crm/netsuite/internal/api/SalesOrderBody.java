package dev.salesagent.crm.netsuite.internal.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * Write body of a {@code salesOrder}: {@code entity}, {@code tranDate} (yyyy-MM-dd), optional {@code currency} and
 * {@code memo}, and the {@code item} sublist. The external id (the caller's idempotency key) is not in the body: it is
 * the {@code eid:} of the PUT URL.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SalesOrderBody(RecordRef entity, String tranDate, RecordRef currency, String memo,
                             ItemSublist item) {

    /** The {@code item} sublist wrapper ({@code {"items": [...]}}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemSublist(List<Line> items) {
    }

    /** One line: {@code item}, {@code quantity}, {@code rate} (unit price). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(RecordRef item, BigDecimal quantity, BigDecimal rate) {
    }
}
