package dev.salesagent.agents.graph;

import java.util.List;
import java.util.Optional;

/**
 * Stores a thread's checkpoints (LangGraph's checkpoint saver). The runtime saves one checkpoint per
 * super-step and, when a step does not finish, the {@link PendingWrite}s of its tasks.
 *
 * <p>Stores that persist bytes use the {@link StateCodec} to turn states and updates into JSON and
 * back; they should keep each checkpoint's {@link Checkpoint#writes() delta} and only periodically a
 * full state, so storage grows linearly with a conversation. Implementations must be thread-safe;
 * failures raise {@link CheckpointException}.
 *
 * <p><b>Subgraph namespaces.</b> A subgraph's checkpoints live under its parent's thread, in a checkpoint
 * namespace (LangGraph's {@code checkpoint_ns}): the runtime passes them with the thread id
 * {@link #subgraphThreadId(String, String) root + U+001F + namespace}. A store keeps such a thread like any
 * other, and {@link #deleteThread(String) deleting} the root thread deletes it too ({@link #rootThreadId(String)}
 * names the root of any thread id). Thread ids given by users never contain {@link #NS_SEPARATOR}.
 *
 * @see InMemoryCheckpointer
 * @see JdbcCheckpointer
 */
public interface Checkpointer {

    /**
     * Separates a root thread id from a subgraph's checkpoint namespace in the thread ids the runtime passes
     * for subgraph checkpoints: U+001F (INFORMATION SEPARATOR ONE), which {@link RunConfig} refuses in thread ids.
     */
    String NS_SEPARATOR = "\u001F";

    /**
     * {@return the thread id under which a subgraph keeps its checkpoints: {@code rootThreadId}, {@link #NS_SEPARATOR},
     * {@code checkpointNs}}
     *
     * @param threadId a root thread id, or a subgraph's thread id (its root is kept)
     * @param checkpointNs the subgraph's namespace as LangGraph writes it: {@code node} for a stateful subgraph,
     *                     {@code node:taskId} for one invocation, nested levels joined by {@code |}; not empty
     * @throws IllegalArgumentException if {@code checkpointNs} is empty
     */
    static String subgraphThreadId(String threadId, String checkpointNs) {
        if (checkpointNs == null || checkpointNs.isEmpty()) {
            throw new IllegalArgumentException("checkpointNs must not be empty");
        }
        return rootThreadId(threadId) + NS_SEPARATOR + checkpointNs;
    }

    /**
     * {@return the root thread of a thread id: the id itself for a root thread, the part before
     * {@link #NS_SEPARATOR} for a subgraph's thread}
     *
     * @param threadId any thread id the runtime passes to a store
     */
    static String rootThreadId(String threadId) {
        int i = threadId.indexOf(NS_SEPARATOR);
        return i < 0 ? threadId : threadId.substring(0, i);
    }

    /**
     * {@return the checkpoint namespace of a thread id: empty for a root thread (LangGraph's {@code ""}), else the
     * part after {@link #NS_SEPARATOR}}
     *
     * @param threadId any thread id the runtime passes to a store
     */
    static String checkpointNs(String threadId) {
        int i = threadId.indexOf(NS_SEPARATOR);
        return i < 0 ? "" : threadId.substring(i + NS_SEPARATOR.length());
    }

    /**
     * Saves a new checkpoint (its {@code pendingWrites} are ignored).
     *
     * @param checkpoint the checkpoint to store; its id is new for its thread
     * @param codec turns the checkpoint's state and writes into JSON for stores that persist bytes
     * @throws CheckpointException if the store cannot write
     */
    void save(Checkpoint checkpoint, StateCodec codec);

    /**
     * Replaces the pending writes stored against {@code checkpointId}.
     *
     * @param threadId the checkpoint's thread
     * @param checkpointId the checkpoint whose unfinished step produced the writes
     * @param writes the finished tasks' writes so far; replaces any stored earlier; may be empty
     * @param codec turns the writes into JSON for stores that persist bytes
     * @throws CheckpointException if the store cannot write
     */
    void saveWrites(String threadId, String checkpointId, List<PendingWrite> writes, StateCodec codec);

    /**
     * {@return the most recently saved checkpoint of the thread, with its pending writes}
     *
     * @param threadId the thread's id
     * @param codec decodes the stored JSON into states and updates
     * @throws CheckpointException if the store cannot read
     */
    Optional<Checkpoint> latest(String threadId, StateCodec codec);

    /**
     * {@return one checkpoint of the thread by id, with its pending writes}
     *
     * @param threadId the thread's id
     * @param checkpointId the checkpoint's id; empty result if it is not in this thread
     * @param codec decodes the stored JSON into states and updates
     * @throws CheckpointException if the store cannot read
     */
    Optional<Checkpoint> get(String threadId, String checkpointId, StateCodec codec);

    /**
     * {@return every checkpoint of the thread, newest first (all branches of a forked history)}
     *
     * @param threadId the thread's id
     * @param codec decodes the stored JSON into states and updates
     * @throws CheckpointException if the store cannot read
     */
    List<Checkpoint> history(String threadId, StateCodec codec);

    /**
     * A page of the thread's checkpoints, newest first (LangGraph's {@code list(config, before=, limit=)}):
     * at most {@code limit} checkpoints saved before the checkpoint {@code before}. Page through a long
     * history by passing the last id of one page as {@code before} of the next. The default filters
     * {@link #history(String, StateCodec)}; stores override it to read only the page.
     *
     * @param threadId the thread's id
     * @param before id of a checkpoint of the thread; only older ones are listed. Null lists from the newest.
     *               An id that is not in the thread gives an empty list.
     * @param limit  the most checkpoints returned (>= 1)
     * @param codec decodes the stored JSON into states and updates
     * @return up to {@code limit} checkpoints older than {@code before}, newest first
     * @throws IllegalArgumentException if {@code limit < 1}
     */
    default List<Checkpoint> history(String threadId, String before, int limit, StateCodec codec) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1 but was " + limit);
        }
        List<Checkpoint> all = history(threadId, codec);
        int from = 0;
        if (before != null) {
            from = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).id().equals(before)) {
                    from = i + 1;
                    break;
                }
            }
            if (from < 0) {
                return List.of();
            }
        }
        return List.copyOf(all.subList(from, Math.min(all.size(), from + limit)));
    }

    /**
     * Waits until every checkpoint saved so far is durable. A no-op for stores that write before
     * {@link #save} returns (the default); stores that write in the background wait for their queue.
     *
     * @throws CheckpointException if a background write failed
     */
    default void flush() {
    }

    /**
     * Called by the runtime when a top-level run on {@code threadId} ends (completed, interrupted, failed or
     * over budget), before its result is returned. A no-op by default; stores with LangGraph's
     * {@code durability="exit"} write the run's checkpoints (its subgraphs' too) now. A failure here ends
     * the run {@code FAILED}.
     *
     * @param threadId the id of the thread whose top-level run ended
     * @throws CheckpointException if the held checkpoints cannot be written
     */
    default void runFinished(String threadId) {
    }

    /**
     * Deletes every checkpoint and pending write of the thread and, for a root thread, of every subgraph
     * namespace under it (thread ids whose {@link #rootThreadId(String)} is {@code threadId}), as LangGraph's
     * {@code delete_thread} deletes all {@code checkpoint_ns} of a thread.
     *
     * @param threadId the thread's id; unknown ids are a no-op
     * @throws CheckpointException if the store cannot delete
     */
    void deleteThread(String threadId);
}
