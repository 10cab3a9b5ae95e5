package dev.salesagent.crm.netsuite.internal.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * Write body of a {@code salesOrder}: {@code entity}, {@code tranDate} (yyyy-MM-dd), {@code externalId} (the caller's
 * idempotency key), optional {@code currency} and {@code memo}, and the {@code item} sublist.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SalesOrderBody(RecordRef entity, String tranDate, String externalId, RecordRef currency, String memo,
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
