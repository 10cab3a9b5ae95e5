package dev.salesagent.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesagent.agents.graph.CompileConfig;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.graph.Key;
import dev.salesagent.agents.graph.RunConfig;
import dev.salesagent.agents.graph.StateGraph;
import dev.salesagent.agents.graph.Update;
import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.cost.UsageRecord;
import dev.salesagent.core.cost.UsageStore;
import dev.salesagent.spring.autoconfigure.cost.SalesAgentCostAutoConfiguration;
import dev.salesagent.spring.autoconfigure.graph.SalesAgentGraphAutoConfiguration;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Usage store and checkpointer on the real PostgreSQL (profile {@code services}): two application contexts on one
 * database behave like two instances of the application behind a load balancer.
 */
class JdbcStoresIT {

    static final Key<String> GREETING = Key.of("greeting", String.class);

    private final String tenant = "it-" + UUID.randomUUID();
    private final String thread = "it-" + UUID.randomUUID();

    private static DataSource postgres() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(System.getProperty("salesagent.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test"));
        ds.setUser(System.getProperty("salesagent.it.postgres.user", "postgres"));
        String password = System.getProperty("salesagent.it.postgres.password");
        if (password != null) {
            ds.setPassword(password);
        }
        return ds;
    }

    private final ApplicationContextRunner instance = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SalesAgentCostAutoConfiguration.class, SalesAgentGraphAutoConfiguration.class))
            .withBean(DataSource.class, JdbcStoresIT::postgres)
            .withPropertyValues("salesagent.cost.store=jdbc", "salesagent.graph.checkpointer=jdbc");

    private static CompiledGraph graph(CompileConfig config) {
        return StateGraph.of(GREETING).addNode("greet", (s, c) -> Update.of(GREETING, "hello"))
                .addEdge(StateGraph.START, "greet").addEdge("greet", StateGraph.END).compile(config);
    }

    @AfterEach
    void cleanUp() throws Exception {
        try (Connection c = postgres().getConnection()) {
            for (String sql : new String[] {
                    "delete from salesagent_usage where tenant = ?",
                    "delete from sa_graph_pending_writes where thread_id = ?",
                    "delete from sa_graph_checkpoints where thread_id = ?"}) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, sql.contains("salesagent_usage") ? tenant : thread);
                    ps.executeUpdate();
                }
            }
        }
    }

    @Test
    void usageAndCheckpointsWrittenByOneInstanceAreSeenByAnother() {
        instance.run(first -> {
            first.getBean(CostTracker.class).record(UsageRecord.builder().tenant(tenant).provider("openai")
                    .model("gpt-4o-mini").inputTokens(1000).outputTokens(100).costUsd(new BigDecimal("0.000210")).build());
            graph(first.getBean(CompileConfig.class)).invoke(Update.empty(), RunConfig.forThread(thread));
        });
        instance.run(second -> {
            UsageStore.Totals totals = second.getBean(CostTracker.class).totals(UsageStore.Query.all().tenant(tenant));
            assertThat(totals.calls()).isEqualTo(1);
            assertThat(totals.costUsd()).isEqualByComparingTo("0.000210");
            assertThat(graph(second.getBean(CompileConfig.class)).state(thread)).isPresent()
                    .get().satisfies(cp -> assertThat(cp.state().get(GREETING)).isEqualTo("hello"));
        });
    }
}
