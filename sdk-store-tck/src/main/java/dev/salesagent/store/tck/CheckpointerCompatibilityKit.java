package dev.salesagent.store.tck;

import static dev.salesagent.agents.graph.StateGraph.END;
import static dev.salesagent.agents.graph.StateGraph.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.salesagent.agents.graph.Checkpoint;
import dev.salesagent.agents.graph.Checkpointer;
import dev.salesagent.agents.graph.CompileConfig;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.graph.InvalidUpdateException;
import dev.salesagent.agents.graph.Key;
import dev.salesagent.agents.graph.Node;
import dev.salesagent.agents.graph.NodeExecutionException;
import dev.salesagent.agents.graph.PendingWrite;
import dev.salesagent.agents.graph.Resume;
import dev.salesagent.agents.graph.RunConfig;
import dev.salesagent.agents.graph.RunResult;
import dev.salesagent.agents.graph.StateGraph;
import dev.salesagent.agents.graph.Update;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit every {@link Checkpointer} must pass: interrupts and resume, failure recovery, time
 * travel, thread isolation and deletion, all driven through real {@link CompiledGraph}s so the store sees
 * exactly what the runtime writes (states, deltas, pending writes, LangChain4j messages). A store's test
 * extends it and supplies two hooks:
 *
 * <pre>{@code
 * class RedisCheckpointerCompatibilityTest extends CheckpointerCompatibilityKit {
 *     private final String prefix = "cp-" + UUID.randomUUID();
 *     protected Checkpointer createCheckpointer() { return new RedisCheckpointer(jedisPool, prefix); }
 *     protected Checkpointer reopenCheckpointer() { return new RedisCheckpointer(jedisPool, prefix); }
 * }
 * }</pre>
 *
 * <p>Every test uses a random thread id, so the storage may already hold other threads (a shared
 * PostgreSQL or Redis); it need not be empty. Tests run in parallel node execution on a 4-thread pool
 * the kit owns and shuts down after each test.
 */
public abstract class CheckpointerCompatibilityKit {

    private static final Key<List<String>> TRACE = Key.appending("trace", String.class);
    private static final Key<String> VALUE = Key.of("value", String.class);
    private static final Key<Integer> N = Key.of("n", Integer.class, 0);
    private static final Key<List<ChatMessage>> MESSAGES = Key.appending("messages", ChatMessage.class);

    /** The store under test: the result of {@link #createCheckpointer()} for the current test. */
    protected Checkpointer checkpointer;

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    /**
     * A store for one test, called once before each test. It may share storage with earlier tests (threads
     * are random) and must create its schema or key space if needed.
     *
     * @return the store under test; not {@code null}
     */
    protected abstract Checkpointer createCheckpointer();

    /**
     * The same storage as seen by a new process: a new instance over the storage of the last
     * {@link #createCheckpointer()} (a new JDBC store over the same {@code DataSource}, a new client over the
     * same Redis key prefix). A store whose storage is the instance itself (in memory) returns that instance.
     *
     * @return a store over the same storage; not {@code null}
     */
    protected abstract Checkpointer reopenCheckpointer();

