package dev.salesagent.agents.graph;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BinaryOperator;

/**
 * A typed entry of an {@link AgentState}, with the reducer that folds a node's update into the
 * current value and a default used while the key has no value (LangGraph's "channel").
 *
 * <ul>
 *   <li>{@link #of(String, Class)}: last value wins; two writes in one super-step are an
 *       {@link InvalidUpdateException};</li>
 *   <li>{@link #appending(String, Class)}: an update is a list of items appended to the current
 *       list (persistent, never copied per step); default the empty list;</li>
 *   <li>{@link #merging(String, Class)}: an update is a map whose entries overwrite the current
 *       map's; default the empty map;</li>
 *   <li>{@link #reducing(String, Class, Object, BinaryOperator)}: any associative reducer.</li>
 * </ul>
 *
 * <p>Keys are compared by name. Values must round-trip through Jackson for checkpoints; LangChain4j
 * {@code ChatMessage}s are (de)serialised with LangChain4j's own {@code ChatMessageSerializer}.
 *
 * @param <T> the value type
 */
public final class Key<T> {

    /** How updates are folded into the current value. */
    public enum Kind {
        /** The update replaces the value; two writes in one super-step are an error. */
        LAST_VALUE,
        /** The update's items are appended to the current list. */
        APPENDING,
        /** The update's map entries overwrite the current map's. */
        MERGING,
        /** The key's own reducer folds the update in. */
        CUSTOM
    }

    private final String name;
    private final Class<?> type;
    private final Class<?> elementType;
    private final Kind kind;
    private final T defaultValue;
    private final BinaryOperator<T> reducer;

