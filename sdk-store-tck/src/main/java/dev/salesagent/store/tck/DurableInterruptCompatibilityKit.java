package dev.salesagent.store.tck;

import static dev.salesagent.agents.graph.StateGraph.END;
import static dev.salesagent.agents.graph.StateGraph.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesagent.agents.graph.Checkpoint;
import dev.salesagent.agents.graph.Checkpointer;
import dev.salesagent.agents.graph.CompileConfig;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.graph.GraphException;
import dev.salesagent.agents.graph.Key;
import dev.salesagent.agents.graph.PendingWrite;
import dev.salesagent.agents.graph.Resume;
import dev.salesagent.agents.graph.RunConfig;
import dev.salesagent.agents.graph.RunResult;
import dev.salesagent.agents.graph.StateGraph;
import dev.salesagent.agents.graph.Update;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit for human-in-the-loop approval across processes: a run that pauses for approval on
 * one application instance is answered on another that shares <em>only</em> the {@link Checkpointer}'s
 * storage. The kit's graph analyses three leads into drafts (records with {@code BigDecimal} USD amounts),
 * interrupts in an {@code approve} node, and only after an approval sends the drafts to an outbox that
 * stands for the CRM. The second instance is a freshly built and compiled graph over
 * {@link #reopenCheckpointer()}, so everything it knows went through the store (and, for stores that
 * persist bytes, through JSON). A store's test extends it:
 *
 * <pre>{@code
 * class RedisDurableInterruptCompatibilityTest extends DurableInterruptCompatibilityKit {
 *     private final String prefix = "cp-" + UUID.randomUUID();
 *     protected Checkpointer createCheckpointer() { return new RedisCheckpointer(jedisPool, prefix); }
 *     protected Checkpointer reopenCheckpointer() { return new RedisCheckpointer(jedisPool, prefix); }
 * }
 * }</pre>
 *
 * <p>Thread ids are random, so the storage may be shared with other tests and runs.
 */
public abstract class DurableInterruptCompatibilityKit {

    /**
     * A draft the approval graph keeps in its state.
     *
     * @param email   the lead's e-mail address
     * @param message the drafted first message
     * @param dealUsd the estimated deal size in USD (scale kept exactly through the store)
     */
    public record Draft(String email, String message, BigDecimal dealUsd) {
    }

    private static final Key<List<Draft>> DRAFTS = Key.appending("drafts", Draft.class);
    private static final Key<String> DECISION = Key.of("decision", String.class);
    private static final Key<String> NOTE = Key.of("note", String.class);
    private static final Key<List<String>> SENT = Key.appending("sent", String.class);

    private static final List<Draft> EXPECTED_DRAFTS = List.of(
            new Draft("jane@acme.com", "Hi Jane, about the Acme renewal", new BigDecimal("12000.50")),
            new Draft("dana@globex.com", "Hi Dana, about Globex's pilot", new BigDecimal("4800.00")),
            new Draft("li@initech.com", "Hi Li, following up on the demo", new BigDecimal("0.10")));

    private static final Map<String, Object> QUESTION = Map.of("question", "Send 3 drafts?", "drafts", 3);

    /** The CRM stand-in both instances share: the e-mails sent after approval, in order. */
    private final Queue<String> outbox = new ConcurrentLinkedQueue<>();

    /** The store the first instance uses: the result of {@link #createCheckpointer()} for the current test. */
    protected Checkpointer checkpointer;

    /**
     * The store of the first instance, called once before each test. It may share storage with earlier
     * tests (thread ids are random) and must create its schema or key space if needed.
     *
     * @return the first instance's store; not {@code null}
     */
    protected abstract Checkpointer createCheckpointer();

    /**
     * The store as the second instance sees it: a new store instance over the storage of the last
     * {@link #createCheckpointer()} (for JDBC, a new store over the same {@code DataSource}). A store whose
     * storage is the instance itself (in memory) returns that instance.
     *
     * @return the second instance's store over the same storage; not {@code null}
     */
    protected abstract Checkpointer reopenCheckpointer();

