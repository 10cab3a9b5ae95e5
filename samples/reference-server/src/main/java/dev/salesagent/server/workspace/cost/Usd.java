package dev.salesagent.server.workspace.cost;

import java.math.BigDecimal;

/** USD amounts in the API: exact decimal strings without trailing zeros ({@code "0.00561"}, {@code "25"}, {@code "0"}). */
final class Usd {

    private Usd() {
    }

    /** The amount as an exact plain decimal string, or null for null. */
    static String format(BigDecimal usd) {
        return usd == null ? null : usd.signum() == 0 ? "0" : usd.stripTrailingZeros().toPlainString();
    }
}
