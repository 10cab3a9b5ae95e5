package dev.salesagent.agents.graph;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.salesagent.agents.graph.GraphTestSupport.N;
import static dev.salesagent.agents.graph.StateGraph.END;
import static dev.salesagent.agents.graph.StateGraph.START;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What is specific to {@link JdbcCheckpointer}: storage grows linearly with a conversation. The behaviour every
 * checkpointer shares is proven by sdk-store-tck's {@code CheckpointerCompatibilityKit}
 * ({@code JdbcCheckpointerCompatibilityTest} there, H2 and PostgreSQL).
 */
class JdbcCheckpointerTest {

    final DataSource dataSource = dataSource();
    private final JdbcCheckpointer store = new JdbcCheckpointer(dataSource).createSchema();

    DataSource dataSource() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:cp-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    static final Key<List<String>> TRANSCRIPT = Key.appending("transcript", String.class);

    private long conversation(int turns, String thread) {
        String text = "x".repeat(100);
        CompiledGraph g = StateGraph.of(TRANSCRIPT, N)
                .addNode("turn", (s, c) -> Update.append(TRANSCRIPT, text).and(N, s.get(N) + 1))
                .addEdge(START, "turn")
                .addConditionalEdges("turn", s -> s.get(N) < turns ? "more" : "done", Map.of("more", "turn", "done", END))
                .compile(CompileConfig.builder().checkpointer(store).build());
        RunResult r = g.invoke(Update.empty(), RunConfig.builder().threadId(thread).recursionLimit(1000).build());
        assertThat(r.get(N)).isEqualTo(turns);
        // every checkpoint rebuilds exactly
        List<Checkpoint> history = g.history(thread);
        for (Checkpoint c : history) {
            assertThat(c.state().get(TRANSCRIPT)).hasSize(Math.max(0, c.step())); // step -1: input, 0: __start__, k: k turns
        }
        assertThat(g.state(thread).orElseThrow().state()).isEqualTo(r.state());
        return store.storedChars(thread);
    }

    @Test
    @DisplayName("checkpoint storage of a 200-step conversation grows linearly, not quadratically")
    void storageGrowsLinearly() {
        long at100 = conversation(100, "c100-" + UUID.randomUUID());
        long at200 = conversation(200, "c200-" + UUID.randomUUID());
        long fullStateEveryStep = 0;
        for (int i = 1; i <= 200; i++) {
            fullStateEveryStep += i * 103L;
        }
        assertThat((double) at200 / at100).as("doubling the turns about doubles storage").isBetween(1.7, 2.5);
        assertThat(at200).as("far below a full state per step").isLessThan(fullStateEveryStep / 10);
    }
}
