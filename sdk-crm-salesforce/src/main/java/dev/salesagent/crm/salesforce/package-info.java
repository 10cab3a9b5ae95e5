/**
 * The Salesforce adapter's public facade: {@link dev.salesagent.crm.salesforce.SalesforceCrmClient} (built from
 * {@link dev.salesagent.crm.salesforce.SalesforceConfig} with {@code builder(config).options(options)}), the
 * {@code salesforce} provider and the API usage reported by the org.
 *
 * <p><b>Nullness.</b> Parameters and return values are non-null unless documented otherwise; a value that may be
 * absent is returned as {@link java.util.Optional} or documented as {@code null} on the method.
 */
package dev.salesagent.crm.salesforce;
