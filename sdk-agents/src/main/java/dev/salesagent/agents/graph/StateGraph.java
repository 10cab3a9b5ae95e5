package dev.salesagent.agents.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Builder of a state graph (LangGraph's {@code StateGraph}): declare the state's {@link Key}s, add
 * nodes and edges, then {@link #compile()} into a runnable {@link CompiledGraph}.
 *
 * <pre>{@code
 * CompiledGraph g = StateGraph.of(MESSAGES, INTENT)
 *         .addNode("classify", classify)
 *         .addNode("answer", answer)
 *         .addNode("escalate", escalate)
 *         .addEdge(StateGraph.START, "classify")
 *         .addConditionalEdges("classify", s -> s.get(INTENT), Map.of("faq", "answer", "angry", "escalate"))
 *         .addEdge("answer", StateGraph.END)
 *         .addEdge("escalate", StateGraph.END)
 *         .compile();
 * }</pre>
 *
 * <p>Several edges out of one node make parallel branches that run in the same super-step. A node
 * reached by several edges runs once per super-step; {@link #addEdge(List, String)} makes a join that
 * runs once after <em>all</em> its sources finished, whatever their path lengths. Not thread-safe;
 * build on one thread.
 */
public final class StateGraph {

    /** The virtual entry node. */
    public static final String START = "__start__";
    /** The virtual exit node. */
    public static final String END = "__end__";

    record NodeSpec(String name, Node node, NodePolicy policy, CompiledGraph subgraph, boolean defer) {
    }

    record Branch(Function<AgentState, ?> router, Map<String, String> routes) {
    }

    record Join(List<String> sources, String target) {
    }

    private final Map<String, Key<?>> keys = new LinkedHashMap<>();
    private final Map<String, NodeSpec> nodes = new LinkedHashMap<>();
    private final Map<String, List<String>> edges = new LinkedHashMap<>();
    private final Map<String, List<Branch>> branches = new LinkedHashMap<>();
    private final List<Join> joins = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private StateGraph(Collection<? extends Key<?>> keys) {
        for (Key<?> k : keys) {
            if (this.keys.putIfAbsent(k.name(), k) != null) {
                problems.add("duplicate key '" + k.name() + "'");
            }
        }
    }

    /**
     * A graph whose state consists of {@code keys}; nodes may write only these keys.
     *
     * @param keys the state's keys; names must be unique
     * @return a new, empty graph
     */
    public static StateGraph of(Key<?>... keys) {
        return new StateGraph(List.of(keys));
    }

    /**
     * A graph whose state consists of {@code keys}.
     *
     * @param keys the state's keys; names must be unique
     * @return a new, empty graph
     */
    public static StateGraph of(Collection<? extends Key<?>> keys) {
        return new StateGraph(keys);
    }

    /**
     * Adds a node with the {@link NodePolicy#defaults() default policy}.
     *
     * @param name the node's name: unique, not blank, no {@code /}, not {@link #START} or {@link #END}
     * @param node the node's function
     * @return this graph
     */
    public StateGraph addNode(String name, Node node) {
        return addNode(name, node, NodePolicy.defaults());
    }

    /**
     * Adds a node with its own retry and timeout policy.
     *
     * @param name the node's name: unique, not blank, no {@code /}, not {@link #START} or {@link #END}
     * @param node the node's function
     * @param policy retries and timeout of the node
     * @return this graph
     */
    public StateGraph addNode(String name, Node node, NodePolicy policy) {
        return add(new NodeSpec(name, Objects.requireNonNull(node, "node"), Objects.requireNonNull(policy, "policy"), null, false));
    }

    /**
     * Adds a deferred node (LangGraph's {@code add_node(..., defer=True)}): when it is scheduled while
     * other tasks are still scheduled, it waits, and runs once in the first super-step in which nothing
     * but deferred nodes is left (e.g. a summary after fan-out branches of unequal length).
     *
     * @param name the node's name: unique, not blank, no {@code /}, not {@link #START} or {@link #END}
     * @param node the node's function
     * @return this graph
     */
    public StateGraph addDeferredNode(String name, Node node) {
        return addDeferredNode(name, node, NodePolicy.defaults());
    }

    /**
     * A deferred node with its own retry and timeout policy.
     *
     * @param name the node's name: unique, not blank, no {@code /}, not {@link #START} or {@link #END}
     * @param node the node's function
     * @param policy retries and timeout of the node
     * @return this graph
     */
    public StateGraph addDeferredNode(String name, Node node, NodePolicy policy) {
        return add(new NodeSpec(name, Objects.requireNonNull(node, "node"), Objects.requireNonNull(policy, "policy"), null, true));
    }

    /**
     * Adds a compiled graph as a node sharing keys by name: the child starts from the parent's values
     * of the keys it declares, and the child's writes to keys the parent declares flow back through
     * the parent's reducers. Interrupts inside the child pause the parent; resume continues the child.
     *
     * @param name the node's name: unique, not blank, no {@code /}, not {@link #START} or {@link #END}
     * @param subgraph the compiled child graph; keys are shared by name
     * @return this graph
     */
    public StateGraph addNode(String name, CompiledGraph subgraph) {
        Objects.requireNonNull(subgraph, "subgraph");
        return add(new NodeSpec(name, subgraph.asNode(), NodePolicy.defaults(), subgraph, false));
    }

    private StateGraph add(NodeSpec spec) {
        String name = Objects.requireNonNull(spec.name(), "name");
        if (name.equals(START) || name.equals(END)) {
            problems.add("node name '" + name + "' is reserved");
        } else if (name.isBlank() || name.contains("/")) {
            problems.add("node name '" + name + "' must be non-blank and must not contain '/'");
        } else if (nodes.putIfAbsent(name, spec) != null) {
            problems.add("duplicate node name '" + name + "'");
        }
        return this;
    }

    /**
     * An edge: after {@code from} runs, {@code to} runs in the next super-step.
     *
     * @param from the source node, or {@link #START}
     * @param to the target node, or {@link #END}
     * @return this graph
     */
    public StateGraph addEdge(String from, String to) {
        edges.computeIfAbsent(Objects.requireNonNull(from, "from"), k -> new ArrayList<>()).add(Objects.requireNonNull(to, "to"));
        return this;
    }

    /**
     * A join: {@code to} runs once, in the super-step after the last of {@code from} finished.
     *
     * @param from the source nodes, all of which must finish first; not empty
     * @param to the join node, or {@link #END}
     * @return this graph
     */
    public StateGraph addEdge(List<String> from, String to) {
        if (from.isEmpty()) {
            problems.add("join into '" + to + "' has no sources");
        }
        joins.add(new Join(List.copyOf(from), Objects.requireNonNull(to, "to")));
        return this;
    }

    /**
     * A conditional edge: after {@code from} runs, {@code router} is called with the state at the end
     * of that super-step and returns a route label, a {@link Send}, or a collection of labels and
     * sends (fan-out). Labels are mapped through {@code routes} to node names ({@link #END} allowed);
     * a send may address any node of the graph. The router reads the state as of the start of the
     * super-step plus the writes of its own node's task (not those of parallel tasks), and runs once
     * per task of {@code from}.
     *
     * @param from the source node, or {@link #START}
     * @param router maps the state to a route label, a {@link Send}, or a collection of them
     * @param routes route label to node name ({@link #END} allowed)
     * @return this graph
     */
    public StateGraph addConditionalEdges(String from, Function<AgentState, ?> router, Map<String, String> routes) {
        branches.computeIfAbsent(Objects.requireNonNull(from, "from"), k -> new ArrayList<>())
                .add(new Branch(Objects.requireNonNull(router, "router"), Map.copyOf(routes)));
        return this;
    }

    /**
     * A conditional edge whose router returns node names (or sends) among {@code targets}.
     *
     * @param from the source node, or {@link #START}
     * @param router maps the state to a node name, a {@link Send}, or a collection of them
     * @param targets the node names the router may return ({@link #END} allowed)
     * @return this graph
     */
    public StateGraph addConditionalEdges(String from, Function<AgentState, ?> router, Collection<String> targets) {
        Map<String, String> routes = new LinkedHashMap<>();
        targets.forEach(t -> routes.put(t, t));
        return addConditionalEdges(from, router, routes);
    }

    /**
     * Compiles with {@link CompileConfig#defaults()}.
     *
     * @return the runnable graph
     * @throws GraphValidationException listing every problem found
     */
    public CompiledGraph compile() {
        return compile(CompileConfig.defaults());
    }

    /**
     * Validates the graph and returns its runnable form.
     *
     * <p>As in LangGraph, a node needs no outgoing edge (when nothing else is scheduled the run ends
     * after it) and need not be reachable by edges (a {@link Command} goto or a {@link Send} may reach it).
     *
     * @param config checkpointer, interrupts, observations, executor and clock
     * @return the runnable graph
     * @throws GraphValidationException listing every problem: no edge from START, edges to or from
     *                                  unknown nodes, duplicate or reserved names, interrupts on unknown nodes
     */
    public CompiledGraph compile(CompileConfig config) {
        List<String> found = new ArrayList<>(problems);
        Set<String> known = new HashSet<>(nodes.keySet());
        Map<String, Set<String>> succ = new LinkedHashMap<>();
        edges.forEach((from, tos) -> {
            checkSource(from, known, found);
            for (String to : tos) {
                checkTarget(from, to, known, found);
                succ.computeIfAbsent(from, k -> new LinkedHashSet<>()).add(to);
            }
        });
        branches.forEach((from, list) -> {
            checkSource(from, known, found);
            for (Branch b : list) {
                for (String to : b.routes().values()) {
                    checkTarget(from, to, known, found);
                    succ.computeIfAbsent(from, k -> new LinkedHashSet<>()).add(to);
                }
            }
        });
        for (Join j : joins) {
            for (String from : j.sources()) {
                checkSource(from, known, found);
                succ.computeIfAbsent(from, k -> new LinkedHashSet<>()).add(j.target());
            }
            checkTarget(String.join(",", j.sources()), j.target(), known, found);
        }
        if (!succ.containsKey(START)) {
            found.add("no edge from START");
        }
        for (String n : config.interruptBefore()) {
            if (!known.contains(n) && !n.equals(CompileConfig.ALL_NODES)) {
                found.add("interruptBefore names unknown node '" + n + "'");
            }
        }
        for (String n : config.interruptAfter()) {
            if (!known.contains(n) && !n.equals(CompileConfig.ALL_NODES)) {
                found.add("interruptAfter names unknown node '" + n + "'");
            }
        }
        if (!found.isEmpty()) {
            throw new GraphValidationException(found);
        }
        return new CompiledGraph(new ArrayList<>(keys.values()), new LinkedHashMap<>(nodes), copy(edges),
                copy(branches), List.copyOf(joins), config);
    }

    private static <V> Map<String, List<V>> copy(Map<String, List<V>> m) {
        Map<String, List<V>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }

    private static void checkSource(String from, Set<String> known, List<String> found) {
        if (from.equals(END)) {
            found.add("edge from END");
        } else if (!from.equals(START) && !known.contains(from)) {
            found.add("edge from unknown node '" + from + "'");
        }
    }

    private static void checkTarget(String from, String to, Set<String> known, List<String> found) {
        if (to.equals(START)) {
            found.add("edge from '" + from + "' to START");
        } else if (!to.equals(END) && !known.contains(to)) {
            found.add("edge from '" + from + "' to unknown node '" + to + "'");
        }
    }

    private static Set<String> reach(String from, Map<String, Set<String>> adj) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (seen.add(n)) {
                todo.addAll(adj.getOrDefault(n, Set.of()));
            }
        }
        return seen;
    }
}
