package dev.salesagent.crm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared helpers of the value records. */
final class Records {

    private Records() {
    }

    /** An unmodifiable copy that keeps insertion order and tolerates {@code null} values. */
    static Map<String, Object> immutableMap(Map<String, Object> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    static <T> List<T> immutableList(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
