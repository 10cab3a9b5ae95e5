/**
 * The lead: the input of every lead skill. {@link dev.salesagent.agents.sales.lead.Lead} (built with
 * {@code Lead.builder()}, validated and normalized with {@code normalized()}) and
 * {@link dev.salesagent.agents.sales.lead.InvalidLeadException}, which lists every problem of an invalid lead.
 *
 * <p>Nullness: parameters and return values are non-null unless their Javadoc says "or null"; record
 * components documented as "or null" (or typed {@code Integer}, {@code Long}, {@code Boolean}, {@code BigDecimal}
 * where a value may be unknown) may be null; lists are never null (empty instead); optional values of a service are
 * returned as {@link java.util.Optional}.
 */
package dev.salesagent.agents.sales.lead;