    @BeforeEach
    void createCheckpointerUnderTest() {
        checkpointer = createCheckpointer();
        assertThat(checkpointer).as("createCheckpointer()").isNotNull();
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private RunConfig cfg(String thread) {
        return RunConfig.builder().threadId(thread).executor(pool).build();
    }

    private static String thread() {
        return "t-" + UUID.randomUUID();
    }

    private static Node tracing(String name) {
        return (s, c) -> Update.append(TRACE, name);
    }

    private static CompiledGraph linear(Checkpointer cp, CompileConfig.Builder b) {
        return StateGraph.of(TRACE, N, VALUE)
                .addNode("a", tracing("a")).addNode("b", tracing("b")).addNode("c", tracing("c"))
                .addEdge(START, "a").addEdge("a", "b").addEdge("b", "c").addEdge("c", END)
                .compile(b.checkpointer(cp).build());
    }

    private static CompiledGraph approval(Checkpointer cp) {
        return StateGraph.of(TRACE, VALUE, MESSAGES)
                .addNode("draft", (s, c) -> Update.of(VALUE, "draft").andAppend(MESSAGES, SystemMessage.from("sys"),
                        UserMessage.from("hi"),
                        AiMessage.from(List.of(ToolExecutionRequest.builder().id("call_1").name("lookup").arguments("{\"q\":\"acme\"}").build())),
                        ToolExecutionResultMessage.from("call_1", "lookup", "ACME Corp")))
                .addNode("approve", (s, c) -> {
                    Object answer = c.interrupt(Map.of("question", "Send " + s.get(VALUE) + "?"));
                    return Update.of(VALUE, "approved:" + answer).andAppend(TRACE, "approve");
                })
                .addNode("send", tracing("send"))
                .addEdge(START, "draft").addEdge("draft", "approve").addEdge("approve", "send").addEdge("send", END)
                .compile(CompileConfig.builder().checkpointer(cp).build());
    }

    /** Answers every user message with a chat message carrying a random id. */
    private static CompiledGraph chat(Checkpointer cp) {
        return StateGraph.of(TRACE, MESSAGES)
                .addNode("reply", (s, c) -> Update.append(MESSAGES, AiMessage.from("reply " + s.get(MESSAGES).size() + " " + UUID.randomUUID())))
                .addEdge(START, "reply").addEdge("reply", END)
                .compile(CompileConfig.builder().checkpointer(cp).build());
    }

    /** Pausing a run (static and in-node interrupts) and resuming it, also from a new process. */
    @Nested
    @DisplayName("Interrupts and resume")
    class Interrupts {

        @Test
        @DisplayName("interruptBefore pauses before the node; resume runs it and finishes")
        void interruptBefore() {
            String t = thread();
            CompiledGraph g = linear(checkpointer, CompileConfig.builder().interruptBefore("b"));
            RunResult r = g.invoke(Update.empty(), cfg(t));
            assertThat(r.status()).isEqualTo(RunResult.Status.INTERRUPTED);
            assertThat(r.interrupts()).containsExactly(new RunResult.Interrupt("b", RunResult.Interrupt.When.BEFORE, null));
            assertThat(r.get(TRACE)).containsExactly("a");
            assertThat(g.state(t).orElseThrow().nextNodes()).containsExactly("b");

            RunResult done = g.resume(Resume.empty(), cfg(t));
            assertThat(done.status()).isEqualTo(RunResult.Status.COMPLETED);
            assertThat(done.get(TRACE)).containsExactly("a", "b", "c");
            assertThat(done.steps()).extracting(RunResult.Step::node).containsExactly("b", "c");
        }

        @Test
        @DisplayName("interruptAfter pauses after the node; resume with a state edit continues from there")
        void interruptAfterWithEdit() {
            String t = thread();
            CompiledGraph g = linear(checkpointer, CompileConfig.builder().interruptAfter("b"));
            RunResult r = g.invoke(Update.empty(), cfg(t));
            assertThat(r.status()).isEqualTo(RunResult.Status.INTERRUPTED);
            assertThat(r.interrupts()).extracting(RunResult.Interrupt::when).containsExactly(RunResult.Interrupt.When.AFTER);
            assertThat(r.get(TRACE)).containsExactly("a", "b");

            RunResult done = g.resume(Resume.empty().andUpdate(Update.append(TRACE, "human edit")), cfg(t));
            assertThat(done.get(TRACE)).containsExactly("a", "b", "human edit", "c");
            assertThat(g.history(t).get(1).metadata()).containsEntry("source", "update");
        }

        @Test
        @DisplayName("updateState edits a paused thread without running; resume continues from the edit")
        void updateStateWhilePaused() {
            String t = thread();
            CompiledGraph g = linear(checkpointer, CompileConfig.builder().interruptBefore("c"));
            g.invoke(Update.empty(), cfg(t));
            Checkpoint edited = g.updateState(t, Update.append(TRACE, "reviewed"));
            assertThat(edited.state().get(TRACE)).containsExactly("a", "b", "reviewed");
            assertThat(edited.nextNodes()).containsExactly("c");
            assertThat(g.state(t).orElseThrow().metadata()).containsEntry("source", "update");
            RunResult done = g.resume(Resume.empty(), cfg(t));
            assertThat(done.get(TRACE)).containsExactly("a", "b", "reviewed", "c");
            assertThatThrownBy(() -> g.updateState(t, Update.of(Key.of("ghost", String.class), "x")))
                    .isInstanceOf(InvalidUpdateException.class).hasMessageContaining("'ghost'");
        }

        @Test
        @DisplayName("an interrupt inside a node returns its payload; a fresh graph over reopened storage resumes it with a value")
        void inNodeInterruptAndNewProcessResume() {
            String t = thread();
            RunResult r = approval(checkpointer).invoke(Update.empty(), cfg(t));
            assertThat(r.status()).isEqualTo(RunResult.Status.INTERRUPTED);
            assertThat(r.interrupts()).singleElement().satisfies(i -> {
                assertThat(i.node()).isEqualTo("approve");
                assertThat(i.when()).isEqualTo(RunResult.Interrupt.When.IN_NODE);
                assertThat(i.payload()).isEqualTo(Map.of("question", "Send draft?"));
            });
            assertThat(r.get(VALUE)).isEqualTo("draft");

            CompiledGraph fresh = approval(reopenCheckpointer()); // "new process": new graph and store instances
            Checkpoint saved = fresh.state(t).orElseThrow();
            assertThat(saved.pendingWrites()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(PendingWrite.Kind.INTERRUPT);
                assertThat(p.payload()).isEqualTo(Map.of("question", "Send draft?"));
            });
            assertThat(saved.state().get(MESSAGES)).as("ChatMessages round-trip").isEqualTo(r.get(MESSAGES));

            RunResult done = fresh.resume(Resume.withValue("yes"), cfg(t));
            assertThat(done.status()).isEqualTo(RunResult.Status.COMPLETED);
            assertThat(done.get(VALUE)).isEqualTo("approved:yes");
            assertThat(done.get(TRACE)).containsExactly("approve", "send");
            assertThat(done.get(MESSAGES)).hasSize(4).element(2).isInstanceOf(AiMessage.class);
        }

        @Test
        @DisplayName("a node that interrupts twice gets each answer in order across two resumes")
        void twoInterruptsInOneNode() {
            String t = thread();
            AtomicInteger runs = new AtomicInteger();
            CompiledGraph g = StateGraph.of(VALUE)
                    .addNode("ask", (s, c) -> {
                        runs.incrementAndGet();
                        Object who = c.interrupt("who?");
                        Object when = c.interrupt("when?");
                        return Update.of(VALUE, who + " at " + when);
                    })
                    .addEdge(START, "ask").addEdge("ask", END)
                    .compile(CompileConfig.builder().checkpointer(checkpointer).build());
            assertThat(g.invoke(Update.empty(), cfg(t)).interrupts()).extracting(RunResult.Interrupt::payload).containsExactly("who?");
            RunResult second = g.resume(Resume.withValue("Jane"), cfg(t));
            assertThat(second.status()).isEqualTo(RunResult.Status.INTERRUPTED);
            assertThat(second.interrupts()).extracting(RunResult.Interrupt::payload).containsExactly("when?");
            RunResult done = g.resume(Resume.withValue("10:00"), cfg(t));
            assertThat(done.get(VALUE)).isEqualTo("Jane at 10:00");
            assertThat(runs).hasValue(3);
        }

        @Test
        @DisplayName("an interrupt in one of two parallel branches keeps the other branch's writes")
        void interruptInParallelBranch() {
            String t = thread();
            AtomicInteger other = new AtomicInteger();
            CompiledGraph g = StateGraph.of(TRACE, VALUE)
                    .addNode("ask", (s, c) -> Update.of(VALUE, "human said " + c.interrupt("need input")))
                    .addNode("work", (s, c) -> {
                        other.incrementAndGet();
                        return Update.append(TRACE, "work");
                    })
                    .addEdge(START, "ask").addEdge(START, "work").addEdge("ask", END).addEdge("work", END)
                    .compile(CompileConfig.builder().checkpointer(checkpointer).build());
            RunResult r = g.invoke(Update.empty(), cfg(t));
            assertThat(r.status()).isEqualTo(RunResult.Status.INTERRUPTED);
            assertThat(r.interrupts()).extracting(RunResult.Interrupt::payload).containsExactly("need input");
            RunResult done = g.resume(Resume.withValue(42), cfg(t));
            assertThat(done.get(VALUE)).isEqualTo("human said 42");
            assertThat(done.get(TRACE)).containsExactly("work");
            assertThat(other).hasValue(1);
        }

        @Test
        @DisplayName("an interrupt inside a subgraph pauses the parent; resume finishes the child and the parent")
        void interruptInSubgraph() {
            String t = thread();
            AtomicInteger childFirst = new AtomicInteger();
            AtomicInteger parentFirst = new AtomicInteger();
            CompiledGraph child = StateGraph.of(TRACE, VALUE)
                    .addNode("prep", (s, c) -> {
                        childFirst.incrementAndGet();
                        return Update.append(TRACE, "child prep");
                    })
                    .addNode("confirm", (s, c) -> Update.of(VALUE, "confirmed " + c.interrupt("confirm?")))
                    .addEdge(START, "prep").addEdge("prep", "confirm").addEdge("confirm", END).compile();
            CompiledGraph parent = StateGraph.of(TRACE, VALUE)
                    .addNode("p1", (s, c) -> {
                        parentFirst.incrementAndGet();
                        return Update.append(TRACE, "p1");
                    })
                    .addNode("sub", child).addNode("p2", tracing("p2"))
                    .addEdge(START, "p1").addEdge("p1", "sub").addEdge("sub", "p2").addEdge("p2", END)
                    .compile(CompileConfig.builder().checkpointer(checkpointer).build());
            RunResult r = parent.invoke(Update.empty(), cfg(t));
            assertThat(r.status()).isEqualTo(RunResult.Status.INTERRUPTED);
            assertThat(r.interrupts()).singleElement().satisfies(i -> {
                assertThat(i.node()).isEqualTo("sub");
                assertThat(i.payload()).isEqualTo("confirm?");
            });
            RunResult done = parent.resume(Resume.withValue("ok"), cfg(t));
            assertThat(done.status()).isEqualTo(RunResult.Status.COMPLETED);
            assertThat(done.get(VALUE)).isEqualTo("confirmed ok");
            assertThat(done.get(TRACE)).containsExactly("p1", "child prep", "p2");
            assertThat(childFirst).hasValue(1);
            assertThat(parentFirst).hasValue(1);
        }
    }

