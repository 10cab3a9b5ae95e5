/**
 * The NetSuite adapter's public facade: {@link dev.salesagent.crm.netsuite.NetSuiteCrmClient} (built from
 * {@link dev.salesagent.crm.netsuite.NetSuiteConfig} with {@code builder(config).options(options)}) and the
 * {@code netsuite} provider.
 *
 * <p><b>Nullness.</b> Parameters and return values are non-null unless documented otherwise; a value that may be
 * absent is returned as {@link java.util.Optional} or documented as {@code null} on the method.
 */
package dev.salesagent.crm.netsuite;
