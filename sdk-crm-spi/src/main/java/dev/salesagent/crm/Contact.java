package dev.salesagent.crm;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * A person in the CRM. The natural key is the {@linkplain #email() e-mail}, stored trimmed and
 * lower-cased so matching ignores case.
 *
 * @param id            the CRM's id; {@code null} before creation
 * @param email         the e-mail address (natural key), normalised by {@link #normalizeEmail(String)}
 * @param firstName     given name
 * @param lastName      family name
 * @param title         job title
 * @param phone         phone number as the CRM stores it
 * @param accountId     the account (company) the contact belongs to, if linked
 * @param accountDomain the account's domain, normalised by {@link Account#normalizeDomain(String)};
 *                      on upsert, adapters use it to link the contact to that account when {@code accountId} is null
 * @param createdAt     when the CRM created the record; {@code null} before creation
 * @param updatedAt     when the CRM last changed the record; {@code null} before creation
 * @param customFields  vendor properties outside our model (vendor property name -> value); never {@code null}
 */
public record Contact(CrmId id, String email, String firstName, String lastName, String title, String phone,
                      CrmId accountId, String accountDomain, Instant createdAt, Instant updatedAt,
                      Map<String, Object> customFields) {

    /**
     * Normalises the e-mail and the account domain and copies {@code customFields} ({@code null} becomes empty).
     *
     * @param id the CRM's id; {@code null} before creation
     * @param email the e-mail address (natural key), normalised by {@link #normalizeEmail(String)}
     * @param firstName given name
     * @param lastName family name
     * @param title job title
     * @param phone phone number as the CRM stores it
     * @param accountId the account (company) the contact belongs to, if linked
     * @param accountDomain the account's domain, normalised by {@link Account#normalizeDomain(String)}; on upsert,
     *     adapters use it to link the contact to that account when {@code accountId} is null
     * @param createdAt when the CRM created the record; {@code null} before creation
     * @param updatedAt when the CRM last changed the record; {@code null} before creation
     * @param customFields vendor properties outside our model (vendor property name -> value); never {@code null}
     */
    public Contact {
        email = normalizeEmail(email);
        accountDomain = Account.normalizeDomain(accountDomain);
        customFields = Records.immutableMap(customFields);
    }

    /**
     * Trims and lower-cases an e-mail address ({@link Locale#ROOT}); {@code null} and blank become {@code null}.
     *
     * @param email an e-mail address as typed, e.g. {@code " Ada@Example.COM "}; may be {@code null}
     * @return the normalised address, e.g. {@code ada@example.com}, or {@code null}
     */
    public static String normalizeEmail(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        return email.trim().toLowerCase(Locale.ROOT);
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
        return new Builder().id(id).email(email).firstName(firstName).lastName(lastName).title(title).phone(phone)
                .accountId(accountId).accountDomain(accountDomain).createdAt(createdAt).updatedAt(updatedAt)
                .customFields(customFields);
    }

    /** Builder for {@link Contact}; every field is optional. */
    public static final class Builder {
        private CrmId id;
        private String email, firstName, lastName, title, phone, accountDomain;
        private CrmId accountId;
        private Instant createdAt, updatedAt;
        private Map<String, Object> customFields = Map.of();

        private Builder() {
        }

        /**
         * Sets {@link Contact#id()}.
         *
         * @param id the CRM's id; {@code null} before creation
         * @return this builder
         */
        public Builder id(CrmId id) { this.id = id; return this; }
        /**
         * Sets {@link Contact#email()}.
         *
         * @param email the e-mail address (natural key), normalised by {@link #normalizeEmail(String)}
         * @return this builder
         */
        public Builder email(String email) { this.email = email; return this; }
        /**
         * Sets {@link Contact#firstName()}.
         *
         * @param firstName given name
         * @return this builder
         */
        public Builder firstName(String firstName) { this.firstName = firstName; return this; }
        /**
         * Sets {@link Contact#lastName()}.
         *
         * @param lastName family name
         * @return this builder
         */
        public Builder lastName(String lastName) { this.lastName = lastName; return this; }
        /**
         * Sets {@link Contact#title()}.
         *
         * @param title job title
         * @return this builder
         */
        public Builder title(String title) { this.title = title; return this; }
        /**
         * Sets {@link Contact#phone()}.
         *
         * @param phone phone number as the CRM stores it
         * @return this builder
         */
        public Builder phone(String phone) { this.phone = phone; return this; }
        /**
         * Sets {@link Contact#accountId()}.
         *
         * @param accountId the account (company) the contact belongs to, if linked
         * @return this builder
         */
        public Builder accountId(CrmId accountId) { this.accountId = accountId; return this; }
        /**
         * Sets {@link Contact#accountDomain()}.
         *
         * @param accountDomain the account's domain, normalised by {@link Account#normalizeDomain(String)}; on upsert,
         *     adapters use it to link the contact to that account when {@code accountId} is null
         * @return this builder
         */
        public Builder accountDomain(String accountDomain) { this.accountDomain = accountDomain; return this; }
        /**
         * Sets {@link Contact#createdAt()}.
         *
         * @param createdAt when the CRM created the record; {@code null} before creation
         * @return this builder
         */
        public Builder createdAt(Instant createdAt) { this.createdAt = createdAt; return this; }
        /**
         * Sets {@link Contact#updatedAt()}.
         *
         * @param updatedAt when the CRM last changed the record; {@code null} before creation
         * @return this builder
         */
        public Builder updatedAt(Instant updatedAt) { this.updatedAt = updatedAt; return this; }
        /**
         * Vendor properties; {@code null} means none.
         *
         * @param customFields vendor properties outside our model (vendor property name -> value); never {@code null}
         * @return this builder
         */
        public Builder customFields(Map<String, Object> customFields) { this.customFields = customFields; return this; }

        /** {@return a new {@link Contact} from the values set} */
        public Contact build() {
            return new Contact(id, email, firstName, lastName, title, phone, accountId, accountDomain, createdAt,
                    updatedAt, customFields);
        }
    }
}
