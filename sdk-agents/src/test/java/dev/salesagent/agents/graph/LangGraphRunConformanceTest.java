package dev.salesagent.agents.graph;

import dev.salesagent.agents.graph.LangGraphConformanceTest.Saver;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.salesagent.agents.graph.StateGraph.END;
import static dev.salesagent.agents.graph.StateGraph.START;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A third batch of LangGraph behaviour tests ({@code langchain-ai/langgraph}, {@code libs/langgraph/tests}): interrupts
 * called several times in one node or in a loop, replay and fork from past checkpoints, {@code Overwrite}, retry
 * policies, joins reached twice, writes of one node to one key, Command.PARENT from three levels deep. Each test names
 * the Python test (and file) it ports and runs with the in-memory and with the JDBC (H2) checkpointer.
 */
class LangGraphRunConformanceTest {

    static final Key<List<String>> VALUE = Key.appending("value", String.class);

    private static CompileConfig with(Saver saver) {
        return CompileConfig.builder().checkpointer(saver.create()).build();
    }

    private static RunConfig thread() {
        return RunConfig.builder().threadId("t-" + UUID.randomUUID()).executor(Runnable::run).build();
    }

    private static Object firstPayload(RunResult r) {
        assertThat(r.status()).isEqualTo(RunResult.Status.INTERRUPTED);
        return r.interrupts().get(0).payload();
    }

