/**
 * The {@code memory} provider: an in-process sandbox CRM ({@link dev.salesagent.crm.memory.InMemoryCrmClient}) with
 * every capability, optional sample data and the same validation as the HTTP adapters, for tests, demos and local
 * development. Thread-safe; nothing leaves the JVM.
 *
 * <p><b>Nullness.</b> Parameters and return values are non-null unless documented otherwise; a value that may be
 * absent is returned as {@link java.util.Optional} or documented as {@code null} on the method.
 */
package dev.salesagent.crm.memory;
