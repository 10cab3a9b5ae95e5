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
    public enum Type {
        /** A {@link Contact}. */
        CONTACT,
        /** An {@link Account}. */
        ACCOUNT,
        /** An {@link Opportunity}. */
        OPPORTUNITY
    }

    /**
     * Checks that both parts are set.
     *
     * @param type what kind of record
     * @param id its CRM id
     * @throws NullPointerException if {@code type} or {@code id} is null
     */
    public NoteTarget {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    /**
     * {@return a note on a contact}
     *
     * @param id the contact's CRM id
     */
    public static NoteTarget contact(CrmId id) {
        return new NoteTarget(Type.CONTACT, id);
    }

    /**
     * {@return a note on an account}
     *
     * @param id the account's CRM id
     */
    public static NoteTarget account(CrmId id) {
        return new NoteTarget(Type.ACCOUNT, id);
    }

    /**
     * {@return a note on an opportunity}
     *
     * @param id the opportunity's CRM id
     */
    public static NoteTarget opportunity(CrmId id) {
        return new NoteTarget(Type.OPPORTUNITY, id);
    }
}
