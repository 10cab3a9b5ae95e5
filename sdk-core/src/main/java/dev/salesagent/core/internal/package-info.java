/**
 * Internal: meters and compiled prices used by the router and the cost tracker. Not API; may change without notice.
 *
 * <p>Nullness: parameters and return values are non-null unless their Javadoc says otherwise.
 */
package dev.salesagent.core.internal;