    /** A failed step keeps the writes of the nodes that succeeded. */
    @Nested
    @DisplayName("Failure recovery")
    class FailureRecovery {

        @Test
        @DisplayName("when one parallel node fails, resume re-runs only that node and keeps the other's writes")
        void failureThenResumeRunsOnlyFailedNode() {
            String t = thread();
            AtomicInteger sideEffects = new AtomicInteger();
            AtomicInteger flakyCalls = new AtomicInteger();
            CompiledGraph g = StateGraph.of(TRACE)
                    .addNode("start", tracing("start"))
                    .addNode("charge", (s, c) -> {
                        sideEffects.incrementAndGet();
                        return Update.append(TRACE, "charged");
                    })
                    .addNode("flaky", (s, c) -> {
                        if (flakyCalls.incrementAndGet() == 1) {
                            throw new IllegalStateException("CRM down");
                        }
                        return Update.append(TRACE, "flaky ok");
                    })
                    .addNode("end", tracing("end"))
                    .addEdge(START, "start").addEdge("start", "charge").addEdge("start", "flaky")
                    .addEdge(List.of("charge", "flaky"), "end").addEdge("end", END)
                    .compile(CompileConfig.builder().checkpointer(checkpointer).build());
            RunResult failed = g.invoke(Update.empty(), cfg(t));
            assertThat(failed.status()).isEqualTo(RunResult.Status.FAILED);
            assertThat(failed.error()).isInstanceOf(NodeExecutionException.class).hasMessageContaining("CRM down");
            Checkpoint intact = g.state(t).orElseThrow();
            assertThat(intact.state().get(TRACE)).as("no partial step visible").containsExactly("start");
            assertThat(intact.nextNodes()).containsExactly("charge", "flaky");

            RunResult done = g.resume(Resume.empty(), cfg(t));
            assertThat(done.status()).isEqualTo(RunResult.Status.COMPLETED);
            assertThat(done.get(TRACE)).containsExactly("start", "charged", "flaky ok", "end");
            assertThat(sideEffects).as("the succeeded node is not repeated").hasValue(1);
            assertThat(flakyCalls).hasValue(2);
        }
    }

