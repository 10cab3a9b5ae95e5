package dev.salesagent.spring.autoconfigure.graph;

import dev.salesagent.agents.graph.Checkpointer;
import dev.salesagent.agents.graph.CompileConfig;
import dev.salesagent.agents.graph.InMemoryCheckpointer;
import dev.salesagent.agents.graph.JdbcCheckpointer;
import dev.salesagent.agents.graph.StateGraph;
import io.micrometer.observation.ObservationRegistry;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The graph runtime's shared pieces from {@code salesagent.graph.*}: a {@link Checkpointer} (in memory, or JDBC on the
 * application's {@link DataSource}) and a {@link CompileConfig} carrying it, the application's
 * {@link ObservationRegistry} (so graph runs and nodes become observations and, with a tracing bridge, OpenTelemetry
 * spans) and the branch executor size. Compile graphs with it:
 *
 * <pre>{@code
 * CompiledGraph graph = StateGraph.of(MESSAGES).addNode(...).addEdge(...).compile(compileConfig);
 * }</pre>
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@ConditionalOnClass(StateGraph.class)
@EnableConfigurationProperties(GraphProperties.class)
public final class SalesAgentGraphAutoConfiguration {

    /** Created by Spring. */
    SalesAgentGraphAutoConfiguration() {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "salesagent.graph.checkpointer", havingValue = "memory", matchIfMissing = true)
    static class MemoryCheckpoints {
        @Bean
        @ConditionalOnMissingBean
        Checkpointer salesAgentCheckpointer() {
            return new InMemoryCheckpointer();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "salesagent.graph.checkpointer", havingValue = "jdbc")
    static class JdbcCheckpoints {
        /**
         * @throws IllegalStateException if the application has no single {@link DataSource}
         * @throws dev.salesagent.agents.graph.CheckpointException if the schema cannot be created
         */
        @Bean
        @ConditionalOnMissingBean
        Checkpointer salesAgentCheckpointer(ObjectProvider<DataSource> dataSource, GraphProperties graph) {
            DataSource ds = dataSource.getIfUnique();
            if (ds == null) {
                throw new IllegalStateException("salesagent.graph.checkpointer=jdbc needs exactly one DataSource bean "
                        + "(add spring-boot-starter-jdbc and spring.datasource.*), or set salesagent.graph.checkpointer=memory");
            }
            JdbcCheckpointer.Builder builder = JdbcCheckpointer.builder(ds).stateCacheSize(graph.jdbc().stateCacheSize());
            switch (graph.jdbc().durability()) {
                case ASYNC -> builder.durability(JdbcCheckpointer.Durability.ASYNC, Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "salesagent-checkpoint-writer");
                    t.setDaemon(true); // close() (called by the context) waits for the queue first
                    return t;
                }));
                case EXIT -> builder.durability(JdbcCheckpointer.Durability.EXIT, null);
                default -> builder.durability(JdbcCheckpointer.Durability.SYNC, null);
            }
            JdbcCheckpointer checkpointer = builder.build();
            return graph.initializeSchema() ? checkpointer.createSchema() : checkpointer;
        }
    }

    @Bean
    @ConditionalOnMissingBean
    CompileConfig salesAgentCompileConfig(Checkpointer checkpointer, GraphProperties graph,
                                          ObjectProvider<ObservationRegistry> observations) {
        CompileConfig.Builder builder = CompileConfig.builder().checkpointer(checkpointer);
        observations.ifUnique(builder::observationRegistry);
        if (graph.executor().size() != null) {
            builder.defaultParallelism(graph.executor().size());
        }
        return builder.build();
    }
}
