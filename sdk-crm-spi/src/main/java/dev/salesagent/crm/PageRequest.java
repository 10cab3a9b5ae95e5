package dev.salesagent.crm;

/**
 * Which page to fetch.
 *
 * @param cursor the opaque cursor from the previous {@link Page#nextCursor()}, or {@code null} for the first page
 * @param size   the wanted number of items, 1..{@value #MAX_SIZE}; adapters may return fewer (vendor maximums)
 */
public record PageRequest(String cursor, int size) {

    /** The largest size a caller may ask for. */
    public static final int MAX_SIZE = 1000;

    /** The default page size, 100. */
    public static final int DEFAULT_SIZE = 100;

    /**
     * Checks the size.
     *
     * @param cursor the opaque cursor from the previous {@link Page#nextCursor()}, or {@code null} for the first page
     * @param size the wanted number of items, 1..{@value #MAX_SIZE}; adapters may return fewer (vendor maximums)
     * @throws IllegalArgumentException if {@code size} is outside 1..{@value #MAX_SIZE}
     */
    public PageRequest {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page size must be in 1.." + MAX_SIZE + " but was " + size);
        }
    }

    /**
     * {@return the first page of {@code size} items}
     *
     * @param size the wanted number of items, 1..{@value #MAX_SIZE}
     * @throws IllegalArgumentException if {@code size} is outside 1..{@value #MAX_SIZE}
     */
    public static PageRequest first(int size) {
        return new PageRequest(null, size);
    }

    /** {@return the first page of {@value #DEFAULT_SIZE} items} */
    public static PageRequest first() {
        return first(DEFAULT_SIZE);
    }

    /**
     * {@return the page at {@code cursor} with the same size}
     *
     * @param cursor the {@link Page#nextCursor()} of the previous page
     */
    public PageRequest next(String cursor) {
        return new PageRequest(cursor, size);
    }
}
