/**
 * The sales workspace (issue 16): leads and their CSV import ({@code lead}), agent runs with steps, tokens and cost
 * ({@code run}), the tenant's CRM connection ({@code crm}) and the tenant's models ({@code model}). Content, outreach,
 * memory and cost reports live in sibling packages.
 */
package dev.salesagent.server.workspace;
