package dev.salesagent.agents.sales.command;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Money in text to exact {@link BigDecimal} USD: {@code $100K}, {@code 10k}, {@code 1.5 million}, {@code 50 dollars},
 * {@code $7.50}, {@code USD 2,000}. Suffixes: k/thousand = 1,000; m/mm/million = 1,000,000; b/bn/billion =
 * 1,000,000,000. A bare number is money only with a multiplier suffix.
 */
final class Amounts {

    /** One amount and its span in the text. */
    record Money(BigDecimal value, int start, int end) {
    }

    private static final String NUMBER = "(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d+))?";
    private static final String SUFFIX = "(k|m|mm|b|bn|thousand|million|billion)";
    private static final Pattern DOLLAR = Pattern.compile(
            "(?:us\\s*\\$|\\$|usd\\s*)\\s*" + NUMBER + "(?:\\s*" + SUFFIX + "\\b)?");
    private static final Pattern WORDS = Pattern.compile(
            "(?<![\\w.$])" + NUMBER + "(?:\\s*" + SUFFIX + ")?\\s*(?:dollars?|usd|bucks)\\b");
    private static final Pattern SUFFIXED = Pattern.compile("(?<![\\w.$])" + NUMBER + "\\s*" + SUFFIX
            + "\\b(?!\\s*(?:units?|pieces?|pcs|items?|boxes|cases|customers?|orders?|deals?))");

    private Amounts() {
    }

    /** Every amount in lower-case {@code text}, in order of appearance, without overlaps. */
    static List<Money> find(String text) {
        List<Money> out = new ArrayList<>();
        for (Pattern p : List.of(DOLLAR, WORDS, SUFFIXED)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                int s = m.start();
                int e = m.end();
                if (out.stream().noneMatch(x -> x.start() < e && s < x.end())) {
                    out.add(new Money(value(m.group(1), m.group(2), m.group(3)), s, e));
                }
            }
        }
        out.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return out;
    }

    /**
     * Parses one amount such as {@code $100K} or {@code 7.50}.
     *
     * @throws IllegalArgumentException if {@code text} holds no amount
     */
    static BigDecimal parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        List<Money> found = find(t);
        if (!found.isEmpty()) {
            return found.get(0).value();
        }
        Matcher m = Pattern.compile("^" + NUMBER + "$").matcher(t);
        if (m.find()) {
            return value(m.group(1), m.group(2), null);
        }
        throw new IllegalArgumentException("not an amount: " + text);
    }

    private static BigDecimal value(String whole, String fraction, String suffix) {
        BigDecimal v = new BigDecimal(whole.replace(",", "") + (fraction != null ? "." + fraction : ""));
        if (suffix == null) {
            return v;
        }
        BigDecimal factor = switch (suffix) {
            case "k", "thousand" -> BigDecimal.valueOf(1_000);
            case "m", "mm", "million" -> BigDecimal.valueOf(1_000_000);
            default -> BigDecimal.valueOf(1_000_000_000);
        };
        BigDecimal r = v.multiply(factor);
        return r.scale() > 0 && r.stripTrailingZeros().scale() <= 0 ? r.setScale(0) : r;
    }
}
