/**
 * The CRM compatibility kit: abstract JUnit 5 classes an adapter's tests extend to prove the SPI contract
 * ({@link dev.salesagent.crm.tck.CrmClientCompatibilityKit}), behaviour under HTTP faults
 * ({@link dev.salesagent.crm.tck.CrmHttpFaultCompatibilityKit}) and its provider's wiring
 * ({@link dev.salesagent.crm.tck.CrmClientProviderCompatibilityKit}), plus the dependency rule
 * ({@link dev.salesagent.crm.tck.CrmDependencyRule}: no model stack on an adapter's classpath) and a settable clock
 * for tests ({@link dev.salesagent.crm.tck.MutableClock}).
 *
 * <p><b>Nullness.</b> Parameters and return values are non-null unless documented otherwise; a value that may be
 * absent is returned as {@link java.util.Optional} or documented as {@code null} on the method.
 */
package dev.salesagent.crm.tck;
