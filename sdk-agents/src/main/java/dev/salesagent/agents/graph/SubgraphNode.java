package dev.salesagent.agents.graph;

import java.util.List;
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
        String childThread = tc.threadId() + "/" + tc.node() + "/" + tc.step() + "." + tc.taskIndex();
        RunConfig parentCfg = tc.runConfig();
        RunConfig.Builder b = RunConfig.builder().threadId(childThread).tenant(parentCfg.tenant()).user(parentCfg.user())
                .feature(parentCfg.feature()).recursionLimit(parentCfg.recursionLimit()).executor(tc.executor());
        GraphRun run = new GraphRun(child, b.build(), tc.checkpointer(), tc::forwardChildEvent, true);
        boolean canResume = tc.resuming() && (child.config.checkpointer() != null || tc.checkpointer() != null)
                && (child.config.checkpointer() != null ? child.config.checkpointer() : tc.checkpointer())
                .latest(childThread, child.codec).isPresent();
        RunResult r;
        try {
            r = canResume ? run.resume(tc.resume) : run.start(input != null ? input.apply(parentState) : shared(parentState));
        } catch (GraphRun.ParentCommand pc) {
            return pc.command; // as if this node had returned it
        }
        switch (r.status()) {
            case COMPLETED:
                if (output != null) {
                    return output.apply(r.state());
                }
                List<Update.Entry> writes = canResume ? writesSinceInput(childCheckpointer(tc), childThread, r.checkpointId())
                        : run.allWrites();
                return sharedOutput(writes, tc.graph().codec.keys());
            case INTERRUPTED: {
                RunResult.Interrupt first = r.interrupts().get(0);
                Object payload = first.payload() != null ? first.payload()
                        : Map.of("node", first.node(), "when", first.when().name(), "subgraph", tc.node());
                throw new GraphRun.NodeInterrupt(payload, List.of());
            }
            default:
                Throwable e = r.error();
                if (e instanceof RuntimeException re) {
                    throw re;
                }
                throw new GraphException("Subgraph '" + tc.node() + "' failed", e);
        }
    }

    private Checkpointer childCheckpointer(GraphRun.TaskContext tc) {
        return child.config.checkpointer() != null ? child.config.checkpointer() : tc.checkpointer();
    }

    /** A resumed child's writes span several runs: collect them from its checkpoints back to the input. */
    private List<Update.Entry> writesSinceInput(Checkpointer cp, String thread, String lastId) {
        java.util.Deque<Update> chain = new java.util.ArrayDeque<>();
        String id = lastId;
        while (id != null) {
            Checkpoint c = cp.get(thread, id, child.codec)
                    .orElseThrow(() -> new CheckpointException("Subgraph checkpoint missing in thread " + thread));
            if ("input".equals(c.metadata().get("source"))) {
                break;
            }
            chain.push(c.writes());
            id = c.parentId();
        }
        List<Update.Entry> out = new java.util.ArrayList<>();
        chain.forEach(u -> out.addAll(u.entries()));
        return out;
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

    private static Update sharedOutput(List<Update.Entry> writes, Map<String, Key<?>> parentKeys) {
        Update u = Update.empty();
        for (Update.Entry e : writes) {
            Key<?> pk = parentKeys.get(e.key().name());
            if (pk != null) {
                u = GraphRunSupport.and(u, pk, e.value());
            }
        }
        return u;
    }
}
