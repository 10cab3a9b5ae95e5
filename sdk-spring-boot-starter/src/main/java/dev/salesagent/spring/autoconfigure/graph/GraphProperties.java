package dev.salesagent.spring.autoconfigure.graph;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Agent graph runtime, prefix {@code salesagent.graph}.
 *
 * @param checkpointer Where graph checkpoints are saved: memory (this JVM, lost on restart) or jdbc (tables
 *     sa_graph_checkpoints and sa_graph_pending_writes in the application's DataSource, so a run interrupted on one
 *     instance resumes on another). Default memory.
 * @param initializeSchema Whether to create the checkpoint tables if they do not exist when checkpointer=jdbc.
 *     Default true.
 * @param executor Threads that run parallel graph branches.
 */
@ConfigurationProperties("salesagent.graph")
public record GraphProperties(
        @DefaultValue("memory") CheckpointerType checkpointer,
        @DefaultValue("true") boolean initializeSchema,
        @DefaultValue Executor executor) {

    /** Checkpointer kinds. */
    public enum CheckpointerType {
        /** In the JVM heap. */
        MEMORY,
        /** In the application's {@code DataSource}. */
        JDBC
    }

    /**
     * Branch executor of each compiled graph.
     *
     * @param size Threads per compiled graph for parallel branches when a run supplies no executor. Default: twice
     *     the number of CPUs, at least 4.
     */
    public record Executor(Integer size) {
    }
}
