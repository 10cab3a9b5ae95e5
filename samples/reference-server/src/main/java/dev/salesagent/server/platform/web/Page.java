package dev.salesagent.server.platform.web;

import java.util.List;

/**
 * One page of a list endpoint.
 *
 * @param items the page's items, at most the requested limit
 * @param nextCursor opaque cursor for the next page ({@code cursor=} parameter), null on the last page
 * @param <T> item type
 */
public record Page<T>(List<T> items, String nextCursor) {

    /** Largest page a client can ask for. */
    public static final int MAX_LIMIT = 100;
    /** Page size when none is asked for. */
    public static final int DEFAULT_LIMIT = 50;

    /**
     * Clamps a requested page size into 1..{@value #MAX_LIMIT}.
     *
     * @throws PlatformException (400) when the size is below 1 or above the maximum
     */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw PlatformException.badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }
}
