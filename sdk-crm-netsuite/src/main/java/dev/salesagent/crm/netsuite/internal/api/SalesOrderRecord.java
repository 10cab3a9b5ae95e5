package dev.salesagent.crm.netsuite.internal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.util.List;

/**
 * A {@code salesOrder} as read with {@code GET /record/v1/salesOrder/{id}?expandSubResources=true}. Datetimes are
 * ISO-8601 strings, {@code tranDate} is {@code yyyy-MM-dd}, {@code orderStatus.id} is the status letter (A..H).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SalesOrderRecord(String id, String externalId, String tranId, RecordRef entity, String tranDate,
                               RecordRef orderStatus, BigDecimal total, RecordRef currency, String memo,
                               String createdDate, String lastModifiedDate, ItemSublist item) {

    /** The expanded {@code item} sublist. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ItemSublist(List<Line> items) {
    }

    /** One expanded line. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Line(RecordRef item, BigDecimal quantity, BigDecimal rate, BigDecimal amount) {
    }
}
