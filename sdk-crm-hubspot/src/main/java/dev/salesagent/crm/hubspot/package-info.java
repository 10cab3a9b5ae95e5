/**
 * The HubSpot adapter's public facade: {@link dev.salesagent.crm.hubspot.HubSpotCrmClient} (built from
 * {@link dev.salesagent.crm.hubspot.HubSpotConfig} with {@code builder(config).options(options)}), the {@code hubspot}
 * provider and the webhook signature verifier.
 *
 * <p><b>Nullness.</b> Parameters and return values are non-null unless documented otherwise; a value that may be
 * absent is returned as {@link java.util.Optional} or documented as {@code null} on the method.
 */
package dev.salesagent.crm.hubspot;
