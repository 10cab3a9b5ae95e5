/**
 * The ReAct tool-calling loop as a graph node or a ready-made graph: {@link dev.salesagent.agents.react.ReActAgent}
 * calls a LangChain4j {@code ChatModel}, runs the requested tools through their
 * {@link dev.salesagent.agents.react.ToolHandler}s and feeds the results back until the model answers
 * (or {@code maxIterations} model calls were made; default 10). A tool failure becomes an error observation
 * for the model, never a crash.
 *
 * <p>Nullness: parameters and return values are non-null unless their Javadoc says "or null";
 * collections are empty, never null.
 */
package dev.salesagent.agents.react;
