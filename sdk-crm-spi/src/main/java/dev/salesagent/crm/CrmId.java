package dev.salesagent.crm;

import java.util.Objects;

/**
 * The id of a record in one CRM.
 *
 * @param provider the provider id ({@code hubspot}, {@code memory}, ...)
 * @param value    the vendor's remote id (e.g. HubSpot {@code 51}, Salesforce {@code 003...})
 */
public record CrmId(String provider, String value) {

    /**
     * Checks that both parts are set.
     *
     * @param provider the provider id ({@code hubspot}, {@code memory}, ...)
     * @param value the vendor's remote id (e.g. HubSpot {@code 51}, Salesforce {@code 003...})
     * @throws NullPointerException if {@code provider} or {@code value} is null
     * @throws IllegalArgumentException if {@code value} is blank
     */
    public CrmId {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("CrmId value must not be blank");
        }
    }

    /**
     * Shortcut for {@code new CrmId(provider, value)}.
     *
     * @param provider the provider id, e.g. {@code hubspot}
     * @param value    the vendor's record id, e.g. {@code 12345}
     * @return the id
     */
    public static CrmId of(String provider, String value) {
        return new CrmId(provider, value);
    }

    /** {@code provider:value}. */
    @Override
    public String toString() {
        return provider + ":" + value;
    }
}
