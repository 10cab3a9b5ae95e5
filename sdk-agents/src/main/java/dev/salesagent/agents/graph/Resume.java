package dev.salesagent.agents.graph;

import java.util.Optional;

/**
 * How to continue an interrupted (or failed) thread: an optional value handed to the node that
 * called {@link NodeContext#interrupt}, and an optional state edit applied (through the reducers)
 * before continuing.
 */
public final class Resume {

    private static final Resume EMPTY = new Resume(null, false, Update.empty());

    private final Object value;
    private final boolean hasValue;
    private final Update update;

    private Resume(Object value, boolean hasValue, Update update) {
        this.value = value;
        this.hasValue = hasValue;
        this.update = update;
    }

    /** Continue as is (e.g. after an interrupt-before, or to retry failed nodes). */
    public static Resume empty() {
        return EMPTY;
    }

    /** Continue, returning {@code value} from the interrupted node's {@link NodeContext#interrupt} call. */
    public static Resume withValue(Object value) {
        return new Resume(value, true, Update.empty());
    }

    /** This resume plus a state edit applied before continuing. */
    public Resume andUpdate(Update edit) {
        return new Resume(value, hasValue, update.andThen(edit));
    }

    public Optional<Object> value() {
        return hasValue ? Optional.ofNullable(value) : Optional.empty();
    }

    boolean hasValue() {
        return hasValue;
    }

    Object rawValue() {
        return value;
    }

    public Update update() {
        return update;
    }
}