    /** The saved history: listing, forking from an earlier checkpoint, continuing and deleting a thread. */
    @Nested
    @DisplayName("History and time travel")
    class History {

        @Test
        @DisplayName("time travel forks from an earlier checkpoint with an edit and leaves the original history intact")
        void timeTravelFork() {
            String t = thread();
            CompiledGraph g = linear(checkpointer, CompileConfig.builder());
            RunResult original = g.invoke(Update.empty(), cfg(t));
            List<Checkpoint> before = g.history(t);
            assertThat(before).extracting(Checkpoint::step).containsExactly(3, 2, 1, 0, -1);
            Checkpoint afterA = before.get(2);
            assertThat(afterA.state().get(TRACE)).containsExactly("a");
            assertThat(afterA.nextNodes()).containsExactly("b");

            RunResult forked = g.fork(afterA.id(), Update.append(TRACE, "edited"), cfg(t));
            assertThat(forked.status()).isEqualTo(RunResult.Status.COMPLETED);
            assertThat(forked.get(TRACE)).containsExactly("a", "edited", "b", "c");

            List<Checkpoint> after = g.history(t);
            assertThat(after).hasSize(before.size() + 3);
            assertThat(after.get(2).parentId()).isEqualTo(afterA.id());
            assertThat(after.get(2).metadata()).containsEntry("source", "fork");
            Checkpoint oldEnd = checkpointer.get(t, original.checkpointId(), g.codec()).orElseThrow();
            assertThat(oldEnd.state().get(TRACE)).containsExactly("a", "b", "c");
            assertThat(g.state(t).orElseThrow().id()).isEqualTo(forked.checkpointId());
        }

