/**
 * The Close adapter's public facade: {@link dev.salesagent.crm.close.CloseCrmClient} (built from
 * {@link dev.salesagent.crm.close.CloseConfig} with {@code builder(config).options(options)}) and the {@code close}
 * provider. Close's data model: a lead is the company (our account) and holds contacts, opportunities and activities
 * such as notes (<a href="https://developer.close.com/api">developer.close.com/api</a>).
 *
 * <p><b>Nullness.</b> Parameters and return values are non-null unless documented otherwise; a value that may be
 * absent is returned as {@link java.util.Optional} or documented as {@code null} on the method.
 */
package dev.salesagent.crm.close;
