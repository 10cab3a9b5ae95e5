package dev.salesagent.crm;

import java.util.Objects;

/**
 * Outcome of an upsert by natural key.
 *
 * @param record  the record as the CRM stored it (with id and timestamps)
 * @param created {@code true} when a new record was created, {@code false} when an existing one was updated
 * @param <T>     the record type
 */
public record UpsertResult<T>(T record, boolean created) {

    /**
     * Checks that the record is set.
     *
     * @param record  the record as the CRM stored it (with id and timestamps); not {@code null}
     * @param created {@code true} when a new record was created, {@code false} when an existing one was updated
     */
    public UpsertResult {
        Objects.requireNonNull(record, "record");
    }

    /**
     * {@return a result for a newly created record}
     *
     * @param record the record as the CRM stored it
     * @param <T> the record type
     */
    public static <T> UpsertResult<T> ofCreated(T record) {
        return new UpsertResult<>(record, true);
    }

    /**
     * {@return a result for an updated record}
     *
     * @param record the record as the CRM stored it
     * @param <T> the record type
     */
    public static <T> UpsertResult<T> ofUpdated(T record) {
        return new UpsertResult<>(record, false);
    }

    /** {@return the stored record's id, or {@code null} if the record type has none} */
    public CrmId id() {
        if (record instanceof Contact c) {
            return c.id();
        } else if (record instanceof Account a) {
            return a.id();
        } else if (record instanceof SalesOrder o) {
            return o.id();
        } else if (record instanceof Opportunity o) {
            return o.id();
        } else if (record instanceof Product p) {
            return p.id();
        } else if (record instanceof Note n) {
            return n.id();
        }
        return null;
    }
}
