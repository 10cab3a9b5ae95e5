/**
 * The service-provider interface for CRM adapter authors: {@link dev.salesagent.crm.spi.CrmClientProvider}
 * (registered in {@code META-INF/services}), its string configuration {@link dev.salesagent.crm.spi.CrmConfig} and key
 * documentation {@link dev.salesagent.crm.spi.ConfigKey}, the keys every HTTP adapter shares
 * ({@link dev.salesagent.crm.spi.CommonConfigKeys}), the application's wiring
 * ({@link dev.salesagent.crm.spi.CrmClientOptions}: clock, meter and observation registries, sleeper), the base class
 * of every adapter's client ({@link dev.salesagent.crm.spi.AbstractCrmClient}) and the shared natural-key validation
 * ({@link dev.salesagent.crm.spi.NaturalKeys}). Applications only need {@code CrmConfig} and
 * {@code CrmClientOptions} from here.
 *
 * <p><b>Nullness.</b> Parameters and return values are non-null unless documented otherwise; a value that may be
 * absent is returned as {@link java.util.Optional} or documented as {@code null} on the method.
 */
package dev.salesagent.crm.spi;
