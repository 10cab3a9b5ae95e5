package dev.salesagent.crm;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Accounts (companies). The natural key is the domain, normalised by {@link Account#normalizeDomain(String)}.
 * All methods throw {@link CrmException} subclasses; ids are the vendor's remote id strings.
 */
public interface AccountOperations {

    /**
     * Creates the account, or updates the one with the same domain. On update the non-null fields
     * of {@code account} replace the stored ones; {@code null} fields are kept.
     *
     * @param account the account; its domain is the natural key and must be set
     * @return the stored account and whether it was created
     * @throws CrmValidationException if the domain is missing or the CRM rejects a field
     */
    UpsertResult<Account> upsert(Account account);

    /**
     * Upserts many accounts, chunked to {@link #maxBatchSize()}; one result per input in input order,
     * each with its own error if it failed.
     *
     * @param accounts the accounts, each with a domain
     * @return one result per input, {@code result.get(i).index() == i}
     * @throws CrmException only for failures of the whole call
     */
    List<BatchItemResult<Account>> upsertAll(List<Account> accounts);

    /** {@return the most records the vendor accepts in one batch call} */
    int maxBatchSize();

    /**
     * {@return the account with this domain (normalised before matching), if any}
     *
     * @param domain the domain in any form accepted by {@link Account#normalizeDomain(String)}, e.g. {@code
     *     https://www.acme.com}
     */
    Optional<Account> findByDomain(String domain);

    /**
     * The account with this remote id.
     *
     * @param id the vendor's remote id
     * @return the account
     * @throws CrmNotFoundException if there is none
     */
    Account get(String id);

    /**
     * {@return accounts whose {@code updatedAt} is strictly after {@code since}, oldest change first}
     *
     * @param since exclusive lower bound of {@code updatedAt}
     * @param page which page, e.g. {@link PageRequest#first()}
     */
    Page<Account> changedSince(Instant since, PageRequest page);
}
