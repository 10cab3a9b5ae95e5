/**
 * {@link dev.salesagent.core.context.AiContext}: tenant, user, feature, run id and cost scope that travel with every
 * model call. A missing tenant is the {@code default} tenant.
 *
 * <p>Nullness: parameters and return values are non-null unless their Javadoc says {@code null} is allowed or
 * returned; absent values of public accessors are documented as such (null or {@code Optional}).
 */
package dev.salesagent.core.context;
