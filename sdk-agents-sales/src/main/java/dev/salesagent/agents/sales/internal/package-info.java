/**
 * Not API: the engine of the model implementations (structured chat with JSON schema, repair retry and prompt
 * envelope), schema builders, the bundled prompts (classpath folder
 * {@code dev/salesagent/agents/sales/internal/prompts/}) and text helpers. Public only so that the skill packages
 * can share them; anything here may change in any release. Thread-safe where stated.
 *
 * <p>Nullness: parameters and return values are non-null unless their Javadoc says "or null"; record
 * components documented as "or null" (or typed {@code Integer}, {@code Long}, {@code Boolean}, {@code BigDecimal}
 * where a value may be unknown) may be null; lists are never null (empty instead); optional values of a service are
 * returned as {@link java.util.Optional}.
 */
package dev.salesagent.agents.sales.internal;
