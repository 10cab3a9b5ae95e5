/**
 * Serving graphs as assistants on an agent platform: {@link dev.salesagent.agents.platform.GraphProvider} is what an
 * application implements (graph id, description, the compiled graph, input/output/config JSON schemas), and
 * {@link dev.salesagent.agents.platform.GraphProviders} discovers providers through {@link java.util.ServiceLoader}.
 */
package dev.salesagent.agents.platform;
