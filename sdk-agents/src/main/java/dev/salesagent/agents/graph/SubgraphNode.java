package dev.salesagent.agents.graph;

import java.util.Map;
import java.util.function.Function;

/** Runs a compiled graph as one node of a parent graph (see {@link StateGraph#addNode(String, CompiledGraph)}). */
final class SubgraphNode implements Node {

    private final CompiledGraph child;
    private final Function<AgentState, Update> input;
    private final Function<AgentState, Update> output;

    SubgraphNode(CompiledGraph child, Function<AgentState, Update> input, Function<AgentState, Update> output) {
        this.child = child;
        this.input = input;
        this.output = output;
    }

    @Override
    public Update apply(AgentState parentState, NodeContext ctx) {
        GraphRun.TaskContext tc = (GraphRun.TaskContext) ctx;
        Update childInput = childInput(parentState, tc);
        RunResult r;
        try {
            r = tc.runChild(child, childInput, tc.segment(child));
        } catch (GraphRun.ParentCommand pc) {
            return pc.command; // as if this node had returned it
        }
        if (r.status() == RunResult.Status.COMPLETED) {
            return output != null ? output.apply(r.state())
                    : finalValues(r.state(), tc.childAfterInput, childInput, tc.graph().codec.keys());
        }
        Throwable e = r.error();
        if (e instanceof RuntimeException re) {
            throw re;
        }
        throw new GraphException("Subgraph '" + tc.node() + "' failed", e);
    }

    /** {@return the graph this node runs} */
    CompiledGraph child() {
        return child;
    }

    /**
     * The child's input: the mapping function's, else a {@link Send}'s private input when the task has one
     * (LangGraph passes a Send's argument as the subgraph's whole input), else the parent's values of the
     * keys the child declares.
     */
    private Update childInput(AgentState parentState, GraphRun.TaskContext tc) {
        if (input != null) {
            return input.apply(parentState);
        }
        if (!tc.taskInput.isEmpty()) {
            return tc.taskInput;
        }
        return shared(parentState);
    }

    private Update shared(AgentState parent) {
        Update u = Update.empty();
        for (Key<?> k : child.keys) {
            Object v = parent.raw(k.name());
            if (v != null) {
                u = GraphRunSupport.and(u, k, v);
            }
        }
        return u;
    }

    /**
     * LangGraph's subgraph output: the child's final value of every key the parent also declares, applied
     * once through the parent's reducers. For an appending key only what the child's nodes appended is handed
     * over: the final list without the list the child held right after its input ({@code afterInput}; for a
     * stateful child that includes its earlier calls), as LangGraph's id-based {@code add_messages} reducer
     * keeps the given messages once (with {@code operator.add} LangGraph would append them a second time).
     * Without {@code afterInput} the given input's length is the prefix.
     */
    private Update finalValues(AgentState childFinal, AgentState afterInput, Update given, Map<String, Key<?>> parentKeys) {
        Update u = Update.empty();
        for (Key<?> k : child.keys) {
            Key<?> pk = parentKeys.get(k.name());
            Object v = childFinal.raw(k.name());
            if (pk == null || v == null) {
                continue;
            }
            if (pk.kind() == Key.Kind.APPENDING && v instanceof java.util.List<?> list) {
                Object in = afterInput != null ? afterInput.raw(k.name()) : given.get(k);
                int prefix = in instanceof java.util.List<?> l ? l.size() : 0;
                if (prefix > 0 && list.size() >= prefix) {
                    v = java.util.List.copyOf(list.subList(prefix, list.size()));
                }
                if (((java.util.List<?>) v).isEmpty()) {
                    continue;
                }
            }
            u = GraphRunSupport.and(u, pk, v);
        }
        return u;
    }
}
