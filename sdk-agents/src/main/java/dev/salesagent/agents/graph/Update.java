package dev.salesagent.agents.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A node's partial update of the state: an ordered list of writes, each folded into the state by
 * its key's reducer after the super-step. Immutable; {@link #and} returns a new update.
 *
 * <pre>{@code
 * return Update.of(INTENT, "buy").andAppend(MESSAGES, AiMessage.from("Noted."));
 * }</pre>
 *
 * For an {@link Key#appending appending} key the value is the list of items to append; for a
 * {@link Key#merging merging} key it is the map of entries to merge.
 */
public sealed class Update permits Command {

    private static final Update EMPTY = new Update(List.of());

    record Entry(Key<?> key, Object value) {
    }

    /** An entry value that replaces the key's value instead of going through its reducer (LangGraph's {@code Overwrite}). */
    record Overwrite(Object value) {
    }

    private final List<Entry> entries;

    Update(List<Entry> entries) {
        this.entries = entries;
    }

    /** {@return the update that changes nothing} */
    public static Update empty() {
        return EMPTY;
    }

    /**
     * {@return an update that writes {@code value} to {@code key}}
     *
     * @param <T> the key's value type
     * @param key the key to write
     * @param value the value, folded in through the key's reducer
     */
    public static <T> Update of(Key<T> key, T value) {
        return EMPTY.and(key, value);
    }

    /**
     * {@return an update that writes two keys}
     *
     * @param <A> the first key's value type
     * @param <B> the second key's value type
     * @param k1 the first key
     * @param v1 the first value
     * @param k2 the second key
     * @param v2 the second value
     */
    public static <A, B> Update of(Key<A> k1, A v1, Key<B> k2, B v2) {
        return EMPTY.and(k1, v1).and(k2, v2);
    }

    /**
     * {@return an update that appends {@code items} to an appending key}
     *
     * @param <E> the element type
     * @param key an appending key
     * @param items the items to append, in order
     */
    @SafeVarargs
    public static <E> Update append(Key<List<E>> key, E... items) {
        return EMPTY.andAppend(key, items);
    }

    /**
     * {@return this update plus a write of {@code value} to {@code key}}
     *
     * @param <T> the key's value type
     * @param key the key to write
     * @param value the value, folded in through the key's reducer
     */
    public <T> Update and(Key<T> key, T value) {
        Objects.requireNonNull(key, "key");
        List<Entry> next = new ArrayList<>(entries.size() + 1);
        next.addAll(entries);
        next.add(new Entry(key, value));
        return new Update(Collections.unmodifiableList(next));
    }

    /**
     * {@return an update that sets {@code key} to {@code value}, bypassing the key's reducer} LangGraph's
     * {@code Overwrite}: for an {@link Key#appending appending} key the list becomes {@code value} (nothing is
     * appended), for a {@link Key#merging merging} key the map becomes {@code value}, for a
     * {@link Key#reducing reducing} key the reducer is not called. Within one super-step the overwrite wins over
     * every other write of the key (before or after it); a second overwrite of the same key in the same step fails
     * the run with an {@link InvalidUpdateException} ("Can receive only one Overwrite value per super-step").
     *
     * @param <T> the key's value type
     * @param key the key to set
     * @param value the new value (for an appending key the whole list, for a merging key the whole map)
     */
    public static <T> Update overwrite(Key<T> key, T value) {
        return EMPTY.andOverwrite(key, value);
    }

    /**
     * {@return this update plus an overwrite of {@code key} with {@code value}, as {@link #overwrite(Key, Object)}}
     *
     * @param <T> the key's value type
     * @param key the key to set
     * @param value the new value, bypassing the key's reducer
     */
    public <T> Update andOverwrite(Key<T> key, T value) {
        Objects.requireNonNull(key, "key");
        List<Entry> next = new ArrayList<>(entries.size() + 1);
        next.addAll(entries);
        next.add(new Entry(key, new Overwrite(value)));
        return new Update(Collections.unmodifiableList(next));
    }

    /**
     * {@return this update plus {@code items} appended to an appending key}
     *
     * @param <E> the element type
     * @param key an appending key
     * @param items the items to append, in order
     */
    @SafeVarargs
    public final <E> Update andAppend(Key<List<E>> key, E... items) {
        return and(key, List.copyOf(Arrays.asList(items)));
    }

    /**
     * {@return this update followed by all writes of {@code other}}
     *
     * @param other the update whose writes follow this one's
     */
    public Update andThen(Update other) {
        if (other.entries.isEmpty()) {
            return this;
        }
        if (entries.isEmpty()) {
            return other;
        }
        List<Entry> next = new ArrayList<>(entries);
        next.addAll(other.entries);
        return new Update(Collections.unmodifiableList(next));
    }

    /** {@return true if nothing is written} */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** {@return names of the written keys, in first-write order} */
    public Set<String> keys() {
        Set<String> names = new LinkedHashSet<>();
        for (Entry e : entries) {
            names.add(e.key().name());
        }
        return names;
    }

    /**
     * {@return the last value written to {@code key} in this update (an overwrite's value as written), or null}
     *
     * @param <T> the key's value type
     * @param key the key to look up
     */
    @SuppressWarnings("unchecked")
    public <T> T get(Key<T> key) {
        Object found = null;
        for (Entry e : entries) {
            if (e.key().equals(key)) {
                found = e.value() instanceof Overwrite o ? o.value() : e.value();
            }
        }
        return (T) found;
    }

    /** An update over already collected entries (the list is not copied; do not modify it afterwards). */
    static Update ofEntries(List<Entry> entries) {
        return entries.isEmpty() ? EMPTY : new Update(Collections.unmodifiableList(entries));
    }

    List<Entry> entries() {
        return entries;
    }

    @Override
    public String toString() {
        return "Update" + keys();
    }
}
