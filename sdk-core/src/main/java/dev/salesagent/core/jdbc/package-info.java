/**
 * Internal JDBC helper that applies the bundled DDL scripts of the SDK's stores. Not API.
 *
 * <p>Nullness: parameters and return values are non-null unless their Javadoc says otherwise.
 */
package dev.salesagent.core.jdbc;
