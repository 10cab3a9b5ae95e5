package dev.salesagent.agents.graph;

/** Small unchecked helpers shared by the engine classes. */
final class GraphRunSupport {

    private GraphRunSupport() {
    }

    @SuppressWarnings("unchecked")
    static <T> Update and(Update u, Key<T> key, Object value) {
        return u.and(key, (T) value);
    }
}
