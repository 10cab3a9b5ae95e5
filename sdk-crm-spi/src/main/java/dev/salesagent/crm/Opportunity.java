package dev.salesagent.crm;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * A deal in the pipeline (HubSpot deal, Salesforce Opportunity, NetSuite opportunity).
 *
 * @param id           the CRM's id; {@code null} before creation
 * @param name         deal name
 * @param accountId    the account the deal is with, if linked
 * @param ownerId      the CRM's id of the owning user
 * @param stage        the pipeline stage as the CRM names it (HubSpot {@code dealstage}, Salesforce {@code StageName})
 * @param amount       deal amount in {@code currency}
 * @param currency     ISO 4217 code, e.g. {@code USD}
 * @param closeDate    expected or actual close date
 * @param createdAt    when the CRM created the record
 * @param updatedAt    when the CRM last changed the record
 * @param customFields vendor properties outside our model; never {@code null}
 */
public record Opportunity(CrmId id, String name, CrmId accountId, String ownerId, String stage, BigDecimal amount,
                          String currency, LocalDate closeDate, Instant createdAt, Instant updatedAt,
                          Map<String, Object> customFields) {

    /**
     * Copies {@code customFields} into an unmodifiable map ({@code null} becomes empty).
     *
     * @param id the CRM's id; {@code null} before creation
     * @param name deal name
     * @param accountId the account the deal is with, if linked
     * @param ownerId the CRM's id of the owning user
     * @param stage the pipeline stage as the CRM names it (HubSpot {@code dealstage}, Salesforce {@code StageName})
     * @param amount deal amount in {@code currency}
     * @param currency ISO 4217 code, e.g. {@code USD}
     * @param closeDate expected or actual close date
     * @param createdAt when the CRM created the record
     * @param updatedAt when the CRM last changed the record
     * @param customFields vendor properties outside our model; never {@code null}
     */
    public Opportunity {
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
        return new Builder().id(id).name(name).accountId(accountId).ownerId(ownerId).stage(stage).amount(amount)
                .currency(currency).closeDate(closeDate).createdAt(createdAt).updatedAt(updatedAt)
                .customFields(customFields);
    }

    /** Builder for {@link Opportunity}; every field is optional. */
    public static final class Builder {
        private CrmId id, accountId;
        private String name, ownerId, stage, currency;
        private BigDecimal amount;
        private LocalDate closeDate;
        private Instant createdAt, updatedAt;
        private Map<String, Object> customFields = Map.of();

        private Builder() {
        }

        /**
         * Sets {@link Opportunity#id()}.
         *
         * @param id the CRM's id; {@code null} before creation
         * @return this builder
         */
        public Builder id(CrmId id) { this.id = id; return this; }
        /**
         * Sets {@link Opportunity#name()}.
         *
         * @param name deal name
         * @return this builder
         */
        public Builder name(String name) { this.name = name; return this; }
        /**
         * Sets {@link Opportunity#accountId()}.
         *
         * @param accountId the account the deal is with, if linked
         * @return this builder
         */
        public Builder accountId(CrmId accountId) { this.accountId = accountId; return this; }
        /**
         * Sets {@link Opportunity#ownerId()}.
         *
         * @param ownerId the CRM's id of the owning user
         * @return this builder
         */
        public Builder ownerId(String ownerId) { this.ownerId = ownerId; return this; }
        /**
         * Sets {@link Opportunity#stage()}.
         *
         * @param stage the pipeline stage as the CRM names it (HubSpot {@code dealstage}, Salesforce {@code StageName})
         * @return this builder
         */
        public Builder stage(String stage) { this.stage = stage; return this; }
        /**
         * Sets {@link Opportunity#amount()}.
         *
         * @param amount deal amount in {@code currency}
         * @return this builder
         */
        public Builder amount(BigDecimal amount) { this.amount = amount; return this; }
        /**
         * Sets {@link Opportunity#currency()}.
         *
         * @param currency ISO 4217 code, e.g. {@code USD}
         * @return this builder
         */
        public Builder currency(String currency) { this.currency = currency; return this; }
        /**
         * Sets {@link Opportunity#closeDate()}.
         *
         * @param closeDate expected or actual close date
         * @return this builder
         */
        public Builder closeDate(LocalDate closeDate) { this.closeDate = closeDate; return this; }
        /**
         * Sets {@link Opportunity#createdAt()}.
         *
         * @param createdAt when the CRM created the record
         * @return this builder
         */
        public Builder createdAt(Instant createdAt) { this.createdAt = createdAt; return this; }
        /**
         * Sets {@link Opportunity#updatedAt()}.
         *
         * @param updatedAt when the CRM last changed the record
         * @return this builder
         */
        public Builder updatedAt(Instant updatedAt) { this.updatedAt = updatedAt; return this; }
        /**
         * Sets {@link Opportunity#customFields()}.
         *
         * @param customFields vendor properties outside our model; never {@code null}
         * @return this builder
         */
        public Builder customFields(Map<String, Object> customFields) { this.customFields = customFields; return this; }

        /** {@return a new {@link Opportunity} from the values set} */
        public Opportunity build() {
            return new Opportunity(id, name, accountId, ownerId, stage, amount, currency, closeDate, createdAt,
                    updatedAt, customFields);
        }
    }
}
