package dev.salesagent.agents.graph;

import dev.salesagent.core.context.AiContext;
import dev.salesagent.core.cost.BudgetExceededException;
import dev.salesagent.core.cost.CostScope;
import io.micrometer.observation.Observation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The super-step (Pregel/BSP) executor of one run. Not thread-safe; one instance per run. Tasks of a
 * step run on the executor (the coordinator runs any task the executor has not started yet itself,
 * so nested graphs on a bounded pool cannot deadlock); their updates are applied after the step in
 * task order, which is node-definition order followed by sends in emission order.
 */
final class GraphRun {

    private static final Logger LOG = LoggerFactory.getLogger(GraphRun.class);
    /** The task whose node function runs on this thread (a graph invoked inside it joins its run). */
    private static final ThreadLocal<TaskContext> CURRENT = new ThreadLocal<>();

    /** {@return the task whose node function is running on this thread, or null} */
    static TaskContext currentTask() {
        return CURRENT.get();
    }
    static final String MDC_RUN_ID = "salesagent.run_id";
    static final String MDC_THREAD_ID = "salesagent.thread_id";
    static final String MDC_NODE = "salesagent.node";

    private final CompiledGraph g;
    private final RunConfig cfg;
    private final Checkpointer cp;
    private final EventSink sink;
    /** The state with an interrupted step's finished writes applied (what the interrupted run reports), or null. */
    private AgentState interruptedView;
    /** Set while the run travels back in time (a fork, or the first resume of a past-checkpoint edit), else null. */
    private ReplayPoint replay;
    /** The checkpoint a stateful child starts from instead of its latest during a replay (empty: start afresh), or null. */
    private Optional<Checkpoint> startBase;

    /**
     * LangGraph's {@code ReplayState}: while a parent replays from a past checkpoint, the first call of each stateful
     * subgraph starts from that subgraph's newest checkpoint saved before the replay point (checkpoint ids are
     * time-ordered), later calls (loops) from its latest. Shared by reference with every nested run of the replay.
     */
    static final class ReplayPoint {
        final String beforeId;
        private final Set<String> visited = java.util.concurrent.ConcurrentHashMap.newKeySet();

        ReplayPoint(String beforeId) {
            this.beforeId = beforeId;
        }

        /** The replay point of a run continuing from {@code c}: an edit's or fork's own parent, else {@code c} itself. */
        static ReplayPoint from(Checkpoint c) {
            Object source = c.metadata().get("source");
            boolean edited = ("update".equals(source) || "fork".equals(source)) && c.parentId() != null;
            return new ReplayPoint(edited ? c.parentId() : c.id());
        }

        /** Whether this is the replay's first call of the subgraph namespace {@code ns} (a task id suffix ignored). */
        boolean firstVisit(String ns) {
            int bar = ns.lastIndexOf('|');
            int colon = ns.lastIndexOf(':');
            return visited.add(colon > bar ? ns.substring(0, colon) : ns);
        }

        /** The newest checkpoint of {@code thread} saved before the replay point, if any. */
        Optional<Checkpoint> baseOf(Checkpointer store, String thread, StateCodec codec) {
            for (Checkpoint c : store.history(thread, codec)) { // newest first
                if (c.id().compareTo(beforeId) < 0) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }
    }

    /** Where a streamed run's events go, with the namespace of the (sub)graph that produced them. */
    interface EventSink {
        void accept(List<String> namespace, GraphEvent event);

        /** The full state after the input or a super-step (for {@link StreamMode#VALUES}). */
        default void values(List<String> namespace, int step, AgentState state) {
        }
    }
    private final String runId;
    private final String threadId;
    private final CostScope scope;
    private final AiContext context;
    private final Executor executor;
    private final Object emitLock = new Object();

    private AgentState state = AgentState.empty();
    private List<Checkpoint.Task> next = List.of();
    private Map<String, List<String>> joinsSeen = Map.of();
    private String checkpointId;
    /** The checkpoint the current step's tasks started from (LangGraph derives task ids from it); kept across a resume's update. */
    private String stepBase;
    private int step;
    private final List<IndexedStep> steps = new ArrayList<>();
    private final List<Update.Entry> allWrites;
    private Observation runObservation;
    private int remainingSteps;
    /** The state right after this run's {@code __start__} step applied the input (a subgraph hands back what it added to it). */
    private AgentState afterInput;
    private volatile RunResult terminal;
    private boolean exited;
    /**
     * On a resume: the ids of the interrupts pending per task index (a subgraph task holds one per interrupt of its
     * subgraph), and all of them; empty otherwise.
     */
    private Map<Integer, List<String>> pendingIdsByTask = Map.of();
    private Set<String> pendingIds = Set.of();
    /**
     * LangGraph's null resume inherited from the parent task (a subgraph compiled without persistence restarts on
     * the parent's resume; its first {@code interrupt()} takes this value), or {@link #NO_RESUME}.
     */
    private Object inheritedResume = NO_RESUME;
    /** The run's spent total at the last checkpoint and its text (checkpoint metadata {@code costUsd}). */
    private BigDecimal lastSpent;
    private String lastSpentText;
    private final java.util.concurrent.atomic.AtomicBoolean inheritedResumeTaken = new java.util.concurrent.atomic.AtomicBoolean();
    private static final Object NO_RESUME = new Object();

    GraphRun(CompiledGraph g, RunConfig cfg, Checkpointer parentCheckpointer, EventSink sink) {
        this(g, cfg, parentCheckpointer, sink, false);
    }

    GraphRun(CompiledGraph g, RunConfig cfg, Checkpointer parentCheckpointer, EventSink sink, boolean nested) {
        this.g = g;
        this.cfg = cfg;
        this.cp = g.config.checkpointer() != null ? g.config.checkpointer() : parentCheckpointer;
        this.sink = sink;
        this.runId = newId();
        this.threadId = cfg.threadId();
        AiContext outer = AiContext.current();
        if (nested && outer.costScope() != null) {
            this.scope = outer.costScope();
            this.context = outer;
        } else {
            this.scope = cfg.maxCost() == null ? CostScope.unlimited("run:" + runId)
                    : CostScope.withLimit("run:" + runId, cfg.maxCost());
            this.context = AiContext.builder()
                    .tenant(cfg.tenant() != null ? cfg.tenant() : outer.tenant())
                    .user(cfg.user() != null ? cfg.user() : outer.user())
                    .feature(cfg.feature() != null ? cfg.feature() : outer.feature())
                    .attributes(outer.attributes())
                    .runId(runId).costScope(scope).build();
        }
        this.executor = g.executorFor(cfg);
        this.allWrites = nested ? new ArrayList<>() : null;
    }

    /** Last (unix millis << 12 | counter) handed out by {@link #checkpointId}: ids are strictly increasing in this JVM. */
    private static final java.util.concurrent.atomic.AtomicLong LAST_ID_TIME = new java.util.concurrent.atomic.AtomicLong();

