package dev.salesagent.spring.autoconfigure.crm;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * CRM connections, bound from {@code salesagent.crm.<name>.*}. Each entry becomes one {@code CrmClient} bean.
 *
 * <pre>
 * salesagent.crm.sales.provider=hubspot
 * salesagent.crm.sales.access-token=${HUBSPOT_TOKEN}
 * salesagent.crm.erp.provider=netsuite
 * salesagent.crm.erp.primary=false
 * </pre>
 *
 * @param crm CRM connections by name. Each entry needs "provider" (hubspot, salesforce, netsuite, pipedrive, zoho, close, freshsales, memory or any other
 *     registered provider id) plus that provider's keys in kebab or camel case (e.g. access-token, base-url,
 *     field-mapping.first-name). "primary=true" marks the client injected when no qualifier is given; without it the
 *     only or first declared entry is primary. With no entry at all an in-memory sandbox client is created.
 */
@ConfigurationProperties("salesagent")
public record CrmProperties(Map<String, Map<String, String>> crm) {

    /** Reserved entry key naming the provider id. */
    public static final String PROVIDER = "provider";

    /** Reserved entry key marking the primary client ({@code true}/{@code false}). */
    public static final String PRIMARY = "primary";

    /**
     * Binds; {@code crm} defaults to no entries.
     *
     * @param crm CRM connections by name. Each entry needs "provider" (hubspot, salesforce, netsuite, memory or any
     *     other registered provider id) plus that provider's keys in kebab or camel case (e.g. access-token, base-url,
     *     field-mapping.first-name). "primary=true" marks the client injected when no qualifier is given; without it
     *     the only or first declared entry is primary. With no entry at all an in-memory sandbox client is created.
     */
    public CrmProperties {
        crm = crm == null ? Map.of() : Map.copyOf(crm);
    }
}
