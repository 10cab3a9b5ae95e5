package dev.salesagent.crm;

import java.util.List;

/**
 * The call conflicts with existing data (HTTP 409), e.g. a duplicate natural key that the vendor
 * refuses to merge. {@link #conflictingIds()} lists the remote ids of the existing records when known.
 */
public class CrmConflictException extends CrmException {

    /** The vendor's remote ids of the conflicting records; unmodifiable, empty when unknown. */
    private final List<String> conflictingIds;

    /**
     * A conflict with the remote ids of the existing records (may be empty).
     *
     * @param message what conflicted, in words for a log
     * @param details what the vendor said (provider, HTTP status, vendor code, request id); {@code null} means none
     *     known
     * @param conflictingIds the vendor's remote ids of the existing records; empty when unknown; copied
     */
    public CrmConflictException(String message, ErrorDetails details, List<String> conflictingIds) {
        super(message, details);
        this.conflictingIds = List.copyOf(conflictingIds);
    }

    /** {@return the vendor's remote ids of the conflicting records; empty when unknown} */
    public List<String> conflictingIds() {
        return conflictingIds;
    }
}
