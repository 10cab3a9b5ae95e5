package dev.salesagent.crm;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What a caller sends to {@link SalesOrderOperations#create(NewSalesOrder)}.
 *
 * <p>The constructor throws {@link IllegalArgumentException} or {@link NullPointerException} if a
 * required field is missing or blank.
 *
 * @param customerId     the ordering account; required
 * @param lines          at least one line; required
 * @param idempotencyKey caller-chosen key, unique per intended order (e.g. the agent run id + quote id); required.
 *                       Creating again with the same key returns the existing order and never a second one
 * @param currency       ISO 4217 code, or {@code null} for the CRM's/customer's default
 * @param orderDate      order date, or {@code null} for today in the CRM's time zone
 * @param memo           free text for the order, or {@code null}
 */
public record NewSalesOrder(CrmId customerId, List<SalesOrderLine> lines, String idempotencyKey, String currency,
                            LocalDate orderDate, String memo) {

    /**
     * Checks the required parts and copies the lines.
     *
     * @param customerId the ordering account; required
     * @param lines at least one line; required
     * @param idempotencyKey caller-chosen key, unique per intended order (e.g. the agent run id + quote id); required.
     *     Creating again with the same key returns the existing order and never a second one
     * @param currency ISO 4217 code, or {@code null} for the CRM's/customer's default
     * @param orderDate order date, or {@code null} for today in the CRM's time zone
     * @param memo free text for the order, or {@code null}
     * @throws NullPointerException if {@code customerId} or {@code lines} is null
     * @throws IllegalArgumentException if there is no line or the idempotency key is missing or blank
     */
    public NewSalesOrder {
        Objects.requireNonNull(customerId, "customerId");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a sales order needs at least one line");
        }
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("idempotencyKey is required");
        }
    }

    /** {@return sum of the line totals, in {@code currency}} */
    public BigDecimal linesTotal() {
        return lines.stream().map(SalesOrderLine::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** {@return a new builder} */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link NewSalesOrder}; {@code customerId}, a line and {@code idempotencyKey} are required. */
    public static final class Builder {
        private CrmId customerId;
        private final java.util.ArrayList<SalesOrderLine> lines = new java.util.ArrayList<>();
        private String idempotencyKey, currency, memo;
        private LocalDate orderDate;

        private Builder() {
        }

        /**
         * Sets {@link NewSalesOrder#customerId()}.
         *
         * @param customerId the ordering account; required
         * @return this builder
         */
        public Builder customerId(CrmId customerId) { this.customerId = customerId; return this; }
        /**
         * Adds a line.
         *
         * @param line the line to append; lines keep their order
         * @return this builder
         */
        public Builder line(SalesOrderLine line) { this.lines.add(line); return this; }
        /**
         * Replaces all lines.
         *
         * @param lines at least one line; required
         * @return this builder
         */
        public Builder lines(List<SalesOrderLine> lines) { this.lines.clear(); this.lines.addAll(lines); return this; }
        /**
         * Sets {@link NewSalesOrder#idempotencyKey()}.
         *
         * @param idempotencyKey caller-chosen key, unique per intended order (e.g. the agent run id + quote id);
         *     required. Creating again with the same key returns the existing order and never a second one
         * @return this builder
         */
        public Builder idempotencyKey(String idempotencyKey) { this.idempotencyKey = idempotencyKey; return this; }
        /**
         * Sets {@link NewSalesOrder#currency()}.
         *
         * @param currency ISO 4217 code, or {@code null} for the CRM's/customer's default
         * @return this builder
         */
        public Builder currency(String currency) { this.currency = currency; return this; }
        /**
         * Sets {@link NewSalesOrder#orderDate()}.
         *
         * @param orderDate order date, or {@code null} for today in the CRM's time zone
         * @return this builder
         */
        public Builder orderDate(LocalDate orderDate) { this.orderDate = orderDate; return this; }
        /**
         * Sets {@link NewSalesOrder#memo()}.
         *
         * @param memo free text for the order, or {@code null}
         * @return this builder
         */
        public Builder memo(String memo) { this.memo = memo; return this; }

        /**
         * @return the new order
         * @throws IllegalArgumentException or NullPointerException if a required field is missing
         */
        public NewSalesOrder build() {
            return new NewSalesOrder(customerId, lines, idempotencyKey, currency, orderDate, memo);
        }
    }
}
