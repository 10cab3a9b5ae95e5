/**
 * The sales agents of the SDK: what every skill shares. Start here.
 *
 * <ul>
 *   <li>{@link dev.salesagent.agents.sales.SalesAgents}: the entry point, every skill on one chat model (the model
 *       implementations) or on offline rules, with one ideal customer profile and one seller profile.</li>
 *   <li>{@link dev.salesagent.agents.sales.SalesGraphs}: the single-document skills as graphs on the sdk-agents
 *       runtime; the lead pipeline is in {@link dev.salesagent.agents.sales.pipeline}.</li>
 *   <li>Shared values: {@link dev.salesagent.agents.sales.Method}, {@link dev.salesagent.agents.sales.ModelOptions},
 *       {@link dev.salesagent.agents.sales.SellerProfile}, {@link dev.salesagent.agents.sales.Features} (the
 *       {@code AiContext} feature of each skill).</li>
 *   <li>Errors: {@link dev.salesagent.agents.sales.SalesAgentException}, the module's one unchecked root, and
 *       {@link dev.salesagent.agents.sales.InvalidModelOutputException}.</li>
 * </ul>
 *
 * <p>One subpackage per skill, each with its interface, result types and static factories ({@code rules(...)},
 * {@code model(...)}); the implementations are package-private: {@code lead}, {@code research}, {@code scoring},
 * {@code outreach}, {@code followup}, {@code proposal}, {@code battlecard}, {@code conversation}, {@code pipeline}.
 * {@code internal} is not API.
 *
 * <p>Nullness: parameters and return values are non-null unless their Javadoc says "or null"; record
 * components documented as "or null" (or typed {@code Integer}, {@code Long}, {@code Boolean}, {@code BigDecimal}
 * where a value may be unknown) may be null; lists are never null (empty instead); optional values of a service are
 * returned as {@link java.util.Optional}.
 */
package dev.salesagent.agents.sales;