    /**
     * A time-ordered checkpoint id (UUID version 7, RFC 9562, with a 12-bit counter after the milliseconds taken
     * from {@code clock}), so a thread's checkpoint ids sort as they were created, like LangGraph's uuid6 ids:
     * strictly increasing within the JVM even when the clock stands still or goes back.
     */
    static String checkpointId(java.time.Clock clock) {
        long now = clock.millis() << 12;
        long t = LAST_ID_TIME.updateAndGet(last -> Math.max(now, last + 1));
        long msb = ((t >>> 12) << 16) | 0x7000L | (t & 0xFFFL);
        long lsb = (ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    static String newId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new UUID((r.nextLong() & ~0xF000L) | 0x4000L, (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
    }

    // ------------------------------------------------------------------ entry points

    RunResult start(Update input) {
        return guarded(() -> {
            String parent = null;
            int inputStep = -1;
            if (cp != null) {
                Optional<Checkpoint> latest = startBase != null ? startBase : cfg.checkpointId() == null
                        ? cp.latest(threadId, g.codec)
                        : Optional.of(cp.get(threadId, cfg.checkpointId(), g.codec).orElseThrow(() -> new GraphException(
                        "Thread '" + threadId + "' has no checkpoint " + cfg.checkpointId())));
                if (latest.isPresent()) {
                    state = latest.get().state();
                    parent = latest.get().id();
                    inputStep = latest.get().step() + 1;
                    if (cfg.checkpointId() != null) {
                        // a branch off a past checkpoint opens with a fork checkpoint (only forks and edits may branch)
                        next = latest.get().next();
                        joinsSeen = latest.get().joins();
                        save(parent, latest.get().step(), Update.empty(), "fork", List.of("fork"));
                        parent = checkpointId;
                    }
                }
            }
            // LangGraph's layout: an input checkpoint (source "input") whose one task is __start__ carrying the input,
            // then the __start__ step applies it (source "loop") and the nodes follow
            next = List.of(new Checkpoint.Task(StateGraph.START, Update.ofEntries(declaredOnly(input))));
            joinsSeen = Map.of();
            step = inputStep;
            save(parent, step, Update.empty(), "input", List.of());
            step++;
            return loop(Map.of(), false, null, false);
        });
    }

    /** Whether the next step is the input's {@code __start__} task (after {@link #start}, or loaded from an input checkpoint). */
    private boolean startPending() {
        return next.size() == 1 && next.get(0).node().equals(StateGraph.START);
    }

    /**
     * Runs the {@code __start__} task: applies its input through the reducers, routes from START, and saves the
     * step's checkpoint (LangGraph's step 0 of a new thread).
     */
    private void runStart() {
        Update input = next.get(0).input();
        AgentState merged = state.apply(input.entries(), "input");
        Map<String, List<String>> seen = g.joins.isEmpty() ? joinsSeen : new LinkedHashMap<>(joinsSeen); // only joins write it
        List<Checkpoint.Task> following = route(List.of(new Checkpoint.Task(StateGraph.START, Update.empty())),
                new Update[] {input}, state, merged, seen);
        state = merged;
        afterInput = merged;
        next = following;
        joinsSeen = seen;
        recordWrites(input.entries());
        save(checkpointId, step, input, "loop", List.of(StateGraph.START));
        stepBase = checkpointId;
        if (sink != null && !input.isEmpty()) { // LangGraph emits values only for a step that wrote the state
            sink.values(List.of(), step, state);
        }
        step++;
    }

    /** LangGraph's input rule: keys the graph does not declare are dropped from the input. */
    private List<Update.Entry> declaredOnly(Update input) {
        List<Update.Entry> out = null;
        List<Update.Entry> all = input.entries();
        for (int i = 0; i < all.size(); i++) {
            if (!g.codec.keys().containsKey(all.get(i).key().name())) {
                if (out == null) {
                    out = new ArrayList<>(all.subList(0, i));
                }
            } else if (out != null) {
                out.add(all.get(i));
            }
        }
        return out == null ? all : out;
    }

    RunResult resume(Resume resume) {
        return resume(resume, null);
    }

    /** Resumes from {@code loaded} when the caller already read the thread's latest checkpoint, else reads it. */
    RunResult resume(Resume resume, Checkpoint loaded) {
        return guarded(() -> {
            Checkpoint c = loaded != null ? loaded : (cfg.checkpointId() == null
                    ? requireCheckpointer().latest(threadId, g.codec)
                    : requireCheckpointer().get(threadId, cfg.checkpointId(), g.codec))
                    .orElseThrow(() -> new GraphException("Thread '" + threadId + "' has no checkpoint "
                            + (cfg.checkpointId() == null ? "to resume" : cfg.checkpointId())));
            load(c);
            List<PendingWrite> pending = c.pendingWrites();
            if (!resume.gotos().isEmpty()) {
                Set<String> plain = new LinkedHashSet<>();
                List<Checkpoint.Task> sends = new ArrayList<>();
                for (Object target : resume.gotos()) {
                    addGoto("resume", target, plain, sends);
                }
                List<Checkpoint.Task> more = new ArrayList<>(next);
                for (String n : plain) {
                    if (more.stream().noneMatch(t -> t.node().equals(n) && t.input().isEmpty())) {
                        more.add(new Checkpoint.Task(n, Update.empty()));
                    }
                }
                more.addAll(sends);
                next = more;
            }
            boolean edited = !resume.update().isEmpty() || !resume.gotos().isEmpty();
            if (edited || cfg.checkpointId() != null) { // a resume from a past checkpoint branches: a fork checkpoint
                state = state.apply(resume.update().entries(), "resume");
                recordWrites(resume.update().entries());
                save(c.id(), c.step(), resume.update(), edited ? "update" : "fork", List.of("resume")); // same tasks
                if (!pending.isEmpty()) {
                    cp.saveWrites(threadId, checkpointId, pending, g.codec);
                }
            }
            Map<Integer, PendingWrite> byTask = new HashMap<>();
            Map<Integer, List<String>> idsByTask = new HashMap<>();
            Set<String> ids = new java.util.HashSet<>();
            for (PendingWrite p : pending) {
                byTask.putIfAbsent(p.taskIndex(), p);
                if (p.kind() == PendingWrite.Kind.INTERRUPT && p.interruptId() != null) {
                    idsByTask.computeIfAbsent(p.taskIndex(), k -> new ArrayList<>()).add(p.interruptId());
                    ids.add(p.interruptId());
                }
            }
            pendingIdsByTask = idsByTask;
            pendingIds = ids;
            if (!resume.hasValue() && c.metadata().get("replayFrom") instanceof String from) {
                replay = new ReplayPoint(from); // LangGraph: invoke(None, config of a past-checkpoint edit) time-travels
            } else if (!resume.hasValue() && cfg.checkpointId() != null) {
                replay = ReplayPoint.from(c); // invoke(None, config with a checkpoint id): a replay from that point
            }
            if (sink != null) { // LangGraph: a resumed run first streams the values it continues from
                sink.values(List.of(), c.step(), state);
            }
            return loop(byTask, true, resume, true);
        });
    }

    RunResult fork(String fromCheckpointId, Update edit) {
        return guarded(() -> {
            Checkpoint c = requireCheckpointer().get(threadId, fromCheckpointId, g.codec)
                    .orElseThrow(() -> new GraphException("Thread '" + threadId + "' has no checkpoint " + fromCheckpointId));
            load(c);
            state = state.apply(edit.entries(), "fork");
            recordWrites(edit.entries());
            save(c.id(), c.step(), edit, "fork", List.of("fork"));
            stepBase = checkpointId; // a fork's tasks are new tasks (their subgraphs start afresh)
            replay = ReplayPoint.from(c);
            if (sink != null) { // as a resume: the values the fork continues from come first
                sink.values(List.of(), c.step(), state);
            }
            return loop(Map.of(), true, null, false);
        });
    }

    private Checkpointer requireCheckpointer() {
        if (cp == null) {
            throw new GraphException("Interrupts and resume need a checkpointer; compile the graph with "
                    + "CompileConfig.builder().checkpointer(...)");
        }
        return cp;
    }

    private void load(Checkpoint c) {
        state = c.state();
        next = c.next();
        joinsSeen = c.joins();
        checkpointId = c.id();
        stepBase = taskBase(c);
        step = c.step() + 1;
    }

    /** The checkpoint whose tasks {@code c}'s next tasks are: itself, or for a state edit the checkpoint it copied. */
    static String taskBase(Checkpoint c) {
        Object base = c.metadata().get("taskBase");
        return base instanceof String b ? b : c.id();
    }

    /**
     * LangGraph's task id: the same for the same task of the same step whenever the step is read or run again
     * (so a resumed subgraph finds its checkpoint namespace), new for the tasks of a fork.
     */
    static String taskId(String base, int step, int index, String node) {
        String key = base + "|" + step + "|" + index + "|" + node;
        return UUID.nameUUIDFromBytes(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    private interface Body {
        RunResult run();
    }

    private RunResult guarded(Body body) {
        runObservation = g.config.observationRegistry().isNoop() ? Observation.NOOP
                : Observation.createNotStarted("salesagent.graph.run", g.config.observationRegistry())
                .contextualName("graph run " + g.config.name())
                .lowCardinalityKeyValue("graph.name", g.config.name())
                .highCardinalityKeyValue("graph.run.id", runId)
                .highCardinalityKeyValue("graph.thread.id", threadId)
                .start();
        String prevRun = MDC.get(MDC_RUN_ID);
        String prevThread = MDC.get(MDC_THREAD_ID);
        MDC.put(MDC_RUN_ID, runId);
        MDC.put(MDC_THREAD_ID, threadId);
        try (AiContext.Scope ignored = context.makeCurrent(); Observation.Scope os = runObservation.openScope()) {
            RunResult r;
            try {
                if (hasAudience()) {
                    emit(new GraphEvent.RunStarted(runId, threadId, g.config.clock().instant()));
                }
                r = body.run();
            } catch (ParentCommand pc) {
                if (allWrites == null) {
                    r = failed(pc);
                } else {
                    throw pc; // the subgraph node hands it to the parent run
                }
            } catch (Throwable e) { // Errors too: the run must end with a terminal event, stream() readers must not hang
                r = terminal != null ? terminal : failed(e);
            }
            runObservation.lowCardinalityKeyValue("graph.run.status", r.status().name());
            if (r.error() != null) {
                runObservation.error(r.error());
            }
            if (r.error() instanceof VirtualMachineError vme) {
                throw vme; // reported as the run's failure, and not swallowed
            }
            return r;
        } finally {
            runObservation.stop();
            restore(MDC_RUN_ID, prevRun);
            restore(MDC_THREAD_ID, prevThread);
        }
    }

    private static void restore(String key, String prev) {
        if (prev == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, prev);
        }
    }

    // ------------------------------------------------------------------ the loop

    private RunResult loop(Map<Integer, PendingWrite> pending, boolean skipInterruptBefore, Resume resume, boolean firstIsResume) {
        int executed = 0;
        while (true) {
            if (startPending()) {
                runStart();
                pending = Map.of();
                continue;
            }
            if (next.isEmpty()) {
                return finish(RunResult.Status.COMPLETED, List.of(), null);
            }
            if (executed >= cfg.recursionLimit()) {
                return failed(new GraphRecursionException(cfg.recursionLimit()));
            }
            List<Checkpoint.Task> tasks = next;
            List<Checkpoint.Task> deferred = List.of();
            if (g.hasDeferred) { // deferred nodes wait until nothing else is scheduled
                List<Checkpoint.Task> now = new ArrayList<>();
                List<Checkpoint.Task> later = new ArrayList<>();
                for (Checkpoint.Task t : next) {
                    (g.nodes.get(t.node()).defer() ? later : now).add(t);
                }
                if (!now.isEmpty() && !later.isEmpty()) {
                    tasks = now;
                    deferred = later;
                }
            }
            remainingSteps = cfg.recursionLimit() - executed;
            if (!skipInterruptBefore && (!g.config.interruptBefore().isEmpty() || !cfg.interruptBefore().isEmpty())) {
                List<RunResult.Interrupt> before = new ArrayList<>();
                for (Checkpoint.Task t : tasks) {
                    if (g.config.interruptsBefore(t.node()) || cfg.interruptsBefore(t.node())) {
                        before.add(new RunResult.Interrupt(t.node(), RunResult.Interrupt.When.BEFORE, null));
                    }
                }
                if (!before.isEmpty()) {
                    return finish(RunResult.Status.INTERRUPTED, before, null);
                }
            }
            skipInterruptBefore = false;
            Outcome[] outcomes = runTasks(tasks, pending, firstIsResume ? resume : null);
            pending = Map.of();
            firstIsResume = false;
            executed++;

            List<RunResult.Interrupt> interrupts = new ArrayList<>();
            Throwable error = null;
            boolean anyFailed = false;
            String[] ids = new String[outcomes.length];
            for (int i = 0; i < outcomes.length; i++) {
                Outcome o = outcomes[i];
                if (o.interrupt != null) {
                    if (o.interrupt.nested.isEmpty()) {
                        ids[i] = interruptId(i, tasks.get(i).node(), o.interrupt.answers.size());
                        interrupts.add(new RunResult.Interrupt(tasks.get(i).node(), RunResult.Interrupt.When.IN_NODE, o.interrupt.payload, ids[i]));
                    } else { // a subgraph's interrupts surface one by one, with the subgraph's ids (LangGraph's)
                        for (RunResult.Interrupt n : o.interrupt.nested) {
                            interrupts.add(new RunResult.Interrupt(tasks.get(i).node(), RunResult.Interrupt.When.IN_NODE, n.payload(), n.id()));
                        }
                    }
                    anyFailed = true;
                } else if (o.error != null) {
                    anyFailed = true;
                    if (error == null) {
                        error = o.error;
                    }
                }
            }
            if (anyFailed) {
                if (cp != null && checkpointId != null) {
                    List<PendingWrite> writes = new ArrayList<>();
                    for (int i = 0; i < outcomes.length; i++) {
                        Outcome o = outcomes[i];
                        String node = tasks.get(i).node();
                        if (o.update != null) {
                            writes.add(new PendingWrite(i, node, PendingWrite.Kind.WRITES, o.update, null));
                        } else if (o.interrupt != null && !o.interrupt.nested.isEmpty()) {
                            for (RunResult.Interrupt n : o.interrupt.nested) { // one entry per subgraph interrupt, same task
                                writes.add(new PendingWrite(i, node, PendingWrite.Kind.INTERRUPT, null, n.payload(),
                                        o.interrupt.answers, n.id()));
                            }
                        } else if (o.interrupt != null) {
                            writes.add(new PendingWrite(i, node, PendingWrite.Kind.INTERRUPT, null, o.interrupt.payload,
                                    o.interrupt.answers, ids[i]));
                        } else {
                            writes.add(new PendingWrite(i, node, PendingWrite.Kind.ERROR, null, String.valueOf(o.error)));
                        }
                    }
                    cp.saveWrites(threadId, checkpointId, writes, g.codec);
                }
                if (error != null) {
                    return failed(error);
                }
                interruptedView = withFinishedWrites(outcomes);
                if (sink != null && interruptedView != state) {
                    sink.values(List.of(), step, interruptedView);
                }
                // without a checkpointer the run still ends INTERRUPTED and reports its interrupts (it cannot be resumed)
                return finish(RunResult.Status.INTERRUPTED, interrupts, null);
            }

            Update[] updates = new Update[outcomes.length];
            for (int i = 0; i < outcomes.length; i++) {
                updates[i] = outcomes[i].update;
                if (updates[i] instanceof Command c && Command.PARENT.equals(c.graph())) {
                    if (allWrites == null) {
                        throw new InvalidUpdateException("Node '" + tasks.get(i).node()
                                + "' returned a Command for the parent graph but this graph is not running as a subgraph");
                    }
                    throw new ParentCommand(c.toSelf());
                }
            }
            // merge in task order; two writers of one last-value key in one step is an error
            Map<String, Integer> lastValueWriters = null;
            List<Update.Entry> entries = new ArrayList<>();
            List<String> writers = new ArrayList<>(tasks.size());
            for (int i = 0; i < outcomes.length; i++) {
                String node = tasks.get(i).node();
                writers.add(node);
                for (Update.Entry e : outcomes[i].update.entries()) {
                    if (!g.codec.keys().containsKey(e.key().name()) || ManagedValues.isManaged(e.key().name())) {
                        throw new InvalidUpdateException("Node '" + node + "' wrote key '" + e.key().name()
                                + "' which is not part of the graph's state " + g.codec.keys().keySet());
                    }
                    if (e.key().kind() == Key.Kind.LAST_VALUE && outcomes.length > 1) {
                        if (lastValueWriters == null) {
                            lastValueWriters = new HashMap<>();
                        }
                        Integer prev = lastValueWriters.putIfAbsent(e.key().name(), i);
                        if (prev != null && prev != i) {
                            throw new InvalidUpdateException("Key '" + e.key().name() + "' can take one value per step but was written by '"
                                    + tasks.get(prev).node() + "' and '" + node
                                    + "' in step " + step + "; give it a reducer (e.g. Key.appending) or write it from one node");
                        }
                    }
                    entries.add(e);
                }
            }
            AgentState merged = state.apply(entries, "step " + step);
            Map<String, List<String>> seen = g.joins.isEmpty() ? joinsSeen : new LinkedHashMap<>(joinsSeen); // only joins write it
            List<Checkpoint.Task> following = route(tasks, updates, state, merged, seen); // may throw: then nothing of this step is kept
            if (!deferred.isEmpty()) {
                following = new ArrayList<>(following);
                for (Checkpoint.Task d : deferred) {
                    if (!d.input().isEmpty() || !following.contains(d)) {
                        following.add(d);
                    }
                }
            }
            state = merged;
            next = following;
            joinsSeen = seen;
            recordWrites(entries);
            if (cp != null) {
                save(checkpointId, step, Update.ofEntries(entries), "loop", writers);
                stepBase = checkpointId;
            }
            if (sink != null && !entries.isEmpty()) { // LangGraph emits values only for a step that wrote the state
                sink.values(List.of(), step, state);
            }
            Set<String> after = new TreeSet<>();
            if (!g.config.interruptAfter().isEmpty() || !cfg.interruptAfter().isEmpty()) {
                for (Checkpoint.Task t : tasks) {
                    if (g.config.interruptsAfter(t.node()) || cfg.interruptsAfter(t.node())) {
                        after.add(t.node());
                    }
                }
            }
            step++;
            if (!after.isEmpty()) {
                List<RunResult.Interrupt> list = after.stream()
                        .map(n -> new RunResult.Interrupt(n, RunResult.Interrupt.When.AFTER, null)).toList();
                return finish(RunResult.Status.INTERRUPTED, list, null);
            }
        }
    }

    /**
     * LangGraph's values of an interrupted step (its last values event and the interrupted invoke's result): the state
     * with the writes of the step's finished tasks applied (they are saved as pending writes and applied for good when
     * the step completes); the state itself when they wrote nothing or wrote something the state refuses.
     */
    private AgentState withFinishedWrites(Outcome[] outcomes) {
        List<Update.Entry> written = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.update != null) {
                written.addAll(o.update.entries());
            }
        }
        if (written.isEmpty()) {
            return state;
        }
        try {
            return state.apply(written, "step " + step);
        } catch (InvalidUpdateException invalid) {
            return state; // the step's writes are checked (and refused) when the step completes on resume
        }
    }

    private void recordWrites(List<Update.Entry> entries) {
        if (allWrites != null) {
            allWrites.addAll(entries);
        }
    }

    List<Update.Entry> allWrites() {
        return allWrites;
    }

    // ------------------------------------------------------------------ routing

    /**
     * The tasks of the next super-step. Plain edges and joins fire once per finished node name;
     * conditional edges and a returned {@link Command}'s goto are evaluated once per task, and a router
     * reads the state as of the start of the step plus its own task's writes only (LangGraph's
     * {@code local_read}), never a sibling's.
     *
     * @param updates each task's update, or null when {@code done} is the input (routers read {@code merged})
     */
    private List<Checkpoint.Task> route(List<Checkpoint.Task> done, Update[] updates, AgentState start, AgentState merged,
                                        Map<String, List<String>> seen) {
        if (done.size() == 1 && !(done.get(0).input() instanceof Command) && (updates == null || !(updates[0] instanceof Command))) {
            // one task without a Command: when its node has plain edges only, its successors are the same every time
            String node = done.get(0).node();
            List<Checkpoint.Task> plainNext = g.plainSuccessors.get(node);
            if (plainNext == null) {
                boolean plainOnly = g.branches.getOrDefault(node, List.of()).isEmpty()
                        && g.joins.stream().noneMatch(j -> j.sources().contains(node));
                plainNext = plainOnly ? List.copyOf(routeAll(done, updates, start, merged, seen)) : NOT_PLAIN;
                g.plainSuccessors.putIfAbsent(node, plainNext);
            }
            if (plainNext != NOT_PLAIN) {
                return plainNext;
            }
        }
        return routeAll(done, updates, start, merged, seen);
    }

    /** Marks a node of {@link CompiledGraph#plainSuccessors} that has conditional edges or feeds a join. */
    static final List<Checkpoint.Task> NOT_PLAIN = java.util.Collections.unmodifiableList(new ArrayList<>());

    private List<Checkpoint.Task> routeAll(List<Checkpoint.Task> done, Update[] updates, AgentState start, AgentState merged,
                                           Map<String, List<String>> seen) {
        Set<String> plain = new LinkedHashSet<>();
        List<Checkpoint.Task> sends = new ArrayList<>();
        Set<String> finished = done.size() > 8 ? new java.util.HashSet<>() : null;
        for (int i = 0; i < done.size(); i++) {
            String node = done.get(i).node();
            if (firstOf(done, i, finished)) {
                for (String to : g.edges.getOrDefault(node, List.of())) {
                    if (!to.equals(StateGraph.END)) {
                        plain.add(to);
                    }
                }
                for (StateGraph.Join j : g.joins) {
                    if (j.sources().contains(node)) {
                        List<String> s = new ArrayList<>(seen.getOrDefault(j.target(), List.of()));
                        if (!s.contains(node)) {
                            s.add(node);
                        }
                        if (s.containsAll(j.sources())) {
                            seen.remove(j.target());
                            if (!j.target().equals(StateGraph.END)) {
                                plain.add(j.target());
                            }
                        } else {
                            seen.put(j.target(), List.copyOf(s));
                        }
                    }
                }
            }
            List<StateGraph.Branch> branches = g.branches.getOrDefault(node, List.of());
            if (!branches.isEmpty()) {
                AgentState view = managed(updates == null || done.size() == 1 ? merged
                        : start.apply(updates[i].entries(), "router of " + node));
                for (StateGraph.Branch b : branches) {
                    collect(node, b, b.router().apply(view), plain, sends);
                }
            }
            if (done.get(i).input() instanceof Command carried) { // a Send carrying a Command: its goto follows the task
                for (Object target : carried.gotos()) {
                    addGoto(node, target, plain, sends);
                }
            }
            if (updates != null && updates[i] instanceof Command c) {
                for (Object target : c.gotos()) {
                    addGoto(node, target, plain, sends);
                }
            }
        }
        List<String> ordered = new ArrayList<>(plain);
        ordered.sort((a, b) -> Integer.compare(g.order.get(a), g.order.get(b)));
        List<Checkpoint.Task> out = new ArrayList<>(ordered.size() + sends.size());
        for (String n : ordered) {
            out.add(new Checkpoint.Task(n, Update.empty()));
        }
        out.addAll(sends);
        return out;
    }

    /** Whether task {@code i} is the first of its node in {@code done} (edges and joins fire once per node name). */
    private static boolean firstOf(List<Checkpoint.Task> done, int i, Set<String> seenNames) {
        String node = done.get(i).node();
        if (seenNames != null) {
            return seenNames.add(node);
        }
        for (int k = 0; k < i; k++) {
            if (done.get(k).node().equals(node)) {
                return false;
            }
        }
        return true;
    }

    /** The tasks that follow {@code node} having written {@code update} (for update-as-node). */
    List<Checkpoint.Task> routeAfter(String node, Update update, AgentState before, AgentState after, Map<String, List<String>> seen) {
        return route(List.of(new Checkpoint.Task(node, Update.empty())), new Update[] {update}, before, after, seen);
    }

    private void addGoto(String from, Object target, Set<String> plain, List<Checkpoint.Task> sends) {
        if (target instanceof Send s) {
            requireNode(from, s.node());
            sends.add(new Checkpoint.Task(s.node(), s.input()));
        } else {
            String to = (String) target;
            if (!to.equals(StateGraph.END)) {
                requireNode(from, to);
                plain.add(to);
            }
        }
    }

    private void requireNode(String from, String to) {
        if (!g.nodes.containsKey(to)) {
            throw new InvalidUpdateException("'" + from + "' goes to unknown node '" + to + "'; nodes are " + g.nodes.keySet());
        }
    }

    private void collect(String from, StateGraph.Branch b, Object result, Set<String> plain, List<Checkpoint.Task> sends) {
        if (result == null) {
            throw new GraphException("Router of conditional edge from '" + from + "' returned null");
        }
        if (result instanceof Iterable<?> many) {
            for (Object o : many) {
                collect(from, b, o, plain, sends);
            }
            return;
        }
        if (result instanceof Send s) { // like LangGraph, a Send may address any node, not only the declared routes
            requireNode(from, s.node());
            sends.add(new Checkpoint.Task(s.node(), s.input()));
            return;
        }
        String label = String.valueOf(result);
        String to = b.routes().get(label);
        if (to == null) {
            throw new GraphException("Router of '" + from + "' returned '" + label + "' which is not among its routes "
                    + b.routes().keySet());
        }
        if (!to.equals(StateGraph.END)) {
            plain.add(to);
        }
    }

    // ------------------------------------------------------------------ tasks

    private record IndexedStep(int index, RunResult.Step step) {
    }

    static final class Outcome {
        Update update;
        NodeInterrupt interrupt;
        Throwable error;
    }

    private Outcome[] runTasks(List<Checkpoint.Task> tasks, Map<Integer, PendingWrite> pending, Resume resume) {
        Outcome[] out = new Outcome[tasks.size()];

        List<Integer> toRun = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            PendingWrite p = pending.get(i);
            if (p != null && p.kind() == PendingWrite.Kind.WRITES && p.node().equals(tasks.get(i).node())) {
                Outcome o = new Outcome();
                o.update = p.update();
                out[i] = o;
            } else {
                toRun.add(i);
            }
        }
        if (toRun.size() == 1 && g.nodes.get(tasks.get(toRun.get(0)).node()).policy().timeout() == null) {
            int i = toRun.get(0);
            out[i] = execute(tasks.get(i), i, resumeFor(pending.get(i), resume, i), pending.get(i) != null);
            return out;
        }
        boolean timed = false;
        for (int i : toRun) {
            timed |= g.nodes.get(tasks.get(i).node()).policy().timeout() != null;
        }
        if (!timed) {
            return runShared(tasks, pending, resume, toRun, out);
        }
        // timed tasks: each is armed on the graph's timer when it is handed to a thread; when its timeout passes on the
        // timer's time the timer cancels it (interrupting its thread) and the coordinator reports NodeTimeoutException
        GraphTimer timer = g.config.timer();
        List<FutureTask<Outcome>> futures = new ArrayList<>(toRun.size());
        GraphTimer.Scheduled[] alarms = new GraphTimer.Scheduled[toRun.size()];
        java.util.concurrent.atomic.AtomicReferenceArray<Boolean> timedOut = new java.util.concurrent.atomic.AtomicReferenceArray<>(toRun.size());
        for (int k = 0; k < toRun.size(); k++) {
            int i = toRun.get(k);
            Checkpoint.Task t = tasks.get(i);
            TaskResume r = resumeFor(pending.get(i), resume, i);
            boolean retrying = pending.get(i) != null;
            FutureTask<Outcome> f = new FutureTask<>(() -> execute(t, i, r, retrying));
            futures.add(f);
            Duration timeout = g.nodes.get(t.node()).policy().timeout();
            if (timeout != null) {
                int slot = k;
                alarms[k] = timer.schedule(timeout, () -> {
                    timedOut.set(slot, Boolean.TRUE); // before the cancel: the coordinator wakes on it
                    f.cancel(true);
                });
            }
            try {
                executor.execute(f);
            } catch (java.util.concurrent.RejectedExecutionException full) {
                if (timeout != null) {
                    // a timed node gets a thread of its own, so the coordinator can still enforce its timeout
                    LOG.debug("Executor rejected timed node '{}'; it runs on an overflow thread", t.node());
                    g.overflowThread(f).start();
                } else {
                    LOG.debug("Executor rejected node '{}'; the coordinator runs it", t.node());
                }
            }
        }
        try {
            for (int k = 0; k < toRun.size(); k++) {
                int i = toRun.get(k);
                FutureTask<Outcome> f = futures.get(k);
                String node = tasks.get(i).node();
                Outcome o;
                try {
                    if (alarms[k] == null) {
                        f.run(); // runs here unless the executor already started it
                    }
                    o = f.get();
                } catch (ExecutionException e) {
                    o = new Outcome();
                    o.error = e.getCause();
                } catch (CancellationException e) {
                    o = new Outcome();
                    o.error = timedOut.get(k) != null ? new NodeTimeoutException(node, g.nodes.get(node).policy().timeout()) : e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    futures.forEach(x -> x.cancel(true));
                    throw new GraphException("Run " + runId + " was interrupted while waiting for its nodes", e);
                }
                out[i] = o;
            }
        } finally {
            for (GraphTimer.Scheduled alarm : alarms) {
                if (alarm != null) {
                    alarm.cancel();
                }
            }
        }
        return out;
    }

    /**
     * Runs untimed tasks by claiming: the coordinator and helpers on the executor take the next unclaimed task until
     * none is left. The coordinator asks the executor for one helper; a helper that finds more than one task left asks
     * for another before it runs its own, so slow tasks (model calls) spread over the pool within a few hand-offs
     * while short ones are mostly run by the coordinator without waiting for a thread to wake up. A helper the
     * executor rejects is simply not there (the coordinator runs what is left), so a bounded or saturated pool, or
     * nested graphs on it, cannot deadlock.
     */
    private Outcome[] runShared(List<Checkpoint.Task> tasks, Map<Integer, PendingWrite> pending, Resume resume,
                                List<Integer> toRun, Outcome[] out) {
        int n = toRun.size();
        @SuppressWarnings("unchecked")
        FutureTask<Outcome>[] futures = new FutureTask[n];
        for (int k = 0; k < n; k++) {
            int i = toRun.get(k);
            Checkpoint.Task t = tasks.get(i);
            TaskResume r = resumeFor(pending.get(i), resume, i);
            boolean retrying = pending.get(i) != null;
            futures[k] = new FutureTask<>(() -> execute(t, i, r, retrying));
        }
        java.util.concurrent.atomic.AtomicInteger claimed = new java.util.concurrent.atomic.AtomicInteger();
        Runnable helper = new Runnable() {
            @Override
            public void run() {
                int k = claimed.getAndIncrement();
                if (k >= n) {
                    return;
                }
                if (k < n - 1) {
                    offer(this);
                }
                futures[k].run();
                while ((k = claimed.getAndIncrement()) < n) {
                    futures[k].run();
                }
            }
        };
        offer(helper);
        for (int k; (k = claimed.getAndIncrement()) < n; ) {
            futures[k].run();
        }
        for (int k = 0; k < n; k++) {
            Outcome o;
            try {
                o = futures[k].get(); // only waits for a task a helper is still running
            } catch (ExecutionException e) {
                o = new Outcome();
                o.error = e.getCause();
            } catch (CancellationException e) {
                o = new Outcome();
                o.error = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                for (FutureTask<Outcome> f : futures) {
                    f.cancel(true);
                }
                throw new GraphException("Run " + runId + " was interrupted while waiting for its nodes", e);
            }
            out[toRun.get(k)] = o;
        }
        return out;
    }

    private void offer(Runnable helper) {
        try {
            executor.execute(helper);
        } catch (java.util.concurrent.RejectedExecutionException full) {
            LOG.debug("Executor rejected a task helper; the coordinator runs the remaining tasks");
        }
    }

    /** What an interrupted task gets on resume: the answers to its earlier interrupts plus the new value. */
    record TaskResume(Resume resume, List<Object> answers) {
    }

    /** Resumes a subgraph whose parent task got no value: its interrupted nodes re-run and interrupt again. */
    private static final Resume UNANSWERED = Resume.withValue(new Object());

    /**
     * The resume of task {@code index}. With a resume map: a task with one pending interrupt gets its value; a
     * subgraph task with several (its subgraph's parallel interrupts) gets the part of the map naming them, which
     * its subgraph hands on to its own tasks; a task the map does not name re-runs and interrupts again.
     */
    private TaskResume resumeFor(PendingWrite p, Resume resume, int index) {
        if (p != null && p.kind() == PendingWrite.Kind.INTERRUPT) {
            Resume r = resume == null ? Resume.empty() : resume;
            List<Object> answers = new ArrayList<>(p.answers());
            if (resume == UNANSWERED) {
                return new TaskResume(null, answers);
            }
            if (r.hasValue() && Command.isResumeMap(r.rawValue(), pendingIds)) {
                Map<?, ?> byId = (Map<?, ?>) r.rawValue();
                List<String> own = pendingIdsByTask.getOrDefault(index, List.of());
                Map<Object, Object> mine = new LinkedHashMap<>();
                for (String id : own) {
                    if (byId.containsKey(id)) {
                        mine.put(id, byId.get(id));
                    }
                }
                if (mine.isEmpty()) {
                    return new TaskResume(null, answers); // not answered: the node re-runs and interrupts again
                }
                if (own.size() > 1) { // a subgraph's interrupts: its tasks take their values from the map
                    return new TaskResume(Resume.withValue(java.util.Collections.unmodifiableMap(mine)), answers);
                }
                Object value = mine.values().iterator().next();
                answers.add(value);
                return new TaskResume(Resume.withValue(value), answers);
            }
            answers.add(r.rawValue());
            return new TaskResume(r, answers);
        }
        return null;
    }

    /** A stable id for the interrupt of task {@code index}: the same when the step's state is read again. */
    private String interruptId(int index, String node, int earlierAnswers) {
        String base = (checkpointId != null ? checkpointId : runId) + "|" + step + "|" + index + "|" + node + "|" + earlierAnswers;
        return UUID.nameUUIDFromBytes(base.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString().replace("-", "");
    }

    private Outcome execute(Checkpoint.Task task, int index, TaskResume resume, boolean retrying) {
        StateGraph.NodeSpec spec = g.nodes.get(task.node());
        Outcome out = new Outcome();
        // LangGraph: a Send's argument is the target's whole input (not laid over the shared state)
        AgentState view = managed(task.input().isEmpty() ? state : AgentState.empty());
        for (Update.Entry e : task.input().entries()) {
            view = withRaw(view, e.key(), e.value());
        }
        TaskContext ctx = new TaskContext(task.node(), index, resume, task.input(), retrying);
        long t0 = System.nanoTime();
        Observation obs = g.config.observationRegistry().isNoop() ? Observation.NOOP
                : Observation.createNotStarted("salesagent.graph.node", g.config.observationRegistry())
                .contextualName("graph node " + task.node())
                .parentObservation(runObservation)
                .lowCardinalityKeyValue("graph.name", g.config.name())
                .lowCardinalityKeyValue("graph.node.name", task.node())
                .start();
        String prevRun = MDC.get(MDC_RUN_ID);
        String prevThread = MDC.get(MDC_THREAD_ID);
        String prevNode = MDC.get(MDC_NODE);
        MDC.put(MDC_RUN_ID, runId);
        MDC.put(MDC_THREAD_ID, threadId);
        MDC.put(MDC_NODE, task.node());
        try (AiContext.Scope ignored = context.makeCurrent(); Observation.Scope os = obs.openScope()) {
            if (hasAudience()) {
                emit(new GraphEvent.NodeStarted(runId, step, task.node()));
            }
            NodePolicy policy = spec.policy();
            for (int attempt = 1; ; attempt++) {
                ctx.attempt = attempt;
                ctx.joined = 0;
                TaskContext outer = CURRENT.get();
                CURRENT.set(ctx);
                try {
                    Update u = spec.node().apply(view, ctx);
                    out.update = u == null ? Update.empty() : u;
                    break;
                } catch (NodeInterrupt ni) {
                    out.interrupt = ni;
                    break;
                } catch (ParentCommand pc) { // a graph invoked inside the node addressed this graph
                    out.update = pc.command;
                    break;
                } catch (BudgetExceededException | GraphException e) {
                    out.error = e;
                    break;
                } catch (VirtualMachineError fatal) { // OutOfMemoryError, StackOverflowError: never retried
                    out.error = fatal;
                    break;
                } catch (Throwable t) {
                    if (t instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    if (attempt < policy.maxAttempts() && policy.retries(t) && !Thread.currentThread().isInterrupted()) {
                        LOG.debug("Node '{}' attempt {} failed, retrying: {}", task.node(), attempt, t.toString());
                        Duration wait = policy.backoffBefore(attempt + 1);
                        if (!wait.isZero()) {
                            try {
                                g.config.sleeper().sleep(wait);
                            } catch (InterruptedException ie) {
                                Thread.currentThread().interrupt();
                                out.error = new NodeExecutionException(task.node(), attempt, t);
                                break;
                            }
                        }
                        continue;
                    }
                    out.error = new NodeExecutionException(task.node(), attempt, t);
                    break;
                } finally {
                    CURRENT.set(outer); // null rather than remove(): the thread's slot is reused by its next task
                }
            }
            Duration d = Duration.ofNanos(System.nanoTime() - t0);
            if (out.update != null) {
                synchronized (steps) {
                    steps.add(new IndexedStep(index, new RunResult.Step(step, task.node(), d, keysOf(out.update))));
                }
                if (hasAudience()) {
                    emit(new GraphEvent.NodeCompleted(runId, step, task.node(), d, out.update));
                }
            } else if (out.error != null) {
                obs.error(out.error);
            }
            return out;
        } finally {
            obs.stop();
            restore(MDC_RUN_ID, prevRun);
            restore(MDC_THREAD_ID, prevThread);
            restore(MDC_NODE, prevNode);
        }
    }

    /** {@link Update#keys()}, without building a set for the common update of one key. */
    private static Set<String> keysOf(Update u) {
        List<Update.Entry> entries = u.entries();
        if (entries.size() == 1) {
            return Set.of(entries.get(0).key().name());
        }
        return entries.isEmpty() ? Set.of() : u.keys();
    }

    /** The view with the managed values of the current step, when the graph declares them. */
    private AgentState managed(AgentState s) {
        if (!g.managed) {
            return s;
        }
        return s.with(ManagedValues.REMAINING_STEPS, remainingSteps).with(ManagedValues.IS_LAST_STEP, remainingSteps <= 1);
    }

    @SuppressWarnings("unchecked")
    private static <T> AgentState withRaw(AgentState s, Key<T> key, Object value) {
        if (key.kind() == Key.Kind.APPENDING && value instanceof java.util.Collection<?> c) {
            return s.with(key, (T) PersistentList.from((java.util.Collection<Object>) c));
        }
        return s.with(key, (T) value);
    }

    /** A subgraph's node addressed its parent: the subgraph run stops and the parent applies the command. */
    static final class ParentCommand extends GraphException {
        final transient Command command;

        ParentCommand(Command command) {
            super("Command for the parent graph");
            this.command = command;
        }
    }

    /** Thrown by {@link NodeContext#interrupt}; carries the payload to the coordinator. */
    static final class NodeInterrupt extends GraphInterrupt {
        final transient Object payload;
        final transient List<Object> answers;
        /** A paused subgraph's interrupts (each with its id), surfaced one by one on this run; empty for the node's own. */
        final transient List<RunResult.Interrupt> nested;

        NodeInterrupt(Object payload, List<Object> answers) {
            this(payload, answers, List.of());
        }

        NodeInterrupt(Object payload, List<Object> answers, List<RunResult.Interrupt> nested) {
            super("graph interrupt");
            this.payload = payload;
            this.answers = answers;
            this.nested = nested;
        }
    }

    final class TaskContext implements NodeContext {
        final String node;
        final int index;
        final Resume resume;
        final List<Object> answers;
        int attempt;
        int answered;
        /** The state of the last child run right after its input (see {@link #runChild}); null if unknown. */
        AgentState childAfterInput;
        /** Graphs invoked inside this attempt of the node so far (each joins the run in a namespace of its own). */
        int joined;
        /** Whether the task ran before in this step (it interrupted or failed): its subgraph resumes from its checkpoint. */
        final boolean retrying;

        final Update taskInput;

        TaskContext(String node, int index, TaskResume resume, Update taskInput, boolean retrying) {
            this.taskInput = taskInput;
            this.retrying = retrying;
            this.node = node;
            this.index = index;
            this.resume = resume == null ? null : resume.resume();
            this.answers = resume == null ? List.of() : resume.answers();
        }

        @Override
        public String node() {
            return node;
        }

        @Override
        public String runId() {
            return runId;
        }

        @Override
        public String threadId() {
            return threadId;
        }

        @Override
        public int step() {
            return step;
        }

        @Override
        public int attempt() {
            return attempt;
        }

        @Override
        public Object interrupt(Object payload) {
            if (answered < answers.size()) {
                return answers.get(answered++);
            }
            if (inheritedResume != NO_RESUME && inheritedResumeTaken.compareAndSet(false, true)) {
                return inheritedResume; // LangGraph's null resume of the parent task, taken once
            }
            throw new NodeInterrupt(payload, answers);
        }

        @Override
        public Optional<Object> resumeValue() {
            return resume == null ? Optional.empty() : resume.value();
        }

        @Override
        public void emitToken(String token) {
            emit(new GraphEvent.ModelToken(runId, step, node, token));
        }

        boolean resuming() {
            return resume != null;
        }

        int taskIndex() {
            return index;
        }

        Checkpointer checkpointer() {
            return cp;
        }

        /** {@return LangGraph's task id of this task} */
        String taskId() {
            return GraphRun.taskId(stepBase != null ? stepBase : runId, step, index, node);
        }

        /**
         * Runs {@code child} as part of this task, its checkpoints in the namespace {@code segment} under this run's
         * (LangGraph's {@code checkpoint_ns}): resumes it from its checkpoint when this task is re-run after its
         * interrupt or failure, else starts it with {@code input} (a stateful child continues its earlier state).
         *
         * @throws NodeInterrupt when the child pauses, so this run pauses too
         */
        RunResult runChild(CompiledGraph child, Update input, String segment) {
            String ns = Checkpointer.checkpointNs(threadId);
            String childThread = Checkpointer.subgraphThreadId(threadId, ns.isEmpty() ? segment : ns + "|" + segment);
            boolean persistent = !child.config.checkpointerDisabled();
            Checkpointer childCp = !persistent ? null : child.config.checkpointer() != null ? child.config.checkpointer() : cp;
            RunConfig childCfg = RunConfig.builder().subgraphThreadId(childThread).tenant(cfg.tenant()).user(cfg.user())
                    .feature(cfg.feature()).recursionLimit(cfg.recursionLimit()).executor(executor).build();
            GraphRun run = new GraphRun(child, childCfg, persistent ? cp : null, childSink(segment), true);
            run.replay = replay;
            if (replay != null && childCp != null && !retrying && replay.firstVisit(Checkpointer.checkpointNs(childThread))) {
                run.startBase = replay.baseOf(childCp, childThread, child.codec);
            }
            Checkpoint paused = retrying && childCp != null ? childCp.latest(childThread, child.codec)
                    .filter(c -> !c.next().isEmpty()).orElse(null) : null;
            if (!persistent && resume != null && resume.hasValue()) {
                run.inheritedResume = resume.rawValue(); // restarts from its input; its first interrupt() takes the value
            }
            RunResult r = paused != null ? run.resume(resume != null ? resume : UNANSWERED, paused) : run.start(input);
            childAfterInput = run.afterInput != null ? run.afterInput : afterInputOf(childCp, childThread, child.codec);
            if (r.status() == RunResult.Status.INTERRUPTED) {
                List<RunResult.Interrupt> withIds = persistent
                        ? r.interrupts().stream().filter(i -> i.id() != null).toList() : List.of();
                if (!withIds.isEmpty()) {
                    throw new NodeInterrupt(withIds.get(0).payload(), List.of(), withIds);
                }
                RunResult.Interrupt first = r.interrupts().get(0);
                Object payload = first.payload() != null ? first.payload()
                        : Map.of("node", first.node(), "when", first.when().name(), "subgraph", node);
                throw new NodeInterrupt(payload, List.of());
            }
            return r;
        }

        /**
         * The state of a resumed child right after its input was applied: the state of its newest {@code __start__}
         * checkpoint, read page by page from the newest; null if there is none (checkpoints of older versions).
         */
        private AgentState afterInputOf(Checkpointer store, String childThread, StateCodec codec) {
            if (store == null) {
                return null;
            }
            String before = null;
            while (true) {
                List<Checkpoint> page = store.history(childThread, before, 16, codec);
                for (Checkpoint c : page) {
                    if ("loop".equals(c.metadata().get("source")) && List.of(StateGraph.START).equals(c.metadata().get("writers"))) {
                        return c.state();
                    }
                }
                if (page.size() < 16) {
                    return null;
                }
                before = page.get(page.size() - 1).id();
            }
        }

        /** The namespace segment of a child of this task: {@code node} when stateful, else {@code node:taskId}. */
        String segment(CompiledGraph child) {
            return child.config.statefulSubgraph() ? node : node + ":" + taskId();
        }

        /** A graph invoked inside this node's function joins this run (LangGraph's config propagation to an inner invoke). */
        RunResult invokeJoined(CompiledGraph child, Update input) {
            joined++;
            g.registerJoined(node, joined, child);
            String segment = segment(child) + (joined > 1 ? "#" + joined : "");
            return runChild(child, input, segment);
        }

        /**
         * The sink of a subgraph run inside this task: its events reach this run's audience under its checkpoint
         * namespace segment ({@code node:taskId}, or {@code node} for a stateful subgraph), as LangGraph namespaces
         * subgraph stream parts.
         */
        EventSink childSink(String segment) {
            return new EventSink() {
                @Override
                public void accept(List<String> namespace, GraphEvent event) {
                    if (!(event instanceof GraphEvent.RunStarted || event instanceof GraphEvent.RunCompleted
                            || event instanceof GraphEvent.RunFailed || event instanceof GraphEvent.Interrupted)) {
                        emit(prefixed(segment, namespace), event);
                    }
                }

                @Override
                public void values(List<String> namespace, int childStep, AgentState childState) {
                    if (sink != null) {
                        sink.values(prefixed(segment, namespace), childStep, childState);
                    }
                }
            };
        }

        @Override
        public void write(Object payload) {
            emit(new GraphEvent.Custom(runId, step, node, payload));
        }

        RunConfig runConfig() {
            return cfg;
        }

        /** The executor this run uses, handed to subgraphs so they do not start pools of their own. */
        Executor executor() {
            return executor;
        }

        CompiledGraph graph() {
            return g;
        }
    }

    // ------------------------------------------------------------------ checkpoints, results, events

    private void save(String parentId, int stepNo, Update writes, String source, List<String> writers) {
        if (cp == null) {
            return;
        }
        java.time.Clock clock = g.config.clock();
        String id = checkpointId(clock);
        BigDecimal spent = scope.spentUsd();
        if (spent != lastSpent) { // most steps make no model call: the text of the unchanged total is reused
            lastSpent = spent;
            lastSpentText = spent.toPlainString();
        }
        Long in = scope.inputTokens() + scope.cachedInputTokens() + scope.cacheWriteTokens();
        Long out = scope.outputTokens();
        List<String> w = List.copyOf(writers);
        // immutable map built directly (Checkpoint keeps an immutable copy of its metadata anyway)
        Map<String, Object> meta = "update".equals(source) && stepBase != null
                // the edit keeps the paused step's tasks (and their subgraphs' namespaces)
                ? Map.of("source", source, "writers", w, "runId", runId, "taskBase", stepBase, "costUsd", lastSpentText,
                        "inputTokens", in, "outputTokens", out)
                : Map.of("source", source, "writers", w, "runId", runId, "costUsd", lastSpentText,
                        "inputTokens", in, "outputTokens", out);
        if (startBase != null && startBase.isPresent() && "input".equals(source) && replay != null) {
            meta = new HashMap<>(meta); // a replayed stateful child branches from an older checkpoint of its namespace
            meta.put("replayFrom", replay.beforeId);
        }
        cp.save(new Checkpoint(id, threadId, parentId, stepNo, clock.instant(), state, writes, next, joinsSeen, meta, List.of()), g.codec);
        checkpointId = id;
        if (hasAudience()) {
            emit(new GraphEvent.CheckpointSaved(runId, stepNo, id));
        }
    }

    private RunResult failed(Throwable error) {
        BudgetExceededException budget = findBudget(error);
        if (budget != null && budget.budget().equals(scope.name())) {
            return finish(RunResult.Status.BUDGET_EXCEEDED, List.of(), budget);
        }
        return finish(RunResult.Status.FAILED, List.of(), error);
    }

    private static BudgetExceededException findBudget(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BudgetExceededException b) {
                return b;
            }
        }
        return null;
    }

    private RunResult finish(RunResult.Status status, List<RunResult.Interrupt> interrupts, Throwable error) {
        if (cp != null && allWrites == null && !exited) { // a top-level run: stores with exit durability write now
            exited = true;
            try {
                cp.runFinished(threadId);
            } catch (RuntimeException e) {
                status = RunResult.Status.FAILED;
                interrupts = List.of();
                if (error != null) {
                    e.addSuppressed(error);
                }
                error = e;
            }
        }
        List<RunResult.Step> stepsCopy;
        synchronized (steps) {
            List<IndexedStep> sorted = new ArrayList<>(steps);
            sorted.sort(java.util.Comparator.comparingInt((IndexedStep s) -> s.step().step()).thenComparingInt(IndexedStep::index));
            stepsCopy = sorted.stream().map(IndexedStep::step).toList();
        }
        AgentState shown = status == RunResult.Status.INTERRUPTED && interruptedView != null ? interruptedView : state;
        RunResult r = new RunResult(status, shown, stepsCopy, runId, threadId, checkpointId, interrupts, error,
                scope.inputTokens() + scope.cachedInputTokens() + scope.cacheWriteTokens(), scope.outputTokens(),
                scope.spentUsd());
        terminal = r;
        if (status == RunResult.Status.COMPLETED) {
            emit(new GraphEvent.RunCompleted(runId, r));
        } else if (status == RunResult.Status.INTERRUPTED) {
            emit(new GraphEvent.Interrupted(runId, interrupts, r));
        } else {
            LOG.debug("Run {} on thread {} ended {}: {}", runId, threadId, status, String.valueOf(error));
            emit(new GraphEvent.RunFailed(runId, r));
        }
        return r;
    }

    /** Emits a failure as the terminal event if the run ended without one (e.g. it failed before its loop). */
    void ensureTerminal(Throwable error) {
        if (terminal == null) {
            finish(RunResult.Status.FAILED, List.of(), error != null ? error
                    : new GraphException("Run " + runId + " ended without a result"));
        }
    }

    private boolean hasAudience() {
        return sink != null || !cfg.listeners().isEmpty();
    }

    private static List<String> prefixed(String segment, List<String> namespace) {
        List<String> out = new ArrayList<>(namespace.size() + 1);
        out.add(segment);
        out.addAll(namespace);
        return out;
    }

    void emit(GraphEvent event) {
        emit(List.of(), event);
    }

    void emit(List<String> namespace, GraphEvent event) {
        if (!hasAudience()) {
            return;
        }
        synchronized (emitLock) {
            try {
                for (GraphListener l : cfg.listeners()) {
                    try {
                        l.onEvent(event);
                    } catch (VirtualMachineError fatal) {
                        throw fatal;
                    } catch (Throwable e) {
                        LOG.warn("Graph listener {} failed on {}; ignored", l, event.getClass().getSimpleName(), e);
                    }
                }
            } finally {
                if (sink != null) {
                    sink.accept(namespace, event);
                }
            }
        }
    }

    BigDecimal spent() {
        return scope.spentUsd();
    }
}
