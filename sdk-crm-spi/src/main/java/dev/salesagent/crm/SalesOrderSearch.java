package dev.salesagent.crm;

import java.time.LocalDate;

/**
 * Criteria for {@link SalesOrderOperations#search}; {@code null} criteria match everything.
 * Date bounds are inclusive.
 *
 * @param customerId    the ordering account
 * @param status        the fulfilment status
 * @param orderDateFrom earliest order date, inclusive
 * @param orderDateTo   latest order date, inclusive
 */
public record SalesOrderSearch(CrmId customerId, SalesOrderStatus status, LocalDate orderDateFrom,
                               LocalDate orderDateTo) {

    /** {@return a search with no criterion, which matches every order} */
    public static SalesOrderSearch all() {
        return builder().build();
    }

    /**
     * {@return whether {@code o} satisfies every given criterion (for in-memory filtering and simulators)}
     *
     * @param o the order to test
     */
    public boolean matches(SalesOrder o) {
        return (customerId == null || customerId.equals(o.customerId()))
                && (status == null || status == o.status())
                && (orderDateFrom == null || (o.orderDate() != null && !o.orderDate().isBefore(orderDateFrom)))
                && (orderDateTo == null || (o.orderDate() != null && !o.orderDate().isAfter(orderDateTo)));
    }

    /** {@return a new builder with no criteria} */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link SalesOrderSearch}. */
    public static final class Builder {
        private CrmId customerId;
        private SalesOrderStatus status;
        private LocalDate orderDateFrom, orderDateTo;

        private Builder() {
        }

        /**
         * Sets {@link SalesOrderSearch#customerId()}.
         *
         * @param customerId the ordering account
         * @return this builder
         */
        public Builder customerId(CrmId customerId) { this.customerId = customerId; return this; }
        /**
         * Sets {@link SalesOrderSearch#status()}.
         *
         * @param status the fulfilment status
         * @return this builder
         */
        public Builder status(SalesOrderStatus status) { this.status = status; return this; }
        /**
         * Sets {@link SalesOrderSearch#orderDateFrom()}.
         *
         * @param orderDateFrom earliest order date, inclusive
         * @return this builder
         */
        public Builder orderDateFrom(LocalDate orderDateFrom) { this.orderDateFrom = orderDateFrom; return this; }
        /**
         * Sets {@link SalesOrderSearch#orderDateTo()}.
         *
         * @param orderDateTo latest order date, inclusive
         * @return this builder
         */
        public Builder orderDateTo(LocalDate orderDateTo) { this.orderDateTo = orderDateTo; return this; }

        /** {@return a new {@link SalesOrderSearch} from the values set} */
        public SalesOrderSearch build() {
            return new SalesOrderSearch(customerId, status, orderDateFrom, orderDateTo);
        }
    }
}
