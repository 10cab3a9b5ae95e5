/**
 * Jackson DTOs of the vendor's JSON (unknown properties ignored).
 *
 * <p><b>Not API.</b> This package is internal to the adapter: its types may change or disappear in any release.
 * Use the adapter's public facade instead.
 *
 * <p><b>Nullness.</b> Parameters and return values are non-null unless documented otherwise; a value that may be
 * absent is returned as {@link java.util.Optional} or documented as {@code null} on the method.
 */
package dev.salesagent.crm.hubspot.internal.api;
