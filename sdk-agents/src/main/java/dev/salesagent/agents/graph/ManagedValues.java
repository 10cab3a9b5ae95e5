package dev.salesagent.agents.graph;

/**
 * Managed values (LangGraph's {@code RemainingSteps} and {@code IsLastStep}): keys a graph may declare
 * whose values the runtime computes for every node and router of a super-step. They are never stored
 * in checkpoints and nodes may not write them.
 *
 * <pre>{@code
 * StateGraph.of(MESSAGES, ManagedValues.REMAINING_STEPS)
 *         .addConditionalEdges("agent", s -> s.get(ManagedValues.REMAINING_STEPS) <= 2 ? "end" : "tools", routes)
 * }</pre>
 */
public final class ManagedValues {

    /** Super-steps this run may still execute, counting the current one ({@code recursionLimit} in the first step). */
    public static final Key<Integer> REMAINING_STEPS = Key.of("remaining_steps", Integer.class);

    /** True in the last super-step the recursion limit allows. */
    public static final Key<Boolean> IS_LAST_STEP = Key.of("is_last_step", Boolean.class, Boolean.FALSE);

    private ManagedValues() {
    }

    static boolean isManaged(String keyName) {
        return keyName.equals(REMAINING_STEPS.name()) || keyName.equals(IS_LAST_STEP.name());
    }
}
