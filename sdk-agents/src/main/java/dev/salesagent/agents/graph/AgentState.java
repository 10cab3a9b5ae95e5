package dev.salesagent.agents.graph;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The immutable state of a graph run: a map from {@link Key} to value.
 *
 * <p>Persistent: applying an update copies only the small key table (one slot per key), never the
 * values; lists of {@link Key#appending appending} keys are persistent vectors that share their
 * backing array with the previous version. A step therefore costs the same whether the state holds
 * ten bytes or a 100 KB transcript. Safe to share between threads.
 */
public final class AgentState {

    private static final AgentState EMPTY = new AgentState(Map.of());

    private final Map<String, Object> values;

    private AgentState(Map<String, Object> values) {
        this.values = values;
    }

    /** {@return the state with no key set} */
    public static AgentState empty() {
        return EMPTY;
    }

    /**
     * A state built from an update applied to the empty state (through the keys' reducers).
     *
     * @param update the initial writes, folded in through each key's reducer
     * @return the new state
     * @throws InvalidUpdateException if a value has the wrong type for its key
     */
    public static AgentState of(Update update) {
        return EMPTY.apply(update.entries(), "input");
    }

    /**
     * {@return the key's value, or its default while unset (null for a last-value key without default)}
     *
     * @param <T> the key's value type
     * @param key the key to read
     */
    @SuppressWarnings("unchecked")
    public <T> T get(Key<T> key) {
        Object v = values.get(key.name());
        return v == null ? key.defaultValue() : (T) v;
    }

    /**
     * {@return the key's value if set}
     *
     * @param <T> the key's value type
     * @param key the key to read
     */
    public <T> Optional<T> find(Key<T> key) {
        return Optional.ofNullable(get(key));
    }

    /**
     * {@return true if the key has been written (defaults do not count)}
     *
     * @param key the key to check
     */
    public boolean has(Key<?> key) {
        return values.containsKey(key.name());
    }

    /**
     * {@return a new state with {@code key} set to {@code value}, bypassing the reducer}
     *
     * @param <T> the key's value type
     * @param key the key to set
     * @param value the new value, replacing the current one as is
     */
    public <T> AgentState with(Key<T> key, T value) {
        Map<String, Object> next = new HashMap<>(values);
        next.put(key.name(), value);
        return new AgentState(Collections.unmodifiableMap(next));
    }

    /**
     * {@return a new state with the update folded in through the keys' reducers}
     *
     * @param update the writes to fold in
     */
    public AgentState apply(Update update) {
        return apply(update.entries(), "update");
    }

    /** {@return names of the keys that are set} */
    public java.util.Set<String> keyNames() {
        return values.keySet();
    }

    /** Raw value by key name (for codecs), or null. */
    Object raw(String name) {
        return values.get(name);
    }

    /** Folds writes into one copy of this state's key table; {@code writer} names the source in errors. */
    AgentState apply(List<Update.Entry> entries, String writer) {
        if (entries.isEmpty()) {
            return this;
        }
        Map<String, Object> next = new HashMap<>(values);
        java.util.Set<String> overwritten = overwrites(entries, writer);
        for (Update.Entry e : entries) {
            if (overwritten != null && overwritten.contains(e.key().name()) && !(e.value() instanceof Update.Overwrite)) {
                continue; // an Overwrite wins over the key's other writes of the same step (LangGraph's BinaryOperatorAggregate)
            }
            Key<?> key = e.key();
            String name = key.name();
            next.put(name, key.reduce(next.get(name), e.value(), writer));
        }
        return new AgentState(Collections.unmodifiableMap(next));
    }

    /** The names of the keys {@code entries} overwrite, or null for none; two overwrites of one key are an error. */
    private static java.util.Set<String> overwrites(List<Update.Entry> entries, String writer) {
        java.util.Set<String> names = null;
        for (Update.Entry e : entries) {
            if (e.value() instanceof Update.Overwrite) {
                if (names == null) {
                    names = new java.util.HashSet<>();
                }
                if (!names.add(e.key().name())) {
                    throw new InvalidUpdateException("Can receive only one Overwrite value per super-step: key '" + e.key().name()
                            + "' was overwritten twice (" + writer + ")");
                }
            }
        }
        return names;
    }

    static AgentState ofRaw(Map<String, Object> raw) {
        return new AgentState(Collections.unmodifiableMap(new HashMap<>(raw)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AgentState s && s.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("AgentState{");
        values.forEach((k, v) -> {
            String s = v instanceof List<?> l && l.size() > 3 ? "[" + l.size() + " items]" : String.valueOf(v);
            sb.append(k).append('=').append(s.length() > 80 ? s.substring(0, 77) + "..." : s).append(", ");
        });
        if (!values.isEmpty()) {
            sb.setLength(sb.length() - 2);
        }
        return sb.append('}').toString();
    }
}