    @BeforeEach
    void createCheckpointerUnderTest() {
        outbox.clear();
        checkpointer = createCheckpointer();
        assertThat(checkpointer).as("createCheckpointer()").isNotNull();
    }

    /** One application instance's graph: analyse, ask for approval, send only if approved. */
    private CompiledGraph instance(Checkpointer store, AtomicInteger analyses) {
        return StateGraph.of(DRAFTS, DECISION, NOTE, SENT)
                .addNode("analyze", (s, c) -> {
                    analyses.incrementAndGet();
                    return Update.append(DRAFTS, EXPECTED_DRAFTS.toArray(new Draft[0]));
                })
                .addNode("approve", (s, c) -> Update.of(DECISION, String.valueOf(c.interrupt(QUESTION))))
                .addNode("send", (s, c) -> {
                    List<String> emails = s.get(DRAFTS).stream().map(Draft::email).toList();
                    outbox.addAll(emails);
                    return Update.append(SENT, emails.toArray(new String[0]));
                })
                .addEdge(START, "analyze").addEdge("analyze", "approve")
                .addConditionalEdges("approve", s -> "approve".equals(s.get(DECISION)) ? "send" : "stop",
                        Map.of("send", "send", "stop", END))
                .addEdge("send", END)
                .compile(CompileConfig.builder().checkpointer(store).build());
    }

    private static String thread() {
        return "approval-" + UUID.randomUUID();
    }

    private static RunConfig cfg(String thread) {
        return RunConfig.builder().threadId(thread).build();
    }

    /** Pausing on one instance and answering on another. */
    @Nested
    @DisplayName("Approval on another instance")
    class AnotherInstance {

        @Test
        @DisplayName("a run paused for approval on one instance is approved on another that shares only the checkpointer")
        void approvalOnAnotherInstance() {
            String t = thread();
            AtomicInteger analysesA = new AtomicInteger();
            RunResult paused = instance(checkpointer, analysesA).invoke(Update.empty(), cfg(t));

            assertThat(paused.status()).isEqualTo(RunResult.Status.INTERRUPTED);
            assertThat(paused.interrupts()).singleElement().satisfies(i -> {
                assertThat(i.node()).isEqualTo("approve");
                assertThat(i.when()).isEqualTo(RunResult.Interrupt.When.IN_NODE);
                assertThat(i.payload()).isEqualTo(QUESTION);
            });
            assertThat(paused.get(DRAFTS)).isEqualTo(EXPECTED_DRAFTS);
            assertThat(outbox).as("nothing is sent before approval").isEmpty();

            AtomicInteger analysesB = new AtomicInteger();
            CompiledGraph instanceB = instance(reopenCheckpointer(), analysesB);
            RunResult done = instanceB.resume(Resume.withValue("approve"), cfg(t));

            assertThat(done.status()).isEqualTo(RunResult.Status.COMPLETED);
            assertThat(done.get(DECISION)).isEqualTo("approve");
            assertThat(done.get(DRAFTS)).as("the paused drafts, unchanged").isEqualTo(paused.get(DRAFTS));
            assertThat(done.get(SENT)).containsExactly("jane@acme.com", "dana@globex.com", "li@initech.com");
            assertThat(outbox).containsExactly("jane@acme.com", "dana@globex.com", "li@initech.com");
            assertThat(analysesA).as("analysis ran once, on the first instance").hasValue(1);
            assertThat(analysesB).as("the second instance does not repeat the analysis").hasValue(0);
        }

        @Test
        @DisplayName("the second instance sees the pending approval with its payload and the exact drafts before answering")
        void pendingApprovalIsVisibleOnAnotherInstance() {
            String t = thread();
            instance(checkpointer, new AtomicInteger()).invoke(Update.empty(), cfg(t));

            Checkpoint saved = instance(reopenCheckpointer(), new AtomicInteger()).state(t).orElseThrow();

            assertThat(saved.nextNodes()).containsExactly("approve");
            assertThat(saved.pendingWrites()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(PendingWrite.Kind.INTERRUPT);
                assertThat(p.payload()).isEqualTo(QUESTION);
            });
            List<Draft> drafts = saved.state().get(DRAFTS);
            assertThat(drafts).isEqualTo(EXPECTED_DRAFTS);
            assertThat(drafts.get(0).dealUsd()).as("BigDecimal scale kept").hasToString("12000.50");
            assertThat(drafts.get(1).dealUsd()).hasToString("4800.00");
        }