        @Test
        @DisplayName("a second invoke on a finished thread continues from its state")
        void conversationContinues() {
            String t = thread();
            CompiledGraph g = linear(checkpointer, CompileConfig.builder());
            g.invoke(Update.append(TRACE, "turn 1"), cfg(t));
            RunResult second = g.invoke(Update.append(TRACE, "turn 2"), cfg(t));
            assertThat(second.get(TRACE)).containsExactly("turn 1", "a", "b", "c", "turn 2", "a", "b", "c");
            // per run LangGraph's layout: input, __start__, a, b, c
            assertThat(g.history(t)).extracting(Checkpoint::step).containsExactly(8, 7, 6, 5, 4, 3, 2, 1, 0, -1);
        }

        @Test
        @DisplayName("a reopened store lists the same history, newest first, with the same states")
        void reopenedStoreListsTheSameHistory() {
            String t = thread();
            CompiledGraph g = linear(checkpointer, CompileConfig.builder());
            g.invoke(Update.append(TRACE, "start"), cfg(t));
            List<Checkpoint> history = g.history(t);

            List<Checkpoint> reopened = linear(reopenCheckpointer(), CompileConfig.builder()).history(t);

            assertThat(reopened).extracting(Checkpoint::id).containsExactlyElementsOf(history.stream().map(Checkpoint::id).toList());
            assertThat(reopened).extracting(Checkpoint::step).containsExactly(3, 2, 1, 0, -1);
            assertThat(reopened.get(0).state().get(TRACE)).containsExactly("start", "a", "b", "c");
            assertThat(reopened.get(0).state()).isEqualTo(history.get(0).state());
        }

