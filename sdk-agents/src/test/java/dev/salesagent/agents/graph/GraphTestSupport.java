package dev.salesagent.agents.graph;

import java.util.List;

final class GraphTestSupport {
    static final Key<List<String>> TRACE = Key.appending("trace", String.class);
    static final Key<String> VALUE = Key.of("value", String.class);
    static final Key<Integer> N = Key.of("n", Integer.class, 0);

    private GraphTestSupport() {
    }

    /** A node that appends its name to TRACE. */
    static Node tracing(String name) {
        return (s, c) -> Update.append(TRACE, name);
    }
}
