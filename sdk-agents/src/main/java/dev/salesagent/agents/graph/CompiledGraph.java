package dev.salesagent.agents.graph;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A validated, runnable graph. Thread-safe: many runs (on different threads ids) may execute at once.
 *
 * <p>Runs never throw for failures of nodes; they return a {@link RunResult} whose status says how
 * they ended. {@link #resume}, {@link #fork} and the thread-inspection methods need a
 * {@link CompileConfig#checkpointer() checkpointer} and raise {@link GraphException} without one.
 *
 * <p>Parallel nodes run on the run's executor, else the config's, else a bounded pool the graph owns
 * and {@link #close() releases}.
 */
public final class CompiledGraph implements AutoCloseable {

    final List<Key<?>> keys;
    final Map<String, StateGraph.NodeSpec> nodes;
    final Map<String, Integer> order;
    final Map<String, List<String>> edges;
    final Map<String, List<StateGraph.Branch>> branches;
    final List<StateGraph.Join> joins;
    final CompileConfig config;
    final StateCodec codec;
    final boolean hasDeferred;
    /**
     * Per node whose only ways on are plain edges (no conditional edge, not a join source): its next tasks after it
     * ran alone in a step without a Command, immutable and shared by every run; {@link GraphRun#NOT_PLAIN} otherwise.
     */
    final java.util.concurrent.ConcurrentHashMap<String, List<Checkpoint.Task>> plainSuccessors = new java.util.concurrent.ConcurrentHashMap<>();
    final boolean managed;
    private volatile ThreadPoolExecutor ownPool;
    /**
     * Graphs invoked inside a node's function (they join the node's run), by node, in call order within the node
     * ({@code #2} is the second); read by {@link #snapshot(String, boolean)} to show a paused one. Learned when the
     * node runs in this process.
     */
    private final java.util.concurrent.ConcurrentMap<String, List<CompiledGraph>> joinedGraphs = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean closed;
    private final AtomicInteger threadSeq = new AtomicInteger();

    CompiledGraph(List<Key<?>> keys, Map<String, StateGraph.NodeSpec> nodes, Map<String, List<String>> edges,
                  Map<String, List<StateGraph.Branch>> branches, List<StateGraph.Join> joins, CompileConfig config) {
        this.keys = List.copyOf(keys);
        this.nodes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(nodes));
        this.order = new java.util.HashMap<>();
        int i = 0;
        for (String n : nodes.keySet()) {
            order.put(n, i++);
        }
        this.edges = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(edges));
        this.branches = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(branches));
        this.joins = joins;
        this.config = config;
        this.codec = StateCodec.of(keys);
        this.hasDeferred = nodes.values().stream().anyMatch(StateGraph.NodeSpec::defer);
        this.managed = keys.stream().anyMatch(k -> ManagedValues.isManaged(k.name()));
    }

    /**
     * Runs on a new random thread id with default settings, or, called inside a node function of a running
     * graph, as part of that run (LangGraph's inner {@code invoke}, which inherits the node's config): its
     * checkpoints go under the parent's thread in the namespace {@code node:taskId} (or {@code node} when
     * {@link CompileConfig#statefulSubgraph() stateful}; a second graph invoked in the same node gets
     * {@code #2} appended), its interrupt pauses the parent run (this call throws the {@link GraphInterrupt};
     * let it propagate), and when the parent is resumed and the node calls this again, this graph resumes
     * from its interrupt with the resume value instead of starting over. A {@link Command#PARENT} command of
     * its nodes is applied to the parent as the node's result. A joined run shares the parent run's cost
     * scope (and budget): the usage figures of its result are that scope's.
     *
     * @param input the initial update, applied through the reducers to the empty state (or, for a stateful
     *              graph joined to a parent thread, to the state its previous call left)
     * @return the run's outcome: final state, or the failure (a standalone run also returns pending interrupts)
     * @throws GraphInterrupt only when the run joined a parent's node and paused
     */
    public RunResult invoke(Update input) {
        Objects.requireNonNull(input, "input");
        GraphRun.TaskContext task = GraphRun.currentTask();
        if (task != null) {
            return task.invokeJoined(this, input);
        }
        return invoke(input, RunConfig.defaults());
    }

    /**
     * Runs the graph: applies {@code input} (through the reducers) to the thread's latest state (the
     * empty state for a new thread), then executes super-steps from START until END, an interrupt,
     * a failure, the recursion limit or the budget.
     *
     * <p>Checkpoints follow LangGraph's layout: an input checkpoint (source {@code input}, step -1 on a new
     * thread, else the latest step + 1) whose one task is {@code __start__}, the checkpoint of the
     * {@code __start__} step that applied the input (source {@code loop}), then one per super-step.
     *
     * <p>With an explicit config the run is standalone even inside a node function (its own thread, cost
     * scope and result); {@link #invoke(Update)} inside a node function joins the node's run instead.
     *
     * @param input the update applied to the thread's latest state before the first step
     * @param config the thread id, executor, recursion limit, budget and other per-run settings
     * @return the run's outcome: final state and status (completed, interrupted with its interrupts, or failed)
     */
    public RunResult invoke(Update input, RunConfig config) {
        Objects.requireNonNull(input, "input");
        return new GraphRun(this, config, null, null).start(input);
    }

    /**
     * Runs like {@link #invoke(Update, RunConfig)} on the run's executor and returns its events as
     * they happen; the stream ends after the terminal event ({@link GraphEvent.RunCompleted},
     * {@link GraphEvent.Interrupted} or {@link GraphEvent.RunFailed}). Closing the stream early does
     * not cancel the run.
     *
     * @param input the update applied to the thread's latest state before the first step
     * @param config the thread id, executor and other per-run settings; the run executes on its executor
     * @return a blocking, ordered stream of the run's events, ending with exactly one terminal event
     */
    public Stream<GraphEvent> stream(Update input, RunConfig config) {
        BlockingQueue<GraphEvent> queue = new LinkedBlockingQueue<>();
        GraphRun run = new GraphRun(this, config, null, (ns, e) -> queue.add(e));
        launch(config, run, () -> run.start(input));
        return drain(queue);
    }

    /**
     * Like {@link #stream(Update, RunConfig)} for {@link #resume(Resume, RunConfig)}.
     *
     * @param resume the value (or interrupt-id map) and state edit to resume with
     * @param config names the thread to continue, plus per-run settings
     * @return a blocking, ordered stream of the run's events, ending with exactly one terminal event
     * @throws GraphException if a single resume value is given while several interrupts are pending
     */
    public Stream<GraphEvent> streamResume(Resume resume, RunConfig config) {
        Checkpoint latest = checkResume(resume, config);
        BlockingQueue<GraphEvent> queue = new LinkedBlockingQueue<>();
        GraphRun run = new GraphRun(this, config, null, (ns, e) -> queue.add(e));
        launch(config, run, () -> run.resume(resume, latest));
        return drain(queue);
    }

    /**
     * Runs like {@link #invoke(Update, RunConfig)} and streams the chosen {@link StreamMode}s (LangGraph's
     * {@code graph.stream(input, config, stream_mode=[...], subgraphs=...)}). The stream ends when the run
     * completes or pauses (a pause emits an {@code __interrupt__} part in {@link StreamMode#UPDATES});
     * when the run fails, reading past the last part throws the failure (a {@link RuntimeException} as
     * is, anything else wrapped in a {@link GraphException}).
     *
     * @param modes     at least one mode
     * @param subgraphs whether parts of subgraphs are included (with their {@link StreamPart#namespace()})
     * @param input the update applied to the thread's latest state before the first step
     * @param config the thread id, executor and other per-run settings; the run executes on its executor
     * @return a blocking, ordered stream of the parts of the chosen modes
     * @throws IllegalArgumentException if {@code modes} is empty
     */
    public Stream<StreamPart> stream(Update input, RunConfig config, Set<StreamMode> modes, boolean subgraphs) {
        Objects.requireNonNull(input, "input");
        PartSink parts = new PartSink(Set.copyOf(modes), subgraphs, this.config.clock());
        GraphRun run = new GraphRun(this, config, null, parts);
        launch(config, run, () -> run.start(input));
        return parts.drain();
    }

    /**
     * Like {@link #stream(Update, RunConfig, Set, boolean)} for {@link #resume(Resume, RunConfig)}.
     *
     * @param resume the value (or interrupt-id map) and state edit to resume with
     * @param config names the thread to continue, plus per-run settings
     * @param modes at least one mode
     * @param subgraphs whether parts of subgraphs are included (with their {@link StreamPart#namespace()})
     * @return a blocking, ordered stream of the parts of the chosen modes
     * @throws GraphException if a single resume value is given while several interrupts are pending
     */
    public Stream<StreamPart> streamResume(Resume resume, RunConfig config, Set<StreamMode> modes, boolean subgraphs) {
        Checkpoint latest = checkResume(resume, config);
        PartSink parts = new PartSink(Set.copyOf(modes), subgraphs, this.config.clock());
        GraphRun run = new GraphRun(this, config, null, parts);
        launch(config, run, () -> run.resume(resume, latest));
        return parts.drain();
    }

    /** Runs a streamed run's coordinator; whatever happens, the stream gets exactly one terminal event. */
    private void launch(RunConfig config, GraphRun run, Runnable body) {
        Runnable guarded = () -> {
            try {
                body.run();
            } catch (Throwable t) {
                run.ensureTerminal(t);
                throw t;
            } finally {
                run.ensureTerminal(null);
            }
        };
        try {
            executorFor(config).execute(guarded);
        } catch (java.util.concurrent.RejectedExecutionException full) {
            overflowThread(guarded).start();
        }
    }

    private static Stream<GraphEvent> drain(BlockingQueue<GraphEvent> queue) {
        java.util.Iterator<GraphEvent> it = new java.util.Iterator<>() {
            boolean done;

            @Override
            public boolean hasNext() {
                return !done;
            }

            @Override
            public GraphEvent next() {
                if (done) {
                    throw new java.util.NoSuchElementException();
                }
                try {
                    GraphEvent e = queue.take();
                    done = e instanceof GraphEvent.RunCompleted || e instanceof GraphEvent.RunFailed
                            || e instanceof GraphEvent.Interrupted;
                    return e;
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new GraphException("Interrupted while waiting for graph events", ex);
                }
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /**
     * Continues thread {@code threadId} with default settings.
     *
     * @param threadId the id of the paused thread
     * @param resume the value (or interrupt-id map) and state edit to resume with
     * @return the outcome of the continued run
     * @throws GraphException as {@link #resume(Resume, RunConfig)}
     */
    public RunResult resume(String threadId, Resume resume) {
        return resume(resume, RunConfig.forThread(threadId));
    }

    /**
     * Continues the thread of {@code config} from its latest checkpoint: applies the resume's state
     * edit (as a new checkpoint), hands its value to the interrupted node, re-runs only the tasks of
     * the unfinished step that have no saved writes, and skips the interrupt-before that paused it.
     *
     * <p>When several interrupts are pending, a resume value must be a map from
     * {@link RunResult.Interrupt#id() interrupt id} to value (see {@link Checkpoint#interrupts()}); interrupts
     * the map does not name stay pending (their nodes run again and interrupt again).
     *
     * @param resume the value (or interrupt-id map) handed to the interrupted node(s), and an optional state edit
     * @param config names the thread to continue ({@link RunConfig#forThread(String)}), plus per-run settings
     * @return the outcome of the continued run
     * @throws GraphException if there is no checkpointer, the thread has no checkpoint, or a single resume
     *                        value is given while several interrupts are pending
     */
    public RunResult resume(Resume resume, RunConfig config) {
        Objects.requireNonNull(resume, "resume");
        Checkpoint latest = checkResume(resume, config);
        return new GraphRun(this, config, null, null).resume(resume, latest);
    }

    /**
     * Continues the thread as {@link #resume(Resume, RunConfig)} with {@link Resume#of(Command)}:
     * LangGraph's {@code graph.invoke(Command(resume=..., update=..., goto=...), config)}.
     *
     * @param command the resume value, state update and/or goto target
     * @param config names the thread to continue, plus per-run settings
     * @return the outcome of the continued run
     * @throws GraphException if there is no checkpointer or the thread has no checkpoint
     */
    public RunResult resume(Command command, RunConfig config) {
        return resume(Resume.of(Objects.requireNonNull(command, "command")), config);
    }

    /**
     * Loads the thread's latest checkpoint once (the run reuses it, so a resume costs one read) and refuses a single
     * resume value while several interrupts are pending. Empty when the thread has no checkpoint (the run reports it).
     */
    private Checkpoint checkResume(Resume resume, RunConfig config) {
        Checkpointer cp = checkpointer();
        Checkpoint c = (config.checkpointId() == null ? cp.latest(config.threadId(), codec)
                : cp.get(config.threadId(), config.checkpointId(), codec)).orElse(null);
        if (c != null && resume.hasValue()) {
            Set<String> ids = new java.util.TreeSet<>();
            c.interrupts().forEach(i -> ids.add(i.id()));
            if (ids.size() > 1 && !Command.isResumeMap(resume.rawValue(), ids)) {
                throw new GraphException("When there are multiple pending interrupts, you must specify the interrupt id "
                        + "when resuming: Command.resume(Map.of(id, value, ...)) with ids " + ids);
            }
        }
        return c;
    }

    /**
     * Time travel: continues the thread from an earlier checkpoint, after applying {@code edit}
     * (through the reducers). The new checkpoints form a new branch whose parent is
     * {@code checkpointId}; the original history stays intact and listed by {@link #history}.
     *
     * @param checkpointId the id of the earlier checkpoint to branch from (see {@link #history})
     * @param edit the state edit applied to that checkpoint before running; may be empty
     * @param config names the thread, plus per-run settings
     * @return the outcome of the run on the new branch
     * @throws GraphException if there is no checkpointer or the checkpoint does not exist
     */
    public RunResult fork(String checkpointId, Update edit, RunConfig config) {
        return new GraphRun(this, config, null, null).fork(Objects.requireNonNull(checkpointId, "checkpointId"),
                edit == null ? Update.empty() : edit);
    }

    /**
     * Edits a paused thread's state without running anything (LangGraph's {@code update_state}): applies
     * {@code edit} through the reducers to the latest checkpoint and saves the result as a new
     * checkpoint (source {@code update}) with the same next tasks and pending writes, so the next
     * {@link #resume} continues from the edited state.
     *
     * @param threadId the id of the thread to edit
     * @param edit the keys to write, applied through the reducers
     * @return the new checkpoint
     * @throws GraphException         without a checkpointer or if the thread has no checkpoint
     * @throws InvalidUpdateException if the edit writes a key the graph does not declare or a wrong type
     */
    public Checkpoint updateState(String threadId, Update edit) {
        Checkpointer cp = checkpointer();
        Checkpoint latest = cp.latest(threadId, codec)
                .orElseThrow(() -> new GraphException("Thread '" + threadId + "' has no checkpoint to update"));
        for (String key : edit.keys()) {
            if (!codec.keys().containsKey(key)) {
                throw new InvalidUpdateException("State edit writes key '" + key + "' which is not part of the graph's state "
                        + codec.keys().keySet());
            }
        }
        Map<String, Object> meta = new java.util.LinkedHashMap<>(latest.metadata());
        meta.put("source", "update");
        meta.put("writers", List.of("updateState"));
        meta.put("taskBase", GraphRun.taskBase(latest)); // same paused tasks: their subgraphs keep their namespaces
        Checkpoint updated = new Checkpoint(GraphRun.checkpointId(config.clock()), threadId, latest.id(), latest.step(), config.clock().instant(),
                latest.state().apply(edit), edit, latest.next(), latest.joins(), meta, List.of());
        cp.save(updated, codec);
        if (!latest.pendingWrites().isEmpty()) {
            cp.saveWrites(threadId, updated.id(), latest.pendingWrites(), codec);
        }
        return updated.withPendingWrites(latest.pendingWrites());
    }

    /**
     * LangGraph's {@code update_state(config, values, as_node=...)}: applies {@code edit} as if node
     * {@code asNode} had returned it (through the reducers; a {@link Command}'s goto counts too) to the
     * thread's latest checkpoint, and saves a checkpoint at the next step whose next tasks are what
     * follows {@code asNode} (its edges, conditional edges and joins). Pending tasks of the old checkpoint
     * are dropped, so a following {@link #resume} continues after {@code asNode}.
     *
     * @param asNode a node of this graph, or {@link StateGraph#START} to apply the edit as input
     * @param threadId the id of the thread to edit
     * @param edit the keys to write, applied through the reducers as {@code asNode}'s output
     * @return the new checkpoint
     * @throws GraphException         without a checkpointer or if the thread has no checkpoint
     * @throws InvalidUpdateException if the edit writes an undeclared key or {@code asNode} is unknown
     */
    public Checkpoint updateState(String threadId, Update edit, String asNode) {
        Checkpoint base = checkpointer().latest(threadId, codec)
                .orElseThrow(() -> new GraphException("Thread '" + threadId + "' has no checkpoint to update"));
        return updateAsNode(base, edit, asNode, false);
    }

    /**
     * Forks without running (LangGraph's {@code update_state} on a past {@code checkpoint_id}): like
     * {@link #updateState(String, Update, String)} but based on checkpoint {@code checkpointId}; the new
     * checkpoint's parent is that one, the original history stays intact.
     *
     * @param threadId the id of the thread to edit
     * @param checkpointId the id of the earlier checkpoint to base the edit on
     * @param edit the keys to write, applied through the reducers as {@code asNode}'s output
     * @param asNode a node of this graph, or {@link StateGraph#START} to apply the edit as input
     * @return the new checkpoint, a child of {@code checkpointId}
     * @throws GraphException if there is no checkpointer or the checkpoint does not exist
     * @throws InvalidUpdateException if the edit writes an undeclared key or {@code asNode} is unknown
     */
    public Checkpoint updateState(String threadId, String checkpointId, Update edit, String asNode) {
        Checkpoint base = checkpointer().get(threadId, checkpointId, codec)
                .orElseThrow(() -> new GraphException("Thread '" + threadId + "' has no checkpoint " + checkpointId));
        return updateAsNode(base, edit, asNode, true);
    }

    private Checkpoint updateAsNode(Checkpoint base, Update edit, String asNode, boolean past) {
        Objects.requireNonNull(asNode, "asNode");
        if (!asNode.equals(StateGraph.START) && !nodes.containsKey(asNode)) {
            throw new InvalidUpdateException("updateState asNode names unknown node '" + asNode + "'; nodes are " + nodes.keySet());
        }
        for (String key : edit.keys()) {
            if (!codec.keys().containsKey(key) || ManagedValues.isManaged(key)) {
                throw new InvalidUpdateException("State edit writes key '" + key + "' which is not part of the graph's state "
                        + codec.keys().keySet());
            }
        }
        AgentState after = base.state().apply(edit);
        Map<String, List<String>> joins = new java.util.LinkedHashMap<>(base.joins());
        List<Checkpoint.Task> next = new GraphRun(this, RunConfig.forThread(base.threadId()), null, null)
                .routeAfter(asNode, edit, base.state(), after, joins);
        Map<String, Object> meta = new java.util.LinkedHashMap<>(base.metadata());
        meta.put("source", "update");
        meta.put("writers", List.of(asNode));
        meta.remove("taskBase"); // new tasks: their subgraphs start afresh
        meta.remove("replayFrom");
        if (past) { // the next resume without a value time-travels: stateful subgraphs start from their state at base
            meta.put("replayFrom", base.id());
        }
        Checkpoint updated = new Checkpoint(GraphRun.checkpointId(config.clock()), base.threadId(), base.id(), base.step() + 1, config.clock().instant(),
                after, edit, next, joins, meta, List.of());
        checkpointer().save(updated, codec);
        return updated;
    }

    /**
     * LangGraph's {@code get_state(config)}: the latest checkpoint with the writes of the tasks that
     * already finished in its unfinished step applied, and {@code next} listing only what still has to
     * run (e.g. after a failure, only the failed node).
     *
     * @param threadId the thread's id
     * @return the thread's current state and next tasks, or empty if the thread has no checkpoint
     * @throws GraphException without a checkpointer
     */
    public Optional<StateSnapshot> snapshot(String threadId) {
        return checkpointer().latest(threadId, codec).map(StateSnapshot::of);
    }

    /**
     * LangGraph's {@code get_state(config, subgraphs=True)}: {@link #snapshot(String)} whose
     * {@link StateSnapshot#tasks() tasks} that run a subgraph (a node added with
     * {@link StateGraph#addNode(String, CompiledGraph)}) carry the subgraph's own snapshot when it has
     * checkpoints for that task, e.g. the paused subgraph of an interrupted parent, recursively.
     *
     * @param threadId the thread's id
     * @param subgraphs whether to read the subgraphs' snapshots; false is {@link #snapshot(String)}
     * @return the thread's current state, next tasks and (when asked) its subgraphs' states, or empty for an unknown thread
     * @throws GraphException without a checkpointer
     */
    public Optional<StateSnapshot> snapshot(String threadId, boolean subgraphs) {
        return snapshotOn(checkpointer(), threadId, subgraphs);
    }

    private Optional<StateSnapshot> snapshotOn(Checkpointer store, String threadId, boolean subgraphs) {
        Optional<Checkpoint> latest = store.latest(threadId, codec);
        if (latest.isEmpty() || !subgraphs) {
            return latest.map(StateSnapshot::of);
        }
        Checkpoint c = latest.get();
        String base = GraphRun.taskBase(c);
        String ns = Checkpointer.checkpointNs(threadId);
        List<StateSnapshot.Task> tasks = new java.util.ArrayList<>();
        for (int i = 0; i < c.next().size(); i++) {
            String node = c.next().get(i).node();
            StateGraph.NodeSpec spec = nodes.get(node);
            String taskId = GraphRun.taskId(base, c.step() + 1, i, node);
            if (spec == null || spec.subgraph() == null) {
                tasks.add(joinedTask(store, threadId, ns, node, taskId));
                continue;
            }
            tasks.add(childTask(store, threadId, ns, node, taskId, spec.subgraph(), ""));
        }
        return Optional.of(StateSnapshot.of(c).withTasks(tasks));
    }

    /** The task of a subgraph node (or of a graph invoked inside a node, {@code suffix} {@code #k}) with its snapshot. */
    private static StateSnapshot.Task childTask(Checkpointer store, String threadId, String ns, String node, String taskId,
                                                CompiledGraph sub, String suffix) {
        if (sub.config.checkpointerDisabled()) {
            return new StateSnapshot.Task(node, null, null); // LangGraph's checkpointer=False: nothing is kept
        }
        String segment = (sub.config.statefulSubgraph() ? node : node + ":" + taskId) + suffix;
        String childNs = ns.isEmpty() ? segment : ns + "|" + segment;
        Checkpointer childStore = sub.config.checkpointer() != null ? sub.config.checkpointer() : store;
        StateSnapshot childState = sub.snapshotOn(childStore, Checkpointer.subgraphThreadId(threadId, childNs), true).orElse(null);
        return new StateSnapshot.Task(node, childNs, childState);
    }

    /**
     * The task of a plain node with the snapshot of a graph invoked inside its function: the first of them that is
     * paused, else the first with checkpoints for the task; without either, the task alone.
     */
    private StateSnapshot.Task joinedTask(Checkpointer store, String threadId, String ns, String node, String taskId) {
        List<CompiledGraph> inner = joinedGraphs.getOrDefault(node, List.of());
        StateSnapshot.Task found = null;
        for (int k = 0; k < inner.size(); k++) {
            StateSnapshot.Task t = childTask(store, threadId, ns, node, taskId, inner.get(k), k == 0 ? "" : "#" + (k + 1));
            if (t.state() != null && !t.state().next().isEmpty()) {
                return t;
            }
            if (found == null && t.state() != null) {
                found = t;
            }
        }
        return found != null ? found : new StateSnapshot.Task(node, null, null);
    }

    /** Remembers that {@code node} invoked {@code child} as its {@code k}-th graph (1-based) inside its function. */
    void registerJoined(String node, int k, CompiledGraph child) {
        List<CompiledGraph> known = joinedGraphs.getOrDefault(node, List.of());
        if (known.size() >= k && known.get(k - 1) == child) {
            return;
        }
        joinedGraphs.compute(node, (n, list) -> {
            List<CompiledGraph> out = new java.util.ArrayList<>(list == null ? List.of() : list);
            while (out.size() < k) {
                out.add(child);
            }
            out.set(k - 1, child);
            return List.copyOf(out);
        });
    }

    /**
     * The thread's latest checkpoint.
     *
     * @param threadId the thread's id (as in {@link RunConfig#forThread(String)})
     * @return the newest checkpoint with its pending writes, or empty if the thread has none
     * @throws GraphException without a checkpointer
     */
    public Optional<Checkpoint> state(String threadId) {
        return checkpointer().latest(threadId, codec);
    }

    /**
     * The thread's checkpoints, newest first.
     *
     * @param threadId the thread's id (as in {@link RunConfig#forThread(String)})
     * @return every checkpoint of the thread (all branches of a forked history), empty for an unknown thread
     * @throws GraphException without a checkpointer
     */
    public List<Checkpoint> history(String threadId) {
        return checkpointer().history(threadId, codec);
    }

    /** {@return the codec for this graph's keys (for stores and tools)} */
    public StateCodec codec() {
        return codec;
    }

    /** {@return the declared state keys} */
    public List<Key<?>> keys() {
        return keys;
    }

    /** {@return node names in the order they were added} */
    public Set<String> nodeNames() {
        return nodes.keySet();
    }

    Checkpointer checkpointer() {
        Checkpointer c = config.checkpointer();
        if (c == null) {
            throw new GraphException("This graph was compiled without a checkpointer");
        }
        return c;
    }

    Executor executorFor(RunConfig config) {
        if (config.executor() != null) {
            return config.executor();
        }
        if (this.config.executor() != null) {
            return this.config.executor();
        }
        ThreadPoolExecutor e = ownPool;
        if (e == null || closed) {
            synchronized (this) {
                if (closed) {
                    throw new GraphException("Graph '" + this.config.name() + "' was closed; give the run an executor "
                            + "(RunConfig.builder().executor(...)) or compile a new graph");
                }
                e = ownPool;
                if (e == null) {
                    int n = this.config.defaultParallelism();
                    ThreadPoolExecutor pool = new ThreadPoolExecutor(n, n, 30, TimeUnit.SECONDS,
                            new ArrayBlockingQueue<>(this.config.defaultQueueCapacity()), threads("pool"),
                            new ThreadPoolExecutor.AbortPolicy());
                    pool.allowCoreThreadTimeOut(true);
                    ownPool = e = pool;
                }
            }
        }
        return e;
    }

    /** Threads for work the bounded pool rejected but that must not run on the caller (timed nodes, streams). */
    Thread overflowThread(Runnable r) {
        return threads("overflow").newThread(r);
    }

    private ThreadFactory threads(String kind) {
        return r -> {
            Thread t = new Thread(r, "salesagent-graph-" + this.config.name() + "-" + kind + "-" + threadSeq.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Shuts down the graph-owned pool (if one was started) after its running nodes finish. Executors
     * given in {@link CompileConfig} or {@link RunConfig} are not touched. Afterwards runs need an
     * executor in their {@link RunConfig}. Idempotent.
     */
    @Override
    public void close() {
        ThreadPoolExecutor pool;
        synchronized (this) {
            closed = true;
            pool = ownPool;
        }
        if (pool != null) {
            pool.shutdown();
        }
    }

    /** This graph as a node of a parent graph, sharing keys by name. */
    Node asNode() {
        return new SubgraphNode(this, null, null);
    }

    /**
     * This graph as a node of a parent graph with explicit mapping: {@code input} builds the child's
     * input from the parent state, {@code output} turns the child's final state into the parent update.
     *
     * @param input maps the parent's state to the child's input update
     * @param output maps the child's final state to the update returned to the parent
     * @return a node that runs this graph to completion for each invocation
     */
    public Node asNode(Function<AgentState, Update> input, Function<AgentState, Update> output) {
        return new SubgraphNode(this, Objects.requireNonNull(input, "input"), Objects.requireNonNull(output, "output"));
    }

    /**
     * The graph as a Mermaid flowchart, drawn as LangGraph draws it: START and END as stadiums, plain
     * edges solid, conditional edges dotted with their labels.
     *
     * @return Mermaid {@code flowchart} source text, one node or edge per line
     */
    public String toMermaid() {
        StringBuilder sb = new StringBuilder();
        sb.append("---\ntitle: ").append(config.name()).append("\n---\n");
        sb.append("graph TD;\n");
        sb.append("\t").append(StateGraph.START).append("([<p>").append(StateGraph.START).append("</p>]):::first\n");
        for (String n : nodes.keySet()) {
            sb.append("\t").append(n).append("(").append(n).append(")\n");
        }
        sb.append("\t").append(StateGraph.END).append("([<p>").append(StateGraph.END).append("</p>]):::last\n");
        edges.forEach((from, tos) -> tos.forEach(to -> sb.append("\t").append(from).append(" --> ").append(to).append(";\n")));
        for (StateGraph.Join j : joins) {
            j.sources().forEach(from -> sb.append("\t").append(from).append(" --> ").append(j.target()).append(";\n"));
        }
        branches.forEach((from, list) -> list.forEach(b -> new java.util.TreeMap<>(b.routes()).forEach((label, to) -> {
            if (label.equals(to)) {
                sb.append("\t").append(from).append(" -.-> ").append(to).append(";\n");
            } else {
                sb.append("\t").append(from).append(" -. &nbsp;").append(label).append("&nbsp; .-> ").append(to).append(";\n");
            }
        })));
        sb.append("\tclassDef default fill:#f2f0ff,line-height:1.2\n");
        sb.append("\tclassDef first fill-opacity:0\n");
        sb.append("\tclassDef last fill:#bfb6fc\n");
        return sb.toString();
    }
}
