/**
 * Agent memory: {@link dev.salesagent.agents.memory.MessageWindow} trims a conversation to a token
 * window (short-term); {@link dev.salesagent.agents.memory.MemoryStore} keeps facts per tenant and
 * subject across runs (long-term), with {@link dev.salesagent.agents.memory.MemoryNodes#recall} to load
 * them into a prompt.
 */
package dev.salesagent.agents.memory;
