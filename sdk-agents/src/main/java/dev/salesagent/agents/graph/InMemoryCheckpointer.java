package dev.salesagent.agents.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps checkpoints in memory, holding the persistent {@link AgentState}s themselves (which share
 * structure between steps, so a long thread costs memory linear in its writes). For tests, demos and
 * single-process apps; use {@link JdbcCheckpointer} to survive restarts. Thread-safe.
 */
public final class InMemoryCheckpointer implements Checkpointer {

    private final Map<String, List<Checkpoint>> threads = new ConcurrentHashMap<>();
    /** Pending writes by thread, then checkpoint id (a thread's are dropped with one removal). */
    private final Map<String, Map<String, List<PendingWrite>>> pending = new ConcurrentHashMap<>();
    /** For each root thread, the subgraph threads under it (deleted with it). */
    private final Map<String, java.util.Set<String>> subgraphThreads = new ConcurrentHashMap<>();

    @Override
    public void save(Checkpoint checkpoint, StateCodec codec) {
        List<Checkpoint> list = threads.computeIfAbsent(checkpoint.threadId(), t -> {
            String root = Checkpointer.rootThreadId(t);
            if (!root.equals(t)) {
                subgraphThreads.computeIfAbsent(root, r -> ConcurrentHashMap.newKeySet()).add(t);
            }
            return new ArrayList<>();
        });
        synchronized (list) {
            list.add(checkpoint.pendingWrites().isEmpty() ? checkpoint : checkpoint.withPendingWrites(List.of()));
        }
    }

    @Override
    public void saveWrites(String threadId, String checkpointId, List<PendingWrite> writes, StateCodec codec) {
        pending.computeIfAbsent(threadId, t -> new ConcurrentHashMap<>()).put(checkpointId, List.copyOf(writes));
    }

    @Override
    public Optional<Checkpoint> latest(String threadId, StateCodec codec) {
        List<Checkpoint> list = threads.get(threadId);
        if (list == null) {
            return Optional.empty();
        }
        synchronized (list) {
            return list.isEmpty() ? Optional.empty() : Optional.of(withPending(list.get(list.size() - 1)));
        }
    }

    @Override
    public Optional<Checkpoint> get(String threadId, String checkpointId, StateCodec codec) {
        List<Checkpoint> list = threads.get(threadId);
        if (list == null) {
            return Optional.empty();
        }
        synchronized (list) {
            for (int i = list.size() - 1; i >= 0; i--) {
                if (list.get(i).id().equals(checkpointId)) {
                    return Optional.of(withPending(list.get(i)));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public List<Checkpoint> history(String threadId, StateCodec codec) {
        List<Checkpoint> list = threads.get(threadId);
        if (list == null) {
            return List.of();
        }
        List<Checkpoint> out = new ArrayList<>();
        synchronized (list) {
            for (int i = list.size() - 1; i >= 0; i--) {
                out.add(withPending(list.get(i)));
            }
        }
        return out;
    }

    /** A page of {@link #history(String, StateCodec)}, read without copying the rest of the thread. */
    @Override
    public List<Checkpoint> history(String threadId, String before, int limit, StateCodec codec) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1 but was " + limit);
        }
        List<Checkpoint> list = threads.get(threadId);
        if (list == null) {
            return List.of();
        }
        List<Checkpoint> out = new ArrayList<>();
        synchronized (list) {
            int from = list.size() - 1;
            if (before != null) {
                from = -2;
                for (int i = list.size() - 1; i >= 0; i--) {
                    if (list.get(i).id().equals(before)) {
                        from = i - 1;
                        break;
                    }
                }
                if (from == -2) {
                    return List.of();
                }
            }
            for (int i = from; i >= 0 && out.size() < limit; i--) {
                out.add(withPending(list.get(i)));
            }
        }
        return out;
    }

    /** Deletes the thread and, for a root thread, the subgraph threads under it. */
    @Override
    public void deleteThread(String threadId) {
        java.util.Set<String> children = subgraphThreads.remove(threadId);
        if (children != null) {
            children.forEach(this::deleteOne);
        }
        deleteOne(threadId);
    }

    private void deleteOne(String threadId) {
        threads.remove(threadId);
        pending.remove(threadId);
    }

    private Checkpoint withPending(Checkpoint c) {
        Map<String, List<PendingWrite>> ofThread = pending.get(c.threadId());
        List<PendingWrite> w = ofThread == null ? null : ofThread.get(c.id());
        return w == null ? c : c.withPendingWrites(w);
    }
}
