/**
 * Compatibility kits for the SDK's pluggable stores: abstract JUnit 5 classes a store implementation
 * extends in its own test sources to prove it behaves like the bundled in-memory and JDBC stores.
 *
 * <ul>
 *   <li>{@link dev.salesagent.store.tck.CheckpointerCompatibilityKit}: a graph
 *       {@code Checkpointer} (interrupts, resume, failure recovery, time travel, thread isolation).</li>
 *   <li>{@link dev.salesagent.store.tck.DurableInterruptCompatibilityKit}: a run paused for approval on
 *       one instance is answered on another that shares only the checkpointer's storage.</li>
 *   <li>{@link dev.salesagent.store.tck.UsageStoreCompatibilityKit}: a cost {@code UsageStore}
 *       (round trip, exact sums, filters, groupings, concurrent saves).</li>
 *   <li>{@link dev.salesagent.store.tck.MemoryStoreCompatibilityKit}: an agent {@code MemoryStore}
 *       (facts per tenant and subject, newest first, forgetting, tenant isolation).</li>
 * </ul>
 *
 * <p>Each kit has abstract factory hooks ({@code createX()}, and {@code reopenCheckpointer()} where a
 * second process matters) and groups its tests in {@code @Nested} classes with sentence-style
 * {@code @DisplayName}s. Depend on this module with {@code <scope>test</scope>}.
 *
 * <p>Nullness: hooks must not return null (the kits fail the test with a message naming the hook);
 * parameters and return values of the kits' helpers are non-null.
 */
package dev.salesagent.store.tck;
