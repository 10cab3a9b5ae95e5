package dev.salesagent.crm;

/** Notes on contacts, accounts and opportunities. */
public interface NoteOperations {

    /**
     * Creates a note attached to {@code target}, timestamped now.
     *
     * @param body plain text, not blank
     * @throws CrmNotFoundException   if the target does not exist
     * @throws CrmValidationException if the body is blank
     */
    Note create(NoteTarget target, String body);

    /**
     * Notes attached to {@code target}, oldest first.
     *
     * @throws CrmNotFoundException if the target does not exist (adapters may instead return an empty page)
     */
    Page<Note> list(NoteTarget target, PageRequest page);
}
