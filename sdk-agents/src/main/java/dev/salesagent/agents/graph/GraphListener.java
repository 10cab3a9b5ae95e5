package dev.salesagent.agents.graph;

/**
 * Receives a run's {@link GraphEvent}s in order, on the thread that produced them. A listener that
 * throws is logged and ignored; it never breaks the run.
 */
@FunctionalInterface
public interface GraphListener {

    void onEvent(GraphEvent event);
}
