package dev.salesagent.agents.sales.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * What the CRM sync did for one lead. Ids are the CRM's remote ids.
 *
 * @param provider       CRM provider id
 * @param synced         false when the sync was skipped (rejected at approval, invalid or duplicate lead)
 * @param accountId      the upserted account, or null
 * @param accountCreated true if the account was created for this lead (only the first lead of a new company in a
 *                       run), false if it existed already, null if not written
 * @param contactId      the upserted contact, or null
 * @param contactCreated true if the contact was created, false if updated, null if not written
 * @param noteId         the note with the score summary, or null
 * @param errors         CRM errors for this lead's records (e.g. {@code contact: validation ...})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CrmOutcome(String provider, boolean synced, String accountId, Boolean accountCreated, String contactId,
                         Boolean contactCreated, String noteId, List<String> errors) {

    /**
     * Copies {@code errors} (null becomes an empty list).
     *
     * @param provider       CRM provider id
     * @param synced         false when the sync was skipped (rejected at approval, invalid or duplicate lead)
     * @param accountId      the upserted account, or null
     * @param accountCreated true if the account was created for this lead, false if it existed already, null if
     *                       not written
     * @param contactId      the upserted contact, or null
     * @param contactCreated true if the contact was created, false if updated, null if not written
     * @param noteId         the note with the score summary, or null
     * @param errors         CRM errors for this lead's records, or null for none
     */
    public CrmOutcome {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    static CrmOutcome skipped(String provider) {
        return new CrmOutcome(provider, false, null, null, null, null, null, List.of());
    }
}
