/**
 * First-touch e-mails: {@link dev.salesagent.agents.sales.outreach.OutreachWriter} (entry point;
 * {@code rules(...)}, {@code model(...)}) and its result {@link dev.salesagent.agents.sales.outreach.OutreachDraft}.
 *
 * <p>Nullness: parameters and return values are non-null unless their Javadoc says "or null"; record
 * components documented as "or null" (or typed {@code Integer}, {@code Long}, {@code Boolean}, {@code BigDecimal}
 * where a value may be unknown) may be null; lists are never null (empty instead); optional values of a service are
 * returned as {@link java.util.Optional}.
 */
package dev.salesagent.agents.sales.outreach;
