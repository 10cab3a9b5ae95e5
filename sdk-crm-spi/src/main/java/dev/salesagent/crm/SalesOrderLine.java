package dev.salesagent.crm;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of a sales order. At least one of {@code productId} and {@code sku} identifies the item.
 *
 * @param productId the product's CRM id, or {@code null} when the item is given by SKU
 * @param sku       the item's SKU, or {@code null} when given by id
 * @param quantity  quantity in the item's unit; must be positive
 * @param unitPrice price per unit in the order's currency; must not be negative
 */
public record SalesOrderLine(CrmId productId, String sku, BigDecimal quantity, BigDecimal unitPrice) {

    /**
     * Checks the line.
     *
     * @param productId the product's CRM id, or {@code null} when the item is given by SKU
     * @param sku the item's SKU, or {@code null} when given by id
     * @param quantity quantity in the item's unit; must be positive
     * @param unitPrice price per unit in the order's currency; must not be negative
     * @throws IllegalArgumentException if neither product id nor SKU is given, the quantity is not positive or the unit
     *     price is negative
     * @throws NullPointerException if {@code quantity} or {@code unitPrice} is null
     */
    public SalesOrderLine {
        if (productId == null && (sku == null || sku.isBlank())) {
            throw new IllegalArgumentException("a sales order line needs a productId or a sku");
        }
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(unitPrice, "unitPrice");
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("quantity must be positive: " + quantity);
        }
        if (unitPrice.signum() < 0) {
            throw new IllegalArgumentException("unitPrice must not be negative: " + unitPrice);
        }
    }

    /**
     * {@return a line for an item given by SKU}
     *
     * @param sku the item's SKU
     * @param quantity how many units, positive
     * @param unitPrice the price of one unit, in the order's currency
     */
    public static SalesOrderLine ofSku(String sku, BigDecimal quantity, BigDecimal unitPrice) {
        return new SalesOrderLine(null, sku, quantity, unitPrice);
    }

    /**
     * {@code quantity * unitPrice}.
     *
     * @return {@code quantity * unitPrice}, in the order's currency (unrounded)
     */
    public BigDecimal lineTotal() {
        return quantity.multiply(unitPrice);
    }
}
