package dev.salesagent.agents.platform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * Finds {@link GraphProvider}s registered through {@link ServiceLoader} and checks a set of providers for valid and
 * unique graph ids.
 */
public final class GraphProviders {

    private static final Pattern GRAPH_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private GraphProviders() {
    }

    /**
     * Loads every provider in {@code META-INF/services/dev.salesagent.agents.platform.GraphProvider} visible to a
     * class loader. A provider that cannot be instantiated is reported in the result, not thrown, so one broken jar
     * does not hide the others.
     *
     * @param classLoader where to look, not null
     * @return the providers found, in discovery order, and the problems met
     * @throws NullPointerException if {@code classLoader} is null
     */
    public static Loaded load(ClassLoader classLoader) {
        Objects.requireNonNull(classLoader, "classLoader");
        List<GraphProvider> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Iterator<GraphProvider> it = ServiceLoader.load(GraphProvider.class, classLoader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                problems.add("GraphProvider could not be loaded: " + e.getMessage());
            }
        }
        return new Loaded(found, problems);
    }

    /**
     * Indexes providers by graph id.
     *
     * @param providers the providers, not null
     * @return the providers by graph id, in the given order
     * @throws IllegalArgumentException naming every invalid or duplicate graph id (with the classes involved)
     */
    public static Map<String, GraphProvider> byId(Collection<? extends GraphProvider> providers) {
        Map<String, GraphProvider> byId = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (GraphProvider p : providers) {
            String id = p.graphId();
            if (id == null || !GRAPH_ID.matcher(id).matches()) {
                problems.add(p.getClass().getName() + " has graph id '" + id
                        + "'; expected 1-64 of a-z, 0-9, '_' and '-', starting with a letter or digit");
                continue;
            }
            GraphProvider previous = byId.putIfAbsent(id, p);
            if (previous != null) {
                problems.add("graph id '" + id + "' is provided by both " + previous.getClass().getName() + " and "
                        + p.getClass().getName());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return byId;
    }

    /**
     * What {@link #load(ClassLoader)} found.
     *
     * @param providers the providers that could be instantiated, in discovery order
     * @param problems  one message per provider that could not be loaded; empty when all loaded
     */
    public record Loaded(List<GraphProvider> providers, List<String> problems) {

        /**
         * Copies the lists.
         *
         * @param providers the providers that could be instantiated, in discovery order
         * @param problems  one message per provider that could not be loaded
         * @throws NullPointerException if a list is null
         */
        public Loaded {
            providers = List.copyOf(providers);
            problems = List.copyOf(problems);
        }
    }
}
