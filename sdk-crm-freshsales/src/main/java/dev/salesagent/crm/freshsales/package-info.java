/**
 * The Freshsales (Freshworks CRM) adapter, provider id {@code freshsales}: {@link
 * dev.salesagent.crm.freshsales.FreshsalesCrmClientProvider}, {@link dev.salesagent.crm.freshsales.FreshsalesConfig},
 * {@link dev.salesagent.crm.freshsales.FreshsalesCrmClient}. Record components Freshsales does not have are
 * {@code null}; lists and maps are never {@code null}.
 */
package dev.salesagent.crm.freshsales;
