package dev.salesagent.crm;

/**
 * Outcome of one item of a batch call; exactly one of {@code result} and {@code error} is set.
 *
 * @param index  the item's position in the input list (0-based)
 * @param result the upsert result when the item succeeded
 * @param error  the failure of this item alone when it failed
 * @param <T>    the record type
 */
public record BatchItemResult<T>(int index, UpsertResult<T> result, CrmException error) {

    /**
     * Checks that exactly one of {@code result} and {@code error} is set.
     *
     * @param index  the item's position in the input list (0-based)
     * @param result the upsert result when the item succeeded, else {@code null}
     * @param error  the failure of this item alone when it failed, else {@code null}
     * @throws IllegalArgumentException if both or neither of {@code result} and {@code error} are set, or
     *                                  {@code index} is negative
     */
    public BatchItemResult {
        if ((result == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of result and error must be set");
        }
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative: " + index);
        }
    }

    /**
     * {@return a successful item}
     *
     * @param index the item's position in the input list (0-based)
     * @param result the upsert result
     * @param <T> the record type
     */
    public static <T> BatchItemResult<T> success(int index, UpsertResult<T> result) {
        return new BatchItemResult<>(index, result, null);
    }

    /**
     * {@return a failed item}
     *
     * @param index the item's position in the input list (0-based)
     * @param error the failure of this item alone
     * @param <T> the record type
     */
    public static <T> BatchItemResult<T> failure(int index, CrmException error) {
        return new BatchItemResult<>(index, null, error);
    }

    /** {@return whether the item succeeded} */
    public boolean isSuccess() {
        return result != null;
    }
}
