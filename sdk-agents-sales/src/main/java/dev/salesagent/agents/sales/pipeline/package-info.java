/**
 * The lead pipeline: validate, research, duplicate check, score, route, outreach and follow-up per lead in
 * parallel, then one batched CRM sync, optionally after human approval.
 * {@link dev.salesagent.agents.sales.pipeline.LeadPipeline} is the entry point ({@code LeadPipeline.builder()});
 * it returns a {@link dev.salesagent.agents.sales.pipeline.PipelineResult} with one
 * {@link dev.salesagent.agents.sales.pipeline.LeadResult} per lead (tokens as {@code long}, cost in USD as
 * {@code BigDecimal}, {@link dev.salesagent.agents.sales.pipeline.CrmOutcome}) and a
 * {@link dev.salesagent.agents.sales.pipeline.CrmSyncSummary}; a
 * {@link dev.salesagent.agents.sales.pipeline.PipelineProgress} hears about each analyzed lead.
 *
 * <p>Nullness: parameters and return values are non-null unless their Javadoc says "or null"; record
 * components documented as "or null" (or typed {@code Integer}, {@code Long}, {@code Boolean}, {@code BigDecimal}
 * where a value may be unknown) may be null; lists are never null (empty instead); optional values of a service are
 * returned as {@link java.util.Optional}.
 */
package dev.salesagent.agents.sales.pipeline;
