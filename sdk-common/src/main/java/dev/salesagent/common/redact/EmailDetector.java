package dev.salesagent.common.redact;

import java.net.IDN;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds e-mail addresses, including internationalised ones (RFC 6531 Unicode local parts, IDN domains written in
 * Unicode or as punycode {@code xn--} labels). Package-private engine of {@link PiiRedactor.Kind#EMAIL}.
 */
final class EmailDetector {

    private static final String LOCAL_CHAR = "[\\p{L}\\p{M}\\p{N}._%+-]";
    private static final String LABEL = "[\\p{L}\\p{M}\\p{N}](?:[\\p{L}\\p{M}\\p{N}-]{0,61}[\\p{L}\\p{M}\\p{N}])?";
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\p{L}\\p{M}\\p{N}._%+-])(" + LOCAL_CHAR + "+)@((?:" + LABEL + "[.\\u3002\\uFF0E])+"
                    + "(?:xn--[A-Za-z0-9-]{2,59}|\\p{L}[\\p{L}\\p{M}]{1,62}))(?![\\p{L}\\p{M}\\p{N}-])");

    private EmailDetector() {
    }

    static void find(String text, List<Finding> out) {
        if (text.indexOf('@') < 0) {
            return;
        }
        Matcher m = EMAIL.matcher(text);
        while (m.find()) {
            String local = m.group(1);
            String domain = m.group(2);
            if (local.startsWith(".") || local.endsWith(".")) {
                continue;
            }
            int first = local.codePointAt(0);
            String mask = new String(Character.toChars(first)) + "***@" + domain;
            out.add(new Finding(m.start(), m.end(), PiiRedactor.Kind.EMAIL, normalise(local, domain), mask));
        }
    }

    /** Lower-case NFC local part and the domain in its ASCII (punycode) form, so both spellings give one pseudonym. */
    static String normalise(String local, String domain) {
        String d = Normalizer.normalize(domain, Normalizer.Form.NFC).replace('\u3002', '.').replace('\uFF0E', '.');
        try {
            d = IDN.toASCII(d, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException notIdn) {
            // keep the Unicode form
        }
        return Normalizer.normalize(local, Normalizer.Form.NFC).toLowerCase(Locale.ROOT) + "@" + d.toLowerCase(Locale.ROOT);
    }
}
