package dev.salesagent.crm;

import java.util.Objects;

/**
 * The record a {@link Note} is attached to.
 *
 * @param type what kind of record
 * @param id   its CRM id
 */
public record NoteTarget(Type type, CrmId id) {

    /** Kinds of records a note can be attached to. */
    public enum Type { CONTACT, ACCOUNT, OPPORTUNITY }

    /**
     * Validates and normalises the components (copies collections, normalises natural keys).
     *
     * @param type what kind of record
     * @param id its CRM id
     */
    public NoteTarget {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    /** {@return a note on a contact} */
    public static NoteTarget contact(CrmId id) {
        return new NoteTarget(Type.CONTACT, id);
    }

    /** {@return a note on an account} */
    public static NoteTarget account(CrmId id) {
        return new NoteTarget(Type.ACCOUNT, id);
    }

    /** {@return a note on an opportunity} */
    public static NoteTarget opportunity(CrmId id) {
        return new NoteTarget(Type.OPPORTUNITY, id);
    }
}
