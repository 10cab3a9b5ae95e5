package dev.salesagent.agents.sales;

import java.util.Objects;

/**
 * Who is selling: used by outreach, proposals and battle cards to talk about "us". These are the only claims
 * the rules implementations make that do not come from the lead or its research.
 *
 * @param company          seller company name
 * @param product          product name
 * @param valueProposition one sentence on what the product does for the buyer, no trailing period
 * @param senderName       signature of outreach e-mails
 */
public record SellerProfile(String company, String product, String valueProposition, String senderName) {

    private static final SellerProfile DEFAULTS = new SellerProfile("Northwind Revenue", "Northwind Lead Desk",
            "helps revenue teams research, score and follow up on every lead without manual data entry",
            "The Northwind team");

    /**
     * Canonical constructor; the components are as described on the record.
     *
     * @param company seller company name
     * @param product product name
     * @param valueProposition one sentence on what the product does for the buyer, no trailing period
     * @param senderName signature of outreach e-mails
     */
    public SellerProfile {
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(valueProposition, "valueProposition");
        Objects.requireNonNull(senderName, "senderName");
    }

    /** {@return a neutral example seller (Northwind Revenue / Northwind Lead Desk)} */
    public static SellerProfile defaults() {
        return DEFAULTS;
    }
}
