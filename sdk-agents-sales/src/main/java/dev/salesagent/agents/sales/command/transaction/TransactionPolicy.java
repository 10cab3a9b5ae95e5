package dev.salesagent.agents.sales.command.transaction;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The checks a draft must pass.
 *
 * @param priceTolerance how far a unit price may be from the product's list price, as a fraction (0.20 = within 20%
 *                       below or above); default 0.20
 * @param checkInventory whether the available units (all locations) must cover the quantity; default true
 * @param checkCredit    whether credit limit minus open balance must cover the total; default true (accounts
 *                       without a limit pass)
 */
public record TransactionPolicy(BigDecimal priceTolerance, boolean checkInventory, boolean checkCredit) {

    /**
     * Checks the tolerance.
     *
     * @param priceTolerance the allowed deviation from the list price as a fraction (0.20 = 20%), not null, not
     *                       negative
     * @param checkInventory whether the available units must cover the quantity
     * @param checkCredit    whether the available credit must cover the total
     * @throws NullPointerException     if {@code priceTolerance} is null
     * @throws IllegalArgumentException if the tolerance is negative
     */
    public TransactionPolicy {
        Objects.requireNonNull(priceTolerance, "priceTolerance");
        if (priceTolerance.signum() < 0) {
            throw new IllegalArgumentException("priceTolerance must not be negative: " + priceTolerance);
        }
    }

    /** {@return the default checks: 20% price tolerance ({@code 0.20}), inventory and credit checked} */
    public static TransactionPolicy defaults() {
        return new TransactionPolicy(new BigDecimal("0.20"), true, true);
    }
}
