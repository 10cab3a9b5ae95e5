package dev.salesagent.agents.memory;

import java.util.List;

/**
 * Long-term memory: facts keyed by tenant and subject, kept across threads and runs. A tenant never
 * sees another tenant's facts. Implementations are thread-safe.
 *
 * @see InMemoryMemoryStore
 * @see JdbcMemoryStore
 */
public interface MemoryStore {

    /** Stores a fact. */
    void remember(MemoryFact fact);

    /** The subject's newest facts first, at most {@code limit}. */
    List<MemoryFact> recall(String tenant, String subject, int limit);

    /** Deletes every fact about the subject (e.g. for a GDPR erasure request); returns how many. */
    int forget(String tenant, String subject);
}
