package dev.salesagent.core.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Heap store guarded by one lock; queries filter a snapshot taken under it. */
final class InMemoryUsageStore implements UsageStore {

    private final List<UsageRecord> records = new ArrayList<>();

    @Override
    public void save(UsageRecord record) {
        Objects.requireNonNull(record, "record");
        synchronized (records) {
            records.add(record);
        }
    }

    @Override
    public List<UsageRecord> find(Query query) {
        List<UsageRecord> out = new ArrayList<>();
        synchronized (records) {
            for (UsageRecord r : records) {
                if (query.matches(r)) {
                    out.add(r);
                }
            }
        }
        out.sort((a, b) -> a.timestamp().compareTo(b.timestamp()));
        return out;
    }
}
