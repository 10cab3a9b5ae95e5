package dev.salesagent.agents.sales.command.transaction;

/**
 * Something the user must fix before a draft can be approved.
 *
 * @param code    {@code CUSTOMER_MISSING}, {@code CUSTOMER_NOT_FOUND}, {@code CUSTOMER_AMBIGUOUS}, {@code NO_LINES},
 *                {@code PRODUCT_MISSING}, {@code PRODUCT_NOT_FOUND}, {@code PRODUCT_AMBIGUOUS},
 *                {@code QUANTITY_MISSING}, {@code QUANTITY_INVALID}, {@code PRICE_MISSING},
 *                {@code PRICE_OUT_OF_RANGE}, {@code INSUFFICIENT_INVENTORY}, {@code CREDIT_EXCEEDED}
 * @param field   the draft field, e.g. {@code customer} or {@code lines[0].unitPrice}
 * @param message what is wrong, with the numbers (USD, units)
 */
public record ValidationIssue(String code, String field, String message) {
}
