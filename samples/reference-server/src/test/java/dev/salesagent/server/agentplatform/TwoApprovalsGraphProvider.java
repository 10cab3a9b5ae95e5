package dev.salesagent.server.agentplatform;

import dev.salesagent.agents.graph.CompileConfig;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.graph.Key;
import dev.salesagent.agents.graph.StateGraph;
import dev.salesagent.agents.graph.Update;
import dev.salesagent.agents.platform.GraphProvider;
import java.util.List;
import java.util.Map;

/**
 * A test graph found through {@code META-INF/services}: {@code START -> legal, finance} in parallel, each asking for an
 * approval with an interrupt ({@code {"approver": "<node>"}}), so a run pauses with two pending interrupts that a
 * resume answers by interrupt id. Each node logs {@code "<node>:<answer>"}.
 */
public class TwoApprovalsGraphProvider implements GraphProvider {

    static final Key<List<String>> LOG = Key.appending("log", String.class);

    @Override
    public String graphId() {
        return "two_approvals";
    }

    @Override
    public CompiledGraph compile(Context context) {
        return StateGraph.of(LOG)
                .addNode("legal", (s, c) -> Update.append(LOG, "legal:" + c.interrupt(Map.of("approver", "legal"))))
                .addNode("finance", (s, c) -> Update.append(LOG, "finance:" + c.interrupt(Map.of("approver",
                        "finance"))))
                .addEdge(StateGraph.START, "legal").addEdge(StateGraph.START, "finance")
                .addEdge("legal", StateGraph.END).addEdge("finance", StateGraph.END)
                .compile(CompileConfig.builder().name("two_approvals").checkpointer(context.checkpointer()).build());
    }
}
