package dev.salesagent.agents.sales.command.transaction;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A sales-order draft under review.
 *
 * @param draftId    stable id of the draft (the transaction's thread id); part of the idempotency key
 * @param customer   the customer name as asked or as the CRM spells it, or null
 * @param customerId the account id once resolved (validation fills it), or null
 * @param lines      the lines (at least one to be valid)
 * @param orderDate  the order date, or null for the CRM's today
 * @param memo       free text for the order, or null
 */
public record OrderDraft(String draftId, String customer, String customerId, List<DraftLine> lines,
                         LocalDate orderDate, String memo) {

    /**
     * Checks the id and copies the lines.
     *
     * @param draftId    stable id of the draft, not null
     * @param customer   the customer name, or null
     * @param customerId the resolved account id, or null
     * @param lines      the lines, or null for none (copied; no null elements)
     * @param orderDate  the order date, or null for the CRM's today
     * @param memo       free text for the order, or null
     * @throws NullPointerException if {@code draftId} or a line is null
     */
    public OrderDraft {
        Objects.requireNonNull(draftId, "draftId");
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /**
     * A draft of one line, as extracted from a creation request; customer id and SKU are left for validation to fill.
     *
     * @param draftId   stable id of the draft (the transaction's thread id), not null
     * @param customer  the customer name as asked, or null
     * @param product   the product name as asked, or null
     * @param quantity  units, or null when not given
     * @param unitPrice USD per unit, exact, or null when not given
     * @return the draft, without order date or memo
     * @throws NullPointerException if {@code draftId} is null
     */
    public static OrderDraft of(String draftId, String customer, String product, BigDecimal quantity,
                                BigDecimal unitPrice) {
        return new OrderDraft(draftId, customer, null, List.of(new DraftLine(product, null, quantity, unitPrice)),
                null, null);
    }

    /** {@return the sum of the line totals in USD, exact (lines missing a quantity or price count 0)} */
    @JsonIgnore
    public BigDecimal total() {
        return lines.stream().map(DraftLine::lineTotal).filter(Objects::nonNull).reduce(BigDecimal.ZERO,
                BigDecimal::add);
    }

    /**
     * The idempotency key of submitting this draft: {@code draft-} + the first 32 hex digits of SHA-256 over the draft
     * id, customer id and each line's SKU, quantity and unit price (numbers without trailing zeros). Approving the same
     * draft twice, from two browsers or after a crash gives the same key, so the CRM creates the order once; an
     * edited draft gets a new key.
     *
     * @return {@code draft-} followed by 32 lower-case hex digits
     */
    public String idempotencyKey() {
        StringBuilder s = new StringBuilder(draftId).append('|').append(customerId);
        for (DraftLine l : lines) {
            s.append('|').append(l.sku()).append(':').append(plain(l.quantity())).append(':')
                    .append(plain(l.unitPrice()));
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return "draft-" + HexFormat.of().formatHex(h).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    private static String plain(BigDecimal v) {
        return v == null ? "" : v.stripTrailingZeros().toPlainString();
    }

    /**
     * A copy with the customer resolved.
     *
     * @param name the customer name (as the CRM spells it once resolved), or null
     * @param id   the account id, or null when not resolved to exactly one account
     * @return the copy; this instance is unchanged
     */
    public OrderDraft withCustomer(String name, String id) {
        return new OrderDraft(draftId, name, id, lines, orderDate, memo);
    }

    /**
     * A copy with other lines.
     *
     * @param newLines the lines, or null for none (copied)
     * @return the copy; this instance is unchanged
     * @throws NullPointerException if a line is null
     */
    public OrderDraft withLines(List<DraftLine> newLines) {
        return new OrderDraft(draftId, customer, customerId, newLines, orderDate, memo);
    }
}