        @Test
        @DisplayName("a growing conversation of chat messages: every checkpoint a reopened store lists or reads by id has the state its run produced")
        void growingConversationReadsBack() {
            String t = thread();
            CompiledGraph g = chat(checkpointer);
            List<Object> produced = new ArrayList<>();
            for (int turn = 0; turn < 40; turn++) { // messages of growing size, partly random: stores that keep snapshots write several
                RunResult r = g.invoke(Update.append(MESSAGES, UserMessage.from("question " + turn + " " + "x".repeat(turn * 40))), cfg(t));
                produced.add(r.state());
            }
            Checkpointer reopened = reopenCheckpointer();
            CompiledGraph fresh = chat(reopened);
            List<Checkpoint> history = fresh.history(t);
            assertThat(history).hasSize(40 * 3); // per run: input, __start__, reply
            for (int turn = 0; turn < 40; turn++) {
                Checkpoint last = history.get(3 * (39 - turn));
                assertThat(last.state()).as("turn %d", turn).isEqualTo(produced.get(turn));
                assertThat(last.state().get(MESSAGES)).hasSize(2 * (turn + 1)).last().isInstanceOf(AiMessage.class);
            }
            for (Checkpoint c : history) {
                assertThat(reopened.get(t, c.id(), fresh.codec()).orElseThrow().state()).as("checkpoint %s", c.id()).isEqualTo(c.state());
            }
            assertThat(fresh.state(t).orElseThrow().state()).isEqualTo(produced.get(39));
        }

        @Test
        @DisplayName("deleteThread forgets the thread")
        void deleteThread() {
            String t = thread();
            CompiledGraph g = linear(checkpointer, CompileConfig.builder());
            g.invoke(Update.empty(), cfg(t));
            checkpointer.deleteThread(t);
            assertThat(g.state(t)).isEmpty();
            assertThat(g.history(t)).isEmpty();
        }
    }

    /** Threads are independent: unknown threads are empty, deletion and concurrent runs do not cross threads. */
    @Nested
    @DisplayName("Thread isolation")
    class Threads {

        @Test
        @DisplayName("a thread the store has never seen has no state, no history and no checkpoint by id")
        void unknownThreadIsEmpty() {
            String t = thread();
            CompiledGraph g = linear(checkpointer, CompileConfig.builder());
            assertThat(checkpointer.latest(t, g.codec())).isEmpty();
            assertThat(checkpointer.history(t, g.codec())).isEmpty();
            assertThat(checkpointer.get(t, "no-such-checkpoint", g.codec())).isEmpty();
            checkpointer.deleteThread(t); // deleting an unknown thread is a no-op
            assertThat(checkpointer.latest(t, g.codec())).isEmpty();
        }

        @Test
        @DisplayName("a checkpoint id is only found under its own thread")
        void checkpointIdsAreScopedToTheirThread() {
            String t = thread();
            String other = thread();
            CompiledGraph g = linear(checkpointer, CompileConfig.builder());
            RunResult r = g.invoke(Update.empty(), cfg(t));
            assertThat(checkpointer.get(t, r.checkpointId(), g.codec())).isPresent();
            assertThat(checkpointer.get(other, r.checkpointId(), g.codec())).isEmpty();
        }