    // ------------------------------------------------------------------ interrupt() more than once

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_interrupt_multiple (test_pregel.py): two interrupt() calls in one node are answered in order, by value or by id; a resume's update lands first")
    void interruptMultiple(Saver saver) {
        Key<String> myKey = Key.reducing("my_key", String.class, "", String::concat);
        for (boolean byId : new boolean[] {false, true}) {
            CompiledGraph g = StateGraph.of(myKey)
                    .addNode("node", (s, c) -> {
                        Object answer = c.interrupt(Map.of("value", 1));
                        Object answer2 = c.interrupt(Map.of("value", 2));
                        return Update.of(myKey, answer + " " + answer2);
                    })
                    .addEdge(START, "node").compile(with(saver));
            RunConfig cfg = thread();
            RunResult first = g.invoke(Update.of(myKey, "DE"), cfg);
            assertThat(first.interrupts()).hasSize(1);
            assertThat(first.interrupts().get(0).payload()).isEqualTo(Map.of("value", 1));
            Object answer1 = byId ? Map.of(first.interrupts().get(0).id(), "answer 1") : "answer 1";
            RunResult second = g.resume(Command.resume(answer1).withUpdate(Update.of(myKey, " foofoo ")), cfg);
            assertThat(second.interrupts()).hasSize(1);
            assertThat(second.interrupts().get(0).payload()).isEqualTo(Map.of("value", 2));
            Object answer2 = byId ? Map.of(second.interrupts().get(0).id(), "answer 2") : "answer 2";
            List<StreamPart> values = g.streamResume(Resume.of(Command.resume(answer2)), cfg, EnumSet.of(StreamMode.VALUES), false).toList();
            assertThat(values).extracting(p -> ((AgentState) p.data()).get(myKey))
                    .containsExactly("DE foofoo ", "DE foofoo answer 1 answer 2");
        }
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_interrupt_loop (test_pregel.py): interrupt() in a loop asks again until the answer is valid; each answer is kept")
    void interruptLoop(Saver saver) {
        Key<Integer> age = Key.of("age", Integer.class);
        Key<String> other = Key.of("other", String.class);
        CompiledGraph g = StateGraph.of(age, other)
                .addNode("node", (s, c) -> {
                    String question = "How old are you?";
                    String value = null;
                    for (int i = 0; i < 10; i++) {
                        value = (String) c.interrupt(question);
                        if (!value.chars().allMatch(Character::isDigit) || Integer.parseInt(value) < 18) {
                            question = "invalid response";
                            value = null;
                        } else {
                            break;
                        }
                    }
                    return Update.of(age, Integer.parseInt(value));
                })
                .addEdge(START, "node").compile(with(saver));
        RunConfig cfg = thread();
        assertThat(firstPayload(g.invoke(Update.of(other, ""), cfg))).isEqualTo("How old are you?");
        assertThat(firstPayload(g.resume(Command.resume("13"), cfg))).isEqualTo("invalid response");
        assertThat(firstPayload(g.resume(Command.resume("15"), cfg))).isEqualTo("invalid response");
        List<StreamPart> updates = g.streamResume(Resume.withValue("19"), cfg, EnumSet.of(StreamMode.UPDATES), false).toList();
        assertThat(updates).hasSize(1);
        assertThat(((Update) ((Map<?, ?>) updates.get(0).data()).get("node")).get(age)).isEqualTo(19);
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_multiple_interrupt_state_persistence (test_pregel.py): the state does not change while a node is between its interrupts")
    void multipleInterruptStatePersistence(Saver saver) {
        Key<List<String>> steps = Key.appending("steps", String.class);
        CompiledGraph g = StateGraph.of(steps)
                .addNode("node", (s, c) -> Update.of(steps, List.of((String) c.interrupt("First interrupt"), (String) c.interrupt("Second interrupt"))))
                .addEdge(START, "node").compile(with(saver));
        RunConfig cfg = thread();
        g.invoke(Update.of(steps, List.of()), cfg);
        assertThat(g.snapshot(cfg.threadId()).orElseThrow().values().get(steps)).isEmpty();
        g.resume(Command.resume("step1"), cfg);
        assertThat(g.snapshot(cfg.threadId()).orElseThrow().values().get(steps)).isEmpty();
        assertThat(g.resume(Command.resume("step2"), cfg).orThrow().get(steps)).containsExactly("step1", "step2");
        assertThat(g.snapshot(cfg.threadId()).orElseThrow().values().get(steps)).containsExactly("step1", "step2");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_node_before_interrupt_resume_graph_api (test_pregel.py): a node before the asking node runs once; one interrupt per topic")
    void nodeBeforeInterruptResume(Saver saver) {
        Key<List<String>> topics = Key.listOf("topics", String.class);
        Key<List<String>> answers = Key.appending("answers", String.class);
        AtomicInteger setupRuns = new AtomicInteger();
        CompiledGraph g = StateGraph.of(topics, answers)
                .addNode("setup", (s, c) -> {
                    setupRuns.incrementAndGet();
                    List<String> renamed = new ArrayList<>();
                    for (int i = 0; i < s.get(topics).size(); i++) {
                        renamed.add("topic " + (i + 1));
                    }
                    return Update.of(topics, renamed);
                })
                .addNode("ask", (s, c) -> {
                    List<String> got = new ArrayList<>();
                    for (String topic : s.get(topics)) {
                        got.add((String) c.interrupt("Whats the answer for " + topic + "?"));
                    }
                    return Update.of(answers, got);
                })
                .addEdge(START, "setup").addEdge("setup", "ask").addEdge("ask", END)
                .compile(with(saver));
        RunConfig cfg = thread();
        RunResult r = g.invoke(Update.of(topics, List.of("a", "b")).and(answers, List.of()), cfg);
        assertThat(r.interrupts()).hasSize(1);
        assertThat(firstPayload(r)).isEqualTo("Whats the answer for topic 1?");
        r = g.resume(Command.resume("answer1"), cfg);
        assertThat(r.interrupts()).hasSize(1);
        assertThat(firstPayload(r)).isEqualTo("Whats the answer for topic 2?");
        RunResult done = g.resume(Command.resume("answer2"), cfg).orThrow();
        assertThat(done.get(topics)).containsExactly("topic 1", "topic 2");
        assertThat(done.get(answers)).containsExactly("answer1", "answer2");
        assertThat(setupRuns).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_node_before_multiple_interrupt_cycles_graph_api (test_pregel.py): two interrupt/resume cycles after a node that ran once")
    void nodeBeforeMultipleInterruptCycles(Saver saver) {
        Key<Integer> count = Key.of("count", Integer.class);
        Key<String> data = Key.of("data", String.class);
        CompiledGraph g = StateGraph.of(count, data)
                .addNode("prepare", (s, c) -> Update.of(count, s.get(count) + 10))
                .addNode("multi_interrupt", (s, c) -> {
                    Object first = c.interrupt("First question?");
                    Object second = c.interrupt("Second question?");
                    return Update.of(data, first + "," + second);
                })
                .addEdge(START, "prepare").addEdge("prepare", "multi_interrupt").addEdge("multi_interrupt", END)
                .compile(with(saver));
        RunConfig cfg = thread();
        assertThat(firstPayload(g.invoke(Update.of(count, 0, data, ""), cfg))).isEqualTo("First question?");
        assertThat(firstPayload(g.resume(Command.resume("first_answer"), cfg))).isEqualTo("Second question?");
        RunResult done = g.resume(Command.resume("second_answer"), cfg).orThrow();
        assertThat(done.get(count)).isEqualTo(10);
        assertThat(done.get(data)).isEqualTo("first_answer,second_answer");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_interrupt_stream_mode_values (test_pregel.py): updates+values around an interrupt; the resume starts with the saved values")
    void interruptStreamModeValues(Saver saver) {
        Key<String> robot = Key.of("robot_input", String.class);
        Key<String> human = Key.of("human_input", String.class);
        CompiledGraph g = StateGraph.of(robot, human)
                .addNode("robot_input_node", (s, c) -> Update.of(robot, "beep boop i am a robot"))
                .addNode("human_input_node", (s, c) -> Command.update(Update.of(human, (String) c.interrupt("interrupt"))))
                .addEdge(START, "robot_input_node").addEdge("robot_input_node", "human_input_node")
                .compile(with(saver));
        RunConfig cfg = thread();
        // an empty input writes nothing, so no values part for it; LangGraph's fourth part (values plus "__interrupt__")
        // has no counterpart: our values parts carry the AgentState only, the interrupt comes in the updates part
        List<StreamPart> parts = g.stream(Update.empty(), cfg, EnumSet.of(StreamMode.UPDATES, StreamMode.VALUES), false).toList();
        assertThat(parts).extracting(p -> p.mode() + ":" + (p.data() instanceof Map<?, ?> m ? m.keySet() : ((AgentState) p.data()).get(robot)))
                .containsExactly("UPDATES:[robot_input_node]", "VALUES:beep boop i am a robot", "UPDATES:[__interrupt__]");
        List<StreamPart> resumed = g.streamResume(Resume.withValue("i am a human"), cfg,
                EnumSet.of(StreamMode.UPDATES, StreamMode.VALUES), false).toList();
        assertThat(resumed).extracting(StreamPart::mode).containsExactly(StreamMode.VALUES, StreamMode.UPDATES, StreamMode.VALUES);
        assertThat(((AgentState) resumed.get(0).data()).get(human)).isNull();
        assertThat(new ArrayList<Object>(((Map<?, ?>) resumed.get(1).data()).keySet())).containsExactly("human_input_node");
        assertThat(((AgentState) resumed.get(2).data()).get(human)).isEqualTo("i am a human");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_interruption_without_state_updates (test_interruption.py): interrupt_after=\"*\" pauses after nodes that write nothing; one checkpoint per step")
    void interruptionWithoutStateUpdates(Saver saver) {
        Key<String> input = Key.of("input", String.class);
        Node noop = (s, c) -> Update.empty();
        CompiledGraph g = StateGraph.of(input)
                .addNode("step_1", noop).addNode("step_2", noop).addNode("step_3", noop)
                .addEdge(START, "step_1").addEdge("step_1", "step_2").addEdge("step_2", "step_3").addEdge("step_3", END)
                .compile(CompileConfig.builder().checkpointer(saver.create()).interruptAfter(CompileConfig.ALL_NODES).build());
        RunConfig cfg = thread();
        g.invoke(Update.of(input, "hello world"), cfg);
        assertThat(g.snapshot(cfg.threadId()).orElseThrow().next()).containsExactly("step_2");
        assertThat(g.history(cfg.threadId())).hasSize(3);
        g.resume(Resume.empty(), cfg);
        assertThat(g.snapshot(cfg.threadId()).orElseThrow().next()).containsExactly("step_3");
        assertThat(g.history(cfg.threadId())).hasSize(4);
        g.resume(Resume.empty(), cfg);
        assertThat(g.snapshot(cfg.threadId()).orElseThrow().next()).isEmpty();
        assertThat(g.history(cfg.threadId())).hasSize(5);
    }

    // ------------------------------------------------------------------ replay and fork (test_time_travel.py)

    private static CompiledGraph abGraph(Saver saver, List<String> called) {
        return StateGraph.of(VALUE)
                .addNode("node_a", (s, c) -> {
                    called.add("node_a");
                    return Update.append(VALUE, "a");
                })
                .addNode("node_b", (s, c) -> {
                    called.add("node_b");
                    return Update.append(VALUE, "b");
                })
                .addEdge(START, "node_a").addEdge("node_a", "node_b")
                .compile(with(saver));
    }

    private static Checkpoint before(CompiledGraph g, String threadId, String node) {
        return g.history(threadId).stream().filter(c -> c.nextNodes().equals(List.of(node))).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_replay_reruns_nodes_after_checkpoint (test_time_travel.py): replay from before node_b re-runs node_b only")
    void replayRerunsNodesAfterCheckpoint(Saver saver) {
        List<String> called = Collections.synchronizedList(new ArrayList<>());
        CompiledGraph g = abGraph(saver, called);
        RunConfig cfg = thread();
        assertThat(g.invoke(Update.of(VALUE, List.of()), cfg).orThrow().get(VALUE)).containsExactly("a", "b");
        assertThat(called).containsExactly("node_a", "node_b");
        Checkpoint beforeB = before(g, cfg.threadId(), "node_b");
        called.clear();
        assertThat(g.fork(beforeB.id(), Update.empty(), cfg).orThrow().get(VALUE)).containsExactly("a", "b");
        assertThat(called).containsExactly("node_b");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_replay_from_final_checkpoint_is_noop (test_time_travel.py): replay from a checkpoint with no next nodes runs nothing")
    void replayFromFinalCheckpointIsNoop(Saver saver) {
        List<String> called = Collections.synchronizedList(new ArrayList<>());
        CompiledGraph g = StateGraph.of(VALUE)
                .addNode("node_a", (s, c) -> {
                    called.add("node_a");
                    return Update.append(VALUE, "a");
                })
                .addEdge(START, "node_a").compile(with(saver));
        RunConfig cfg = thread();
        g.invoke(Update.of(VALUE, List.of()), cfg).orThrow();
        Checkpoint last = g.state(cfg.threadId()).orElseThrow();
        assertThat(last.nextNodes()).isEmpty();
        called.clear();
        assertThat(g.fork(last.id(), Update.empty(), cfg).orThrow().get(VALUE)).containsExactly("a");
        assertThat(called).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_multiple_forks_from_same_checkpoint (test_time_travel.py): two forks of one checkpoint do not see each other")
    void multipleForksFromSameCheckpoint(Saver saver) {
        CompiledGraph g = abGraph(saver, Collections.synchronizedList(new ArrayList<>()));
        RunConfig cfg = thread();
        g.invoke(Update.of(VALUE, List.of()), cfg).orThrow();
        Checkpoint beforeB = before(g, cfg.threadId(), "node_b");
        g.updateState(cfg.threadId(), beforeB.id(), Update.append(VALUE, "fork1"), "node_a");
        List<String> result1 = g.resume(Resume.empty(), cfg).orThrow().get(VALUE);
        g.updateState(cfg.threadId(), beforeB.id(), Update.append(VALUE, "fork2"), "node_a");
        List<String> result2 = g.resume(Resume.empty(), cfg).orThrow().get(VALUE);
        assertThat(result1).contains("fork1").doesNotContain("fork2");
        assertThat(result2).contains("fork2").doesNotContain("fork1");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_fork_does_not_apply_pending_writes (test_pregel.py): update_state as_node at a past checkpoint, then continue: 1 + 20 + 100")
    void forkDoesNotApplyPendingWrites(Saver saver) {
        Key<Integer> value = Key.reducing("value", Integer.class, 0, Integer::sum);
        CompiledGraph g = StateGraph.of(value)
                .addNode("node_a", (s, c) -> Update.of(value, 10))
                .addNode("node_b", (s, c) -> Update.of(value, 100))
                .addEdge(START, "node_a").addEdge("node_a", "node_b")
                .compile(with(saver));
        RunConfig cfg = thread();
        assertThat(g.invoke(Update.of(value, 1), cfg).orThrow().get(value)).isEqualTo(111);
        Checkpoint beforeA = before(g, cfg.threadId(), "node_a");
        g.updateState(cfg.threadId(), beforeA.id(), Update.of(value, 20), "node_a");
        assertThat(g.resume(Resume.empty(), cfg).orThrow().get(value)).isEqualTo(121);
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_replay_from_before_interrupt_refires (test_time_travel.py): replay from before the asking node asks again; earlier nodes do not re-run")
    void replayFromBeforeInterruptRefires(Saver saver) {
        Map<String, AtomicInteger> calls = Map.of("node_a", new AtomicInteger(), "ask_human", new AtomicInteger(), "node_b", new AtomicInteger());
        CompiledGraph g = StateGraph.of(VALUE)
                .addNode("node_a", (s, c) -> {
                    calls.get("node_a").incrementAndGet();
                    return Update.append(VALUE, "a");
                })
                .addNode("ask_human", (s, c) -> {
                    calls.get("ask_human").incrementAndGet();
                    return Update.append(VALUE, "human:" + c.interrupt("What is your input?"));
                })
                .addNode("node_b", (s, c) -> {
                    calls.get("node_b").incrementAndGet();
                    return Update.append(VALUE, "b");
                })
                .addEdge(START, "node_a").addEdge("node_a", "ask_human").addEdge("ask_human", "node_b")
                .compile(with(saver));
        RunConfig cfg = thread();
        assertThat(g.invoke(Update.of(VALUE, List.of()), cfg).status()).isEqualTo(RunResult.Status.INTERRUPTED);
        assertThat(g.resume(Command.resume("hello"), cfg).orThrow().get(VALUE)).containsExactly("a", "human:hello", "b");
        assertThat(calls.get("ask_human")).hasValue(2);
        List<Checkpoint> beforeAsk = g.history(cfg.threadId()).stream().filter(c -> c.nextNodes().equals(List.of("ask_human"))).toList();
        RunResult replay = g.fork(beforeAsk.get(beforeAsk.size() - 1).id(), Update.empty(), cfg);
        assertThat(firstPayload(replay)).isEqualTo("What is your input?");
        assertThat(replay.get(VALUE)).containsExactly("a");
        assertThat(calls.get("ask_human")).hasValue(3);
        assertThat(calls.get("node_a")).hasValue(1);
        assertThat(calls.get("node_b")).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_multiple_interrupts_in_one_node (test_time_travel.py): two interrupts resolved one at a time; replay from before the node asks the first again")
    void multipleInterruptsInOneNode(Saver saver) {
        CompiledGraph g = StateGraph.of(VALUE)
                .addNode("ask", (s, c) -> {
                    Object a1 = c.interrupt("First question?");
                    Object a2 = c.interrupt("Second question?");
                    return Update.append(VALUE, "a1:" + a1, "a2:" + a2);
                })
                .addNode("after", (s, c) -> Update.append(VALUE, "done"))
                .addEdge(START, "ask").addEdge("ask", "after")
                .compile(with(saver));
        RunConfig cfg = thread();
        assertThat(firstPayload(g.invoke(Update.of(VALUE, List.of()), cfg))).isEqualTo("First question?");
        assertThat(firstPayload(g.resume(Command.resume("ans1"), cfg))).isEqualTo("Second question?");
        assertThat(g.resume(Command.resume("ans2"), cfg).orThrow().get(VALUE)).containsExactly("a1:ans1", "a2:ans2", "done");
        List<Checkpoint> beforeAsk = g.history(cfg.threadId()).stream().filter(c -> c.nextNodes().equals(List.of("ask"))).toList();
        assertThat(firstPayload(g.fork(beforeAsk.get(beforeAsk.size() - 1).id(), Update.empty(), cfg))).isEqualTo("First question?");
    }

    // ------------------------------------------------------------------ Overwrite (bypassing a reducer)

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_overwrite_sequential (test_pregel.py): Overwrite replaces an appending key's value instead of reducing")
    void overwriteSequential(Saver saver) {
        Key<List<String>> messages = Key.appending("messages", String.class);
        CompiledGraph g = StateGraph.of(messages)
                .addNode("node_a", (s, c) -> Update.append(messages, "a"))
                .addNode("node_b", (s, c) -> Update.overwrite(messages, List.of("b")))
                .addEdge(START, "node_a").addEdge("node_a", "node_b")
                .compile(with(saver));
        RunConfig cfg = thread();
        assertThat(g.invoke(Update.append(messages, "START"), cfg).orThrow().get(messages)).containsExactly("b");
        assertThat(g.state(cfg.threadId()).orElseThrow().state().get(messages)).as("as checkpointed").containsExactly("b");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_overwrite_parallel (test_pregel.py): one Overwrite in a step replaces the parallel siblings' reduced writes too")
    void overwriteParallel(Saver saver) {
        Key<List<String>> messages = Key.appending("messages", String.class);
        CompiledGraph g = StateGraph.of(messages)
                .addNode("node_a", (s, c) -> Update.append(messages, "a"))
                .addNode("node_b", (s, c) -> Update.overwrite(messages, List.of("b")))
                .addNode("node_c", (s, c) -> Update.append(messages, "c"))
                .addNode("node_d", (s, c) -> Update.append(messages, "d"))
                .addEdge(START, "node_a").addEdge("node_a", "node_b").addEdge("node_a", "node_c")
                .addEdge("node_b", "node_d").addEdge("node_c", "node_d")
                .compile(with(saver));
        RunConfig cfg = thread();
        assertThat(g.invoke(Update.append(messages, "START"), cfg).orThrow().get(messages)).containsExactly("b", "d");
        assertThat(g.state(cfg.threadId()).orElseThrow().state().get(messages)).containsExactly("b", "d");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_overwrite_parallel_error (test_pregel.py): two Overwrites of one key in one step fail the run")
    void overwriteParallelError(Saver saver) {
        Key<List<String>> messages = Key.appending("messages", String.class);
        CompiledGraph g = StateGraph.of(messages)
                .addNode("node_a", (s, c) -> Update.append(messages, "a"))
                .addNode("node_b", (s, c) -> Update.overwrite(messages, List.of("b")))
                .addNode("node_c", (s, c) -> Update.overwrite(messages, List.of("c")))
                .addEdge(START, "node_a").addEdge("node_a", "node_b").addEdge("node_a", "node_c")
                .addEdge("node_b", END).addEdge("node_c", END)
                .compile(with(saver));
        RunResult r = g.invoke(Update.append(messages, "START"), thread());
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).isInstanceOf(InvalidUpdateException.class)
                .hasMessageContaining("Can receive only one Overwrite value per super-step");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("Overwrite survives a pending-write round trip: a sibling's interrupt, then resume, still replaces the value")
    void overwriteInPendingWrites(Saver saver) {
        Key<List<String>> messages = Key.appending("messages", String.class);
        CompiledGraph g = StateGraph.of(messages)
                .addNode("reset", (s, c) -> Update.overwrite(messages, List.of("reset")))
                .addNode("ask", (s, c) -> Update.append(messages, "ask:" + c.interrupt("ok?")))
                .addEdge(START, "reset").addEdge(START, "ask")
                .compile(with(saver));
        RunConfig cfg = thread();
        assertThat(g.invoke(Update.append(messages, "START"), cfg).status()).isEqualTo(RunResult.Status.INTERRUPTED);
        assertThat(g.resume(Command.resume("yes"), cfg).orThrow().get(messages)).containsExactly("reset");
    }

    // ------------------------------------------------------------------ writes, joins, routing

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_multiple_writes_same_channel_from_same_node (test_pregel.py): one node's two writes to a key are reduced in order; history shows each step")
    void multipleWritesSameChannelFromSameNode(Saver saver) {
        Key<String> foo = Key.reducing("foo", String.class, "", (a, b) -> a.isEmpty() ? b : b.isEmpty() ? a : a + ", " + b);
        CompiledGraph g = StateGraph.of(foo)
                .addNode("one", (s, c) -> Command.update(Update.of(foo, "one.0").and(foo, "one.1")))
                .addNode("two", (s, c) -> Update.of(foo, "two"))
                .addEdge(START, "one").addEdge("one", "two").addEdge("two", END)
                .compile(with(saver));
        RunConfig cfg = thread();
        List<String> seenByTwo = new ArrayList<>();
        List<StreamPart> parts = g.stream(Update.of(foo, "input"), cfg, EnumSet.of(StreamMode.UPDATES), false).toList();
        assertThat(parts).extracting(p -> (Object) ((Map<?, ?>) p.data()).keySet().iterator().next()).containsExactly("one", "two");
        seenByTwo.add(g.state(cfg.threadId()).orElseThrow().state().get(foo));
        assertThat(seenByTwo).containsExactly("input, one.0, one.1, two");
        assertThat(g.history(cfg.threadId())).extracting(c -> c.state().get(foo))
                .containsExactly("input, one.0, one.1, two", "input, one.0, one.1", "input", "");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_in_one_fan_out_state_graph_waiting_edge_multiple_cond_edge (test_pregel.py): a join reached a second time through a loop waits for both sources again")
    void waitingEdgeMultipleCondEdge(Saver saver) {
        Key<String> query = Key.of("query", String.class);
        Key<String> answer = Key.of("answer", String.class);
        Key<List<String>> docs = Key.appending("docs", String.class);
        CompiledGraph g = StateGraph.of(query, answer, docs)
                .addNode("rewrite_query", (s, c) -> Update.of(query, "query: " + s.get(query)))
                .addNode("analyzer_one", (s, c) -> Update.of(query, "analyzed: " + s.get(query)))
                .addNode("retriever_one", (s, c) -> Update.append(docs, "doc1", "doc2"))
                .addNode("retriever_two", (s, c) -> Update.append(docs, "doc3", "doc4"))
                .addNode("decider", (s, c) -> Update.empty())
                .addNode("qa", (s, c) -> Update.of(answer, String.join(",", s.get(docs).stream().sorted().toList())))
                .addEdge(START, "rewrite_query")
                .addConditionalEdges("rewrite_query", s -> List.of("analyzer_one", "retriever_two"), List.of("analyzer_one", "retriever_two"))
                .addEdge("analyzer_one", "retriever_one")
                .addEdge(List.of("retriever_one", "retriever_two"), "decider")
                .addConditionalEdges("decider", s -> s.get(query).split("analyzed", -1).length - 1 > 1 ? "qa" : "rewrite_query",
                        List.of("qa", "rewrite_query"))
                .addEdge("qa", END)
                .compile(with(saver));
        RunResult r = g.invoke(Update.of(query, "what is weather in sf"), thread()).orThrow();
        assertThat(r.get(query)).isEqualTo("analyzed: query: analyzed: query: what is weather in sf");
        assertThat(r.get(answer)).isEqualTo("doc1,doc1,doc2,doc2,doc3,doc3,doc4,doc4");
        assertThat(r.steps()).extracting(RunResult.Step::node).containsExactly(
                "rewrite_query", "analyzer_one", "retriever_two", "retriever_one", "decider",
                "rewrite_query", "analyzer_one", "retriever_two", "retriever_one", "decider", "qa");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_invoke_two_processes_two_in_two_out_invalid (test_pregel.py): two parallel writes of a last-value key fail the run, naming the key")
    void twoWritersOfLastValueKey(Saver saver) {
        Key<String> hello = Key.of("hello", String.class);
        CompiledGraph g = StateGraph.of(hello)
                .addNode("one", (s, c) -> Update.of(hello, "world"))
                .addNode("two", (s, c) -> Update.of(hello, "world"))
                .addConditionalEdges(START, s -> List.of("one", "two"), List.of("one", "two"))
                .compile(with(saver));
        RunResult r = g.invoke(Update.of(hello, "there"), thread());
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).isInstanceOf(InvalidUpdateException.class).hasMessageContaining("'hello'");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_invoke_two_processes_in_out (test_pregel.py): a recursion limit of 1 stops a two-node chain with GraphRecursionError")
    void recursionLimitOne(Saver saver) {
        Key<Integer> x = Key.of("x", Integer.class);
        CompiledGraph g = StateGraph.of(x)
                .addNode("one", (s, c) -> Update.of(x, s.get(x) + 1))
                .addNode("two", (s, c) -> Update.of(x, s.get(x) + 1))
                .addEdge(START, "one").addEdge("one", "two")
                .compile(with(saver));
        assertThat(g.invoke(Update.of(x, 2), thread()).orThrow().get(x)).isEqualTo(4);
        RunConfig limited = RunConfig.builder().threadId("t-" + UUID.randomUUID()).recursionLimit(1).executor(Runnable::run).build();
        RunResult r = g.invoke(Update.of(x, 2), limited);
        assertThat(r.error()).isInstanceOf(GraphRecursionException.class).hasMessageContaining("Recursion limit of 1 ");
        assertThat(r.get(x)).as("the step that ran is kept").isEqualTo(3);
    }

    // ------------------------------------------------------------------ Command.PARENT nesting

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_parent_command_goto_deeply_nested (test_pregel.py): Command.PARENT three levels deep routes the immediate parent only")
    void parentCommandGotoDeeplyNested(Saver saver) {
        Key<List<String>> dialog = Key.appending("dialog_state", String.class);
        for (boolean persist : new boolean[] {false, true}) {
            CompileConfig sub = CompileConfig.builder().statefulSubgraph(persist).build();
            CompiledGraph subSub = StateGraph.of(dialog)
                    .addNode("sub_sub_child", (s, c) -> Command.goTo("sub_child_3").withUpdate(Update.append(dialog, "sub_sub_child")).toParent())
                    .addEdge(START, "sub_sub_child").compile(sub);
            CompiledGraph middle = StateGraph.of(dialog)
                    .addNode("sub_child_1", (s, c) -> Update.append(dialog, "sub_child_1"))
                    .addNode("sub_child_2", subSub)
                    .addNode("sub_child_3", (s, c) -> Update.append(dialog, "sub_child_3"))
                    .addEdge(START, "sub_child_1").addEdge("sub_child_1", "sub_child_2")
                    .compile(sub);
            CompiledGraph main = StateGraph.of(dialog)
                    .addNode("child_1", (s, c) -> Update.append(dialog, "child_1"))
                    .addNode("child_2", middle)
                    .addEdge(START, "child_1").addEdge("child_1", "child_2")
                    .compile(with(saver));
            // LangGraph's expectation: the subgraphs' final values are merged into the parent through operator.add
            // (their copies of the input appear again); our subgraphs hand back what they wrote, so the input is not doubled
            assertThat(main.invoke(Update.append(dialog, "init"), thread()).orThrow().get(dialog)).as("persist=" + persist)
                    .containsExactly("init", "child_1", "sub_child_1", "sub_sub_child", "sub_child_3");
        }
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_parent_command_from_nested_subgraph (test_parent_command.py): the first of two graphs invoked inside a node that returns Command.PARENT ends the node and routes")
    void parentCommandFromNestedSubgraph(Saver saver) {
        Key<Integer> jumpFrom = Key.of("jump_from_idx", Integer.class);
        Key<Boolean> jump = Key.of("jump", Boolean.class);
        CompiledGraph child0 = StateGraph.of(jump)
                .addNode("node", (s, c) -> s.get(jump) ? Command.goTo("parent_second").toParent() : Update.empty())
                .addEdge(START, "node").compile();
        CompiledGraph child1 = StateGraph.of(jump)
                .addNode("node", (s, c) -> s.get(jump) ? Command.goTo("parent_second").toParent() : Update.empty())
                .addEdge(START, "node").compile();
        List<String> trail = Collections.synchronizedList(new ArrayList<>());
        CompiledGraph g = StateGraph.of(jumpFrom)
                .addNode("parent_first", (s, c) -> {
                    child0.invoke(Update.of(jump, s.get(jumpFrom) == 1));
                    if (s.get(jumpFrom) == 1) {
                        throw new AssertionError("Shouldn't be here");
                    }
                    child1.invoke(Update.of(jump, s.get(jumpFrom) == 2));
                    if (s.get(jumpFrom) == 2) {
                        throw new AssertionError("Shouldn't be here");
                    }
                    return Update.empty();
                })
                .addNode("parent_second", (s, c) -> {
                    trail.add("parent_second");
                    return Update.empty();
                })
                .addEdge(START, "parent_first").addEdge("parent_second", END)
                .compile(with(saver));
        assertThat(g.invoke(Update.of(jumpFrom, 1), thread()).orThrow().get(jumpFrom)).isEqualTo(1);
        assertThat(g.invoke(Update.of(jumpFrom, 2), thread()).orThrow().get(jumpFrom)).isEqualTo(2);
        assertThat(trail).containsExactly("parent_second", "parent_second");
    }

    // ------------------------------------------------------------------ retry policy (test_retry.py)

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_graph_with_single_retry_policy (test_retry.py): three attempts numbered 1..3, backoff 10 ms then 20 ms, then the next node")
    void singleRetryPolicy(Saver saver) {
        Key<String> foo = Key.of("foo", String.class);
        List<Integer> attempts = Collections.synchronizedList(new ArrayList<>());
        List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
        CompiledGraph g = StateGraph.of(foo)
                .addNode("failing_node", (s, c) -> {
                    attempts.add(c.attempt());
                    if (attempts.size() < 3) {
                        throw new IllegalArgumentException("Intentional failure");
                    }
                    return Update.of(foo, "success");
                }, NodePolicy.builder().maxAttempts(3).backoff(Duration.ofMillis(10), 2.0).retryOn(IllegalArgumentException.class).build())
                .addNode("other_node", (s, c) -> Update.of(foo, "other_node"))
                .addEdge(START, "failing_node").addEdge("failing_node", "other_node")
                .compile(CompileConfig.builder().checkpointer(saver.create()).sleeper(sleeps::add).build());
        assertThat(g.invoke(Update.of(foo, ""), thread()).orThrow().get(foo)).isEqualTo("other_node");
        assertThat(attempts).containsExactly(1, 2, 3);
        assertThat(sleeps).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_graph_with_max_attempts_exceeded (test_retry.py): after max_attempts the node's own error fails the run; one backoff of 10 ms")
    void maxAttemptsExceeded(Saver saver) {
        Key<String> foo = Key.of("foo", String.class);
        List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
        CompiledGraph g = StateGraph.of(foo)
                .addNode("always_failing", (s, c) -> {
                    throw new IllegalArgumentException("Always fails");
                }, NodePolicy.builder().maxAttempts(2).backoff(Duration.ofMillis(10), 2.0).retryOn(IllegalArgumentException.class).build())
                .addEdge(START, "always_failing")
                .compile(CompileConfig.builder().checkpointer(saver.create()).sleeper(sleeps::add).build());
        RunResult r = g.invoke(Update.of(foo, ""), thread());
        assertThat(r.error()).hasRootCauseInstanceOf(IllegalArgumentException.class).hasRootCauseMessage("Always fails");
        assertThat(sleeps).containsExactly(Duration.ofMillis(10));
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_should_retry_default_retry_on (test_retry.py): by default I/O failures are retried, programming errors are not")
    void defaultRetryOn(Saver saver) {
        NodePolicy policy = NodePolicy.builder().maxAttempts(3).build();
        assertThat(policy.retries(new java.net.ConnectException("connection refused"))).isTrue();
        assertThat(policy.retries(new java.io.UncheckedIOException(new java.io.IOException("reset")))).isTrue();
        for (Throwable t : List.<Throwable>of(new IllegalArgumentException("invalid value"), new ClassCastException("invalid type"),
                new ArithmeticException("division by zero"), new IndexOutOfBoundsException("key not found"),
                new java.util.NoSuchElementException("key not found"), new NullPointerException("null"),
                new UnsupportedOperationException("nope"), new GraphException("graph"))) {
            assertThat(policy.retries(t)).as(t.toString()).isFalse();
        }
        AtomicInteger runs = new AtomicInteger();
        CompiledGraph g = StateGraph.of(VALUE)
                .addNode("bug", (s, c) -> {
                    runs.incrementAndGet();
                    throw new IllegalArgumentException("a bug");
                }, policy)
                .addEdge(START, "bug").compile(with(saver));
        assertThat(g.invoke(Update.empty(), thread()).status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(runs).as("a programming error is not retried").hasValue(1);
    }

    // ------------------------------------------------------------------ batch 2: replay history, entry points, subgraph interrupts

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_run_from_checkpoint_id_retains_previous_writes (test_pregel.py): replay from a past checkpoint adds a fork checkpoint and the new steps; the old history stays as it was")
    void runFromCheckpointIdRetainsPreviousWrites(Saver saver) {
        Key<Integer> myval = Key.reducing("myval", Integer.class, 0, Integer::sum);
        Key<Boolean> otherval = Key.of("otherval", Boolean.class);
        boolean[] flip = {false};
        Node thenode = (s, c) -> {
            flip[0] = !flip[0];
            return Update.of(myval, flip[0] ? 2 : 1).and(otherval, flip[0]);
        };
        CompiledGraph g = StateGraph.of(myval, otherval)
                .addNode("node_one", thenode).addNode("node_two", thenode)
                .addEdge(START, "node_one")
                .addConditionalEdges("node_one", s -> s.get(myval) > 3 ? END : Boolean.TRUE.equals(s.get(otherval)) ? "node_two" : "node_one",
                        List.of(END, "node_one", "node_two"))
                .addConditionalEdges("node_two", s -> s.get(myval) > 3 ? END : Boolean.TRUE.equals(s.get(otherval)) ? "node_one" : "node_two",
                        List.of(END, "node_one", "node_two"))
                .compile(with(saver));
        RunConfig cfg = thread();
        assertThat(g.invoke(Update.of(myval, 1), cfg).orThrow().get(myval)).isEqualTo(4);
        List<Checkpoint> history = g.history(cfg.threadId());
        assertThat(history).hasSize(4);
        assertThat(history.get(3).state().get(myval)).as("the input checkpoint").isEqualTo(0);
        assertThat(history.get(0).state().get(myval)).isEqualTo(4);
        assertThat(history.get(0).state().get(otherval)).isFalse();
        RunResult second = g.fork(history.get(1).id(), Update.empty(), cfg).orThrow();
        assertThat(second.get(myval)).isEqualTo(5);
        assertThat(second.get(otherval)).isTrue();
        List<Checkpoint> newHistory = g.history(cfg.threadId());
        assertThat(newHistory).hasSize(history.size() + 2);
        assertThat(newHistory.get(1).metadata().get("source")).isEqualTo("fork");
        for (int i = 0; i < history.size(); i++) {
            Checkpoint original = history.get(i);
            Checkpoint kept = newHistory.get(i + 2);
            assertThat(kept.id()).isEqualTo(original.id());
            assertThat(kept.state()).isEqualTo(original.state());
            assertThat(kept.nextNodes()).isEqualTo(original.nextNodes());
            assertThat(kept.step()).isEqualTo(original.step());
        }
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_conditional_entrypoint_to_multiple_state_graph (test_pregel.py): a conditional entry point fans out Sends whose argument is an undeclared key")
    void conditionalEntrypointToMultiple(Saver saver) {
        Key<List<String>> locations = Key.listOf("locations", String.class);
        Key<List<String>> results = Key.appending("results", String.class);
        Key<String> location = Key.of("location", String.class);
        CompiledGraph app = StateGraph.of(locations, results)
                .addNode("get_weather", (s, c) -> Update.append(results,
                        "It's " + (s.get(location).length() > 2 ? "sunny" : "cloudy") + " in " + s.get(location)))
                .addEdge("get_weather", END)
                .addConditionalEdges(START, s -> s.get(locations).stream().map(l -> Send.to("get_weather", location, l)).toList(),
                        List.of("get_weather"))
                .compile(with(saver));
        RunResult r = app.invoke(Update.of(locations, List.of("sf", "nyc")), thread()).orThrow();
        assertThat(r.get(locations)).containsExactly("sf", "nyc");
        assertThat(r.get(results)).containsExactly("It's cloudy in sf", "It's sunny in nyc");
        List<StreamPart> values = app.stream(Update.of(locations, List.of("sf", "nyc")), thread(), EnumSet.of(StreamMode.VALUES), false).toList();
        assertThat(((AgentState) values.get(values.size() - 1).data()).get(results)).containsExactly("It's cloudy in sf", "It's sunny in nyc");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_simple_multi_edge (test_pregel.py): a join of [up, side] after a fan-out runs once, after both; nodes that write nothing still report an update")
    void simpleMultiEdge(Saver saver) {
        Key<String> myKey = Key.reducing("my_key", String.class, "", String::concat);
        Node nothing = (s, c) -> Update.empty();
        CompiledGraph app = StateGraph.of(myKey)
                .addNode("up", nothing).addNode("side", nothing)
                .addNode("other", (s, c) -> Update.of(myKey, "_more")).addNode("down", nothing)
                .addEdge(START, "up").addEdge("up", "side").addEdge("up", "other")
                .addEdge(List.of("up", "side"), "down").addEdge("down", END)
                .compile(with(saver));
        assertThat(app.invoke(Update.of(myKey, "my_value"), thread()).orThrow().get(myKey)).isEqualTo("my_value_more");
        List<StreamPart> updates = app.stream(Update.of(myKey, "my_value"), thread(), EnumSet.of(StreamMode.UPDATES), false).toList();
        List<Object> order = updates.stream().map(p -> (Object) ((Map<?, ?>) p.data()).keySet().iterator().next()).toList();
        assertThat(order).as("LangGraph accepts either order of the parallel pair").isIn(
                List.of("up", "side", "other", "down"), List.of("up", "other", "side", "down"));
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_invoke_checkpoint_two (test_pregel.py): a connection error is retried by the default policy, a programming error is not; the failed run leaves the state and records the error")
    void invokeCheckpointTwo(Saver saver) {
        Key<Integer> input = Key.of("input", Integer.class);
        Key<Integer> total = Key.reducing("total", Integer.class, 0, Integer::sum);
        Key<Integer> output = Key.of("output", Integer.class);
        boolean[] erroredOnce = {false};
        CompiledGraph app = StateGraph.of(input, total, output)
                .addNode("one", (s, c) -> {
                    int sum = s.get(total) + s.get(input);
                    if (sum > 4 && !erroredOnce[0]) {
                        erroredOnce[0] = true;
                        throw new java.net.ConnectException("I will be retried");
                    }
                    if (sum > 10) {
                        throw new IllegalArgumentException("Input is too large");
                    }
                    return Update.of(output, sum).and(total, sum);
                }, NodePolicy.builder().maxAttempts(3).build())
                .addEdge(START, "one")
                .compile(with(saver));
        RunConfig t1 = thread();
        assertThat(app.invoke(Update.of(input, 2), t1).orThrow().get(output)).isEqualTo(2);
        assertThat(app.state(t1.threadId()).orElseThrow().state().get(total)).isEqualTo(2);
        assertThat(app.invoke(Update.of(input, 3), t1).orThrow().get(output)).isEqualTo(5);
        assertThat(erroredOnce[0]).as("errored and retried").isTrue();
        assertThat(app.state(t1.threadId()).orElseThrow().state().get(total)).isEqualTo(7);
        RunResult failed = app.invoke(Update.of(input, 4), t1);
        assertThat(failed.error()).hasRootCauseInstanceOf(IllegalArgumentException.class);
        Checkpoint latest = app.state(t1.threadId()).orElseThrow();
        assertThat(latest.state().get(total)).isEqualTo(7);
        assertThat(latest.pendingWrites()).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo(PendingWrite.Kind.ERROR);
            assertThat(String.valueOf(w.payload())).contains("Input is too large");
        });
        RunConfig t2 = thread();
        assertThat(app.invoke(Update.of(input, 5), t2).orThrow().get(output)).isEqualTo(5);
        assertThat(app.state(t1.threadId()).orElseThrow().state().get(total)).isEqualTo(7);
        assertThat(app.state(t2.threadId()).orElseThrow().state().get(total)).isEqualTo(5);
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_interrupt_subgraph (test_pregel.py): an interrupt inside a subgraph node pauses the parent; the resume value reaches it")
    void interruptSubgraph(Saver saver) {
        Key<String> baz = Key.of("baz", String.class);
        CompiledGraph child = StateGraph.of(baz)
                .addNode("bar", (s, c) -> Update.of(baz, (String) c.interrupt("Please provide baz value:")))
                .addEdge(START, "bar").compile();
        CompiledGraph graph = StateGraph.of(baz)
                .addNode("foo", (s, c) -> Update.of(baz, "foo"))
                .addNode("bar", child)
                .addEdge(START, "foo").addEdge("foo", "bar")
                .compile(with(saver));
        RunConfig cfg = thread();
        RunResult paused = graph.invoke(Update.of(baz, ""), cfg);
        assertThat(firstPayload(paused)).isEqualTo("Please provide baz value:");
        assertThat(paused.get(baz)).isEqualTo("foo");
        assertThat(graph.resume(Command.resume("bar"), cfg).orThrow().get(baz)).isEqualTo("bar");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_double_interrupt_subgraph (test_pregel.py): two interrupting nodes in a row, run alone and as a graph invoked inside a node")
    void doubleInterruptSubgraph(Saver saver) {
        Key<String> input = Key.of("input", String.class);
        StateGraph builder = StateGraph.of(input)
                .addNode("node_1", (s, c) -> Update.of(input, String.valueOf(c.interrupt("interrupt node 1"))))
                .addNode("node_2", (s, c) -> Update.of(input, String.valueOf(c.interrupt("interrupt node 2"))))
                .addEdge(START, "node_1").addEdge("node_1", "node_2").addEdge("node_2", END);
        CompiledGraph alone = builder.compile(with(saver));
        RunConfig cfg = thread();
        EnumSet<StreamMode> updates = EnumSet.of(StreamMode.UPDATES);
        assertThat(alone.stream(Update.of(input, "test"), cfg, updates, false).toList())
                .extracting(p -> (Object) ((Map<?, ?>) p.data()).keySet().iterator().next()).containsExactly("__interrupt__");
        List<StreamPart> second = alone.streamResume(Resume.withValue("123"), cfg, updates, false).toList();
        assertThat(second).extracting(p -> (Object) ((Map<?, ?>) p.data()).keySet().iterator().next()).containsExactly("node_1", "__interrupt__");
        assertThat(((Update) ((Map<?, ?>) second.get(0).data()).get("node_1")).get(input)).isEqualTo("123");
        List<StreamPart> third = alone.streamResume(Resume.withValue("123"), cfg, updates, false).toList();
        assertThat(third).extracting(p -> (Object) ((Map<?, ?>) p.data()).keySet().iterator().next()).containsExactly("node_2");

        CompiledGraph sub = builder.compile();
        CompiledGraph parent = StateGraph.of(input)
                .addNode("invoke_sub_agent", (s, c) -> Update.of(input, sub.invoke(Update.of(input, s.get(input))).get(input)))
                .addEdge(START, "invoke_sub_agent").addEdge("invoke_sub_agent", END)
                .compile(with(saver));
        RunConfig pcfg = thread();
        assertThat(firstPayload(parent.invoke(Update.of(input, "test"), pcfg))).isEqualTo("interrupt node 1");
        assertThat(firstPayload(parent.resume(Command.resume(true), pcfg))).isEqualTo("interrupt node 2");
        List<StreamPart> last = parent.streamResume(Resume.withValue(true), pcfg, updates, false).toList();
        assertThat(last).extracting(p -> (Object) ((Map<?, ?>) p.data()).keySet().iterator().next()).containsExactly("invoke_sub_agent");
        assertThat(((Update) ((Map<?, ?>) last.get(0).data()).get("invoke_sub_agent")).get(input)).isEqualTo("true");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_subgraph_checkpoint_true_interrupt (test_pregel.py): a stateful graph invoked inside a node pauses; state(subgraphs=true) shows its values; resume finishes both")
    void subgraphCheckpointTrueInterrupt(Saver saver) {
        Key<String> bar = Key.of("bar", String.class);
        Key<String> baz = Key.of("baz", String.class);
        CompiledGraph subgraph = StateGraph.of(bar, baz)
                .addNode("subgraph_node_1", (s, c) -> Update.of(baz, (String) c.interrupt("Provide baz value")))
                .addNode("subgraph_node_2", (s, c) -> Update.of(bar, s.get(bar) + s.get(baz)))
                .addEdge(START, "subgraph_node_1").addEdge("subgraph_node_1", "subgraph_node_2")
                .compile(CompileConfig.builder().statefulSubgraph(true).build());
        Key<String> foo = Key.of("foo", String.class);
        CompiledGraph graph = StateGraph.of(foo)
                .addNode("node_1", (s, c) -> Update.of(foo, "hi! " + s.get(foo)))
                .addNode("node_2", (s, c) -> Update.of(foo, subgraph.invoke(Update.of(bar, s.get(foo))).get(bar)))
                .addEdge(START, "node_1").addEdge("node_1", "node_2")
                .compile(with(saver));
        RunConfig cfg = thread();
        RunResult paused = graph.invoke(Update.of(foo, "foo"), cfg);
        assertThat(firstPayload(paused)).isEqualTo("Provide baz value");
        assertThat(paused.get(foo)).isEqualTo("hi! foo");
        assertThat(graph.snapshot(cfg.threadId(), true).orElseThrow().tasks().get(0).state().values().get(bar)).isEqualTo("hi! foo");
        assertThat(graph.resume(Command.resume("baz"), cfg).orThrow().get(foo)).isEqualTo("hi! foobaz");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_interrupt_subgraph_reenter_checkpointer_true (test_pregel.py): a stateful inner graph re-entered by a Command goto resumes, then starts again with its kept values")
    void interruptSubgraphReenterCheckpointerTrue(Saver saver) {
        Key<String> foo = Key.of("foo", String.class);
        Key<String> bar = Key.of("bar", String.class);
        Key<Integer> counter = Key.of("counter", Integer.class);
        List<String> called = Collections.synchronizedList(new ArrayList<>());
        List<String> barValues = Collections.synchronizedList(new ArrayList<>());
        CompiledGraph subgraph = StateGraph.of(foo, bar)
                .addNode("subnode_1", (s, c) -> {
                    called.add("subnode_1");
                    barValues.add(s.get(bar));
                    return Update.of(foo, "subgraph_1");
                })
                .addNode("subnode_2", (s, c) -> {
                    called.add("subnode_2");
                    String value = c.interrupt("Provide value") + "baz";
                    return Update.of(foo, "subgraph_2").and(bar, value);
                })
                .addEdge(START, "subnode_1").addEdge("subnode_1", "subnode_2")
                .compile(CompileConfig.builder().statefulSubgraph(true).build());
        CompiledGraph parent = StateGraph.of(foo, counter)
                .addNode("call_subgraph", (s, c) -> {
                    called.add("call_subgraph");
                    return Update.of(foo, subgraph.invoke(Update.of(foo, s.get(foo))).get(foo));
                })
                .addNode("node", (s, c) -> {
                    called.add("parent");
                    if (s.get(counter) < 1) {
                        return Command.goTo("call_subgraph").withUpdate(Update.of(counter, s.get(counter) + 1));
                    }
                    return Update.of(foo, s.get(foo) + "|parent");
                })
                .addEdge(START, "call_subgraph").addEdge("call_subgraph", "node")
                .compile(with(saver));
        RunConfig cfg = thread();
        RunResult r = parent.invoke(Update.of(foo, "", counter, 0), cfg);
        assertThat(firstPayload(r)).isEqualTo("Provide value");
        assertThat(r.get(foo)).isEmpty();
        assertThat(r.get(counter)).isEqualTo(0);
        r = parent.resume(Command.resume("bar"), cfg);
        assertThat(firstPayload(r)).isEqualTo("Provide value");
        assertThat(r.get(foo)).isEqualTo("subgraph_2");
        assertThat(r.get(counter)).isEqualTo(1);
        RunResult done = parent.resume(Command.resume("qux"), cfg).orThrow();
        assertThat(done.get(foo)).isEqualTo("subgraph_2|parent");
        assertThat(done.get(counter)).isEqualTo(1);
        assertThat(called).containsExactly("call_subgraph", "subnode_1", "subnode_2", "call_subgraph", "subnode_2", "parent",
                "call_subgraph", "subnode_1", "subnode_2", "call_subgraph", "subnode_2", "parent");
        RunResult again = parent.invoke(Update.of(foo, "meow", counter, 0), cfg);
        assertThat(firstPayload(again)).isEqualTo("Provide value");
        assertThat(again.get(foo)).isEqualTo("meow");
        assertThat(barValues).as("the inner graph's values are kept between its runs").containsExactly(null, "barbaz", "quxbaz");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_multiple_subgraphs_checkpointer (test_pregel.py): of two graphs invoked in one node, the stateful one accumulates across the parent's runs, the other does not")
    void multipleSubgraphsCheckpointer(Saver saver) {
        Key<Integer> subCounter = Key.reducing("sub_counter", Integer.class, 0, Integer::sum);
        Key<Integer> otherSubCounter = Key.reducing("other_sub_counter", Integer.class, 0, Integer::sum);
        Key<Integer> parentCounter = Key.of("parent_counter", Integer.class);
        CompiledGraph sub1 = StateGraph.of(subCounter).addNode("subgraph_node", (s, c) -> Update.of(subCounter, 2))
                .addEdge(START, "subgraph_node").compile(CompileConfig.builder().statefulSubgraph(true).build());
        CompiledGraph sub2 = StateGraph.of(otherSubCounter).addNode("other_subgraph_node", (s, c) -> Update.of(otherSubCounter, 3))
                .addEdge(START, "other_subgraph_node").compile();
        CompiledGraph parent = StateGraph.of(parentCounter)
                .addNode("parent_node", (s, c) -> {
                    int result = sub1.invoke(Update.of(subCounter, s.get(parentCounter))).get(subCounter);
                    return Update.of(parentCounter, sub2.invoke(Update.of(otherSubCounter, result)).get(otherSubCounter));
                })
                .addEdge(START, "parent_node").compile(with(saver));
        RunConfig cfg = thread();
        assertThat(parent.invoke(Update.of(parentCounter, 0), cfg).orThrow().get(parentCounter)).isEqualTo(5);
        assertThat(parent.invoke(Update.of(parentCounter, 0), cfg).orThrow().get(parentCounter)).isEqualTo(7);
        RunConfig other = thread();
        List<StreamPart> parts = parent.stream(Update.of(parentCounter, 0), other, EnumSet.of(StreamMode.UPDATES), true).toList();
        assertThat(parts).extracting(p -> p.namespace().size() + " " + ((Map<?, ?>) p.data()).keySet())
                .containsExactly("1 [subgraph_node]", "1 [other_subgraph_node]", "0 [parent_node]");
        assertThat(parts.get(0).namespace()).containsExactly("parent_node");
        assertThat(((Update) ((Map<?, ?>) parts.get(2).data()).get("parent_node")).get(parentCounter)).isEqualTo(5);
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_nested_graph_interrupts_parallel (test_pregel.py): a subgraph's interrupt_before pauses the parent; the parallel sibling's writes show and are not redone")
    void nestedGraphInterruptsParallel(Saver saver) {
        Key<String> myKey = Key.reducing("my_key", String.class, "", String::concat);
        Key<String> myOtherKey = Key.of("my_other_key", String.class);
        AtomicInteger outer1Runs = new AtomicInteger();
        CompiledGraph inner = StateGraph.of(myKey, myOtherKey)
                .addNode("inner_1", (s, c) -> Update.of(myKey, "got here").and(myOtherKey, s.get(myKey)))
                .addNode("inner_2", (s, c) -> Update.of(myKey, " and there").and(myOtherKey, s.get(myKey)))
                .addEdge(START, "inner_1").addEdge("inner_1", "inner_2").addEdge("inner_2", END)
                .compile(CompileConfig.builder().interruptBefore("inner_2").build());
        CompiledGraph app = StateGraph.of(myKey)
                .addNode("inner", inner)
                .addNode("outer_1", (s, c) -> {
                    outer1Runs.incrementAndGet();
                    return Update.of(myKey, " and parallel");
                })
                .addNode("outer_2", (s, c) -> Update.of(myKey, " and back again"))
                .addEdge(START, "inner").addEdge(START, "outer_1")
                .addEdge(List.of("inner", "outer_1"), "outer_2").addEdge("outer_2", END)
                .compile(with(saver));
        RunConfig cfg = thread();
        RunResult paused = app.invoke(Update.of(myKey, ""), cfg);
        assertThat(paused.status()).isEqualTo(RunResult.Status.INTERRUPTED);
        assertThat(paused.get(myKey)).as("the finished sibling's writes are in the interrupted result").isEqualTo(" and parallel");
        assertThat(app.resume(Resume.empty(), cfg).orThrow().get(myKey)).isEqualTo("got here and there and parallel and back again");
        assertThat(outer1Runs).hasValue(1);

        RunConfig streamed = thread();
        List<StreamPart> first = app.stream(Update.of(myKey, ""), streamed, EnumSet.of(StreamMode.UPDATES), true).toList();
        assertThat(first).extracting(p -> p.namespace().size() + " " + ((Map<?, ?>) p.data()).keySet())
                .containsExactly("0 [outer_1]", "1 [inner_1]", "0 [__interrupt__]");
        List<StreamPart> values = app.streamResume(Resume.empty(), streamed, EnumSet.of(StreamMode.VALUES), false).toList();
        assertThat(values).extracting(p -> ((AgentState) p.data()).get(myKey)).last()
                .isEqualTo("got here and there and parallel and back again");
        assertThat(outer1Runs).hasValue(2);
    }

    // ------------------------------------------------------------------ batch 3: time travel with interrupts and stateful subgraphs (test_time_travel.py)

    private static CompiledGraph askGraph(Saver saver, List<String> called) {
        return StateGraph.of(VALUE)
                .addNode("node_a", (s, c) -> {
                    called.add("node_a");
                    return Update.append(VALUE, "a");
                })
                .addNode("ask_human", (s, c) -> {
                    called.add("ask_human");
                    return Update.append(VALUE, "human:" + c.interrupt("What is your input?"));
                })
                .addNode("node_b", (s, c) -> {
                    called.add("node_b");
                    return Update.append(VALUE, "b");
                })
                .addEdge(START, "node_a").addEdge("node_a", "ask_human").addEdge("ask_human", "node_b")
                .compile(with(saver));
    }

    private static Checkpoint oldest(CompiledGraph g, String threadId, String node) {
        List<Checkpoint> found = g.history(threadId).stream().filter(c -> c.nextNodes().equals(List.of(node))).toList();
        return found.get(found.size() - 1);
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_fork_reruns_with_modified_state (test_time_travel.py): update_state at the checkpoint before node_b, then continue: node_b runs on the edited state")
    void forkRerunsWithModifiedState(Saver saver) {
        List<String> called = Collections.synchronizedList(new ArrayList<>());
        CompiledGraph g = abGraph(saver, called);
        RunConfig cfg = thread();
        g.invoke(Update.of(VALUE, List.of()), cfg).orThrow();
        Checkpoint beforeB = before(g, cfg.threadId(), "node_b");
        called.clear();
        g.updateState(cfg.threadId(), beforeB.id(), Update.append(VALUE, "x"), "node_a");
        assertThat(g.resume(Resume.empty(), cfg).orThrow().get(VALUE)).containsExactly("a", "x", "b");
        assertThat(called).containsExactly("node_b");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_replay_from_before_interrupt_then_resume (test_time_travel.py): the replay adds a fork checkpoint on a new branch; resuming it completes that branch, the old one stays")
    void replayFromBeforeInterruptThenResume(Saver saver) {
        List<String> called = Collections.synchronizedList(new ArrayList<>());
        CompiledGraph g = askGraph(saver, called);
        RunConfig cfg = thread();
        g.invoke(Update.of(VALUE, List.of()), cfg);
        g.resume(Command.resume("old_answer"), cfg).orThrow();
        assertThat(g.history(cfg.threadId())).extracting(c -> c.metadata().get("source") + " " + c.nextNodes() + " " + c.state().get(VALUE))
                .containsExactly("loop [] [a, human:old_answer, b]", "loop [node_b] [a, human:old_answer]", "loop [ask_human] [a]",
                        "loop [node_a] []", "input [__start__] []");
        Checkpoint beforeAsk = before(g, cfg.threadId(), "ask_human");
        called.clear();
        assertThat(firstPayload(g.fork(beforeAsk.id(), Update.empty(), cfg))).isEqualTo("What is your input?");
        assertThat(called).containsExactly("ask_human");
        assertThat(g.history(cfg.threadId())).extracting(c -> c.metadata().get("source") + " " + c.nextNodes())
                .containsExactly("fork [ask_human]", "loop []", "loop [node_b]", "loop [ask_human]", "loop [node_a]", "input [__start__]");
        called.clear();
        assertThat(g.resume(Command.resume("new_answer"), cfg).orThrow().get(VALUE)).containsExactly("a", "human:new_answer", "b");
        assertThat(called).containsExactly("ask_human", "node_b");
        assertThat(g.history(cfg.threadId())).extracting(c -> c.metadata().get("source") + " " + c.nextNodes() + " " + c.state().get(VALUE))
                .containsExactly("loop [] [a, human:new_answer, b]", "loop [node_b] [a, human:new_answer]", "fork [ask_human] [a]",
                        "loop [] [a, human:old_answer, b]", "loop [node_b] [a, human:old_answer]", "loop [ask_human] [a]",
                        "loop [node_a] []", "input [__start__] []");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_replay_interrupt_stable_across_replays (test_time_travel.py): three replays of one checkpoint interrupt alike")
    void replayInterruptStableAcrossReplays(Saver saver) {
        CompiledGraph g = askGraph(saver, Collections.synchronizedList(new ArrayList<>()));
        RunConfig cfg = thread();
        g.invoke(Update.of(VALUE, List.of()), cfg);
        g.resume(Command.resume("cached_answer"), cfg).orThrow();
        Checkpoint beforeAsk = oldest(g, cfg.threadId(), "ask_human");
        List<RunResult> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            results.add(g.fork(beforeAsk.id(), Update.empty(), cfg));
        }
        assertThat(results).allSatisfy(r -> {
            assertThat(firstPayload(r)).isEqualTo("What is your input?");
            assertThat(r.get(VALUE)).containsExactly("a");
        });
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_fork_from_interrupt_checkpoint_refires / test_copy_fork_retriggers_interrupt (test_time_travel.py): a fork of the paused checkpoint asks again; a new answer completes it")
    void forkFromInterruptCheckpointRefires(Saver saver) {
        CompiledGraph g = askGraph(saver, Collections.synchronizedList(new ArrayList<>()));
        RunConfig cfg = thread();
        g.invoke(Update.of(VALUE, List.of()), cfg);
        g.resume(Command.resume("hello"), cfg).orThrow();
        Checkpoint paused = g.history(cfg.threadId()).stream()
                .filter(c -> c.nextNodes().equals(List.of("ask_human")) && !c.interrupts().isEmpty()).findFirst().orElseThrow();
        g.updateState(cfg.threadId(), paused.id(), Update.append(VALUE, "forked"), "node_a");
        assertThat(firstPayload(g.resume(Resume.empty(), cfg))).isEqualTo("What is your input?");
        assertThat(g.resume(Command.resume("different"), cfg).orThrow().get(VALUE)).containsExactly("a", "forked", "human:different", "b");

        RunConfig copy = thread(); // __copy__: a fork with no edit
        g.invoke(Update.of(VALUE, List.of()), copy);
        g.resume(Command.resume("hello"), copy).orThrow();
        assertThat(firstPayload(g.fork(oldest(g, copy.threadId(), "ask_human").id(), Update.empty(), copy))).isEqualTo("What is your input?");
        assertThat(g.resume(Command.resume("new_answer"), copy).orThrow().get(VALUE)).containsExactly("a", "human:new_answer", "b");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_sequential_interrupts_fork_from_middle (test_time_travel.py): a fork between two asking nodes asks only the second; replay before the first asks the first")
    void sequentialInterruptsForkFromMiddle(Saver saver) {
        List<String> called = Collections.synchronizedList(new ArrayList<>());
        CompiledGraph g = StateGraph.of(VALUE)
                .addNode("node_a", (s, c) -> Update.append(VALUE, "a"))
                .addNode("interrupt_1", (s, c) -> {
                    called.add("interrupt_1");
                    return Update.append(VALUE, "i1:" + c.interrupt("First question?"));
                })
                .addNode("interrupt_2", (s, c) -> {
                    called.add("interrupt_2");
                    return Update.append(VALUE, "i2:" + c.interrupt("Second question?"));
                })
                .addNode("node_b", (s, c) -> Update.append(VALUE, "b"))
                .addEdge(START, "node_a").addEdge("node_a", "interrupt_1").addEdge("interrupt_1", "interrupt_2").addEdge("interrupt_2", "node_b")
                .compile(with(saver));
        RunConfig cfg = thread();
        assertThat(firstPayload(g.invoke(Update.of(VALUE, List.of()), cfg))).isEqualTo("First question?");
        assertThat(firstPayload(g.resume(Command.resume("ans1"), cfg))).isEqualTo("Second question?");
        assertThat(g.resume(Command.resume("ans2"), cfg).orThrow().get(VALUE)).containsExactly("a", "i1:ans1", "i2:ans2", "b");
        Checkpoint between = oldest(g, cfg.threadId(), "interrupt_2");
        Checkpoint beforeI1 = oldest(g, cfg.threadId(), "interrupt_1");
        g.updateState(cfg.threadId(), between.id(), Update.append(VALUE, "mid_fork"), "interrupt_1");
        assertThat(firstPayload(g.resume(Resume.empty(), cfg))).isEqualTo("Second question?");
        assertThat(g.resume(Command.resume("new_b"), cfg).orThrow().get(VALUE)).contains("i2:new_b", "i1:ans1");
        called.clear();
        assertThat(firstPayload(g.fork(beforeI1.id(), Update.empty(), cfg))).isEqualTo("First question?");
        assertThat(called).containsExactly("interrupt_1");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_subgraph_replay_from_before (test_time_travel.py): replay from before a subgraph node re-runs the subgraph and what follows, not what came before")
    void subgraphReplayFromBefore(Saver saver) {
        List<String> called = Collections.synchronizedList(new ArrayList<>());
        CompiledGraph sub = StateGraph.of(VALUE)
                .addNode("step_a", (s, c) -> {
                    called.add("step_a");
                    return Update.append(VALUE, "sub_a");
                })
                .addNode("step_b", (s, c) -> {
                    called.add("step_b");
                    return Update.append(VALUE, "sub_b");
                })
                .addEdge(START, "step_a").addEdge("step_a", "step_b").compile();
        CompiledGraph g = StateGraph.of(VALUE)
                .addNode("parent_node", (s, c) -> {
                    called.add("parent_node");
                    return Update.append(VALUE, "parent");
                })
                .addNode("subgraph", sub)
                .addNode("post_process", (s, c) -> {
                    called.add("post_process");
                    return Update.append(VALUE, "post");
                })
                .addEdge(START, "parent_node").addEdge("parent_node", "subgraph").addEdge("subgraph", "post_process")
                .compile(with(saver));
        RunConfig cfg = thread();
        assertThat(g.invoke(Update.of(VALUE, List.of()), cfg).orThrow().get(VALUE)).contains("sub_a", "sub_b", "post");
        Checkpoint beforeSub = before(g, cfg.threadId(), "subgraph");
        called.clear();
        assertThat(g.fork(beforeSub.id(), Update.empty(), cfg).orThrow().get(VALUE)).contains("sub_a", "sub_b", "post");
        assertThat(called).containsExactly("step_a", "step_b", "post_process");
    }

    /** The parent/child pair of the stateful-subgraph replay tests: the child asks twice and records what it saw. */
    private static CompiledGraph askingSubgraphParent(Saver saver, boolean stateful, List<String> started) {
        CompiledGraph sub = StateGraph.of(VALUE)
                .addNode("step_a", (s, c) -> {
                    started.add("step_a " + s.get(VALUE));
                    return Update.append(VALUE, "a:" + c.interrupt("question_a"));
                })
                .addNode("step_b", (s, c) -> Update.append(VALUE, "b:" + c.interrupt("question_b")))
                .addEdge(START, "step_a").addEdge("step_a", "step_b")
                .compile(CompileConfig.builder().statefulSubgraph(stateful).build());
        Key<List<String>> results = Key.appending("results", String.class);
        return StateGraph.of(results)
                .addNode("parent_node", (s, c) -> Update.append(results, "p"))
                .addNode("sub_node", sub.asNode(s -> Update.empty(), out -> Update.empty()))
                .addEdge(START, "parent_node").addEdge("parent_node", "sub_node")
                .compile(with(saver));
    }

    private static void twoInvocations(CompiledGraph g, RunConfig cfg) {
        for (int i = 1; i <= 2; i++) {
            g.invoke(Update.empty(), cfg);
            g.resume(Command.resume("a" + i), cfg);
            g.resume(Command.resume("b" + i), cfg).orThrow();
        }
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_stateful_subgraph_retains_state_on_parent_replay / _fork (test_time_travel.py): replaying the parent before the 2nd call gives a stateful subgraph the state it had then")
    void statefulSubgraphRetainsStateOnParentReplay(Saver saver) {
        List<String> started = Collections.synchronizedList(new ArrayList<>());
        CompiledGraph g = askingSubgraphParent(saver, true, started);
        RunConfig cfg = thread();
        twoInvocations(g, cfg);
        assertThat(started).containsSubsequence("step_a []", "step_a [a:a1, b:b1]");
        Checkpoint beforeSub2nd = before(g, cfg.threadId(), "sub_node");
        started.clear();
        assertThat(g.fork(beforeSub2nd.id(), Update.empty(), cfg).status()).isEqualTo(RunResult.Status.INTERRUPTED);
        assertThat(started).first().isEqualTo("step_a [a:a1, b:b1]");

        RunConfig forked = thread();
        twoInvocations(g, forked);
        started.clear();
        g.updateState(forked.threadId(), before(g, forked.threadId(), "sub_node").id(), Update.empty(), "parent_node");
        assertThat(g.resume(Resume.empty(), forked).status()).isEqualTo(RunResult.Status.INTERRUPTED);
        assertThat(started).first().isEqualTo("step_a [a:a1, b:b1]");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_stateless_subgraph_starts_fresh_on_parent_replay (test_time_travel.py): a default subgraph starts empty on every call, also on a replay")
    void statelessSubgraphStartsFreshOnParentReplay(Saver saver) {
        List<String> started = Collections.synchronizedList(new ArrayList<>());
        CompiledGraph g = askingSubgraphParent(saver, false, started);
        RunConfig cfg = thread();
        twoInvocations(g, cfg);
        started.clear();
        assertThat(g.fork(before(g, cfg.threadId(), "sub_node").id(), Update.empty(), cfg).status()).isEqualTo(RunResult.Status.INTERRUPTED);
        assertThat(started).first().isEqualTo("step_a []");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_stateful_subgraph_loads_latest_after_replay (test_time_travel.py): after a replay, the next call of a stateful subgraph continues from the replay's state")
    void statefulSubgraphLoadsLatestAfterReplay(Saver saver) {
        Key<List<String>> sv = Key.appending("value", String.class);
        List<String> observed = Collections.synchronizedList(new ArrayList<>());
        CompiledGraph sub = StateGraph.of(sv)
                .addNode("sub_step", (s, c) -> {
                    observed.add(String.valueOf(s.get(sv)));
                    return Update.append(sv, "s");
                })
                .addEdge(START, "sub_step").compile(CompileConfig.builder().statefulSubgraph(true).build());
        Key<List<String>> results = Key.appending("results", String.class);
        CompiledGraph g = StateGraph.of(results)
                .addNode("parent_node", (s, c) -> Update.append(results, "p"))
                .addNode("sub_node", sub.asNode(s -> Update.empty(), out -> Update.empty()))
                .addEdge(START, "parent_node").addEdge("parent_node", "sub_node")
                .compile(with(saver));
        RunConfig cfg = thread();
        g.invoke(Update.empty(), cfg).orThrow();
        g.invoke(Update.empty(), cfg).orThrow();
        assertThat(observed).containsExactly("[]", "[s]");
        observed.clear();
        g.fork(before(g, cfg.threadId(), "parent_node").id(), Update.empty(), cfg).orThrow();
        assertThat(observed).containsExactly("[s]");
        observed.clear();
        g.invoke(Update.empty(), cfg).orThrow();
        assertThat(observed).containsExactly("[s, s]");
    }

    private static CompiledGraph recordingStatefulSubgraph(Key<List<String>> trail, String node, String item, List<String> observed) {
        return StateGraph.of(trail)
                .addNode(node, (s, c) -> {
                    observed.add(node + " " + s.get(trail));
                    return Update.append(trail, item);
                })
                .addEdge(START, node).compile(CompileConfig.builder().statefulSubgraph(true).build());
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_subgraph_called_in_loop_loads_state_on_replay (test_time_travel.py): a stateful subgraph called in a loop gets its state at the replay point, from the loop's start or its middle")
    void subgraphCalledInLoopLoadsStateOnReplay(Saver saver) {
        Key<List<String>> subTrail = Key.appending("sub_trail", String.class);
        List<String> observed = Collections.synchronizedList(new ArrayList<>());
        CompiledGraph sub = recordingStatefulSubgraph(subTrail, "sub_step", "s", observed);
        Key<Integer> counter = Key.of("counter", Integer.class);
        Key<List<String>> results = Key.appending("results", String.class);
        CompiledGraph g = StateGraph.of(counter, results)
                .addNode("inc", (s, c) -> Update.of(counter, s.get(counter) + 1).andAppend(results, "inc:" + s.get(counter)))
                .addNode("sub_node", sub.asNode(s -> Update.empty(), out -> Update.empty()))
                .addEdge(START, "inc").addEdge("inc", "sub_node")
                .addConditionalEdges("sub_node", s -> s.get(counter) < 2 ? "inc" : END, List.of("inc", END))
                .compile(with(saver));
        RunConfig cfg = thread();
        g.invoke(Update.of(counter, 0), cfg).orThrow();
        assertThat(observed).containsExactly("sub_step []", "sub_step [s]");
        observed.clear();
        g.invoke(Update.of(counter, 0), cfg).orThrow();
        assertThat(observed).containsExactly("sub_step [s, s]", "sub_step [s, s, s]");
        List<Checkpoint> history = g.history(cfg.threadId());
        Checkpoint loopStart2nd = history.stream().filter(c -> c.nextNodes().equals(List.of("inc")) && c.state().get(counter) == 0)
                .findFirst().orElseThrow();
        Checkpoint midLoop2nd = history.stream().filter(c -> c.nextNodes().equals(List.of("inc")) && c.state().get(counter) == 1)
                .findFirst().orElseThrow();
        observed.clear();
        g.fork(loopStart2nd.id(), Update.empty(), cfg).orThrow();
        assertThat(observed).containsExactly("sub_step [s, s]", "sub_step [s, s, s]");
        observed.clear();
        g.fork(midLoop2nd.id(), Update.empty(), cfg).orThrow();
        assertThat(observed).containsExactly("sub_step [s, s, s]");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_parallel_subgraph_nodes_load_correct_state_on_replay (test_time_travel.py): two parallel stateful subgraphs each get their own state at the replay point")
    void parallelSubgraphNodesLoadCorrectStateOnReplay(Saver saver) {
        Key<List<String>> aTrail = Key.appending("a_trail", String.class);
        Key<List<String>> bTrail = Key.appending("b_trail", String.class);
        List<String> observed = Collections.synchronizedList(new ArrayList<>());
        CompiledGraph subA = recordingStatefulSubgraph(aTrail, "sub_a", "a", observed);
        CompiledGraph subB = recordingStatefulSubgraph(bTrail, "sub_b", "b", observed);
        Key<List<String>> results = Key.appending("results", String.class);
        CompiledGraph g = StateGraph.of(results)
                .addNode("parent_step", (s, c) -> Update.append(results, "p"))
                .addNode("sub_a_node", subA.asNode(s -> Update.empty(), out -> Update.empty()))
                .addNode("sub_b_node", subB.asNode(s -> Update.empty(), out -> Update.empty()))
                .addEdge(START, "parent_step").addEdge("parent_step", "sub_a_node").addEdge("parent_step", "sub_b_node")
                .compile(with(saver));
        RunConfig cfg = thread();
        g.invoke(Update.empty(), cfg).orThrow();
        assertThat(observed).containsExactlyInAnyOrder("sub_a []", "sub_b []");
        observed.clear();
        g.invoke(Update.empty(), cfg).orThrow();
        assertThat(observed).containsExactlyInAnyOrder("sub_a [a]", "sub_b [b]");
        observed.clear();
        g.fork(before(g, cfg.threadId(), "parent_step").id(), Update.empty(), cfg).orThrow();
        assertThat(observed).containsExactlyInAnyOrder("sub_a [a]", "sub_b [b]");
        observed.clear();
        g.invoke(Update.empty(), cfg).orThrow();
        assertThat(observed).containsExactlyInAnyOrder("sub_a [a, a]", "sub_b [b, b]");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_three_level_nested_subgraph_loads_state_on_replay (test_time_travel.py): parent -> stateful mid -> stateful inner; a replay restores both levels, the next run continues from the replay")
    void threeLevelNestedSubgraphLoadsStateOnReplay(Saver saver) {
        Key<List<String>> innerTrail = Key.appending("inner_trail", String.class);
        Key<List<String>> midTrail = Key.appending("mid_trail", String.class);
        List<String> observed = Collections.synchronizedList(new ArrayList<>());
        CompiledGraph inner = recordingStatefulSubgraph(innerTrail, "inner_step", "inner", observed);
        CompiledGraph mid = StateGraph.of(midTrail)
                .addNode("mid_step", (s, c) -> {
                    observed.add("mid_step " + s.get(midTrail));
                    return Update.append(midTrail, "mid");
                })
                .addNode("inner_node", inner.asNode(s -> Update.empty(), out -> Update.empty()))
                .addEdge(START, "mid_step").addEdge("mid_step", "inner_node")
                .compile(CompileConfig.builder().statefulSubgraph(true).build());
        Key<List<String>> results = Key.appending("results", String.class);
        CompiledGraph g = StateGraph.of(results)
                .addNode("parent_step", (s, c) -> Update.append(results, "p"))
                .addNode("mid_node", mid.asNode(s -> Update.empty(), out -> Update.empty()))
                .addEdge(START, "parent_step").addEdge("parent_step", "mid_node")
                .compile(with(saver));
        RunConfig cfg = thread();
        g.invoke(Update.empty(), cfg).orThrow();
        assertThat(observed).containsExactly("mid_step []", "inner_step []");
        observed.clear();
        g.invoke(Update.empty(), cfg).orThrow();
        assertThat(observed).containsExactly("mid_step [mid]", "inner_step [inner]");
        observed.clear();
        g.fork(before(g, cfg.threadId(), "parent_step").id(), Update.empty(), cfg).orThrow();
        assertThat(observed).containsExactly("mid_step [mid]", "inner_step [inner]");
        observed.clear();
        g.invoke(Update.empty(), cfg).orThrow();
        assertThat(observed).containsExactly("mid_step [mid, mid]", "inner_step [inner, inner]");
    }

    // ------------------------------------------------------------------ graphs invoked inside nodes (test_subgraph_persistence.py)

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_stateful_state_accumulates_with_interrupt (test_subgraph_persistence.py): a stateful wrapper around a subgraph, invoked in a node, pauses and keeps its history across the parent's runs")
    void statefulStateAccumulatesWithInterrupt(Saver saver) {
        Key<List<String>> messages = Key.appending("messages", String.class);
        Key<String> result = Key.of("result", String.class);
        CompiledGraph inner = StateGraph.of(messages)
                .addNode("process", (s, c) -> {
                    c.interrupt("continue?");
                    List<String> m = s.get(messages);
                    return Update.append(messages, "Processing: " + m.get(m.size() - 1));
                })
                .addNode("respond", (s, c) -> Update.append(messages, "Done"))
                .addEdge(START, "process").addEdge("process", "respond").compile();
        CompiledGraph wrapper = StateGraph.of(messages).addNode("agent", inner).addEdge(START, "agent")
                .compile(CompileConfig.builder().statefulSubgraph(true).build());
        List<List<String>> subgraphMessages = Collections.synchronizedList(new ArrayList<>());
        List<String> topics = List.of("apples", "bananas");
        CompiledGraph parent = StateGraph.of(result)
                .addNode("call_inner", (s, c) -> {
                    RunResult resp = wrapper.invoke(Update.append(messages, "tell me about " + topics.get(subgraphMessages.size())));
                    subgraphMessages.add(resp.get(messages));
                    List<String> m = resp.get(messages);
                    return Update.of(result, m.get(m.size() - 1));
                })
                .addEdge(START, "call_inner").compile(with(saver));
        RunConfig cfg = thread();
        for (int cycle = 0; cycle < 2; cycle++) {
            RunResult paused = parent.invoke(Update.of(result, ""), cfg);
            assertThat(firstPayload(paused)).isEqualTo("continue?");
            assertThat(paused.get(result)).isEmpty();
            assertThat(parent.resume(Command.resume(true), cfg).orThrow().get(result)).isEqualTo("Done");
        }
        assertThat(subgraphMessages).hasSize(2);
        assertThat(subgraphMessages.get(0)).containsExactly("tell me about apples", "Processing: tell me about apples", "Done");
        assertThat(subgraphMessages.get(1)).containsExactly("tell me about apples", "Processing: tell me about apples", "Done",
                "tell me about bananas", "Processing: tell me about bananas", "Done");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_child_with_own_thread_id_keeps_namespace (test_subgraph_persistence.py): a graph invoked in a node with its own thread keeps its own checkpoints, not the parent task's namespace")
    void childWithOwnThreadIdKeepsNamespace(Saver saver) {
        Checkpointer store = saver.create();
        Key<Integer> count = Key.of("count", Integer.class);
        Key<String> result = Key.of("result", String.class);
        CompiledGraph child = StateGraph.of(count)
                .addNode("n", (s, c) -> Update.of(count, (s.get(count) == null ? 0 : s.get(count)) + 1))
                .addEdge(START, "n").compile(CompileConfig.builder().checkpointer(store).build());
        RunConfig childCfg = thread();
        CompiledGraph parent = StateGraph.of(result)
                .addNode("p", (s, c) -> {
                    child.invoke(Update.empty(), childCfg).orThrow();
                    return Update.of(result, "ok");
                })
                .addEdge(START, "p").compile(CompileConfig.builder().checkpointer(store).build());
        RunConfig parentCfg = thread();
        parent.invoke(Update.of(result, ""), parentCfg).orThrow();
        assertThat(child.state(childCfg.threadId()).orElseThrow().state().get(count)).isEqualTo(1);
        assertThat(Checkpointer.checkpointNs(child.state(childCfg.threadId()).orElseThrow().threadId())).isEmpty();
        parent.invoke(Update.of(result, ""), parentCfg).orThrow();
        assertThat(child.state(childCfg.threadId()).orElseThrow().state().get(count)).isEqualTo(2);
    }
}
