package dev.salesagent.agents.graph;

import java.util.List;
import java.util.Optional;

/**
 * How to continue an interrupted (or failed) thread: an optional value handed to the node that
 * called {@link NodeContext#interrupt}, and an optional state edit applied (through the reducers)
 * before continuing.
 */
public final class Resume {

    private static final Resume EMPTY = new Resume(null, false, Update.empty(), List.of());

    private final Object value;
    private final boolean hasValue;
    private final Update update;
    private final List<Object> gotos;

    private Resume(Object value, boolean hasValue, Update update, List<Object> gotos) {
        this.value = value;
        this.hasValue = hasValue;
        this.update = update;
        this.gotos = gotos;
    }

    /**
     * The resume a {@link Command} describes (LangGraph's {@code invoke(Command(resume=..., update=...,
     * goto=...))}): its resume value, its update, and its goto targets, which run in the resumed step
     * next to the tasks that are still pending.
     *
     * @param command a resume command ({@link Command#resume}) possibly with an update and goto targets
     * @return the equivalent resume
     */
    public static Resume of(Command command) {
        Resume r = command.hasResume() ? withValue(command.rawResume()) : EMPTY;
        return new Resume(r.value, r.hasValue, command.updateOnly(), command.gotos());
    }

    /** {@return a resume that continues as is (e.g. after an interrupt-before, or to retry failed nodes)} */
    public static Resume empty() {
        return EMPTY;
    }

    /**
     * {@return a resume that continues, returning {@code value} from the interrupted node's {@link NodeContext#interrupt} call}
     *
     * @param value the value the interrupted node's {@code interrupt} call returns
     */
    public static Resume withValue(Object value) {
        return new Resume(value, true, Update.empty(), List.of());
    }

    /**
     * {@return this resume plus a state edit applied before continuing}
     *
     * @param edit writes applied, through the reducers, before the run continues
     */
    public Resume andUpdate(Update edit) {
        return new Resume(value, hasValue, update.andThen(edit), gotos);
    }

    /** {@return the value for the interrupted node's {@code interrupt} call, if any} */
    public Optional<Object> value() {
        return hasValue ? Optional.ofNullable(value) : Optional.empty();
    }

    boolean hasValue() {
        return hasValue;
    }

    Object rawValue() {
        return value;
    }

    /** {@return the state edit applied before continuing; empty by default} */
    public Update update() {
        return update;
    }

    /** {@return goto targets (node names and {@link Send}s) added to the resumed step; empty by default} */
    public List<Object> gotos() {
        return gotos;
    }
}
