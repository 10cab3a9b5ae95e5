package dev.salesagent.agents.react;

import dev.langchain4j.agent.tool.ToolExecutionRequest;

/**
 * Executes one tool call for a {@link ReActAgent}. The returned text is the observation sent back to
 * the model; an exception becomes an error observation ({@code "Error: ..."}), never a crash.
 */
@FunctionalInterface
public interface ToolHandler {

    /**
     * @param request the model's tool call (name, id, JSON arguments)
     * @return the observation text for the model
     * @throws Exception any failure; reported to the model as an error observation
     */
    String execute(ToolExecutionRequest request) throws Exception;
}
