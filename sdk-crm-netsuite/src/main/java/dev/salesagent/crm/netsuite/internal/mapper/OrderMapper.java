package dev.salesagent.crm.netsuite.internal.mapper;

import dev.salesagent.crm.CrmId;
import java.math.BigDecimal;
import java.math.MathContext;
import dev.salesagent.crm.NewSalesOrder;
import dev.salesagent.crm.SalesOrder;
import dev.salesagent.crm.SalesOrderLine;
import dev.salesagent.crm.SalesOrderStatus;
import dev.salesagent.crm.netsuite.internal.api.RecordRef;
import dev.salesagent.crm.netsuite.internal.api.SalesOrderBody;
import dev.salesagent.crm.netsuite.internal.api.SalesOrderRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Maps sales orders. NetSuite's sales order status letters map to ours as: A Pending Approval, B Pending Fulfillment -> PENDING; D Partially Fulfilled,
 * E Pending Billing/Partially Fulfilled -> PARTIALLY_FULFILLED; F Pending Billing, G Billed -> FULFILLED;
 * C Cancelled, H Closed -> CANCELLED.
 */
public final class OrderMapper {

    private final String provider;

    public OrderMapper(String provider) {
        this.provider = provider;
    }

    /** Our status of a NetSuite status letter (also accepts {@code SalesOrd:B}); null when unknown. */
    public static SalesOrderStatus status(String code) {
        if (code == null) {
            return null;
        }
        String letter = code.contains(":") ? code.substring(code.indexOf(':') + 1) : code;
        return switch (letter.trim()) {
            case "A", "B" -> SalesOrderStatus.PENDING;
            case "D", "E" -> SalesOrderStatus.PARTIALLY_FULFILLED;
            case "F", "G" -> SalesOrderStatus.FULFILLED;
            case "C", "H" -> SalesOrderStatus.CANCELLED;
            default -> null;
        };
    }

    /** The status letters that mean {@code status}. */
    public static List<String> letters(SalesOrderStatus status) {
        return switch (status) {
            case PENDING -> List.of("A", "B");
            case PARTIALLY_FULFILLED -> List.of("D", "E");
            case FULFILLED -> List.of("F", "G");
            case CANCELLED -> List.of("C", "H");
        };
    }

    /**
     * @param itemIds    resolved internal item id per line (same order as the lines)
     * @param currencyId the currency's internal id, or null for the customer's currency
     */
    public SalesOrderBody body(NewSalesOrder order, List<String> itemIds, String currencyId, LocalDate today) {
        List<SalesOrderBody.Line> lines = new ArrayList<>();
        for (int i = 0; i < order.lines().size(); i++) {
            SalesOrderLine l = order.lines().get(i);
            lines.add(new SalesOrderBody.Line(RecordRef.of(itemIds.get(i)), l.quantity(), l.unitPrice()));
        }
        LocalDate date = order.orderDate() == null ? today : order.orderDate();
        return new SalesOrderBody(RecordRef.of(order.customerId().value()), date.toString(), RecordRef.of(currencyId),
                order.memo(), new SalesOrderBody.ItemSublist(lines));
    }

    /**
     * The order with its item lines. Lines that are not sales of an item (discount, subtotal, description lines: no
     * item, no positive quantity, or a negative rate) are left out of {@code lines}; {@code total} is NetSuite's
     * total including them. A line without a rate gets {@code amount / quantity}.
     *
     * @param currencyCode internal currency id -> ISO code
     */
    public SalesOrder order(SalesOrderRecord r, Function<String, String> currencyCode) {
        List<SalesOrderLine> lines = new ArrayList<>();
        if (r.item() != null && r.item().items() != null) {
            for (SalesOrderRecord.Line l : r.item().items()) {
                BigDecimal rate = l.rate() != null ? l.rate() : l.amount() != null && l.quantity() != null
                        && l.quantity().signum() > 0 ? l.amount().divide(l.quantity(), MathContext.DECIMAL64) : null;
                if (l.item() == null || l.item().id() == null || l.quantity() == null || l.quantity().signum() <= 0
                        || rate == null || rate.signum() < 0) {
                    continue;
                }
                lines.add(new SalesOrderLine(new CrmId(provider, l.item().id()), l.item().refName(), l.quantity(),
                        rate));
            }
        }
        return SalesOrder.builder()
                .id(new CrmId(provider, r.id()))
                .customerId(r.entity() == null ? null : new CrmId(provider, r.entity().id()))
                .idempotencyKey(r.externalId())
                .lines(lines)
                .status(r.orderStatus() == null ? null : status(r.orderStatus().id()))
                .total(r.total())
                .currency(r.currency() == null ? null : currencyCode.apply(r.currency().id()))
                .orderDate(r.tranDate() == null ? null : LocalDate.parse(r.tranDate().substring(0, 10)))
                .createdAt(instant(r.createdDate()))
                .updatedAt(instant(r.lastModifiedDate()))
                .customFields(Map.of())
                .build();
    }

    /** REST record datetimes are ISO-8601 with offset ({@code 2024-01-02T03:04:05Z}). */
    static Instant instant(String iso) {
        return iso == null ? null : OffsetDateTime.parse(iso).toInstant();
    }
}
