/**
 * What is known about a lead before it is scored: {@link dev.salesagent.agents.sales.research.LeadResearch} (facts,
 * firmographics, CRM snapshot, errors of failed sources), {@link dev.salesagent.agents.sales.research.ResearchFact},
 * {@link dev.salesagent.agents.sales.research.Firmographics}, {@link dev.salesagent.agents.sales.research.CrmSnapshot}.
 * The entry point for users is {@link dev.salesagent.agents.sales.research.EnrichmentProvider}, the hook for a
 * firmographics source; the lead pipeline runs the research itself.
 *
 * <p>Nullness: parameters and return values are non-null unless their Javadoc says "or null"; record
 * components documented as "or null" (or typed {@code Integer}, {@code Long}, {@code Boolean}, {@code BigDecimal}
 * where a value may be unknown) may be null; lists are never null (empty instead); optional values of a service are
 * returned as {@link java.util.Optional}.
 */
package dev.salesagent.agents.sales.research;