        @Test
        @DisplayName("deleting one thread leaves the other threads intact")
        void deleteLeavesOtherThreads() {
            String keep = thread();
            String drop = thread();
            CompiledGraph g = linear(checkpointer, CompileConfig.builder());
            g.invoke(Update.append(TRACE, "keep"), cfg(keep));
            g.invoke(Update.append(TRACE, "drop"), cfg(drop));

            checkpointer.deleteThread(drop);

            assertThat(g.state(drop)).isEmpty();
            assertThat(g.state(keep).orElseThrow().state().get(TRACE)).containsExactly("keep", "a", "b", "c");
            assertThat(g.history(keep)).hasSize(5);
        }

        @Test
        @DisplayName("16 threads run concurrently on one store and each keeps exactly its own history")
        void concurrentThreadsKeepTheirOwnHistory() throws Exception {
            CompiledGraph g = linear(checkpointer, CompileConfig.builder());
            ExecutorService callers = Executors.newFixedThreadPool(8);
            try {
                List<String> threads = new ArrayList<>();
                List<Future<RunResult>> runs = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    String t = thread();
                    threads.add(t);
                    String marker = "run " + i;
                    Callable<RunResult> run = () -> g.invoke(Update.append(TRACE, marker),
                            RunConfig.builder().threadId(t).build());
                    runs.add(callers.submit(run));
                }
                for (int i = 0; i < 16; i++) {
                    RunResult r = runs.get(i).get();
                    assertThat(r.status()).isEqualTo(RunResult.Status.COMPLETED);
                    String t = threads.get(i);
                    assertThat(g.state(t).orElseThrow().state().get(TRACE)).containsExactly("run " + i, "a", "b", "c");
                    assertThat(g.history(t)).extracting(Checkpoint::step).containsExactly(3, 2, 1, 0, -1);
                    assertThat(g.history(t)).extracting(Checkpoint::threadId).containsOnly(t);
                }
            } finally {
                callers.shutdownNow();
            }
        }
    }

    /**
     * Subgraph checkpoint namespaces (LangGraph's {@code checkpoint_ns}): a subgraph's checkpoints are stored under
     * {@link Checkpointer#subgraphThreadId} thread ids and deleted with their root thread.
     */
    @Nested
    @DisplayName("Subgraph namespaces")
    class SubgraphNamespaces {

        private void saveInput(String thread, String text, CompiledGraph g) {
            Update input = Update.append(TRACE, text);
            checkpointer.save(new Checkpoint(UUID.randomUUID().toString(), thread, null, -1, java.time.Instant.now(),
                    dev.salesagent.agents.graph.AgentState.empty().apply(input), input, List.of(), Map.of(),
                    Map.of("source", "input"), List.of()), g.codec());
        }

        @Test
        @DisplayName("deleting a thread deletes its subgraphs' namespaces, not another thread's; a namespace can be deleted alone")
        void deleteThreadDeletesNamespaces() {
            CompiledGraph g = linear(checkpointer, CompileConfig.builder());
            String root = thread();
            String other = thread();
            String perCall = Checkpointer.subgraphThreadId(root, "sub:" + UUID.randomUUID());
            String stateful = Checkpointer.subgraphThreadId(root, "agent");
            String nested = Checkpointer.subgraphThreadId(root, "agent|inner:" + UUID.randomUUID());
            String othersChild = Checkpointer.subgraphThreadId(other, "agent");
            for (String t : List.of(root, perCall, stateful, nested, other, othersChild)) {
                saveInput(t, t, g);
            }
            assertThat(checkpointer.latest(nested, g.codec()).orElseThrow().state().get(TRACE)).containsExactly(nested);
            assertThat(checkpointer.history(root, g.codec())).as("a namespace is not part of its root's history").hasSize(1);

            checkpointer.deleteThread(stateful);
            assertThat(checkpointer.latest(stateful, g.codec())).isEmpty();
            assertThat(checkpointer.latest(nested, g.codec())).as("deleting a namespace deletes only it").isPresent();

            checkpointer.deleteThread(root);
            for (String t : List.of(root, perCall, nested)) {
                assertThat(checkpointer.latest(t, g.codec())).as(t).isEmpty();
                assertThat(checkpointer.history(t, g.codec())).as(t).isEmpty();
            }
            assertThat(checkpointer.latest(other, g.codec())).isPresent();
            assertThat(checkpointer.latest(othersChild, g.codec())).isPresent();
        }

        @Test
        @DisplayName("a stateful subgraph keeps its state between runs of the parent thread, also in a new process, until the thread is deleted")
        void statefulSubgraphAcrossProcesses() {
            String t = thread();
            java.util.function.Function<Checkpointer, CompiledGraph> build = cp -> {
                CompiledGraph child = StateGraph.of(TRACE, N)
                        .addNode("count", (s, c) -> Update.of(N, s.get(N) + 1).andAppend(TRACE, "child call " + (s.get(N) + 1)))
                        .addEdge(START, "count").compile(CompileConfig.builder().statefulSubgraph(true).build());
                return StateGraph.of(TRACE, N).addNode("agent", child.asNode(s -> Update.empty(), out -> Update.of(N, out.get(N))))
                        .addEdge(START, "agent").compile(CompileConfig.builder().checkpointer(cp).build());
            };
            CompiledGraph g = build.apply(checkpointer);
            assertThat(g.invoke(Update.empty(), cfg(t)).get(N)).isEqualTo(1);
            assertThat(g.invoke(Update.empty(), cfg(t)).get(N)).isEqualTo(2);
            assertThat(build.apply(reopenCheckpointer()).invoke(Update.empty(), cfg(t)).get(N))
                    .as("the subgraph's namespace survives a new process").isEqualTo(3);
            assertThat(g.invoke(Update.empty(), cfg(thread())).get(N)).as("another parent thread starts its own").isEqualTo(1);

            checkpointer.deleteThread(t);
            assertThat(g.invoke(Update.empty(), cfg(t)).get(N)).as("deleted with the parent thread").isEqualTo(1);
        }

        @Test
        @DisplayName("an interrupted subgraph is shown by snapshot(thread, true) and resumed from its own checkpoint by a new process")
        void pausedSubgraphAcrossProcesses() {
            String t = thread();
            AtomicInteger prepRuns = new AtomicInteger();
            java.util.function.Function<Checkpointer, CompiledGraph> build = cp -> {
                CompiledGraph child = StateGraph.of(TRACE, VALUE)
                        .addNode("prep", (s, c) -> {
                            prepRuns.incrementAndGet();
                            return Update.append(TRACE, "prep");
                        })
                        .addNode("confirm", (s, c) -> Update.of(VALUE, "confirmed " + c.interrupt("confirm?")))
                        .addEdge(START, "prep").addEdge("prep", "confirm").compile();
                return StateGraph.of(TRACE, VALUE).addNode("sub", child).addEdge(START, "sub")
                        .compile(CompileConfig.builder().checkpointer(cp).build());
            };
            CompiledGraph g = build.apply(checkpointer);
            assertThat(g.invoke(Update.empty(), cfg(t)).status()).isEqualTo(RunResult.Status.INTERRUPTED);
            checkpointer.flush();
            CompiledGraph reopened = build.apply(reopenCheckpointer());
            var sub = reopened.snapshot(t, true).orElseThrow().tasks().get(0);
            assertThat(sub.checkpointNs()).startsWith("sub:");
            assertThat(sub.state().values().get(TRACE)).containsExactly("prep");
            assertThat(sub.state().next()).containsExactly("confirm");
            RunResult done = reopened.resume(Resume.withValue("ok"), cfg(t));
            assertThat(done.status()).isEqualTo(RunResult.Status.COMPLETED);
            assertThat(done.get(VALUE)).isEqualTo("confirmed ok");
            assertThat(prepRuns).hasValue(1);
        }
    }
}
