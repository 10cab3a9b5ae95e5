/** The ReAct tool-calling loop as a graph node or a ready-made graph: {@link dev.salesagent.agents.react.ReActAgent}. */
package dev.salesagent.agents.react;
