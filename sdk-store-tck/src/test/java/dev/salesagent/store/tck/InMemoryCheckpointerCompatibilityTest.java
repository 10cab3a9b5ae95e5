package dev.salesagent.store.tck;

import dev.salesagent.agents.graph.Checkpointer;
import dev.salesagent.agents.graph.InMemoryCheckpointer;

/** {@link InMemoryCheckpointer} passes the checkpointer kit (moved from sdk-agents' {@code InMemoryCheckpointerTest}). */
class InMemoryCheckpointerCompatibilityTest extends CheckpointerCompatibilityKit {

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
