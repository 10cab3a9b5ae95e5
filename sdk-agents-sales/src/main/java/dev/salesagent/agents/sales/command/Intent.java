package dev.salesagent.agents.sales.command;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a question asks for. Serialized as its {@link #id()} ({@code order_status}, ...). */
public enum Intent {
    /** Orders: counts, lists, totals, average order value, status, aging. */
    ORDER_STATUS,
    /** Opportunities: stages, amounts, stuck deals, win rate, weighted forecast. */
    PIPELINE_QUERY,
    /** Customers: top N by revenue, declining customers, account summary. */
    CUSTOMER_QUERY,
    /** Products: best sellers, units, average selling price, inventory. */
    PRODUCT_QUERY,
    /** A request to create a sales order (goes to the transaction graph, never straight to the CRM). */
    CREATE_TRANSACTION,
    /** Anomalies, executive summary, stalled large deals. */
    INSIGHT_REQUEST,
    /** Nothing the command center can answer. */
    UNKNOWN;

    /** {@return the wire name, lower snake case, e.g. {@code order_status}} */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The intent of a wire name (case-insensitive, surrounding blanks ignored).
     *
     * @param id a wire name such as {@code order_status} or {@code PIPELINE_QUERY}
     * @return the intent
     * @throws IllegalArgumentException if {@code id} is null or names no intent
     */
    @JsonCreator
    public static Intent fromId(String id) {
        if (id == null) {
            throw new IllegalArgumentException("intent id is null");
        }
        return Intent.valueOf(id.trim().toUpperCase(Locale.ROOT));
    }
}
