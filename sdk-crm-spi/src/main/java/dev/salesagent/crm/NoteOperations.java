package dev.salesagent.crm;

/** Notes on contacts, accounts and opportunities. */
public interface NoteOperations {

    /**
     * Creates a note attached to {@code target}, timestamped now.
     *
     * @param target the record to attach the note to
     * @param body plain text, not blank
     * @return the stored note, with its id and creation time
     * @throws CrmNotFoundException   if the target does not exist
     * @throws CrmValidationException if the body is blank
     */
    Note create(NoteTarget target, String body);

    /**
     * Notes attached to {@code target}, oldest first.
     *
     * @param target the record whose notes to list
     * @param page which page, e.g. {@link PageRequest#first()}
     * @return one page of notes, oldest first
     * @throws CrmNotFoundException if the target does not exist (adapters may instead return an empty page)
     */
    Page<Note> list(NoteTarget target, PageRequest page);
}