        @Test
        @DisplayName("a rejection on another instance completes the run without sending anything")
        void rejectionOnAnotherInstance() {
            String t = thread();
            instance(checkpointer, new AtomicInteger()).invoke(Update.empty(), cfg(t));

            RunResult done = instance(reopenCheckpointer(), new AtomicInteger()).resume(Resume.withValue("reject"), cfg(t));

            assertThat(done.status()).isEqualTo(RunResult.Status.COMPLETED);
            assertThat(done.get(DECISION)).isEqualTo("reject");
            assertThat(done.get(SENT)).isEmpty();
            assertThat(outbox).isEmpty();
        }

        @Test
        @DisplayName("a state edit sent with the approval is stored and visible to the rest of the run")
        void approvalWithStateEdit() {
            String t = thread();
            instance(checkpointer, new AtomicInteger()).invoke(Update.empty(), cfg(t));
            CompiledGraph instanceB = instance(reopenCheckpointer(), new AtomicInteger());

            RunResult done = instanceB.resume(Resume.withValue("approve").andUpdate(Update.of(NOTE, "approved by jane")), cfg(t));

            assertThat(done.status()).isEqualTo(RunResult.Status.COMPLETED);
            assertThat(done.get(NOTE)).isEqualTo("approved by jane");
            assertThat(instance(reopenCheckpointer(), new AtomicInteger()).state(t).orElseThrow().state().get(NOTE))
                    .isEqualTo("approved by jane");
            assertThat(outbox).hasSize(3);
        }
    }

    /** Several paused runs and unknown threads. */
    @Nested
    @DisplayName("Threads")
    class Threads {

        @Test
        @DisplayName("two runs paused at once are answered independently on another instance")
        void twoPausedThreadsAreIndependent() {
            String approved = thread();
            String rejected = thread();
            CompiledGraph instanceA = instance(checkpointer, new AtomicInteger());
            instanceA.invoke(Update.empty(), cfg(approved));
            instanceA.invoke(Update.empty(), cfg(rejected));
            CompiledGraph instanceB = instance(reopenCheckpointer(), new AtomicInteger());

            RunResult no = instanceB.resume(Resume.withValue("reject"), cfg(rejected));
            RunResult yes = instanceB.resume(Resume.withValue("approve"), cfg(approved));

            assertThat(no.get(SENT)).isEmpty();
            assertThat(yes.get(SENT)).hasSize(3);
            assertThat(outbox).containsExactly("jane@acme.com", "dana@globex.com", "li@initech.com");
            assertThat(instanceB.state(rejected).orElseThrow().state().get(DECISION)).isEqualTo("reject");
            assertThat(instanceB.state(approved).orElseThrow().state().get(DECISION)).isEqualTo("approve");
        }

        @Test
        @DisplayName("resuming a thread the store has never seen fails with a GraphException naming the thread and runs nothing")
        void resumingAnUnknownThreadFails() {
            String t = thread();
            AtomicInteger analyses = new AtomicInteger();
            CompiledGraph instanceB = instance(reopenCheckpointer(), analyses);

            // the failure may be thrown or returned as a FAILED result; both must carry the GraphException
            assertThatThrownBy(() -> failureOf(instanceB.resume(Resume.withValue("approve"), cfg(t))))
                    .isInstanceOf(GraphException.class).hasMessageContaining(t);
            assertThat(outbox).isEmpty();
            assertThat(analyses).hasValue(0);
            assertThat(instanceB.state(t)).as("no checkpoint is invented for the unknown thread").isEmpty();
        }
    }

    /** Rethrows the error of a FAILED result, so a returned failure and a thrown one can be asserted alike. */
    private static void failureOf(RunResult result) throws Throwable {
        if (result.status() == RunResult.Status.FAILED) {
            throw result.error();
        }
    }
}
