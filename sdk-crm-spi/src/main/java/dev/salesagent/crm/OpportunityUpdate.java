package dev.salesagent.crm;

import java.math.BigDecimal;

/**
 * A partial update of an opportunity: only non-null fields change.
 *
 * @param stage  new stage as the CRM names it, or {@code null} to keep
 * @param amount new amount (in the opportunity's currency), or {@code null} to keep
 */
public record OpportunityUpdate(String stage, BigDecimal amount) {

    /**
     * Applies the non-null fields to {@code o} (for in-memory stores and simulators).
     *
     * @param o the opportunity to update
     * @return a copy of {@code o} with this update's non-null fields; {@code o} itself is unchanged
     */
    public Opportunity applyTo(Opportunity o) {
        Opportunity.Builder b = o.toBuilder();
        if (stage != null) {
            b.stage(stage);
        }
        if (amount != null) {
            b.amount(amount);
        }
        return b.build();
    }

    /** {@return a new builder with nothing to change} */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link OpportunityUpdate}. */
    public static final class Builder {
        private String stage;
        private BigDecimal amount;

        private Builder() {
        }

        /**
         * Sets {@link OpportunityUpdate#stage()}.
         *
         * @param stage new stage as the CRM names it, or {@code null} to keep
         * @return this builder
         */
        public Builder stage(String stage) { this.stage = stage; return this; }
        /**
         * Sets {@link OpportunityUpdate#amount()}.
         *
         * @param amount new amount (in the opportunity's currency), or {@code null} to keep
         * @return this builder
         */
        public Builder amount(BigDecimal amount) { this.amount = amount; return this; }

        /** {@return a new {@link OpportunityUpdate} from the values set} */
        public OpportunityUpdate build() {
            return new OpportunityUpdate(stage, amount);
        }
    }
}
