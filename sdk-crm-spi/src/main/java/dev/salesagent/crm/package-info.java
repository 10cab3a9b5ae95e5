/**
 * The CRM client API applications use: {@link dev.salesagent.crm.CrmClient} and its capability-gated operations
 * ({@link dev.salesagent.crm.ContactOperations}, {@link dev.salesagent.crm.AccountOperations}, ...), the immutable
 * domain records ({@link dev.salesagent.crm.Contact}, {@link dev.salesagent.crm.Account},
 * {@link dev.salesagent.crm.Opportunity}, ...), {@link dev.salesagent.crm.CrmClients} to create a client by provider
 * id, and the one unchecked root exception {@link dev.salesagent.crm.CrmException} with its retriable and
 * non-retriable subclasses. Helpers for adapter authors live in {@link dev.salesagent.crm.spi}.
 *
 * <p><b>Nullness.</b> Parameters and return values are non-null unless documented otherwise. Record components
 * that a CRM may not have (a contact's title, an account's industry, a record's id before creation) are {@code null}
 * when absent, as each {@code @param} says; lists and maps are never {@code null} (empty instead). Methods that look
 * something up and may find nothing ({@code findByEmail}, {@code findByDomain}, {@code findBySku}) or report a value
 * that may be missing ({@code CrmRateLimitException.retryAfter()}) return {@link java.util.Optional}, never
 * {@code null}.
 */
package dev.salesagent.crm;
