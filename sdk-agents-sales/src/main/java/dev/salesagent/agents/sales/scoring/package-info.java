/**
 * Lead scoring: {@link dev.salesagent.agents.sales.scoring.LeadScorer} (entry point; {@code LeadScorer.rules(...)}
 * and {@code LeadScorer.model(...)}), its result {@link dev.salesagent.agents.sales.scoring.LeadScore} with
 * {@link dev.salesagent.agents.sales.scoring.BantScores} and {@link dev.salesagent.agents.sales.scoring.Grade},
 * batch input {@link dev.salesagent.agents.sales.scoring.ScoringRequest}, and the tenant's
 * {@link dev.salesagent.agents.sales.scoring.IdealCustomerProfile} (also read by outreach and proposals).
 *
 * <p>Nullness: parameters and return values are non-null unless their Javadoc says "or null"; record
 * components documented as "or null" (or typed {@code Integer}, {@code Long}, {@code Boolean}, {@code BigDecimal}
 * where a value may be unknown) may be null; lists are never null (empty instead); optional values of a service are
 * returned as {@link java.util.Optional}.
 */
package dev.salesagent.agents.sales.scoring;
