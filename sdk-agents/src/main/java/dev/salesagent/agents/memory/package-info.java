/**
 * Agent memory: {@link dev.salesagent.agents.memory.MessageWindow} trims a conversation to a token
 * window (short-term); {@link dev.salesagent.agents.memory.MemoryStore} keeps facts per tenant and
 * subject across runs (long-term), with {@link dev.salesagent.agents.memory.MemoryNodes#recall} to load
 * them into a prompt.
 *
 * <p>Stores: {@link dev.salesagent.agents.memory.InMemoryMemoryStore} and
 * {@link dev.salesagent.agents.memory.JdbcMemoryStore} (PostgreSQL or H2). Other stores prove themselves
 * with {@code MemoryStoreCompatibilityKit} from the {@code sdk-store-tck} module.
 *
 * <p>Nullness: parameters and return values are non-null unless their Javadoc says "or null" / "may be
 * null" (a {@link dev.salesagent.agents.memory.MemoryFact}'s {@code source}). A null or blank tenant means
 * the {@code default} tenant. Recalls return an empty list, never null.
 */
package dev.salesagent.agents.memory;
