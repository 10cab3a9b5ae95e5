package dev.salesagent.store.tck;

import dev.salesagent.agents.graph.Checkpointer;
import dev.salesagent.agents.graph.InMemoryCheckpointer;

/** Two graph instances in one JVM sharing one {@link InMemoryCheckpointer} pass the durable-interrupt kit. */
class InMemoryDurableInterruptCompatibilityTest extends DurableInterruptCompatibilityKit {

    private final InMemoryCheckpointer store = new InMemoryCheckpointer();

    @Override
    protected Checkpointer createCheckpointer() {
        return store;
    }

    @Override
    protected Checkpointer reopenCheckpointer() {
        return store; // the storage is the instance
    }
}
