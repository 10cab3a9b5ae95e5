package dev.salesagent.crm;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A sales order (NetSuite Sales Order, Salesforce Order, HubSpot order).
 *
 * @param id             the CRM's id
 * @param customerId     the account (customer) that ordered
 * @param idempotencyKey the caller's key the order was created with (NetSuite {@code externalId}), if the CRM keeps it
 * @param lines          order lines; never {@code null}
 * @param status         fulfilment status
 * @param total          order total in {@code currency} (sum of line totals unless the CRM adds tax/shipping)
 * @param currency       ISO 4217 code
 * @param orderDate      the order date
 * @param createdAt      when the CRM created the record
 * @param updatedAt      when the CRM last changed the record
 * @param customFields   vendor properties outside our model; never {@code null}
 */
public record SalesOrder(CrmId id, CrmId customerId, String idempotencyKey, List<SalesOrderLine> lines,
                         SalesOrderStatus status, BigDecimal total, String currency, LocalDate orderDate,
                         Instant createdAt, Instant updatedAt, Map<String, Object> customFields) {

    /**
     * Copies {@code lines} and {@code customFields} into unmodifiable collections ({@code null} becomes empty).
     *
     * @param id the CRM's id
     * @param customerId the account (customer) that ordered
     * @param idempotencyKey the caller's key the order was created with (NetSuite {@code externalId}), if the CRM keeps
     *     it
     * @param lines order lines; never {@code null}
     * @param status fulfilment status
     * @param total order total in {@code currency} (sum of line totals unless the CRM adds tax/shipping)
     * @param currency ISO 4217 code
     * @param orderDate the order date
     * @param createdAt when the CRM created the record
     * @param updatedAt when the CRM last changed the record
     * @param customFields vendor properties outside our model; never {@code null}
     */
    public SalesOrder {
        lines = Records.immutableList(lines);
        customFields = Records.immutableMap(customFields);
    }

    /** {@return a new, empty builder} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder pre-filled with this record's values.
     *
     * @return a new builder holding this record's values; changing it leaves this record unchanged
     */
    public Builder toBuilder() {
        return new Builder().id(id).customerId(customerId).idempotencyKey(idempotencyKey).lines(lines).status(status)
                .total(total).currency(currency).orderDate(orderDate).createdAt(createdAt).updatedAt(updatedAt)
                .customFields(customFields);
    }

    /** Builder for {@link SalesOrder}. */
    public static final class Builder {
        private CrmId id, customerId;
        private String idempotencyKey, currency;
        private List<SalesOrderLine> lines = List.of();
        private SalesOrderStatus status;
        private BigDecimal total;
        private LocalDate orderDate;
        private Instant createdAt, updatedAt;
        private Map<String, Object> customFields = Map.of();

        private Builder() {
        }

        /**
         * Sets {@link SalesOrder#id()}.
         *
         * @param id the CRM's id
         * @return this builder
         */
        public Builder id(CrmId id) { this.id = id; return this; }
        /**
         * Sets {@link SalesOrder#customerId()}.
         *
         * @param customerId the account (customer) that ordered
         * @return this builder
         */
        public Builder customerId(CrmId customerId) { this.customerId = customerId; return this; }
        /**
         * Sets {@link SalesOrder#idempotencyKey()}.
         *
         * @param idempotencyKey the caller's key the order was created with (NetSuite {@code externalId}), if the CRM
         *     keeps it
         * @return this builder
         */
        public Builder idempotencyKey(String idempotencyKey) { this.idempotencyKey = idempotencyKey; return this; }
        /**
         * Sets {@link SalesOrder#lines()}.
         *
         * @param lines order lines; never {@code null}
         * @return this builder
         */
        public Builder lines(List<SalesOrderLine> lines) { this.lines = lines; return this; }
        /**
         * Sets {@link SalesOrder#status()}.
         *
         * @param status fulfilment status
         * @return this builder
         */
        public Builder status(SalesOrderStatus status) { this.status = status; return this; }
        /**
         * Sets {@link SalesOrder#total()}.
         *
         * @param total order total in {@code currency} (sum of line totals unless the CRM adds tax/shipping)
         * @return this builder
         */
        public Builder total(BigDecimal total) { this.total = total; return this; }
        /**
         * Sets {@link SalesOrder#currency()}.
         *
         * @param currency ISO 4217 code
         * @return this builder
         */
        public Builder currency(String currency) { this.currency = currency; return this; }
        /**
         * Sets {@link SalesOrder#orderDate()}.
         *
         * @param orderDate the order date
         * @return this builder
         */
        public Builder orderDate(LocalDate orderDate) { this.orderDate = orderDate; return this; }
        /**
         * Sets {@link SalesOrder#createdAt()}.
         *
         * @param createdAt when the CRM created the record
         * @return this builder
         */
        public Builder createdAt(Instant createdAt) { this.createdAt = createdAt; return this; }
        /**
         * Sets {@link SalesOrder#updatedAt()}.
         *
         * @param updatedAt when the CRM last changed the record
         * @return this builder
         */
        public Builder updatedAt(Instant updatedAt) { this.updatedAt = updatedAt; return this; }
        /**
         * Sets {@link SalesOrder#customFields()}.
         *
         * @param customFields vendor properties outside our model; never {@code null}
         * @return this builder
         */
        public Builder customFields(Map<String, Object> customFields) { this.customFields = customFields; return this; }

        /** {@return a new {@link SalesOrder} from the values set} */
        public SalesOrder build() {
            return new SalesOrder(id, customerId, idempotencyKey, lines, status, total, currency, orderDate, createdAt,
                    updatedAt, customFields);
        }
    }
}
