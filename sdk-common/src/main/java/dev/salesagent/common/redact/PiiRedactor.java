package dev.salesagent.common.redact;

import java.math.BigInteger;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data in free text while keeping enough shape to debug with.
 *
 * <table>
 *   <caption>What is masked and how</caption>
 *   <tr><th>kind</th><th>example in</th><th>out</th></tr>
 *   <tr><td>e-mail</td><td>{@code jane.doe@acme.com}</td><td>{@code j***@acme.com}</td></tr>
 *   <tr><td>payment card (Luhn-valid, 13-19 digits)</td><td>{@code 4111 1111 1111 1111}</td><td>{@code **** **** **** 1111}</td></tr>
 *   <tr><td>IBAN (mod-97 valid)</td><td>{@code DE89 3704 0044 0532 0130 00}</td><td>{@code DE** **** **** **** **30 00}</td></tr>
 *   <tr><td>US SSN</td><td>{@code 123-45-6789}</td><td>{@code ***-**-6789}</td></tr>
 *   <tr><td>phone (international {@code +CC}, {@code (AAA) NNN-NNNN}, {@code NNN-NNN-NNNN})</td>
 *       <td>{@code +44 20 7946 0958}</td><td>{@code +44 ** **** **58}</td></tr>
 * </table>
 *
 * <p>Numbers that merely look similar stay untouched: dates, order and invoice numbers, amounts,
 * digit runs that fail the Luhn or IBAN checksum. Instances are immutable and thread-safe.
 */
public final class PiiRedactor {

    /** The kinds of personal data the redactor recognises. */
    public enum Kind { EMAIL, PAYMENT_CARD, IBAN, SSN, PHONE }

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.%+-])([A-Za-z0-9._%+-]+)@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,})");
    private static final Pattern IBAN = Pattern.compile(
            "(?<![A-Za-z0-9])([A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30})(?![A-Za-z0-9])");
    private static final Pattern CARD = Pattern.compile(
            "(?<![\\w-])(\\d(?:[ -]?\\d){12,18})(?![\\w-])");
    private static final Pattern SSN = Pattern.compile(
            "(?<![\\w-])(?!000|666|9\\d\\d)(\\d{3})([- ])(?!00)(\\d{2})\\2(?!0000)(\\d{4})(?![\\w-])");
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w+/-])(?:"
                    + "\\+\\d{1,3}(?:[ .-]?\\(?\\d{1,5}\\)?){2,6}"       // +CC ... (international)
                    + "|\\(\\d{3}\\) ?\\d{3}[-. ]\\d{4}"                // (415) 555-0132
                    + "|\\d{3}[-.]\\d{3}[-.]\\d{4}"                     // 415-555-0132, 415.555.0132
                    + ")(?![\\w-])");

    private static final PiiRedactor DEFAULT = new PiiRedactor(EnumSet.allOf(Kind.class));

    private final Set<Kind> kinds;

    private PiiRedactor(Set<Kind> kinds) {
        this.kinds = Set.copyOf(kinds);
    }

    /** A redactor for every {@link Kind}. */
    public static PiiRedactor defaults() {
        return DEFAULT;
    }

    /**
     * A redactor for the given kinds only.
     *
     * @throws IllegalArgumentException if no kind is given
     */
    public static PiiRedactor of(Kind first, Kind... rest) {
        return new PiiRedactor(EnumSet.of(Objects.requireNonNull(first), rest));
    }

    /** The kinds this redactor masks. */
    public Set<Kind> kinds() {
        return kinds;
    }

    /**
     * Returns {@code text} with every recognised personal datum masked; null stays null.
     * Running it on its own output changes nothing.
     */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        if (kinds.contains(Kind.EMAIL) && out.indexOf('@') >= 0) {
            out = replace(EMAIL, out, m -> maskEmail(m.group(1), m.group(2)));
        }
        if (kinds.contains(Kind.IBAN)) {
            out = replace(IBAN, out, m -> isValidIban(m.group(1)) ? maskKeepingEnds(m.group(1), 2, 4) : m.group());
        }
        if (kinds.contains(Kind.PAYMENT_CARD)) {
            out = replace(CARD, out, m -> luhnValid(m.group(1)) ? maskKeepingEnds(m.group(1), 0, 4) : m.group());
        }
        if (kinds.contains(Kind.SSN)) {
            out = replace(SSN, out, m -> "***" + m.group(2) + "**" + m.group(2) + m.group(4));
        }
        if (kinds.contains(Kind.PHONE)) {
            out = replace(PHONE, out, m -> maskPhone(m.group()));
        }
        return out;
    }

    /** True if {@link #redact(String)} would change the text. */
    public boolean containsPii(String text) {
        return text != null && !redact(text).equals(text);
    }

    private static String replace(Pattern pattern, String text, Function<Matcher, String> masker) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        do {
            m.appendReplacement(sb, Matcher.quoteReplacement(masker.apply(m)));
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }

    private static String maskEmail(String local, String domain) {
        if (local.endsWith("***")) {
            return local + "@" + domain; // already masked
        }
        return local.charAt(0) + "***@" + domain;
    }

    /** Masks letters and digits except the first {@code keepStart} and last {@code keepEnd} of them. */
    private static String maskKeepingEnds(String value, int keepStart, int keepEnd) {
        int alnum = 0;
        for (int i = 0; i < value.length(); i++) {
            if (Character.isLetterOrDigit(value.charAt(i))) {
                alnum++;
            }
        }
        StringBuilder sb = new StringBuilder(value.length());
        int seen = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                seen++;
                sb.append(seen <= keepStart || seen > alnum - keepEnd ? c : '*');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String maskPhone(String phone) {
        int digits = 0;
        for (int i = 0; i < phone.length(); i++) {
            if (Character.isDigit(phone.charAt(i))) {
                digits++;
            }
        }
        if (digits < 7 || digits > 15) {
            return phone;
        }
        // keep an international prefix (+CC) and the last two digits
        int keepStart = 0;
        if (phone.startsWith("+")) {
            Matcher cc = Pattern.compile("^\\+(\\d{1,3})").matcher(phone);
            if (cc.find() && phone.length() > cc.end() && !Character.isDigit(phone.charAt(cc.end()))) {
                keepStart = cc.group(1).length();
            }
        }
        StringBuilder sb = new StringBuilder(phone.length());
        int seen = 0;
        for (int i = 0; i < phone.length(); i++) {
            char c = phone.charAt(i);
            if (Character.isDigit(c)) {
                seen++;
                sb.append(seen <= keepStart || seen > digits - 2 ? c : '*');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static boolean luhnValid(String candidate) {
        int sum = 0;
        int count = 0;
        boolean doubleIt = false;
        for (int i = candidate.length() - 1; i >= 0; i--) {
            char c = candidate.charAt(i);
            if (!Character.isDigit(c)) {
                continue;
            }
            int d = c - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
            count++;
        }
        return count >= 13 && count <= 19 && sum % 10 == 0 && !allSameDigit(candidate);
    }

    private static boolean allSameDigit(String s) {
        char first = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isDigit(c)) {
                if (first == 0) {
                    first = c;
                } else if (c != first) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean isValidIban(String candidate) {
        String iban = candidate.replace(" ", "").toUpperCase(Locale.ROOT);
        if (iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder numeric = new StringBuilder(rearranged.length() * 2);
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            if (Character.isDigit(c)) {
                numeric.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                numeric.append(c - 'A' + 10);
            } else {
                return false;
            }
        }
        return new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }
}
