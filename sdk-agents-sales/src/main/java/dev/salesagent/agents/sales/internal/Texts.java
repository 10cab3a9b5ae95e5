package dev.salesagent.agents.sales.internal;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Locale;

/** Text helpers shared by the rules implementations of several skills. Not API: may change without notice. */
public final class Texts {

    private Texts() {
    }

    /** Whether {@code phrase} occurs in {@code haystack} on word boundaries (letters and digits delimit words). */
    public static boolean containsWord(String haystack, String phrase) {
        int i = haystack.indexOf(phrase);
        while (i >= 0) {
            boolean startOk = i == 0 || !Character.isLetterOrDigit(haystack.charAt(i - 1));
            int end = i + phrase.length();
            boolean endOk = end == haystack.length() || !Character.isLetterOrDigit(haystack.charAt(end));
            if (startOk && endOk) {
                return true;
            }
            i = haystack.indexOf(phrase, i + 1);
        }
        return false;
    }

    /** {@code v} with US thousands separators, e.g. {@code 12,500}. */
    public static String number(long v) {
        return NumberFormat.getIntegerInstance(Locale.US).format(v);
    }

    /** An amount in USD for prose: {@code 1.2B USD}, {@code 3.4M USD} or {@code 250,000 USD}. */
    public static String usd(BigDecimal v) {
        double d = v.doubleValue();
        if (d >= 1e9) {
            return String.format(Locale.US, "%.1fB USD", d / 1e9);
        }
        if (d >= 1e6) {
            return String.format(Locale.US, "%.1fM USD", d / 1e6);
        }
        return NumberFormat.getIntegerInstance(Locale.US).format(v) + " USD";
    }
}
