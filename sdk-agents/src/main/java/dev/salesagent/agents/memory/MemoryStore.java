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

    /**
     * Stores a fact.
     *
     * @param fact the fact to store
     */
    void remember(MemoryFact fact);

    /**
     * {@return the subject's newest facts first, at most {@code limit}}
     *
     * @param tenant the tenant whose facts are read
     * @param subject the subject (e.g. a lead's e-mail or a company domain)
     * @param limit the maximum number of facts returned
     */
    List<MemoryFact> recall(String tenant, String subject, int limit);

    /**
     * Deletes every fact about the subject (e.g. for a GDPR erasure request).
     *
     * @param tenant the tenant whose facts are deleted
     * @param subject the subject (e.g. a lead's e-mail or a CRM id) whose facts are deleted
     * @return how many facts were deleted
     */
    int forget(String tenant, String subject);
}
