package dev.salesagent.agents.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link MemoryStore} in a map; for tests and single-process apps. Thread-safe. */
public final class InMemoryMemoryStore implements MemoryStore {

    private final Map<String, List<MemoryFact>> facts = new ConcurrentHashMap<>();

    private static String key(String tenant, String subject) {
        return (tenant == null || tenant.isBlank() ? "default" : tenant) + '\u0000' + subject;
    }

    @Override
    public void remember(MemoryFact fact) {
        List<MemoryFact> list = facts.computeIfAbsent(key(fact.tenant(), fact.subject()), k -> new ArrayList<>());
        synchronized (list) {
            list.add(fact);
        }
    }

    @Override
    public List<MemoryFact> recall(String tenant, String subject, int limit) {
        List<MemoryFact> list = facts.get(key(tenant, subject));
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            List<MemoryFact> sorted = new ArrayList<>(list);
            sorted.sort(Comparator.comparing(MemoryFact::recordedAt).reversed());
            return List.copyOf(sorted.subList(0, Math.min(limit, sorted.size())));
        }
    }

    @Override
    public int forget(String tenant, String subject) {
        List<MemoryFact> removed = facts.remove(key(tenant, subject));
        return removed == null ? 0 : removed.size();
    }
}