    private Key(String name, Class<?> type, Class<?> elementType, Kind kind, T defaultValue, BinaryOperator<T> reducer) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("key name must not be blank");
        }
        this.name = name;
        this.type = Objects.requireNonNull(type, "type");
        this.elementType = elementType;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.reducer = reducer;
    }

    /**
     * {@return a last-value key with no default ({@link AgentState#get} returns null until written)}
     *
     * @param <T> the value type
     * @param name the key's name in the state and in checkpoints, not blank
     * @param type the value class, checked on every write
     */
    public static <T> Key<T> of(String name, Class<T> type) {
        return new Key<>(name, type, null, Kind.LAST_VALUE, null, null);
    }

    /**
     * {@return a last-value key with a default}
     *
     * @param <T> the value type
     * @param name the key's name in the state and in checkpoints, not blank
     * @param type the value class, checked on every write
     * @param defaultValue the value read while the key is unset
     */
    public static <T> Key<T> of(String name, Class<T> type, T defaultValue) {
        return new Key<>(name, type, null, Kind.LAST_VALUE, defaultValue, null);
    }

    /**
     * A last-value key holding a list, with the element type known so that checkpoints rebuild typed
     * elements (records, {@code ChatMessage}s) rather than JSON maps.
     *
     * @param <E> the element type
     * @param name the key's name in the state and in checkpoints, not blank
     * @param elementType the element class, used to rebuild typed elements from checkpoints
     * @return a last-value list key with no default
     */
    public static <E> Key<List<E>> listOf(String name, Class<E> elementType) {
        return new Key<>(name, List.class, Objects.requireNonNull(elementType, "elementType"), Kind.LAST_VALUE, null, null);
    }

    /**
     * {@return a list key whose updates are appended (e.g. {@code Key.appending("messages", ChatMessage.class)})}
     *
     * @param <E> the element type
     * @param name the key's name in the state and in checkpoints, not blank
     * @param elementType the element class, checked for every appended item
     */
    public static <E> Key<List<E>> appending(String name, Class<E> elementType) {
        return new Key<>(name, List.class, Objects.requireNonNull(elementType, "elementType"), Kind.APPENDING,
                PersistentList.empty(), null);
    }

    /**
     * {@return a map key whose updates are merged entry by entry, later entries winning}
     *
     * @param <V> the map's value type
     * @param name the key's name in the state and in checkpoints, not blank
     * @param valueType the class of the map's values, checked on every write
     */
    public static <V> Key<Map<String, V>> merging(String name, Class<V> valueType) {
        return new Key<>(name, Map.class, Objects.requireNonNull(valueType, "valueType"), Kind.MERGING, Map.of(), null);
    }

    /**
     * A key with a custom reducer {@code (current, update) -> next}; {@code current} is the default
     * until the key is first written. Several writes in one step are folded in deterministic order.
     *
     * @param <T> the value type
     * @param name the key's name in the state and in checkpoints, not blank
     * @param type the value class, checked for every update
     * @param defaultValue the value while unset, and the reducer's first {@code current}
     * @param reducer the associative function {@code (current, update) -> next}
     * @return a key with the custom reducer
     */
    public static <T> Key<T> reducing(String name, Class<T> type, T defaultValue, BinaryOperator<T> reducer) {
        return new Key<>(name, type, null, Kind.CUSTOM, defaultValue, Objects.requireNonNull(reducer, "reducer"));
    }

    /** {@return the key's name, unique within a graph's state} */
    public String name() {
        return name;
    }

    /** {@return the value's class ({@code List} for appending keys, {@code Map} for merging keys)} */
    public Class<?> type() {
        return type;
    }

    /** {@return element class of an appending or {@link #listOf} key, value class of a merging key, else null} */
    public Class<?> elementType() {
        return elementType;
    }

    /** {@return how updates are folded into the current value} */
    public Kind kind() {
        return kind;
    }

    /** {@return the value while the key is unset; may be null for last-value keys} */
    public T defaultValue() {
        return defaultValue;
    }

    /** Folds one update into the current value (null = unset). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    Object reduce(Object current, Object update, String writer) {
        if (update instanceof Update.Overwrite o) { // LangGraph's Overwrite: the value as if the key were unset
            return kind == Kind.CUSTOM ? checked(o.value(), writer) : reduce(null, o.value(), writer);
        }
        switch (kind) {
            case LAST_VALUE:
                checkType(update, type, writer);
                return update;
            case APPENDING: {
                if (current == null && update instanceof PersistentList<?>) {
                    return update; // already persistent: share it
                }
                PersistentList<Object> base = current == null ? PersistentList.empty()
                        : PersistentList.from((Collection<Object>) current);
                if (update instanceof Collection<?> c) {
                    if (!(c instanceof PersistentList<?>)) { // a persistent list was checked when it was built
                        for (Object o : c) {
                            checkType(o, elementType, writer);
                        }
                    }
                    return base.appendAll(c);
                }
                checkType(update, elementType, writer);
                return base.append(update);
            }
            case MERGING: {
                if (!(update instanceof Map<?, ?> m)) {
                    throw new InvalidUpdateException("Key '" + name + "' merges maps but '" + writer + "' wrote "
                            + (update == null ? "null" : update.getClass().getName()));
                }
                Map<String, Object> merged = new LinkedHashMap<>(current == null ? Map.of() : (Map<String, Object>) current);
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    checkType(e.getValue(), elementType, writer);
                    merged.put(String.valueOf(e.getKey()), e.getValue());
                }
                return Collections.unmodifiableMap(merged);
            }
            default:
                checkType(update, type, writer);
                return ((BinaryOperator) reducer).apply(current == null ? defaultValue : current, update);
        }
    }

    private Object checked(Object value, String writer) {
        checkType(value, type, writer);
        return value;
    }

    private void checkType(Object value, Class<?> expected, String writer) {
        if (value != null && !expected.isInstance(value)) {
            throw new InvalidUpdateException("Key '" + name + "' expects " + expected.getName() + " but '" + writer
                    + "' wrote " + value.getClass().getName());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Key<?> k && k.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "Key[" + name + ", " + kind + "]";
    }
}
