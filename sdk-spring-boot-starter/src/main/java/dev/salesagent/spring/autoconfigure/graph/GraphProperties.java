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
 * @param jdbc Options of the JDBC checkpointer (checkpointer=jdbc).
 */
@ConfigurationProperties("salesagent.graph")
public record GraphProperties(
        @DefaultValue("memory") CheckpointerType checkpointer,
        @DefaultValue("true") boolean initializeSchema,
        @DefaultValue Executor executor,
        @DefaultValue Jdbc jdbc) {

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

    /**
     * The JDBC checkpointer ({@code dev.salesagent.agents.graph.JdbcCheckpointer}).
     *
     * @param durability When checkpoints are committed (LangGraph's durability modes): sync (before each super-step
     *     goes on; nothing acknowledged is lost), async (queued and committed in the background, several per
     *     transaction, on one daemon thread; a crash loses the queued steps) or exit (held in memory and written in one
     *     transaction when the run ends; a crash loses the running run). Default sync.
     * @param stateCacheSize Threads whose newest state each application instance keeps in memory so reads of those
     *     threads fetch only the rows after it; 0 disables. Default 256.
     */
    public record Jdbc(@DefaultValue("sync") Durability durability, @DefaultValue("256") int stateCacheSize) {
    }

    /** Durability modes of the JDBC checkpointer. */
    public enum Durability {
        /** Committed before the run goes on. */
        SYNC,
        /** Committed in the background, several checkpoints per transaction. */
        ASYNC,
        /** Written in one transaction when the run ends. */
        EXIT
    }
}
