package dev.salesagent.agents.graph;

import java.util.AbstractList;
import java.util.Collection;
import java.util.List;
import java.util.RandomAccess;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An immutable list with amortised O(1) append that shares structure with the version it was
 * appended to: an immutable prefix (taken over without copying when it already is an unmodifiable
 * {@code List.of}/{@code List.copyOf} list) plus a tail array shared between versions. Every version
 * sees only its own prefix {@code [0, size)}; the first version to append at a given size claims the
 * tail slots atomically, any other (a fork) copies the tail once. So carrying a 1,000-message
 * transcript through a step costs the same as carrying an empty one. Null items are not allowed.
 */
final class PersistentList<E> extends AbstractList<E> implements RandomAccess {

    private static final PersistentList<Object> EMPTY = new PersistentList<>(List.of(), new Store(new Object[0], 0), 0);

    private static final class Store {
        final Object[] items;
        final AtomicInteger used;

        Store(Object[] items, int used) {
            this.items = items;
            this.used = new AtomicInteger(used);
        }
    }

    private final List<E> prefix;
    private final int prefixSize;
    private final Store tail;
    private final int size;

    private PersistentList(List<E> prefix, Store tail, int size) {
        this.prefix = prefix;
        this.prefixSize = prefix.size();
        this.tail = tail;
        this.size = size;
    }

    @SuppressWarnings("unchecked")
    static <E> PersistentList<E> empty() {
        return (PersistentList<E>) EMPTY;
    }

    /** The items as a persistent list; O(1) when {@code items} is persistent or an unmodifiable JDK list. */
    @SuppressWarnings("unchecked")
    static <E> PersistentList<E> from(Collection<? extends E> items) {
        if (items instanceof PersistentList<?> p) {
            return (PersistentList<E>) p;
        }
        List<E> frozen = List.copyOf(items); // no copy if already List.of / List.copyOf
        return frozen.isEmpty() ? empty() : new PersistentList<>(frozen, new Store(new Object[0], 0), frozen.size());
    }

    PersistentList<E> appendAll(Collection<? extends E> more) {
        int n = more.size();
        if (n == 0) {
            return this;
        }
        if (size == 0) {
            return from(more);
        }
        int tailSize = size - prefixSize;
        int newTail = tailSize + n;
        Store s = tail;
        if (newTail <= s.items.length && s.used.compareAndSet(tailSize, newTail)) {
            int i = tailSize;
            for (E e : more) {
                s.items[i++] = java.util.Objects.requireNonNull(e, "list items must not be null");
            }
            return new PersistentList<>(prefix, s, size + n);
        }
        Object[] grown = new Object[Math.max(16, newTail * 2)];
        System.arraycopy(s.items, 0, grown, 0, tailSize);
        int i = tailSize;
        for (E e : more) {
            grown[i++] = java.util.Objects.requireNonNull(e, "list items must not be null");
        }
        return new PersistentList<>(prefix, new Store(grown, newTail), size + n);
    }

    PersistentList<E> append(E item) {
        return appendAll(List.of(item));
    }

    /** True if both lists share their prefix (for tests of structural sharing). */
    boolean sharesPrefixWith(PersistentList<?> other) {
        return other.prefix == prefix;
    }

    /** True if both lists share their prefix and tail (for tests of structural sharing). */
    boolean sharesStructureWith(PersistentList<?> other) {
        return other.tail == tail && other.prefix == prefix;
    }

    @Override
    @SuppressWarnings("unchecked")
    public E get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("Index " + index + " out of bounds for length " + size);
        }
        return index < prefixSize ? prefix.get(index) : (E) tail.items[index - prefixSize];
    }

    @Override
    public int size() {
        return size;
    }
}
