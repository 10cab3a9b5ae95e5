package dev.salesagent.crm;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * A company (HubSpot company, Salesforce Account, NetSuite customer). The natural key is the
 * {@linkplain #domain() domain}, stored normalised by {@link #normalizeDomain(String)}.
 *
 * @param id            the CRM's id; {@code null} before creation
 * @param name          company name
 * @param domain        web domain (natural key), e.g. {@code acme.com}
 * @param industry      industry as the CRM names it
 * @param employees     number of employees
 * @param annualRevenue annual revenue in {@code currency} units of the CRM (usually USD)
 * @param country       country name or ISO code as the CRM stores it
 * @param phone         main phone number
 * @param createdAt     when the CRM created the record; {@code null} before creation
 * @param updatedAt     when the CRM last changed the record; {@code null} before creation
 * @param customFields  vendor properties outside our model; never {@code null}
 */
public record Account(CrmId id, String name, String domain, String industry, Long employees, BigDecimal annualRevenue,
                      String country, String phone, Instant createdAt, Instant updatedAt,
                      Map<String, Object> customFields) {

    /**
     * Normalises the domain with {@link #normalizeDomain(String)} and copies {@code customFields} ({@code null} becomes
     * empty).
     *
     * @param id the CRM's id; {@code null} before creation
     * @param name company name
     * @param domain web domain (natural key), e.g. {@code acme.com}
     * @param industry industry as the CRM names it
     * @param employees number of employees
     * @param annualRevenue annual revenue in {@code currency} units of the CRM (usually USD)
     * @param country country name or ISO code as the CRM stores it
     * @param phone main phone number
     * @param createdAt when the CRM created the record; {@code null} before creation
     * @param updatedAt when the CRM last changed the record; {@code null} before creation
     * @param customFields vendor properties outside our model; never {@code null}
     */
    public Account {
        domain = normalizeDomain(domain);
        customFields = Records.immutableMap(customFields);
    }

    /**
     * Lower-cases a domain and strips scheme, {@code www.}, path, port and trailing dot:
     * {@code "https://WWW.Acme.com/about"} becomes {@code "acme.com"}. {@code null} and blank become {@code null}.
     *
     * @param domain a domain, URL or e-mail address as typed; may be {@code null}
     * @return the bare lower-case host, e.g. {@code acme.com}, or {@code null}
     */
    public static String normalizeDomain(String domain) {
        if (domain == null || domain.isBlank()) {
            return null;
        }
        String d = domain.trim().toLowerCase(Locale.ROOT);
        int scheme = d.indexOf("://");
        if (scheme >= 0) {
            d = d.substring(scheme + 3);
        }
        int at = d.lastIndexOf('@');
        if (at >= 0) {
            d = d.substring(at + 1);
        }
        for (char stop : new char[] {'/', '?', '#', ':'}) {
            int i = d.indexOf(stop);
            if (i >= 0) {
                d = d.substring(0, i);
            }
        }
        if (d.startsWith("www.")) {
            d = d.substring(4);
        }
        while (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        return d.isEmpty() ? null : d;
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
        return new Builder().id(id).name(name).domain(domain).industry(industry).employees(employees)
                .annualRevenue(annualRevenue).country(country).phone(phone).createdAt(createdAt).updatedAt(updatedAt)
                .customFields(customFields);
    }

    /** Builder for {@link Account}; every field is optional. */
    public static final class Builder {
        private CrmId id;
        private String name, domain, industry, country, phone;
        private Long employees;
        private BigDecimal annualRevenue;
        private Instant createdAt, updatedAt;
        private Map<String, Object> customFields = Map.of();

        private Builder() {
        }

        /**
         * Sets {@link Account#id()}.
         *
         * @param id the CRM's id; {@code null} before creation
         * @return this builder
         */
        public Builder id(CrmId id) { this.id = id; return this; }
        /**
         * Sets {@link Account#name()}.
         *
         * @param name company name
         * @return this builder
         */
        public Builder name(String name) { this.name = name; return this; }
        /**
         * Sets {@link Account#domain()}.
         *
         * @param domain web domain (natural key), e.g. {@code acme.com}
         * @return this builder
         */
        public Builder domain(String domain) { this.domain = domain; return this; }
        /**
         * Sets {@link Account#industry()}.
         *
         * @param industry industry as the CRM names it
         * @return this builder
         */
        public Builder industry(String industry) { this.industry = industry; return this; }
        /**
         * Sets {@link Account#employees()}.
         *
         * @param employees number of employees
         * @return this builder
         */
        public Builder employees(Long employees) { this.employees = employees; return this; }
        /**
         * Sets {@link Account#annualRevenue()}.
         *
         * @param annualRevenue annual revenue in {@code currency} units of the CRM (usually USD)
         * @return this builder
         */
        public Builder annualRevenue(BigDecimal annualRevenue) { this.annualRevenue = annualRevenue; return this; }
        /**
         * Sets {@link Account#country()}.
         *
         * @param country country name or ISO code as the CRM stores it
         * @return this builder
         */
        public Builder country(String country) { this.country = country; return this; }
        /**
         * Sets {@link Account#phone()}.
         *
         * @param phone main phone number
         * @return this builder
         */
        public Builder phone(String phone) { this.phone = phone; return this; }
        /**
         * Sets {@link Account#createdAt()}.
         *
         * @param createdAt when the CRM created the record; {@code null} before creation
         * @return this builder
         */
        public Builder createdAt(Instant createdAt) { this.createdAt = createdAt; return this; }
        /**
         * Sets {@link Account#updatedAt()}.
         *
         * @param updatedAt when the CRM last changed the record; {@code null} before creation
         * @return this builder
         */
        public Builder updatedAt(Instant updatedAt) { this.updatedAt = updatedAt; return this; }
        /**
         * Sets {@link Account#customFields()}.
         *
         * @param customFields vendor properties outside our model; never {@code null}
         * @return this builder
         */
        public Builder customFields(Map<String, Object> customFields) { this.customFields = customFields; return this; }

        /** {@return a new {@link Account} from the values set} */
        public Account build() {
            return new Account(id, name, domain, industry, employees, annualRevenue, country, phone, createdAt,
                    updatedAt, customFields);
        }
    }
}
