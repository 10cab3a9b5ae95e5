package dev.salesagent.agents.graph;

import java.util.AbstractList;
import java.util.Collection;
import java.util.List;
import java.util.RandomAccess;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An immutable list with amortised O(1) append that shares its backing array with the version it
 * was appended to. Every version sees only its own prefix {@code [0, size)}; the first version to
 * append at a given size claims the slots atomically, any other (a fork) copies once. So carrying
 * a 1,000-message transcript through a step costs the same as carrying an empty one.
 */
final class PersistentList<E> extends AbstractList<E> implements RandomAccess {

    private static final PersistentList<Object> EMPTY = new PersistentList<>(new Store(new Object[0], 0), 0);

    private static final class Store {
        final Object[] items;
        final AtomicInteger used;

        Store(Object[] items, int used) {
            this.items = items;
            this.used = new AtomicInteger(used);
        }
    }

    private final Store store;
    private final int size;

    private PersistentList(Store store, int size) {
        this.store = store;
        this.size = size;
    }

    @SuppressWarnings("unchecked")
    static <E> PersistentList<E> empty() {
        return (PersistentList<E>) EMPTY;
    }

    @SuppressWarnings("unchecked")
    static <E> PersistentList<E> from(Collection<? extends E> items) {
        if (items instanceof PersistentList<?> p) {
            return (PersistentList<E>) p;
        }
        return PersistentList.<E>empty().appendAll(items);
    }

    PersistentList<E> appendAll(Collection<? extends E> more) {
        int n = more.size();
        if (n == 0) {
            return this;
        }
        int newSize = size + n;
        Store s = store;
        if (newSize <= s.items.length && s.used.compareAndSet(size, newSize)) {
            int i = size;
            for (E e : more) {
                s.items[i++] = e;
            }
            return new PersistentList<>(s, newSize);
        }
        Object[] grown = new Object[Math.max(16, newSize * 2)];
        System.arraycopy(s.items, 0, grown, 0, size);
        int i = size;
        for (E e : more) {
            grown[i++] = e;
        }
        return new PersistentList<>(new Store(grown, newSize), newSize);
    }

    PersistentList<E> append(E item) {
        return appendAll(List.of(item));
    }

    /** True if both lists share one backing array (for tests of structural sharing). */
    boolean sharesStructureWith(PersistentList<?> other) {
        return other.store == store;
    }

    @Override
    @SuppressWarnings("unchecked")
    public E get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("Index " + index + " out of bounds for length " + size);
        }
        return (E) store.items[index];
    }

    @Override
    public int size() {
        return size;
    }
}
