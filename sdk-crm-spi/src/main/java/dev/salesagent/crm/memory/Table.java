package dev.salesagent.crm.memory;

import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Rows of one record type with keyset paging. Not thread-safe: {@link MemoryStore} guards it.
 * Cursors are the sort key (creation sequence or change version) of the last row returned, so
 * paging never skips or repeats a row that does not change meanwhile.
 */
final class Table<T> {

    /** One stored record with its creation sequence and last change version (both unique, increasing). */
    record Row<T>(T record, long seq, long version, Instant updatedAt) {
    }

    private final Map<String, Row<T>> byId = new HashMap<>();
    private final Map<String, String> idByKey = new HashMap<>();

    Optional<Row<T>> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    Optional<Row<T>> byKey(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(idByKey.get(key)).map(byId::get);
    }

    void put(String id, String naturalKey, Row<T> row) {
        byId.put(id, row);
        if (naturalKey != null) {
            idByKey.put(naturalKey, id);
        }
    }

    /** Removes the row and its natural key; {@return the removed row, if there was one} */
    Optional<Row<T>> remove(String id, Function<T, String> naturalKey) {
        Row<T> row = byId.remove(id);
        if (row != null) {
            String key = naturalKey.apply(row.record());
            if (key != null) {
                idByKey.remove(key, id);
            }
        }
        return Optional.ofNullable(row);
    }

    int size() {
        return byId.size();
    }

    /** Rows matching {@code filter}, by creation order, after the cursor. */
    Page<T> pageBySeq(Predicate<T> filter, PageRequest page) {
        return page(r -> filter.test(r.record()), Row::seq, page);
    }

    /** Rows changed strictly after {@code since}, oldest change first, after the cursor. */
    Page<T> pageChangedSince(Instant since, PageRequest page) {
        return page(r -> r.updatedAt().isAfter(since), Row::version, page);
    }

    private Page<T> page(Predicate<Row<T>> filter, Function<Row<T>, Long> sortKey, PageRequest page) {
        long after = parseCursor(page.cursor());
        List<Row<T>> rows = byId.values().stream()
                .filter(filter)
                .filter(r -> sortKey.apply(r) > after)
                .sorted(Comparator.comparing(sortKey))
                .limit(page.size() + 1L)
                .toList();
        boolean more = rows.size() > page.size();
        List<Row<T>> shown = more ? rows.subList(0, page.size()) : rows;
        String next = more ? Long.toString(sortKey.apply(shown.get(shown.size() - 1))) : null;
        return new Page<>(shown.stream().map(Row::record).toList(), next);
    }

    private static long parseCursor(String cursor) {
        if (cursor == null) {
            return Long.MIN_VALUE;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new CrmValidationException("not a cursor of the memory provider: " + cursor,
                    ErrorDetails.of(MemoryCrmClientProvider.ID),
                    List.of(new CrmValidationException.FieldError("cursor", "INVALID_CURSOR", "not a cursor: " + cursor)));
        }
    }
}
