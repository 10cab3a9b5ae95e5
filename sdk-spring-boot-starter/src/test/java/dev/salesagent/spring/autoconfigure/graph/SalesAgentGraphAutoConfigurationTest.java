package dev.salesagent.spring.autoconfigure.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesagent.agents.graph.Checkpointer;
import dev.salesagent.agents.graph.CompileConfig;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.graph.InMemoryCheckpointer;
import dev.salesagent.agents.graph.JdbcCheckpointer;
import dev.salesagent.agents.graph.Key;
import dev.salesagent.agents.graph.RunConfig;
import dev.salesagent.agents.graph.RunResult;
import dev.salesagent.agents.graph.StateGraph;
import dev.salesagent.agents.graph.Update;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

class SalesAgentGraphAutoConfigurationTest {

    static final Key<String> GREETING = Key.of("greeting", String.class);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SalesAgentGraphAutoConfiguration.class));

    private static CompiledGraph helloGraph(CompileConfig config) {
        return StateGraph.of(GREETING)
                .addNode("greet", (state, ctx) -> Update.of(GREETING, "hello"))
                .addEdge(StateGraph.START, "greet")
                .addEdge("greet", StateGraph.END)
                .compile(config);
    }

    private static DataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:graph-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    @Test
    void defaultsAreAnInMemoryCheckpointerInTheCompileConfig() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(Checkpointer.class).hasSingleBean(CompileConfig.class);
            assertThat(context.getBean(Checkpointer.class)).isInstanceOf(InMemoryCheckpointer.class);
            CompileConfig config = context.getBean(CompileConfig.class);
            assertThat(config.checkpointer()).isSameAs(context.getBean(Checkpointer.class));
            assertThat(config.observationRegistry()).isSameAs(ObservationRegistry.NOOP);

            CompiledGraph graph = helloGraph(config);
            RunResult result = graph.invoke(Update.empty(), RunConfig.forThread("t-1"));
            assertThat(result.get(GREETING)).isEqualTo("hello");
            assertThat(graph.state("t-1")).isPresent();
        });
    }

    @Test
    void jdbcCheckpointsGoToTheApplicationsDataSource() {
        runner.withBean(DataSource.class, SalesAgentGraphAutoConfigurationTest::h2)
                .withPropertyValues("salesagent.graph.checkpointer=jdbc")
                .run(context -> {
                    assertThat(context.getBean(Checkpointer.class)).isInstanceOf(JdbcCheckpointer.class);
                    helloGraph(context.getBean(CompileConfig.class)).invoke(Update.empty(), RunConfig.forThread("t-2"));
                    try (Connection c = context.getBean(DataSource.class).getConnection();
                         Statement s = c.createStatement();
                         ResultSet rs = s.executeQuery("select count(*) from sa_graph_checkpoints where thread_id = 't-2'")) {
                        rs.next();
                        assertThat(rs.getInt(1)).isPositive();
                    }
                    // a second graph instance (another application instance) sees the same thread
                    assertThat(helloGraph(context.getBean(CompileConfig.class)).state("t-2")).isPresent();
                });
    }

    @Test
    void jdbcDurabilityAndStateCacheFromProperties() {
        runner.withBean(DataSource.class, SalesAgentGraphAutoConfigurationTest::h2)
                .withPropertyValues("salesagent.graph.checkpointer=jdbc", "salesagent.graph.jdbc.durability=exit",
                        "salesagent.graph.jdbc.state-cache-size=0")
                .run(context -> {
                    JdbcCheckpointer checkpointer = context.getBean(JdbcCheckpointer.class);
                    assertThat(checkpointer.durability()).isEqualTo(JdbcCheckpointer.Durability.EXIT);
                    helloGraph(context.getBean(CompileConfig.class)).invoke(Update.empty(), RunConfig.forThread("t-exit"));
                    try (Connection c = context.getBean(DataSource.class).getConnection();
                         Statement s = c.createStatement();
                         ResultSet rs = s.executeQuery("select count(*) from sa_graph_checkpoints where thread_id = 't-exit'")) {
                        rs.next();
                        assertThat(rs.getInt(1)).as("written when the run ended").isPositive();
                    }
                });
        runner.withBean(DataSource.class, SalesAgentGraphAutoConfigurationTest::h2)
                .withPropertyValues("salesagent.graph.checkpointer=jdbc", "salesagent.graph.jdbc.durability=async")
                .run(context -> {
                    JdbcCheckpointer checkpointer = context.getBean(JdbcCheckpointer.class);
                    assertThat(checkpointer.durability()).isEqualTo(JdbcCheckpointer.Durability.ASYNC);
                    helloGraph(context.getBean(CompileConfig.class)).invoke(Update.empty(), RunConfig.forThread("t-async"));
                    assertThat(helloGraph(context.getBean(CompileConfig.class)).state("t-async")).isPresent();
                });
    }

    @Test
    void jdbcWithoutADataSourceFailsWithAClearMessage() {
        runner.withPropertyValues("salesagent.graph.checkpointer=jdbc").run(context -> {
            assertThat(context).hasFailed();
            assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                    .hasMessageContaining("salesagent.graph.checkpointer=jdbc needs exactly one DataSource bean");
        });
    }

    @Test
    void graphRunsAreObservedThroughTheApplicationsObservationRegistry() {
        List<String> observed = new CopyOnWriteArrayList<>();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public void onStop(Observation.Context context) {
                observed.add(context.getName());
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
        runner.withBean(ObservationRegistry.class, () -> registry).run(context -> {
            CompileConfig config = context.getBean(CompileConfig.class);
            assertThat(config.observationRegistry()).isSameAs(registry);
            helloGraph(config).invoke(Update.empty());
            assertThat(observed).contains("salesagent.graph.run", "salesagent.graph.node");
        });
    }

    @Test
    void executorSizeSetsTheBranchParallelism() {
        runner.withPropertyValues("salesagent.graph.executor.size=3")
                .run(context -> assertThat(context.getBean(CompileConfig.class).defaultParallelism()).isEqualTo(3));
    }

    @Test
    void anApplicationCheckpointerReplacesTheDefault() {
        Checkpointer own = new InMemoryCheckpointer();
        runner.withBean(Checkpointer.class, () -> own).withPropertyValues("salesagent.graph.checkpointer=jdbc")
                .run(context -> assertThat(context.getBean(CompileConfig.class).checkpointer()).isSameAs(own));
    }
}
