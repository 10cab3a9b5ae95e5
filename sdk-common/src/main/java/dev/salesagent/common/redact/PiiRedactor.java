package dev.salesagent.common.redact;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data and credentials in free text (log lines, error messages, HTTP bodies) while keeping enough
 * shape to debug with.
 *
 * <table>
 *   <caption>What is masked and how</caption>
 *   <tr><th>kind</th><th>example in</th><th>out</th></tr>
 *   <tr><td>{@link Kind#SECRET}: OpenAI/Anthropic keys, HubSpot private-app tokens, Salesforce session ids, NetSuite
 *       OAuth parameters and token secrets, {@code Authorization}/{@code Proxy-Authorization}/{@code x-api-key}
 *       values, bearer tokens, JWTs, {@code user:password@} in URLs, {@code key=}/{@code secret=}/{@code token=}/
 *       {@code password=} pairs, AWS/Google/Stripe/GitHub/Slack keys, PEM private keys</td>
 *       <td>{@code Authorization: Bearer eyJhbGci...}</td><td>{@code Authorization: [REDACTED]}</td></tr>
 *   <tr><td>{@link Kind#EMAIL}, internationalised local parts and IDN domains (Unicode or punycode)</td>
 *       <td>{@code renée.dupont@société.fr}</td><td>{@code r***@société.fr}</td></tr>
 *   <tr><td>{@link Kind#PAYMENT_CARD} (Luhn-valid, 13-19 digits)</td><td>{@code 4111 1111 1111 1111}</td>
 *       <td>{@code **** **** **** 1111}</td></tr>
 *   <tr><td>{@link Kind#IBAN} (mod-97 valid)</td><td>{@code DE89 3704 0044 0532 0130 00}</td>
 *       <td>{@code DE** **** **** **** **30 00}</td></tr>
 *   <tr><td>{@link Kind#SSN} (US)</td><td>{@code 123-45-6789}</td><td>{@code ***-**-6789}</td></tr>
 *   <tr><td>{@link Kind#PHONE}, every region's international and national forms, found with Google's
 *       libphonenumber (national forms for the {@linkplain Builder#phoneRegions configured regions})</td>
 *       <td>{@code 07700 900123}, {@code +44 20 7946 0958}</td><td>{@code ***** ****23}, {@code +44 ** **** **58}</td></tr>
 *   <tr><td>{@link Kind#NAME}, {@link Kind#STREET_ADDRESS}, {@link Kind#DATE_OF_BIRTH} of the records in hand, from a
 *       {@link RedactionContext}</td><td>{@code Renée Dupont}</td><td>{@code [name]}</td></tr>
 * </table>
 *
 * <p>Secrets are always masked entirely. With a {@linkplain Builder#pseudonymKey(byte[]) pseudonym key}, every other
 * kind is replaced by a consistent keyed token instead of a mask, e.g. {@code <email:3f2a9c1e>}: the same address (in
 * any case, Unicode or punycode domain) or the same phone number (in any format; the token is computed from E.164)
 * gives the same token in every log line and every service configured with the same key, without revealing it.
 *
 * <p>Numbers that merely look similar stay untouched: dates, times, amounts, order and invoice numbers, ISBNs,
 * tracking numbers, version strings and IP addresses, digit runs that fail the Luhn or IBAN checksum. Where two
 * findings overlap the stronger one wins (secret, e-mail, record field, card/IBAN/SSN, phone). Running a redactor on
 * its own output changes nothing. Instances are immutable and thread-safe.
 */
public final class PiiRedactor {

    /** The kinds of data the redactor recognises. */
    public enum Kind {
        /** E-mail addresses. */
        EMAIL("email"),
        /** Payment card numbers that pass the Luhn check. */
        PAYMENT_CARD("card"),
        /** IBANs that pass the mod-97 check. */
        IBAN("iban"),
        /** US social security numbers. */
        SSN("ssn"),
        /** Telephone numbers. */
        PHONE("phone"),
        /** API keys, tokens, passwords and other credentials; always masked entirely, never pseudonymised. */
        SECRET("secret"),
        /** Names from the {@link RedactionContext}. */
        NAME("name"),
        /** Street addresses from the {@link RedactionContext}. */
        STREET_ADDRESS("address"),
        /** Dates of birth from the {@link RedactionContext}. */
        DATE_OF_BIRTH("dob");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** {@return the short label used in pseudonyms, e.g. {@code email} in {@code <email:3f2a9c1e>}} */
        public String label() {
            return label;
        }

        /** The fixed mask of a record field or secret, e.g. {@code [name]}; null for kinds masked by shape. */
        String mask() {
            return switch (this) {
                case SECRET -> SecretDetector.MASK;
                case NAME -> "[name]";
                case STREET_ADDRESS -> "[address]";
                case DATE_OF_BIRTH -> "[date of birth]";
                default -> null;
            };
        }
    }

    /**
     * Regions whose national number formats are recognised by default (international {@code +CC} and IDD forms are
     * recognised for every region regardless): US, GB, DE, FR, ES, IT, NL, BE, CH, AT, SE, PL, IE, IN, AU, BR, MX,
     * JP, CN, SG, ZA, CA.
     */
    public static final List<String> DEFAULT_PHONE_REGIONS = List.of(
            "US", "GB", "DE", "FR", "ES", "IT", "NL", "BE", "CH", "AT", "SE", "PL", "IE", "IN", "AU", "BR", "MX",
            "JP", "CN", "SG", "ZA", "CA");

    /** Default pseudonym length in hex characters (32 bits). */
    public static final int DEFAULT_PSEUDONYM_HEX_CHARS = 8;

    private static final Pattern IBAN = Pattern.compile(
            "(?<![A-Za-z0-9])([A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30})(?![A-Za-z0-9])");
    private static final Pattern CARD = Pattern.compile(
            "(?<![\\w-])(\\d(?:[ -]?\\d){12,18})(?![\\w-])");
    private static final Pattern SSN = Pattern.compile(
            "(?<![\\w-])(?!000|666|9\\d\\d)(\\d{3})([- ])(?!00)(\\d{2})\\2(?!0000)(\\d{4})(?![\\w-])");
    /** Earlier output of a redactor: kept as is so that redaction is idempotent. */
    private static final Pattern PROTECTED = Pattern.compile(
            "<(?:email|card|iban|ssn|phone|name|address|dob):[0-9a-f]{8,64}>|\\[(?:REDACTED|name|address|date of birth)]");

    private static final PiiRedactor DEFAULT = builder().build();

    private final Set<Kind> kinds;
    private final PhoneDetector phones;
    private final Pseudonymizer pseudonymizer;
    private final boolean threadContext;

    private PiiRedactor(Builder b) {
        this.kinds = Collections.unmodifiableSet(EnumSet.copyOf(b.kinds));
        this.phones = new PhoneDetector(b.phoneRegions);
        this.pseudonymizer = b.pseudonymKey == null ? null : new Pseudonymizer(b.pseudonymKey, b.pseudonymHexChars);
        this.threadContext = b.threadContext;
    }

    /** {@return a redactor for every {@link Kind}, masks (no pseudonyms), the {@link #DEFAULT_PHONE_REGIONS}} */
    public static PiiRedactor defaults() {
        return DEFAULT;
    }

    /**
     * A redactor for the given kinds only, otherwise as {@link #defaults()}.
     *
     * @param first a kind to mask
     * @param rest further kinds to mask
     * @return a redactor masking only those kinds
     * @throws NullPointerException if a kind is null
     */
    public static PiiRedactor of(Kind first, Kind... rest) {
        return builder().kinds(EnumSet.of(Objects.requireNonNull(first), rest)).build();
    }

    /** {@return a builder starting from the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the kinds this redactor masks} */
    public Set<Kind> kinds() {
        return kinds;
    }

    /** {@return the regions whose national phone formats are recognised, in the order they are tried} */
    public List<String> phoneRegions() {
        return phones.regions();
    }

    /** {@return true if matches are replaced by keyed pseudonyms instead of masks} */
    public boolean pseudonymising() {
        return pseudonymizer != null;
    }

    /**
     * Returns {@code text} with every recognised datum masked (or pseudonymised); null stays null. The
     * {@link RedactionContext#current() context bound to this thread}, if any, adds the record fields to mask.
     * Running it on its own output changes nothing.
     *
     * @param text free text, e.g. a prompt, a log message or a note; may be null
     * @return the redacted text, or null if {@code text} was null
     */
    public String redact(String text) {
        return redact(text, RedactionContext.empty());
    }

    /**
     * As {@link #redact(String)}, with the record fields of {@code context} masked as well (in addition to the
     * context bound to this thread).
     *
     * @param text free text; may be null
     * @param context the record's fields to mask besides the recognised kinds
     * @return the redacted text, or null if {@code text} was null
     * @throws NullPointerException if {@code context} is null
     */
    public String redact(String text, RedactionContext context) {
        Objects.requireNonNull(context, "context");
        if (text == null || text.isEmpty()) {
            return text;
        }
        List<Finding> found = new ArrayList<>();
        collectProtected(text, found);
        if (kinds.contains(Kind.SECRET)) {
            SecretDetector.find(text, found);
        }
        if (kinds.contains(Kind.EMAIL)) {
            EmailDetector.find(text, found);
        }
        RedactionContext records = threadContext ? RedactionContext.current().merge(context) : context;
        if (!records.isEmpty() && (kinds.contains(Kind.NAME) || kinds.contains(Kind.STREET_ADDRESS)
                || kinds.contains(Kind.DATE_OF_BIRTH))) {
            List<Finding> fields = new ArrayList<>();
            records.find(text, fields);
            fields.removeIf(f -> !kinds.contains(f.kind()));
            found.addAll(fields);
        }
        List<int[]> digitRuns = PhoneDetector.windows(text, 7);
        int longestRun = 0;
        for (int[] run : digitRuns) {
            longestRun = Math.max(longestRun, run[2]);
        }
        if (kinds.contains(Kind.IBAN) && mayHoldIban(text)) {
            match(IBAN, text, found, m -> isValidIban(m.group(1))
                    ? new Finding(m.start(1), m.end(1), Kind.IBAN, compact(m.group(1)), maskKeepingEnds(m.group(1), 2, 4))
                    : null);
        }
        if (kinds.contains(Kind.PAYMENT_CARD) && longestRun >= 13) {
            match(CARD, text, found, m -> luhnValid(m.group(1))
                    ? new Finding(m.start(1), m.end(1), Kind.PAYMENT_CARD, compact(m.group(1)),
                    maskKeepingEnds(m.group(1), 0, 4))
                    : null);
        }
        if (kinds.contains(Kind.SSN) && longestRun >= 9) {
            match(SSN, text, found, m -> new Finding(m.start(), m.end(), Kind.SSN,
                    m.group(1) + m.group(3) + m.group(4), "***" + m.group(2) + "**" + m.group(2) + m.group(4)));
        }
        if (kinds.contains(Kind.PHONE)) {
            phones.find(text, digitRuns, found);
        }
        return apply(text, found);
    }

    /**
     * {@return true if {@link #redact(String)} would change the text}
     *
     * @param text free text; may be null
     */
    public boolean containsPii(String text) {
        return text != null && !redact(text).equals(text);
    }

    private String apply(String text, List<Finding> found) {
        if (found.isEmpty()) {
            return text;
        }
        found.sort(Comparator.comparingInt(Finding::priority).thenComparing(Comparator.comparingInt(Finding::length).reversed())
                .thenComparingInt(Finding::start));
        List<Finding> accepted = new ArrayList<>(found.size());
        for (Finding f : found) {
            boolean free = true;
            for (Finding a : accepted) {
                if (f.start() < a.end() && a.start() < f.end()) {
                    free = false;
                    break;
                }
            }
            if (free) {
                accepted.add(f);
            }
        }
        accepted.sort(Comparator.comparingInt(Finding::start));
        StringBuilder sb = new StringBuilder(text.length() + 16);
        int at = 0;
        for (Finding f : accepted) {
            sb.append(text, at, f.start());
            if (f.kind() == null) {
                sb.append(text, f.start(), f.end());
            } else if (pseudonymizer != null && f.kind() != Kind.SECRET && f.value() != null) {
                sb.append(pseudonymizer.token(f.kind(), f.value()));
            } else {
                sb.append(f.replacement());
            }
            at = f.end();
        }
        return sb.append(text, at, text.length()).toString();
    }

    /** Two capital letters followed by two digits somewhere: the start of every IBAN. */
    private static boolean mayHoldIban(String text) {
        for (int i = 0; i + 3 < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char d = text.charAt(i + 1);
                if (d >= 'A' && d <= 'Z' && Character.isDigit(text.charAt(i + 2)) && Character.isDigit(text.charAt(i + 3))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void collectProtected(String text, List<Finding> out) {
        if (text.indexOf('<') < 0 && text.indexOf('[') < 0) {
            return;
        }
        Matcher m = PROTECTED.matcher(text);
        while (m.find()) {
            out.add(new Finding(m.start(), m.end(), null, null, null));
        }
    }

    private static void match(Pattern pattern, String text, List<Finding> out, Function<Matcher, Finding> finder) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            Finding f = finder.apply(m);
            if (f != null) {
                out.add(f);
            }
        }
    }

    private static String compact(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                sb.append(Character.toUpperCase(c));
            }
        }
        return sb.toString();
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

    /**
     * Immutable configuration of a {@link PiiRedactor}. Defaults: every {@link Kind}, the
     * {@link #DEFAULT_PHONE_REGIONS}, masks (no pseudonyms), the thread's {@link RedactionContext} honoured.
     */
    public static final class Builder {
        private Set<Kind> kinds = EnumSet.allOf(Kind.class);
        private List<String> phoneRegions = DEFAULT_PHONE_REGIONS;
        private byte[] pseudonymKey;
        private int pseudonymHexChars = DEFAULT_PSEUDONYM_HEX_CHARS;
        private boolean threadContext = true;

        private Builder() {
        }

        /**
         * The kinds to recognise; default all.
         *
         * @param kinds the kinds, at least one
         * @return this builder
         * @throws IllegalArgumentException if {@code kinds} is empty
         */
        public Builder kinds(Collection<Kind> kinds) {
            if (kinds.isEmpty()) {
                throw new IllegalArgumentException("kinds must name at least one Kind, was empty");
            }
            this.kinds = EnumSet.copyOf(kinds);
            return this;
        }

        /**
         * Regions (ISO 3166-1 alpha-2, e.g. {@code GB}) whose national phone formats are recognised, tried in this
         * order; numbers written with {@code +} or an international prefix are recognised for every region anyway.
         * Each region costs one libphonenumber pass over each digit run of 7 or more digits. Default
         * {@link #DEFAULT_PHONE_REGIONS}.
         *
         * @param regions ISO 3166-1 alpha-2 region codes, in the order to try them
         * @return this builder
         * @throws IllegalArgumentException if a code is not a region libphonenumber knows, listing every bad code
         */
        public Builder phoneRegions(Collection<String> regions) {
            List<String> normalised = new ArrayList<>();
            List<String> bad = new ArrayList<>();
            for (String r : regions) {
                String code = r == null ? "null" : r.strip().toUpperCase(Locale.ROOT);
                if (PhoneDetector.isSupportedRegion(code)) {
                    if (!normalised.contains(code)) {
                        normalised.add(code);
                    }
                } else {
                    bad.add(String.valueOf(r));
                }
            }
            if (!bad.isEmpty()) {
                throw new IllegalArgumentException("phoneRegions must be ISO 3166-1 alpha-2 regions libphonenumber "
                        + "knows (e.g. US, GB, DE); unknown: " + bad);
            }
            this.phoneRegions = List.copyOf(normalised);
            return this;
        }

        /**
         * As {@link #phoneRegions(Collection)}.
         *
         * @param regions ISO 3166-1 alpha-2 region codes, in the order to try them
         * @return this builder
         */
        public Builder phoneRegions(String... regions) {
            return phoneRegions(List.of(regions));
        }

        /**
         * Replaces matches (all kinds but {@link Kind#SECRET}) by consistent pseudonyms {@code <label:hex>}, the
         * first hex characters of HMAC-SHA256 under this key. Keep the key in configuration or a secret store, the
         * same in every service whose logs must correlate; null turns pseudonyms off (the default).
         *
         * @return this builder
         * @param key at least 16 bytes (128 bits); copied
         * @throws IllegalArgumentException if the key is shorter than 16 bytes
         */
        public Builder pseudonymKey(byte[] key) {
            if (key != null && key.length < 16) {
                throw new IllegalArgumentException("pseudonymKey must be at least 16 bytes (128 bits), was "
                        + key.length + " bytes");
            }
            this.pseudonymKey = key == null ? null : key.clone();
            return this;
        }

        /**
         * As {@link #pseudonymKey(byte[])} with the key given in Base64, as it is kept in configuration (e.g.
         * {@code openssl rand -base64 32}); null or blank turns pseudonyms off.
         *
         * @param base64 the key in Base64; null or blank turns pseudonyms off
         * @return this builder
         * @throws IllegalArgumentException if the value is not Base64 or decodes to fewer than 16 bytes
         */
        public Builder pseudonymKeyBase64(String base64) {
            if (base64 == null || base64.isBlank()) {
                return pseudonymKey(null);
            }
            byte[] key;
            try {
                key = java.util.Base64.getDecoder().decode(base64.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pseudonymKeyBase64 is not Base64 (value not shown: it is a key)", e);
            }
            return pseudonymKey(key);
        }

        /**
         * Length of a pseudonym's hex part; default {@value PiiRedactor#DEFAULT_PSEUDONYM_HEX_CHARS} (32 bits: collisions
         * become likely past some 10,000 distinct values per kind; use 16 for larger populations).
         *
         * @param hexChars number of hex characters
         * @return this builder
         * @throws IllegalArgumentException if not between 8 and 64
         */
        public Builder pseudonymHexChars(int hexChars) {
            if (hexChars < 8 || hexChars > 64) {
                throw new IllegalArgumentException("pseudonymHexChars must be between 8 and 64, was " + hexChars);
            }
            this.pseudonymHexChars = hexChars;
            return this;
        }

        /**
         * Whether {@link PiiRedactor#redact(String)} also masks the fields of the {@link RedactionContext} bound to
         * the calling thread; default true.
         *
         * @param enabled whether the thread's context is applied
         * @return this builder
         */
        public Builder threadContext(boolean enabled) {
            this.threadContext = enabled;
            return this;
        }

        /** {@return the redactor} */
        public PiiRedactor build() {
            return new PiiRedactor(this);
        }
    }
}
