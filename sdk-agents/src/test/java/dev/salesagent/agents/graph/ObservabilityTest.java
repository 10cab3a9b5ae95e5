package dev.salesagent.agents.graph;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static dev.salesagent.agents.graph.GraphTestSupport.TRACE;
import static dev.salesagent.agents.graph.StateGraph.END;
import static dev.salesagent.agents.graph.StateGraph.START;
import static org.assertj.core.api.Assertions.assertThat;

class ObservabilityTest {

    @Test
    @DisplayName("one Observation per run and per node, each node a child of the run")
    void observationsAndMdc() {
        List<Observation.Context> stopped = Collections.synchronizedList(new ArrayList<>());
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
        Map<String, String> mdc = new ConcurrentHashMap<>();
        Node node = (s, c) -> {
            mdc.put(c.node(), MDC.get("salesagent.run_id") + "|" + MDC.get("salesagent.thread_id") + "|" + MDC.get("salesagent.node"));
            return Update.append(TRACE, c.node());
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CompiledGraph g = StateGraph.of(TRACE).addNode("a", node).addNode("b", node)
                    .addEdge(START, "a").addEdge(START, "b").addEdge("a", END).addEdge("b", END)
                    .compile(CompileConfig.builder().observationRegistry(registry).name("leads").build());
            RunResult r = g.invoke(Update.empty(), RunConfig.builder().threadId("th-1").executor(pool).build());

            assertThat(stopped).extracting(Observation.Context::getName)
                    .containsExactlyInAnyOrder("salesagent.graph.node", "salesagent.graph.node", "salesagent.graph.run");
            Observation.Context run = stopped.stream().filter(c -> c.getName().equals("salesagent.graph.run")).findFirst().orElseThrow();
            assertThat(run.getLowCardinalityKeyValue("graph.name").getValue()).isEqualTo("leads");
            assertThat(run.getLowCardinalityKeyValue("graph.run.status").getValue()).isEqualTo("COMPLETED");
            assertThat(run.getHighCardinalityKeyValue("graph.run.id").getValue()).isEqualTo(r.runId());
            stopped.stream().filter(c -> c.getName().equals("salesagent.graph.node")).forEach(c -> {
                assertThat(c.getParentObservation()).isNotNull();
                assertThat(c.getParentObservation().getContextView().getName()).isEqualTo("salesagent.graph.run");
            });
            // slf4j-simple binds SLF4J's no-op MDC adapter, so the MDC values themselves cannot be observed here
            assertThat(mdc).containsOnlyKeys("a", "b");
        } finally {
            pool.shutdownNow();
        }
    }
}
