package dev.salesagent.crm;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One page of a listing.
 *
 * @param items      the items of this page; never {@code null}
 * @param nextCursor the cursor of the next page, or {@code null} when this is the last page
 * @param <T>        the item type
 */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * Copies the items; an empty cursor becomes {@code null}.
     *
     * @param items      the items of this page; not {@code null}, no {@code null} element
     * @param nextCursor the cursor of the next page, or {@code null} (or empty) when this is the last page
     */
    public Page {
        items = List.copyOf(items);
        if (nextCursor != null && nextCursor.isEmpty()) {
            nextCursor = null;
        }
    }

    /**
     * {@return the last (or only) page}
     *
     * @param items the items of the page; copied
     * @param <T> the item type
     */
    public static <T> Page<T> last(List<T> items) {
        return new Page<>(items, null);
    }

    /** {@return whether another page follows} */
    public boolean hasNext() {
        return nextCursor != null;
    }

    /**
     * A lazy stream over the items of all pages: {@code fetch} is called for the first page when the
     * stream is consumed and for each next page only when the previous one is used up. Failures of
     * {@code fetch} propagate to the consumer as the {@link CrmException} it threw.
     *
     * @param fetch    fetches one page, e.g. {@code req -> crm.contacts().changedSince(since, req)}
     * @param pageSize the page size to ask for
     * @param <T> the item type
     * @return a sequential, ordered stream of the items of every page
     * @throws IllegalArgumentException if {@code pageSize} is outside 1..{@value PageRequest#MAX_SIZE}
     */
    public static <T> Stream<T> stream(Function<PageRequest, Page<T>> fetch, int pageSize) {
        Objects.requireNonNull(fetch, "fetch");
        PageRequest first = PageRequest.first(pageSize);
        Iterator<T> it = new Iterator<>() {
            private Iterator<T> current;
            private String cursor;
            private boolean lastFetched;

            @Override
            public boolean hasNext() {
                while (current == null || !current.hasNext()) {
                    if (lastFetched) {
                        return false;
                    }
                    Page<T> page = fetch.apply(current == null && cursor == null ? first : first.next(cursor));
                    current = page.items().iterator();
                    cursor = page.nextCursor();
                    lastFetched = cursor == null;
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }
}
