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
 * @see InMemoryCheckpointer
 * @see JdbcCheckpointer
 */
public interface Checkpointer {

    /** Saves a new checkpoint (its {@code pendingWrites} are ignored). */
    void save(Checkpoint checkpoint, StateCodec codec);

    /** Replaces the pending writes stored against {@code checkpointId}. */
    void saveWrites(String threadId, String checkpointId, List<PendingWrite> writes, StateCodec codec);

    /** The most recently saved checkpoint of the thread, with its pending writes. */
    Optional<Checkpoint> latest(String threadId, StateCodec codec);

    /** One checkpoint of the thread by id, with its pending writes. */
    Optional<Checkpoint> get(String threadId, String checkpointId, StateCodec codec);

    /** Every checkpoint of the thread, newest first (all branches of a forked history). */
    List<Checkpoint> history(String threadId, StateCodec codec);

    /** Deletes every checkpoint and pending write of the thread. */
    void deleteThread(String threadId);
}
