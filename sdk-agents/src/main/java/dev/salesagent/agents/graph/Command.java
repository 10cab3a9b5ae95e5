package dev.salesagent.agents.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link Update} that also says where the run goes next (LangGraph's {@code Command}). A node
 * returns it instead of a plain update; it is also how a thread is resumed with
 * {@link CompiledGraph#resume(Command, RunConfig)}.
 *
 * <ul>
 *   <li>{@code update}: writes folded into the state through the reducers, like any update;</li>
 *   <li>{@code goto}: node names and {@link Send}s run in the next super-step, in addition to the
 *       node's edges (LangGraph's dynamic edges); {@link StateGraph#END} is ignored;</li>
 *   <li>{@code graph}: {@link #PARENT} applies the update and goto in the graph that runs this graph
 *       as a node, as if that subgraph node had returned them (the subgraph stops);</li>
 *   <li>{@code resume} (resume only): the value for the pending interrupt, or a map from
 *       {@link RunResult.Interrupt#id() interrupt id} to value to answer several at once.</li>
 * </ul>
 *
 * <pre>{@code
 * return Command.goTo("escalate").withUpdate(Update.of(INTENT, "angry"));
 * graph.resume(Command.resume("approved"), RunConfig.forThread("t-1"));
 * }</pre>
 */
public final class Command extends Update {

    /** {@link #graph()} value that addresses the parent graph. */
    public static final String PARENT = "__parent__";

    private static final Object NO_RESUME = new Object();

    private final List<Object> gotos;
    private final String graph;
    private final Object resume;

    private Command(List<Entry> entries, List<Object> gotos, String graph, Object resume) {
        super(entries);
        this.gotos = gotos;
        this.graph = graph;
        this.resume = resume;
    }

    /**
     * {@return a command that goes to {@code nodes} (names, {@link StateGraph#END} ignored) next}
     *
     * @param nodes node names to run in the next super-step
     */
    public static Command goTo(String... nodes) {
        return new Command(List.of(), checked(Arrays.asList(nodes)), null, NO_RESUME);
    }

    /**
     * {@return a command that runs these sends next}
     *
     * @param sends the sends to run in the next super-step, one task each
     */
    public static Command goTo(Send... sends) {
        return new Command(List.of(), checked(Arrays.asList(sends)), null, NO_RESUME);
    }

    /**
     * A command that goes to each target: node names or {@link Send}s.
     *
     * @param targets node names ({@link String}) and {@link Send}s, in order
     * @return the command
     * @throws IllegalArgumentException if a target is neither
     */
    public static Command goTo(List<?> targets) {
        return new Command(List.of(), checked(targets), null, NO_RESUME);
    }

    /**
     * {@return a command that only writes {@code update}}
     *
     * @param update the writes, folded in through the keys' reducers
     */
    public static Command update(Update update) {
        return new Command(List.copyOf(update.entries()), List.of(), null, NO_RESUME);
    }

    /**
     * A resume command: {@code value} answers the pending interrupt (every pending interrupt when
     * several are pending, unless {@code value} is a map whose keys are all pending interrupt ids,
     * which answers each with its own value).
     *
     * @param value the resume value, or a map from interrupt id to value
     * @return the resume command
     */
    public static Command resume(Object value) {
        return new Command(List.of(), List.of(), null, value);
    }

    /**
     * {@return this command plus the writes of {@code update}}
     *
     * @param update writes added after this command's own
     */
    public Command withUpdate(Update update) {
        return new Command(concat(entries(), update.entries()), gotos, graph, resume);
    }

    /**
     * {@return this command plus more goto targets (names or sends)}
     *
     * @param targets node names ({@link String}) and {@link Send}s
     */
    public Command andGoTo(Object... targets) {
        return new Command(entries(), concat(gotos, checked(Arrays.asList(targets))), graph, resume);
    }

    /** {@return this command addressed to the parent graph ({@link #PARENT})} */
    public Command toParent() {
        return new Command(entries(), gotos, PARENT, resume);
    }

    /** This command addressed to the graph that runs it (drops {@link #PARENT}). */
    Command toSelf() {
        return new Command(entries(), gotos, null, resume);
    }

    /** {@return the writes of this command as a plain update} */
    public Update updateOnly() {
        return Update.ofEntries(new ArrayList<>(entries()));
    }

    /** {@return goto targets in order: {@link String} node names and {@link Send}s} */
    public List<Object> gotos() {
        return gotos;
    }

    /**
     * {@link #PARENT} or null for the graph that runs the node.
     *
     * @return {@link #PARENT}, or null when the command addresses the graph that runs the node
     */
    public String graph() {
        return graph;
    }

    /** {@return the resume value, if this is a resume command} */
    public Optional<Object> resumeValue() {
        return resume == NO_RESUME ? Optional.empty() : Optional.ofNullable(resume);
    }

    boolean hasResume() {
        return resume != NO_RESUME;
    }

    Object rawResume() {
        return resume == NO_RESUME ? null : resume;
    }

    /** A command from decoded parts (checkpoint codec). */
    static Command of(Update update, List<Object> gotos, String graph) {
        return new Command(List.copyOf(update.entries()), checked(gotos), graph, NO_RESUME);
    }

    private static List<Object> checked(List<?> targets) {
        List<Object> out = new ArrayList<>(targets.size());
        for (Object t : targets) {
            if (!(t instanceof String) && !(t instanceof Send)) {
                throw new IllegalArgumentException("goto targets are node names or Sends but got " + t);
            }
            out.add(t);
        }
        return Collections.unmodifiableList(out);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return Collections.unmodifiableList(out);
    }

    @Override
    public String toString() {
        return "Command[update=" + keys() + ", goto=" + gotos + (graph == null ? "" : ", graph=" + graph)
                + (hasResume() ? ", resume=" + resume : "") + "]";
    }

    static boolean isResumeMap(Object value, java.util.Collection<String> ids) {
        return value instanceof Map<?, ?> m && !m.isEmpty() && ids.containsAll(m.keySet());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Command c && c.entries().equals(entries()) && c.gotos.equals(gotos) && Objects.equals(c.graph, graph);
    }

    @Override
    public int hashCode() {
        return Objects.hash(entries(), gotos);
    }
}
