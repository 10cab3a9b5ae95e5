package dev.salesagent.crm;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Criteria for {@link OpportunityOperations#search}; {@code null} criteria match everything, all
 * given criteria must match (AND). Date and amount bounds are inclusive.
 *
 * @param ownerId       the owning user's CRM id
 * @param stage         the stage as the CRM names it (exact match)
 * @param closeDateFrom earliest close date, inclusive
 * @param closeDateTo   latest close date, inclusive
 * @param minAmount     smallest amount, inclusive
 * @param maxAmount     largest amount, inclusive
 */
public record OpportunitySearch(String ownerId, String stage, LocalDate closeDateFrom, LocalDate closeDateTo,
                                BigDecimal minAmount, BigDecimal maxAmount) {

    /** {@return a search with no criterion, which matches every opportunity} */
    public static OpportunitySearch all() {
        return builder().build();
    }

    /**
     * {@return whether {@code o} satisfies every given criterion (for in-memory filtering and simulators)}
     *
     * @param o the opportunity to test
     */
    public boolean matches(Opportunity o) {
        return (ownerId == null || ownerId.equals(o.ownerId()))
                && (stage == null || stage.equals(o.stage()))
                && (closeDateFrom == null || (o.closeDate() != null && !o.closeDate().isBefore(closeDateFrom)))
                && (closeDateTo == null || (o.closeDate() != null && !o.closeDate().isAfter(closeDateTo)))
                && (minAmount == null || (o.amount() != null && o.amount().compareTo(minAmount) >= 0))
                && (maxAmount == null || (o.amount() != null && o.amount().compareTo(maxAmount) <= 0));
    }

    /** {@return a new builder with no criteria} */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link OpportunitySearch}. */
    public static final class Builder {
        private String ownerId, stage;
        private LocalDate closeDateFrom, closeDateTo;
        private BigDecimal minAmount, maxAmount;

        private Builder() {
        }

        /**
         * Sets {@link OpportunitySearch#ownerId()}.
         *
         * @param ownerId the owning user's CRM id
         * @return this builder
         */
        public Builder ownerId(String ownerId) { this.ownerId = ownerId; return this; }
        /**
         * Sets {@link OpportunitySearch#stage()}.
         *
         * @param stage the stage as the CRM names it (exact match)
         * @return this builder
         */
        public Builder stage(String stage) { this.stage = stage; return this; }
        /**
         * Sets {@link OpportunitySearch#closeDateFrom()}.
         *
         * @param closeDateFrom earliest close date, inclusive
         * @return this builder
         */
        public Builder closeDateFrom(LocalDate closeDateFrom) { this.closeDateFrom = closeDateFrom; return this; }
        /**
         * Sets {@link OpportunitySearch#closeDateTo()}.
         *
         * @param closeDateTo latest close date, inclusive
         * @return this builder
         */
        public Builder closeDateTo(LocalDate closeDateTo) { this.closeDateTo = closeDateTo; return this; }
        /**
         * Sets {@link OpportunitySearch#minAmount()}.
         *
         * @param minAmount smallest amount, inclusive
         * @return this builder
         */
        public Builder minAmount(BigDecimal minAmount) { this.minAmount = minAmount; return this; }
        /**
         * Sets {@link OpportunitySearch#maxAmount()}.
         *
         * @param maxAmount largest amount, inclusive
         * @return this builder
         */
        public Builder maxAmount(BigDecimal maxAmount) { this.maxAmount = maxAmount; return this; }

        /** {@return a new {@link OpportunitySearch} from the values set} */
        public OpportunitySearch build() {
            return new OpportunitySearch(ownerId, stage, closeDateFrom, closeDateTo, minAmount, maxAmount);
        }
    }
}
