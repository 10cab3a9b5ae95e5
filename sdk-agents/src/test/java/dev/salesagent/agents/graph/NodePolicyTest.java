package dev.salesagent.agents.graph;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static dev.salesagent.agents.graph.GraphTestSupport.TRACE;
import static dev.salesagent.agents.graph.GraphTestSupport.tracing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodePolicyTest {

    @Test
    @DisplayName("backoff grows by the multiplier per retry; defaults are one attempt, no timeout, no graph errors retried")
    void backoffAndDefaults() {
        NodePolicy p = NodePolicy.builder().maxAttempts(4).backoff(Duration.ofMillis(100), 3.0).build();
        assertThat(p.backoffBefore(1)).isZero();
        assertThat(p.backoffBefore(2)).isEqualTo(Duration.ofMillis(100));
        assertThat(p.backoffBefore(3)).isEqualTo(Duration.ofMillis(300));
        assertThat(p.backoffBefore(4)).isEqualTo(Duration.ofMillis(900));
        NodePolicy d = NodePolicy.defaults();
        assertThat(d.maxAttempts()).isEqualTo(1);
        assertThat(d.timeout()).isNull();
        assertThat(d.retries(new IOException("x"))).isTrue();
        assertThat(d.retries(new InvalidUpdateException("x"))).isFalse();
        assertThat(NodePolicy.builder().retryOn(IOException.class).build().retries(new IllegalStateException())).isFalse();
    }

    @Test
    @DisplayName("invalid settings are rejected with the bad value in the message")
    void validation() {
        assertThatThrownBy(() -> NodePolicy.builder().maxAttempts(0)).hasMessageContaining("0");
        assertThatThrownBy(() -> NodePolicy.builder().backoff(Duration.ofMillis(-1), 2)).hasMessageContaining("-0.001");
        assertThatThrownBy(() -> NodePolicy.builder().timeout(Duration.ZERO)).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> RunConfig.builder().recursionLimit(0)).hasMessageContaining("0");
        assertThatThrownBy(() -> RunConfig.builder().maxCost(new java.math.BigDecimal("-1"))).hasMessageContaining("-1");
    }

    @Test
    @DisplayName("a saturated executor does not fail the run: the coordinator runs rejected nodes itself")
    void rejectedTasksRunInline() {
        ThreadPoolExecutor tiny = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1));
        try {
            StateGraph sg = StateGraph.of(TRACE);
            for (int i = 0; i < 6; i++) {
                sg.addNode("n" + i, tracing("n" + i)).addEdge(StateGraph.START, "n" + i).addEdge("n" + i, StateGraph.END);
            }
            RunResult r = sg.compile().invoke(Update.empty(), RunConfig.builder().executor(tiny).build());
            assertThat(r.status()).isEqualTo(RunResult.Status.COMPLETED);
            assertThat(r.get(TRACE)).containsExactly("n0", "n1", "n2", "n3", "n4", "n5");
        } finally {
            tiny.shutdownNow();
        }
    }
}
