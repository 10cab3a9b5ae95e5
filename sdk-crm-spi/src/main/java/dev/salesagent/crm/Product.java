package dev.salesagent.crm;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * A product or item (HubSpot product, Salesforce Product2 + standard price, NetSuite inventory item).
 *
 * @param id           the CRM's id
 * @param sku          stock keeping unit (natural key; HubSpot {@code hs_sku}, Salesforce {@code ProductCode}, NetSuite {@code itemId})
 * @param name         display name
 * @param description  description
 * @param unitPrice    list price per unit in {@code currency}
 * @param currency     ISO 4217 code
 * @param active       whether the product can be sold
 * @param createdAt    when the CRM created the record
 * @param updatedAt    when the CRM last changed the record
 * @param customFields vendor properties outside our model; never {@code null}
 */
public record Product(CrmId id, String sku, String name, String description, BigDecimal unitPrice, String currency,
                      boolean active, Instant createdAt, Instant updatedAt, Map<String, Object> customFields) {

    /**
     * Copies {@code customFields} into an unmodifiable map ({@code null} becomes empty).
     *
     * @param id the CRM's id
     * @param sku stock keeping unit (natural key; HubSpot {@code hs_sku}, Salesforce {@code ProductCode}, NetSuite
     *     {@code itemId})
     * @param name display name
     * @param description description
     * @param unitPrice list price per unit in {@code currency}
     * @param currency ISO 4217 code
     * @param active whether the product can be sold
     * @param createdAt when the CRM created the record
     * @param updatedAt when the CRM last changed the record
     * @param customFields vendor properties outside our model; never {@code null}
     */
    public Product {
        customFields = Records.immutableMap(customFields);
    }

    /** {@return a new builder ({@code active} defaults to {@code true})} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder pre-filled with this record's values.
     *
     * @return a new builder holding this record's values; changing it leaves this record unchanged
     */
    public Builder toBuilder() {
        return new Builder().id(id).sku(sku).name(name).description(description).unitPrice(unitPrice)
                .currency(currency).active(active).createdAt(createdAt).updatedAt(updatedAt).customFields(customFields);
    }

    /** Builder for {@link Product}. */
    public static final class Builder {
        private CrmId id;
        private String sku, name, description, currency;
        private BigDecimal unitPrice;
        private boolean active = true;
        private Instant createdAt, updatedAt;
        private Map<String, Object> customFields = Map.of();

        private Builder() {
        }

        /**
         * Sets {@link Product#id()}.
         *
         * @param id the CRM's id
         * @return this builder
         */
        public Builder id(CrmId id) { this.id = id; return this; }
        /**
         * Sets {@link Product#sku()}.
         *
         * @param sku stock keeping unit (natural key; HubSpot {@code hs_sku}, Salesforce {@code ProductCode}, NetSuite
         *     {@code itemId})
         * @return this builder
         */
        public Builder sku(String sku) { this.sku = sku; return this; }
        /**
         * Sets {@link Product#name()}.
         *
         * @param name display name
         * @return this builder
         */
        public Builder name(String name) { this.name = name; return this; }
        /**
         * Sets {@link Product#description()}.
         *
         * @param description description
         * @return this builder
         */
        public Builder description(String description) { this.description = description; return this; }
        /**
         * Sets {@link Product#unitPrice()}.
         *
         * @param unitPrice list price per unit in {@code currency}
         * @return this builder
         */
        public Builder unitPrice(BigDecimal unitPrice) { this.unitPrice = unitPrice; return this; }
        /**
         * Sets {@link Product#currency()}.
         *
         * @param currency ISO 4217 code
         * @return this builder
         */
        public Builder currency(String currency) { this.currency = currency; return this; }
        /**
         * Sets {@link Product#active()}.
         *
         * @param active whether the product can be sold
         * @return this builder
         */
        public Builder active(boolean active) { this.active = active; return this; }
        /**
         * Sets {@link Product#createdAt()}.
         *
         * @param createdAt when the CRM created the record
         * @return this builder
         */
        public Builder createdAt(Instant createdAt) { this.createdAt = createdAt; return this; }
        /**
         * Sets {@link Product#updatedAt()}.
         *
         * @param updatedAt when the CRM last changed the record
         * @return this builder
         */
        public Builder updatedAt(Instant updatedAt) { this.updatedAt = updatedAt; return this; }
        /**
         * Sets {@link Product#customFields()}.
         *
         * @param customFields vendor properties outside our model; never {@code null}
         * @return this builder
         */
        public Builder customFields(Map<String, Object> customFields) { this.customFields = customFields; return this; }

        /** {@return a new {@link Product} from the values set} */
        public Product build() {
            return new Product(id, sku, name, description, unitPrice, currency, active, createdAt, updatedAt,
                    customFields);
        }
    }
}
