package dev.salesagent.crm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

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

    /**
     * Upserts {@code items} one at a time, in order, for a CRM without a bulk write: a failure of the item itself
     * ({@link CrmValidationException}, {@link CrmNotFoundException}, {@link CrmConflictException}) becomes a failed
     * result at its index and the next item goes on; any other {@link CrmException} (rate limit, authentication,
     * permission, unavailability, configuration) concerns every item, so it propagates and ends the batch.
     *
     * @param items  the records, in the caller's order
     * @param upsert the single-record upsert, e.g. {@code this::upsert}
     * @param <T>    the record type
     * @return one result per item, in input order, each with its input index
     * @throws CrmException        the first failure that is not an item's own; earlier items stay written
     * @throws NullPointerException if an argument is null
     */
    public static <T> List<BatchItemResult<T>> eachOf(List<T> items, Function<? super T, UpsertResult<T>> upsert) {
        Objects.requireNonNull(upsert, "upsert");
        List<BatchItemResult<T>> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            try {
                out.add(success(i, upsert.apply(items.get(i))));
            } catch (CrmValidationException | CrmNotFoundException | CrmConflictException e) {
                out.add(failure(i, e));
            }
        }
        return out;
    }

    /** {@return whether the item succeeded} */
    public boolean isSuccess() {
        return result != null;
    }
}
