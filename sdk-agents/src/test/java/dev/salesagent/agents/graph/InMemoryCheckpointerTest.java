package dev.salesagent.agents.graph;

class InMemoryCheckpointerTest extends CheckpointerContract {

    private final InMemoryCheckpointer store = new InMemoryCheckpointer();

    @Override
    Checkpointer checkpointer() {
        return store;
    }

    @Override
    Checkpointer reopen() {
        return store;
    }
}
