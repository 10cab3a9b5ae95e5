package dev.salesagent.common.redact;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber.CountryCodeSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds telephone numbers with libphonenumber's {@link PhoneNumberUtil#findNumbers} and masks all digits but an
 * international prefix's country code and the last two. Package-private engine of {@link PiiRedactor.Kind#PHONE}.
 *
 * <p>Rules, in order:
 * <ol>
 *   <li>A cheap scan finds runs of at least 7 digits joined by short separators; only those windows are handed to
 *       libphonenumber (most log text has none), once per configured region, with {@link Leniency#POSSIBLE}.</li>
 *   <li>A match is kept when libphonenumber calls it {@linkplain PhoneNumberUtil#isValidNumber valid}, or when it is a
 *       possible number written with an explicit prefix: {@code +}, the region's international (IDD) prefix
 *       ({@code 00}, {@code 011}, ...) or its national trunk prefix ({@code 0} in the UK and Germany, {@code 8} in
 *       Russia). The second case catches the reserved fictional ranges ({@code 07700 900123}) that libphonenumber
 *       calls invalid, while a bare digit run must be a valid number.</li>
 *   <li>In regions whose national format starts with a trunk prefix, a national-form match must start with it, so
 *       {@code 20250115} is not read as a Duisburg number.</li>
 *   <li>Look-alikes are dropped: numbers glued to letters or identifiers ({@code ORD-2024-000123}), preceded by a word
 *       such as order, invoice, ISBN, tracking, account, version (and their German, French, Spanish, Italian,
 *       Dutch, Polish, Japanese and Chinese equivalents); dates and times; dotted quads; decimal amounts; the SSN
 *       shape; ISBN-13 and hyphenated ISBN-10 with a valid check digit; bare runs of fewer than 10 digits without
 *       any prefix; the tail or head of a longer group of digits.</li>
 * </ol>
 */
final class PhoneDetector {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private static final Pattern LOOKALIKE_WORD = Pattern.compile(
            "(?i)(?:^|[^\\p{L}])(?:order|orders|ord|invoice|inv|po|ref|reference|isbn|issn|ean|upc|gtin|tracking|track"
                    + "|shipment|parcel|awb|consignment|sku|serial|s/n|sn|id|uid|uuid|account|acct|a/c|customer|cust"
                    + "|case|ticket|build|version|ver|v|release|amount|total|sum|qty|quantity|price|balance|usd|eur"
                    + "|gbp|iban|bic|swift|vat|ein|tin|tax|zip|postcode|txn|transaction|batch|lot|item|part|model"
                    + "|pin|otp|code|ts|timestamp|epoch|seq|sequence|offset|port|pid|bytes|size|count|no|nr|number"
                    + "|page|pages|pp|row|line|ip|imei|meid|iccid|imsi"
                    + "|bestellung|bestellnummer|bestell-nr|rechnung|rechnungsnummer|kundennummer|auftrag|auftragsnummer"
                    + "|sendungsnummer|facture|commande|colis|référence|pedido|factura|albarán|ordine|fattura|bestelling"
                    + "|factuur|zamówienie|faktura|注文番号|订单号|发票号)"
                    + "[\\s:#.=\\-]*(?:no\\.?|nr\\.?|n°|nº|number|#|id)?[\\s:#.=\\-]*$");

    private static final Pattern PHONE_WORD = Pattern.compile(
            "(?i)(?:tel|tel\\.|telephone|phone|ph|mobile|mob|cell|fax|call|whatsapp|sms|text|contact|direct|dial"
                    + "|t|m|f|p|telefon|téléphone|tél|tél\\.|handy|móvil|celular|电话|手机|電話)"
                    + "\\s*(?:no\\.?|nr\\.?|number|num|#)?[\\s:#.=\\-]*$");

    private static final Pattern DATE_OR_TIME = Pattern.compile(
            "\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}.*|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4}|.*\\d{1,2}:\\d{2}.*");
    private static final Pattern PLAIN_DATE = Pattern.compile("\\d{4}([-/.])\\d{1,2}\\1\\d{1,2}|\\d{1,2}([-/.])\\d{1,2}\\2\\d{2,4}");
    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
    private static final Pattern DECIMAL = Pattern.compile("\\d+[.,]\\d+");
    private static final Pattern SSN_SHAPE = Pattern.compile("\\d{3}-\\d{2}-\\d{4}");
    private static final Pattern ISBN10_SHAPE = Pattern.compile("\\d{1,5}-\\d{1,7}-\\d{1,7}-[\\dX]");

    private final List<String> regions;
    /** Each region's national trunk prefix ({@code 0}, {@code 8}, ...), absent where it has none. */
    private final Map<String, String> trunks;
    /**
     * Regions whose fixed-line and mobile numbers are always written nationally with the trunk prefix (GB, DE, FR,
     * ...): a window not starting with it cannot hold their national form, so they are not tried on it.
     */
    private final Set<String> trunkAlways;

    PhoneDetector(List<String> regions) {
        this.regions = List.copyOf(regions);
        Map<String, String> t = new HashMap<>();
        Set<String> always = new HashSet<>();
        for (String region : regions) {
            String ndd = UTIL.getNddPrefixForRegion(region, true);
            if (ndd != null && !ndd.isEmpty()) {
                t.put(region, ndd);
                if (writtenWithTrunk(region, ndd, PhoneNumberType.FIXED_LINE)
                        && writtenWithTrunk(region, ndd, PhoneNumberType.MOBILE)) {
                    always.add(region);
                }
            }
        }
        this.trunks = Map.copyOf(t);
        this.trunkAlways = Set.copyOf(always);
    }

    private static boolean writtenWithTrunk(String region, String ndd, PhoneNumberType type) {
        PhoneNumber example = UTIL.getExampleNumberForType(region, type);
        return example != null && UTIL.format(example, PhoneNumberFormat.NATIONAL).replaceAll("\\D", "").startsWith(ndd);
    }

    List<String> regions() {
        return regions;
    }

    static boolean isSupportedRegion(String region) {
        return UTIL.getSupportedRegions().contains(region);
    }

    /**
     * The longest runs of digits joined by at least 7 digits and at most three separator characters between digits
     * (space, no-break space, tab, {@code ( ) . - / ~}, Unicode dashes), each as {@code {start, end, digits}}, a
     * leading {@code +} or {@code (} included. A hand-written scan: the regex equivalent costs several times more.
     */
    static List<int[]> windows(String text, int minDigits) {
        List<int[]> windows = null;
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isAsciiDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            int end = i + 1;
            int digits = 1;
            int j = end;
            while (j < n) {
                char c = text.charAt(j);
                if (isAsciiDigit(c)) {
                    digits++;
                    end = ++j;
                    continue;
                }
                int k = j;
                while (k < n && k - j < 3 && isSeparator(text.charAt(k))) {
                    k++;
                }
                if (k > j && k < n && (isAsciiDigit(text.charAt(k)) || text.charAt(k) == '(')) {
                    j = k;
                    if (text.charAt(k) == '(') {
                        j++;
                    }
                    continue;
                }
                break;
            }
            if (end < n && text.charAt(end) == ')') {
                end++;
            }
            if (digits >= minDigits) {
                int s = start;
                if (s > 0 && (text.charAt(s - 1) == '(' )) {
                    s--;
                }
                if (s > 0 && (text.charAt(s - 1) == '+' || text.charAt(s - 1) == '\uFF0B')) {
                    s--;
                }
                if (windows == null) {
                    windows = new ArrayList<>(4);
                }
                windows.add(new int[] {s, end, digits});
            }
            i = Math.max(end, i + 1);
        }
        return windows == null ? List.of() : windows;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\u00A0' || c == '\t' || c == '(' || c == ')' || c == '.' || c == '-' || c == '/'
                || c == '~' || c >= '\u2010' && c <= '\u2015' || c == '\u2212' || c == '\u30FC' || c == '\uFF0D';
    }

    void find(String text, List<Finding> out) {
        find(text, windows(text, 7), out);
    }

    void find(String text, List<int[]> windows, List<Finding> out) {
        List<int[]> taken = null;
        for (int[] w : windows) {
            if (w[2] < 7) {
                continue;
            }
            int ws = w[0];
            int we = w[1];
            String window = text.substring(ws, we);
            boolean plus = window.charAt(0) == '+' || window.charAt(0) == '\uFF0B';
            if (!plus && !mayHoldPhone(text, ws, window)) {
                continue;
            }
            int windowDigits = digits(window);
            char firstDigit = firstDigit(window);
            int covered = 0;
            for (String region : regions) {
                if (covered >= windowDigits - 1 || plus && covered > 0) {
                    break; // every number of the window is found; the other regions cannot add one
                }
                if (!plus && trunkAlways.contains(region) && trunks.get(region).charAt(0) != firstDigit) {
                    continue;
                }
                for (PhoneNumberMatch m : UTIL.findNumbers(window, region, Leniency.POSSIBLE, Long.MAX_VALUE)) {
                    int start = ws + m.start();
                    int end = ws + m.end();
                    if (taken != null && overlaps(taken, start, end)) {
                        continue;
                    }
                    if (accept(text, start, end, m.rawString(), m.number(), region)) {
                        if (taken == null) {
                            taken = new ArrayList<>(4);
                        }
                        taken.add(new int[] {start, end});
                        covered += digits(m.rawString());
                        String e164 = UTIL.format(m.number(), PhoneNumberFormat.E164);
                        out.add(new Finding(start, end, PiiRedactor.Kind.PHONE, e164, mask(m.rawString())));
                    }
                }
            }
        }
    }

    /**
     * Cheap checks on a whole window before any libphonenumber pass: a bare run of fewer than 10 digits, a plain date,
     * or a window introduced by a look-alike word (order, invoice, ...) is skipped.
     */
    private static boolean mayHoldPhone(String text, int start, String window) {
        boolean bare = true;
        for (int i = 0; i < window.length() && bare; i++) {
            bare = Character.isDigit(window.charAt(i));
        }
        if (bare && window.length() < 10 || PLAIN_DATE.matcher(window).matches()) {
            return false;
        }
        String before = lineBefore(text, start);
        return PHONE_WORD.matcher(before).find() || !LOOKALIKE_WORD.matcher(before).find();
    }

    private static String lineBefore(String text, int start) {
        String before = text.substring(Math.max(0, start - 32), start);
        int nl = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
        return nl >= 0 ? before.substring(nl + 1) : before;
    }

    private boolean accept(String text, int start, int end, String raw, PhoneNumber number, String region) {
        if (!cleanEdges(text, start, end)) {
            return false;
        }
        String digits = raw.replaceAll("\\D", "");
        CountryCodeSource source;
        try {
            source = UTIL.parseAndKeepRawInput(raw, region).getCountryCodeSource();
        } catch (NumberParseException e) {
            return false;
        }
        boolean plus = source == CountryCodeSource.FROM_NUMBER_WITH_PLUS_SIGN;
        boolean international = plus || source == CountryCodeSource.FROM_NUMBER_WITH_IDD;
        boolean trunk = false;
        String ndd = trunks.get(region);
        if (!international && ndd != null) {
            String national = UTIL.format(number, PhoneNumberFormat.NATIONAL).replaceAll("\\D", "");
            if (national.startsWith(ndd)) {
                if (!digits.startsWith(ndd)) {
                    return false; // written without the trunk prefix the region's own numbers always carry
                }
                trunk = true;
            }
        }
        if (!UTIL.isValidNumber(number) && !((international || trunk) && UTIL.isPossibleNumber(number))) {
            return false;
        }
        if (!plus) {
            String compact = raw.trim();
            if (DATE_OR_TIME.matcher(compact).matches() || DOTTED_QUAD.matcher(compact).matches()
                    || DECIMAL.matcher(compact).matches() || SSN_SHAPE.matcher(compact).matches()
                    || isIsbn13(digits) || ISBN10_SHAPE.matcher(compact).matches() && isIsbn10(digits)) {
                return false;
            }
            if (!international && digits.length() < 10 && compact.chars().allMatch(Character::isDigit)) {
                return false; // a bare run of 7-9 digits is a count, an id or an amount far more often than a phone
            }
        }
        String before = lineBefore(text, start);
        return PHONE_WORD.matcher(before).find() || !LOOKALIKE_WORD.matcher(before).find();
    }

    /** Rejects numbers glued to letters, currency or identifiers ({@code ORD-2024-000123}, {@code $1234567}). */
    private static boolean cleanEdges(String text, int start, int end) {
        if (start > 0) {
            char p = text.charAt(start - 1);
            if (Character.isLetterOrDigit(p) || Character.getType(p) == Character.CURRENCY_SYMBOL || p == '_'
                    || p == '#' || p == '@' || p == '*') {
                return false;
            }
            if ((p == ' ' || p == '\u00A0') && start > 1 && Character.isDigit(text.charAt(start - 2))) {
                return false; // the tail of a longer group of digits (a tracking or account number)
            }
            if ((p == '-' || p == '/' || p == '.' || p == ':') && start > 1) {
                char pp = text.charAt(start - 2);
                if (Character.isLetterOrDigit(pp) && !(p == ':' && !Character.isDigit(pp))) {
                    return false;
                }
            }
        }
        if (end < text.length()) {
            char n = text.charAt(end);
            if (Character.isLetterOrDigit(n) || Character.getType(n) == Character.CURRENCY_SYMBOL || n == '_'
                    || n == '@' || n == '%' || n == '*') {
                return false;
            }
            if ((n == '-' || n == '/' || n == '.' || n == ':' || n == ',' || n == ' ' || n == '\u00A0')
                    && end + 1 < text.length()
                    && Character.isDigit(text.charAt(end + 1))) {
                return false;
            }
        }
        return true;
    }

    /** ISBN-13 (978/979) with a valid check digit. */
    static boolean isIsbn13(String digits) {
        if (digits.length() == 13 && (digits.startsWith("978") || digits.startsWith("979"))) {
            int sum = 0;
            for (int i = 0; i < 13; i++) {
                sum += (digits.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
            }
            return sum % 10 == 0;
        }
        return false;
    }

    /**
     * ISBN-10 check digit (one in eleven 10-digit phone numbers passes it too, so it is only applied to the hyphenated
     * ISBN shape {@code 0-306-40615-2}).
     */
    static boolean isIsbn10(String digits) {
        if (digits.length() == 10) {
            int sum = 0;
            for (int i = 0; i < 10; i++) {
                sum += (digits.charAt(i) - '0') * (10 - i);
            }
            return sum % 11 == 0;
        }
        return false;
    }

    private static boolean overlaps(List<int[]> taken, int start, int end) {
        for (int[] t : taken) {
            if (start < t[1] && t[0] < end) {
                return true;
            }
        }
        return false;
    }

    private static char firstDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                return s.charAt(i);
            }
        }
        return 0;
    }

    private static int digits(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    /** Masks every digit but the country code after a leading + and the last two digits; separators stay. */
    static String mask(String phone) {
        int total = digits(phone);
        int keepStart = 0;
        if (phone.startsWith("+") || phone.startsWith("(+")) {
            int i = phone.indexOf('+') + 1;
            int cc = 0;
            while (i < phone.length() && Character.isDigit(phone.charAt(i)) && cc < 3) {
                i++;
                cc++;
            }
            if (i < phone.length() && !Character.isDigit(phone.charAt(i))) {
                keepStart = cc;
            }
        }
        StringBuilder sb = new StringBuilder(phone.length());
        int seen = 0;
        for (int i = 0; i < phone.length(); i++) {
            char c = phone.charAt(i);
            if (Character.isDigit(c)) {
                seen++;
                sb.append(seen <= keepStart || seen > total - 2 ? c : '*');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
