package dev.salesagent.crm.hubspot.internal.mapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HubSpot object types the adapter uses, with their API path segment, the property holding the last change time
 * and our default field-to-property mapping.
 *
 * @see <a href="https://developers.hubspot.com/docs/guides/api/crm/understanding-the-crm">CRM object types</a>
 */
public enum ObjectKind {
    CONTACT("contact", "contacts", "lastmodifieddate", ordered(
            "email", "email", "firstName", "firstname", "lastName", "lastname", "title", "jobtitle", "phone", "phone")),
    ACCOUNT("account", "companies", "hs_lastmodifieddate", ordered(
            "name", "name", "domain", "domain", "industry", "industry", "employees", "numberofemployees",
            "annualRevenue", "annualrevenue", "country", "country", "phone", "phone")),
    OPPORTUNITY("opportunity", "deals", "hs_lastmodifieddate", ordered(
            "name", "dealname", "ownerId", "hubspot_owner_id", "stage", "dealstage", "amount", "amount",
            "currency", "deal_currency_code", "closeDate", "closedate", "pipeline", "pipeline")),
    NOTE("note", "notes", "hs_lastmodifieddate", ordered("body", "hs_note_body", "timestamp", "hs_timestamp")),
    PRODUCT("product", "products", "hs_lastmodifieddate", ordered(
            "sku", "hs_sku", "name", "name", "description", "description", "unitPrice", "price"));

    private final String configName;
    private final String path;
    private final String lastModifiedProperty;
    private final Map<String, String> defaults;

    ObjectKind(String configName, String path, String lastModifiedProperty, Map<String, String> defaults) {
        this.configName = configName;
        this.path = path;
        this.lastModifiedProperty = lastModifiedProperty;
        this.defaults = defaults;
    }

    /** Name used in configuration keys, e.g. {@code contact} in {@code fieldMapping.contact.title}. */
    public String configName() {
        return configName;
    }

    /** Object type in API paths, e.g. {@code contacts}. */
    public String path() {
        return path;
    }

    /** {@code lastmodifieddate} for contacts, {@code hs_lastmodifieddate} for the others. */
    public String lastModifiedProperty() {
        return lastModifiedProperty;
    }

    /** Our field name to HubSpot's default property name, in declaration order. */
    public Map<String, String> defaults() {
        return defaults;
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
