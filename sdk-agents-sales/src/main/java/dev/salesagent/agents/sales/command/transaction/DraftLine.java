package dev.salesagent.agents.sales.command.transaction;

import java.math.BigDecimal;

/**
 * One line of an order draft.
 *
 * @param product   the product name as asked or as the catalog spells it, or null
 * @param sku       the SKU once resolved (validation fills it), or null
 * @param quantity  units, or null when not given yet
 * @param unitPrice USD per unit, exact, or null when not given yet
 */
public record DraftLine(String product, String sku, BigDecimal quantity, BigDecimal unitPrice) {

    /** {@return quantity x unit price, exact, in USD; null while either is missing} */
    public BigDecimal lineTotal() {
        return quantity == null || unitPrice == null ? null : quantity.multiply(unitPrice);
    }
}
