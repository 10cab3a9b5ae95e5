package dev.salesagent.crm;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Credit standing of a customer (NetSuite {@code creditLimit} and {@code balance}).
 *
 * @param customerId  the account
 * @param creditLimit the most the customer may owe, in {@code currency}; {@code null} means no limit set
 * @param openBalance what the customer owes now (open invoices and orders as the CRM counts them), in {@code currency}
 * @param currency    ISO 4217 code
 */
public record CustomerCredit(CrmId customerId, BigDecimal creditLimit, BigDecimal openBalance, String currency) {

    /**
     * Checks that the customer and the open balance are set.
     *
     * @param customerId the account
     * @param creditLimit the most the customer may owe, in {@code currency}; {@code null} means no limit set
     * @param openBalance what the customer owes now (open invoices and orders as the CRM counts them), in {@code
     *     currency}
     * @param currency ISO 4217 code
     * @throws NullPointerException if {@code customerId} or {@code openBalance} is null
     */
    public CustomerCredit {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(openBalance, "openBalance");
    }

    /**
     * {@code creditLimit - openBalance} (may be negative when over the limit); {@code null} when there is no limit.
     *
     * @return {@code creditLimit - openBalance} in {@code currency}, negative when over the limit; {@code null} when no
     *     limit is set
     */
    public BigDecimal availableCredit() {
        return creditLimit == null ? null : creditLimit.subtract(openBalance);
    }
}
