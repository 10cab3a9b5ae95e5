package dev.salesagent.agents.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesagent.agents.graph.CompileConfig;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.graph.InMemoryCheckpointer;
import dev.salesagent.agents.graph.Key;
import dev.salesagent.agents.graph.RunConfig;
import dev.salesagent.agents.graph.StateGraph;
import dev.salesagent.agents.graph.Update;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphProvidersTest {

    static final Key<String> TEXT = Key.of("text", String.class);

    /** Registered in this module's test META-INF/services. */
    public static class EchoProvider implements GraphProvider {
        @Override
        public String graphId() {
            return "echo";
        }

        @Override
        public CompiledGraph compile(Context context) {
            return StateGraph.of(TEXT).addNode("upper", (s, c) -> Update.of(TEXT, s.get(TEXT).toUpperCase()))
                    .addEdge(StateGraph.START, "upper").addEdge("upper", StateGraph.END)
                    .compile(CompileConfig.builder().checkpointer(context.checkpointer()).build());
        }
    }

    @Test
    void serviceLoaderFindsTheRegisteredProviderAndItsGraphRunsOnTheGivenCheckpointer() {
        GraphProviders.Loaded loaded = GraphProviders.load(getClass().getClassLoader());
        assertThat(loaded.problems()).isEmpty();
        GraphProvider echo = GraphProviders.byId(loaded.providers()).get("echo");
        assertThat(echo).isInstanceOf(EchoProvider.class);
        InMemoryCheckpointer checkpointer = new InMemoryCheckpointer();
        CompiledGraph graph = echo.compile(new GraphProvider.Context("t1", checkpointer));
        assertThat(graph.invoke(Update.of(TEXT, "hi"), RunConfig.forThread("th")).get(TEXT)).isEqualTo("HI");
        assertThat(graph.history("th")).isNotEmpty();
        assertThat(echo.inputSchema()).isEmpty();
    }

    @Test
    void duplicateAndInvalidIdsAreReportedTogether() {
        GraphProvider bad = new EchoProvider() {
            @Override
            public String graphId() {
                return null;
            }
        };
        assertThatThrownBy(() -> GraphProviders.byId(List.of(new EchoProvider(), new EchoProvider(), bad)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("graph id 'echo' is provided by both")
                .hasMessageContaining("has graph id 'null'");
    }
}
