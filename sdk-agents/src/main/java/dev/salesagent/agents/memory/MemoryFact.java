package dev.salesagent.agents.memory;

import java.time.Instant;
import java.util.Objects;

/**
 * One remembered fact about a subject, e.g. "prefers email over calls" about {@code jane@acme.com}.
 *
 * @param tenant     whose memory it is ({@code default} when blank)
 * @param subject    what it is about: a contact's email, an account's domain, ...
 * @param fact       the fact, one sentence
 * @param source     where it came from (a run id, "crm", "user"), may be null
 * @param recordedAt when it was learned
 */
public record MemoryFact(String tenant, String subject, String fact, String source, Instant recordedAt) {

    /**
     * Canonical constructor; the components are as described on the record.
     *
     * @param tenant whose memory it is ({@code default} when blank)
     * @param subject what it is about: a contact's email, an account's domain, ...
     * @param fact the fact, one sentence
     * @param source where it came from (a run id, "crm", "user"), may be null
     * @param recordedAt when it was learned
     */
    public MemoryFact {
        tenant = tenant == null || tenant.isBlank() ? "default" : tenant;
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(fact, "fact");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
