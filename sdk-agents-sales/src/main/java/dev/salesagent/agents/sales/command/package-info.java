/**
 * The sales command center: natural-language questions over orders, pipeline, customers and products, and sales-order
 * drafts with review, approval and idempotent submission. Everything here runs embedded, without a server.
 *
 * <ul>
 *   <li>{@link dev.salesagent.agents.sales.command.QueryRouter}: question to {@link
 *       dev.salesagent.agents.sales.command.Intent}s and {@link dev.salesagent.agents.sales.command.QueryEntities}
 *       ({@link dev.salesagent.agents.sales.command.QueryRouter#rules rules} offline, or
 *       {@link dev.salesagent.agents.sales.command.QueryRouter#model model} with a JSON schema and a rules fallback);
 *       names resolve against an {@link dev.salesagent.agents.sales.command.EntityCatalog}.</li>
 *   <li>{@link dev.salesagent.agents.sales.command.CommandCenter}: routes, runs the agents
 *       ({@link dev.salesagent.agents.sales.command.CommandAgents}: order, pipeline, customer, product, insight) over a
 *       {@link dev.salesagent.agents.sales.command.SalesSnapshot} of the CRM and keeps each thread's previous turn in
 *       the graph runtime's checkpointer, so follow-ups ("and for Sean Miller?") work across instances.</li>
 *   <li>{@link dev.salesagent.agents.sales.command.Answer} with a {@link dev.salesagent.agents.sales.command.ChartSpec}:
 *       text, rows and a chart a UI can draw; every number is computed from CRM data.</li>
 *   <li>{@code dev.salesagent.agents.sales.command.transaction}: the sales-order draft graph (extract, validate,
 *       review, submit exactly once, record).</li>
 *   <li>{@code dev.salesagent.agents.sales.command.demo}: loads the Superstore order book into the memory CRM.</li>
 * </ul>
 *
 * <p>Dates: relative periods ("this month", "last quarter") resolve against an as-of date the caller gives or takes
 * from an injectable {@link java.time.Clock}. Money is exact {@link java.math.BigDecimal} USD.
 */
package dev.salesagent.agents.sales.command;
