/**
 * Follow-up and nurture sequences: {@link dev.salesagent.agents.sales.followup.FollowUpPlanner} (entry point;
 * {@code rules()}, {@code model(...)}), its result {@link dev.salesagent.agents.sales.followup.FollowUpPlan} and
 * the touch {@link dev.salesagent.agents.sales.followup.Channel}.
 *
 * <p>Nullness: parameters and return values are non-null unless their Javadoc says "or null"; record
 * components documented as "or null" (or typed {@code Integer}, {@code Long}, {@code Boolean}, {@code BigDecimal}
 * where a value may be unknown) may be null; lists are never null (empty instead); optional values of a service are
 * returned as {@link java.util.Optional}.
 */
package dev.salesagent.agents.sales.followup;
