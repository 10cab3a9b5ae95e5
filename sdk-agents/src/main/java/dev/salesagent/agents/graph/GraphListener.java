package dev.salesagent.agents.graph;

/**
 * Receives a run's {@link GraphEvent}s in order, on the thread that produced them. A listener that
 * throws is logged and ignored; it never breaks the run.
 */
@FunctionalInterface
public interface GraphListener {

    /**
     * Receives one event, on the thread that produced it; an exception thrown here is logged and ignored.
     *
     * @param event the event
     */
    void onEvent(GraphEvent event);
}
