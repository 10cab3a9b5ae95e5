package dev.salesagent.agents.sales.lead;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads leads from a CSV file one record at a time (memory does not grow with the file).
 *
 * <p><b>Dialect.</b> The delimiter is detected from the header line (comma, semicolon or tab: the one occurring most
 * often outside quotes; comma when none occurs), unless given; an Excel {@code sep=;} first line is honoured. Quotes
 * are RFC 4180 double quotes ({@code ""} inside a quoted field); a quoted field may span up to
 * {@value #MAX_RECORD_LINES} lines.
 *
 * <p><b>Encoding.</b> UTF-8 by default, with or without a byte order mark; any other charset by name (e.g.
 * {@code windows-1252}, {@code ISO-8859-1}). Decoding is strict: a byte sequence that is not valid in the charset is
 * reported with its row ({@link EncodingException}), never replaced silently. Lines are split on the byte
 * {@code \n} before decoding, so the charset must be ASCII-compatible (UTF-16 files are refused with a hint).
 *
 * <p><b>Rows.</b> Row numbers are the file's line numbers where the record starts (the header is row 1), so they can
 * be found in any editor. A malformed record (an unbalanced or stray quote, more non-empty fields than the header)
 * is returned as {@link Unreadable} with its row and the reader continues with the next line. Rows with fewer
 * fields than the header are read with the missing trailing fields empty; extra empty trailing fields (Excel's
 * {@code ;;;}) are ignored.
 *
 * <p><b>Headers.</b> Matched after removing case, spaces, hyphens, underscores and punctuation, with the common
 * export spellings as aliases ({@link #ALIASES}); explicit mappings ({@code column -> field}) add more. Columns that map to no field
 * are listed by {@link Reader#ignoredColumns()}.
 *
 * <p>Used by the quickstart (a file) and the reference server's import endpoint (an uploaded stream); neither holds
 * more than one record in memory.
 */
public final class LeadCsv {

    /** Our fields, in output order. */
    public static final List<String> FIELDS = List.of("company", "domain", "website", "first_name", "last_name", "full_name",
            "email", "title", "phone", "industry", "employees", "country", "notes");

    /** The most lines one record may span (a quoted field with line breaks). */
    public static final int MAX_RECORD_LINES = 100;
    private static final int MAX_RECORD_CHARS = 1 << 20;
    /** {@code 51-200}, {@code 51 - 200}, {@code 51 to 200} (en and em dashes too) or {@code 10000+}, separators removed. */
    private static final Pattern EMPLOYEE_RANGE = Pattern.compile(
            "(\\d[\\d ]*?)\\s*(?:(?:-|\u2013|\u2014|to)\\s*(\\d[\\d ]*)|\\+)");

    /** Normalized header spelling ({@link #normalize}) -> field (one of {@link #FIELDS}); unmodifiable. */
    public static final Map<String, String> ALIASES = aliases();

    private static Map<String, String> aliases() {
        Map<String, String> m = new TreeMap<>();
        alias(m, "email", "email", "e-mail", "email address", "e-mail address", "work email", "business email",
                "primary email", "contact email", "email 1", "mail");
        alias(m, "first_name", "first name", "firstname", "given name", "first");
        alias(m, "last_name", "last name", "lastname", "surname", "family name", "last");
        alias(m, "full_name", "full name", "contact name", "contact", "lead name");
        alias(m, "title", "title", "job title", "jobtitle", "position", "job position", "role");
        alias(m, "company", "company", "company name", "account name", "account", "organization",
                "organisation", "organization name", "associated company", "employer");
        alias(m, "domain", "domain", "company domain", "company domain name", "email domain", "domain name");
        alias(m, "website", "website", "website url", "web site", "url", "company website", "web");
        alias(m, "phone", "phone", "phone number", "business phone", "work phone", "mobile phone", "mobile",
                "telephone", "phone 1");
        alias(m, "industry", "industry", "company industry", "sector");
        alias(m, "employees", "employees", "number of employees", "numberofemployees", "no. of employees",
                "employee count", "company size", "headcount", "num employees");
        alias(m, "country", "country", "country/region", "country region", "mailing country", "billing country",
                "company country");
        alias(m, "notes", "notes", "note", "description", "comments", "comment", "lead notes");
        return java.util.Collections.unmodifiableMap(m);
    }

    private static void alias(Map<String, String> m, String field, String... spellings) {
        for (String s : spellings) {
            m.put(normalize(s), field);
        }
    }

    /** One outcome of reading: a lead, a row that is readable but invalid, or a row that could not be read. */
    public sealed interface Item permits Row, Rejected, Unreadable {
        /**
         * The row.
         *
         * @return the line where the record starts (the header is row 1)
         */
        int row();
    }

    /**
     * A good row.
     *
     * @param row  the line where the record starts
     * @param lead the lead (id {@code row-N}), valid: {@link Lead#normalized()} succeeds on it
     */
    public record Row(int row, Lead lead) implements Item {
    }

    /**
     * A readable row whose values are invalid (bad e-mail, no identifying field, ...).
     *
     * @param row    the line where the record starts
     * @param reason every problem, separated by {@code "; "}
     */
    public record Rejected(int row, String reason) implements Item {
    }

    /**
     * A row that could not be read as CSV (unbalanced quote, too many fields); the reader continued after it.
     *
     * @param row    the line where the record starts
     * @param reason what is malformed
     */
    public record Unreadable(int row, String reason) implements Item {
    }

    /**
     * The file is empty, its header is not valid CSV or lacks every identifying column, or an explicit mapping names
     * an unknown field or a column the header does not have. Nothing was read.
     */
    public static final class BadHeaderException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadHeaderException(String message) {
            super(message);
        }
    }

    /** The file is not valid in its charset; names the first bad row and, for UTF-8, the likely charset. */
    public static final class EncodingException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        /** The first row with bytes invalid in the charset (the header is row 1). */
        private final int row;
        /** The charset the file was read in (not serialized). */
        private final transient Charset charset;

        EncodingException(int row, Charset charset) {
            super("the file is not valid " + charset.name() + ": the first bad byte is in row " + row
                    + (charset.equals(StandardCharsets.UTF_8) ? "; it was probably saved by Excel or an older system"
                    + " in a Western code page (windows-1252 or ISO-8859-1)" : ""));
            this.row = row;
            this.charset = charset;
        }

        /**
         * The first bad row.
         *
         * @return the line (the header is row 1) holding the first byte sequence invalid in the charset
         */
        public int row() {
            return row;
        }

        /**
         * The charset the file was read in.
         *
         * @return the charset
         */
        public Charset charset() {
            return charset;
        }
    }

    /**
     * How to read the file; null members mean detect.
     *
     * @param delimiter the field delimiter, or null to detect it from the header (comma, semicolon or tab)
     * @param charset   the charset, or null for UTF-8 (a UTF-8 byte order mark always wins)
     */
    public record Dialect(Character delimiter, Charset charset) {
        /**
         * Detect everything.
         *
         * @return a dialect with both members null
         */
        public static Dialect detect() {
            return new Dialect(null, null);
        }
    }

    private LeadCsv() {
    }

    /**
     * Opens the file, reads and maps its header.
     *
     * @param file     the CSV file
     * @param dialect  delimiter and charset, null members detected
     * @param mappings explicit mappings, column spelling -> field (one of {@link #FIELDS} or {@code ignore}); may be
     *                 empty
     * @return a reader positioned after the header; close it
     * @throws BadHeaderException if the header has none of email, company+domain, company+website
     * @throws EncodingException if the header is not valid in the charset
     * @throws IOException if the file cannot be read, or it is UTF-16
     */
    public static Reader open(Path file, Dialect dialect, Map<String, String> mappings) throws IOException {
        return open(Files.newInputStream(file), dialect, mappings);
    }

    /**
     * Reads and maps the header of a stream (e.g. an upload); the rest is read record by record as the reader is
     * iterated, through a 64 KiB buffer.
     *
     * @param in       the CSV bytes; the reader owns it and closes it (also when this method throws)
     * @param dialect  delimiter and charset, null members detected
     * @param mappings explicit mappings, column spelling -> field (one of {@link #FIELDS} or {@code ignore}); may be
     *                 empty
     * @return a reader positioned after the header; close it
     * @throws BadHeaderException if the header has none of email, company+domain, company+website
     * @throws EncodingException if the header is not valid in the charset
     * @throws IOException if the stream cannot be read, or it is UTF-16
     */
    public static Reader open(InputStream in, Dialect dialect, Map<String, String> mappings) throws IOException {
        InputStream buffered = new BufferedInputStream(in, 1 << 16);
        try {
            return new Reader(buffered, dialect, mappings);
        } catch (IOException | RuntimeException e) {
            buffered.close();
            throw e;
        }
    }

    /**
     * Reads the whole file without building leads (fast): validates the encoding and counts the data records, so
     * that nothing is processed from a file that cannot be read to its end.
     *
     * @param file     the CSV file
     * @param dialect  delimiter and charset, null members detected
     * @param mappings explicit mappings (the header must be readable with them)
     * @return the number of data records (rows after the header, malformed ones included)
     * @throws BadHeaderException if the header cannot be mapped
     * @throws EncodingException naming the first row with bytes invalid in the charset
     * @throws IOException if the file cannot be read
     */
    public static int scan(Path file, Dialect dialect, Map<String, String> mappings) throws IOException {
        try (Reader r = open(file, dialect, mappings)) {
            int n = 0;
            while (r.nextRecord() != null) {
                n++;
            }
            return n;
        }
    }

    /**
     * A streaming reader of leads: each {@link #next()} reads one record (blank and all-empty rows are skipped).
     * Not thread-safe.
     */
    public static final class Reader implements Closeable, Iterator<Item> {
        private final InputStream in;
        private final CharsetDecoder decoder;
        private final Charset charset;
        private final char delimiter;
        private final CSVFormat format;
        private final List<String> header;
        private final Map<String, Integer> columns = new LinkedHashMap<>();
        private final List<String> ignored = new ArrayList<>();
        private final Deque<Line> pushedBack = new ArrayDeque<>();
        private final ByteArrayOutputStream lineBytes = new ByteArrayOutputStream(256);
        private int lineNumber;
        private boolean eof;
        private Item next;

        private record Line(int number, String text) {
        }

        /** A record's text and its first line. */
        private record RawRecord(int row, String text, int lines, String problem) {
        }

        Reader(InputStream in, Dialect dialect, Map<String, String> mappings) throws IOException {
            this.in = in;
            Charset cs = dialect.charset() == null ? StandardCharsets.UTF_8 : dialect.charset();
            in.mark(4);
            byte[] bom = in.readNBytes(3);
            in.reset();
            if (bom.length >= 2 && ((bom[0] == (byte) 0xFE && bom[1] == (byte) 0xFF)
                    || (bom[0] == (byte) 0xFF && bom[1] == (byte) 0xFE))) {
                throw new IOException("the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as "
                        + "UTF-8 (Excel: 'CSV UTF-8') and run again");
            }
            if (bom.length == 3 && bom[0] == (byte) 0xEF && bom[1] == (byte) 0xBB && bom[2] == (byte) 0xBF) {
                in.skipNBytes(3);
                cs = StandardCharsets.UTF_8;
            }
            this.charset = cs;
            this.decoder = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            Line headerLine = nextNonBlankLine();
            if (headerLine == null) {
                throw new BadHeaderException("the file is empty: expected a header line such as "
                        + "email,first_name,last_name,company,title");
            }
            Character delim = dialect.delimiter();
            String headerText = headerLine.text();
            if (headerText.regionMatches(true, 0, "sep=", 0, 4) && headerText.length() == 5) {
                if (delim == null) {
                    delim = headerText.charAt(4);
                }
                headerLine = nextNonBlankLine();
                if (headerLine == null) {
                    throw new BadHeaderException("the file has a 'sep=' line but no header");
                }
                headerText = headerLine.text();
            }
            this.delimiter = delim != null ? delim : detectDelimiter(headerText);
            this.format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setTrim(true)
                    .setIgnoreSurroundingSpaces(true).get();
            try {
                this.header = parse(headerText);
            } catch (IllegalStateException | UncheckedIOException e) {
                throw new BadHeaderException("the header line is not valid CSV (" + rootMessage(e) + "): "
                        + headerText);
            }
            mapHeader(mappings);
        }

        /**
         * The delimiter in use.
         *
         * @return the given or detected delimiter
         */
        public char delimiter() {
            return delimiter;
        }

        /**
         * The charset in use.
         *
         * @return the given charset, or UTF-8
         */
        public Charset charset() {
            return charset;
        }

        /**
         * The header as written.
         *
         * @return the header's column names, trimmed
         */
        public List<String> header() {
            return header;
        }

        /**
         * Header columns that map to no field, as written.
         *
         * @return the ignored column names, in header order
         */
        public List<String> ignoredColumns() {
            return List.copyOf(ignored);
        }

        /**
         * The mapping found.
         *
         * @return field -> column header as written, for the fields found, in header order
         */
        public Map<String, String> mappedColumns() {
            Map<String, String> m = new LinkedHashMap<>();
            columns.forEach((field, i) -> m.put(field, header.get(i)));
            return m;
        }

        private void mapHeader(Map<String, String> mappings) {
            Map<String, String> explicit = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : mappings.entrySet()) {
                String field = e.getValue().strip().toLowerCase(Locale.ROOT).replace('-', '_');
                if (!FIELDS.contains(field) && !field.equals("ignore")) {
                    throw new BadHeaderException("mapping " + e.getKey() + "=" + e.getValue() + ": unknown field '"
                            + e.getValue() + "'; fields: " + String.join(", ", FIELDS) + ", ignore");
                }
                explicit.put(normalize(e.getKey()), field);
            }
            for (String column : explicit.keySet()) {
                if (header.stream().noneMatch(h -> normalize(h).equals(column))) {
                    throw new BadHeaderException("a mapping names column '" + column + "', which is not in the header "
                            + header);
                }
            }
            for (int i = 0; i < header.size(); i++) {
                String key = normalize(header.get(i));
                String field = explicit.containsKey(key) ? explicit.get(key) : ALIASES.get(key);
                if (field == null || field.equals("ignore") || columns.containsKey(field)) {
                    if (!header.get(i).isBlank()) {
                        ignored.add(header.get(i));
                    }
                } else {
                    columns.put(field, i);
                }
            }
            boolean company = columns.containsKey("company");
            if (!columns.containsKey("email") && !(company && (columns.containsKey("domain")
                    || columns.containsKey("website")))) {
                throw new BadHeaderException("the CSV header " + header + " (delimiter "
                        + describe(delimiter) + ") has neither an e-mail column nor a company with a domain or "
                        + "website; accepted spellings include Email, E-mail, Email Address, Company, Company Name, "
                        + "Account Name, Domain, Website; map other spellings explicitly (e.g. 'Column Name=email')");
            }
        }

        private boolean peek() {
            if (next == null) {
                try {
                    next = readItem();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return next != null;
        }

        /**
         * Whether another row follows (reads it).
         *
         * @return true when {@link #next()} has an item
         * @throws EncodingException if the next row's bytes are invalid in the charset
         * @throws UncheckedIOException if the input cannot be read
         */
        @Override
        public boolean hasNext() {
            return peek();
        }

        /**
         * The next row.
         *
         * @return a {@link Row}, {@link Rejected} or {@link Unreadable}
         * @throws EncodingException if a row's bytes are invalid in the charset
         * @throws UncheckedIOException if the file cannot be read
         * @throws java.util.NoSuchElementException at the end
         */
        @Override
        public Item next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            Item i = next;
            next = null;
            return i;
        }

        private Item readItem() throws IOException {
            while (true) {
                RawRecord raw = nextRecord();
                if (raw == null) {
                    return null;
                }
                if (raw.text() == null) {
                    return new Unreadable(raw.row(), "malformed CSV: " + raw.problem() + "; the row was skipped");
                }
                List<String> fields;
                try {
                    fields = parse(raw.text());
                } catch (IllegalStateException | UncheckedIOException e) {
                    return new Unreadable(raw.row(), "malformed CSV: " + rootMessage(e) + "; the row was skipped");
                }
                int last = fields.size();
                while (last > header.size() && fields.get(last - 1).isBlank()) {
                    last--;
                }
                if (last > header.size()) {
                    return new Unreadable(raw.row(), "malformed CSV: " + fields.size() + " fields but the header has "
                            + header.size() + " (delimiter " + describe(delimiter) + "; a value with the delimiter "
                            + "must be quoted); the row was skipped");
                }
                if (fields.stream().allMatch(String::isBlank)) {
                    continue; // an empty row, e.g. ";;;;" from Excel
                }
                return lead(raw.row(), fields);
            }
        }

        /**
         * The next record's text, or a record with null text when it is malformed (its first line is skipped and
         * reading continues with the line after it), or null at the end of the file.
         */
        private RawRecord nextRecord() throws IOException {
            Line first = nextNonBlankLine();
            if (first == null) {
                return null;
            }
            QuoteState state = new QuoteState();
            state.scan(first.text(), delimiter);
            if (!state.inQuotes && !state.broken) {
                return new RawRecord(first.number(), first.text(), 1, null);
            }
            if (state.broken) {
                return new RawRecord(first.number(), null, 1, "text after the closing quote of a quoted value "
                        + "(a quote inside a quoted value must be doubled)");
            }
            List<Line> continued = new ArrayList<>();
            StringBuilder text = new StringBuilder(first.text());
            while (state.inQuotes && !state.broken && continued.size() < MAX_RECORD_LINES - 1
                    && text.length() < MAX_RECORD_CHARS) {
                Line l = nextLine();
                if (l == null) {
                    break;
                }
                continued.add(l);
                text.append('\n').append(l.text());
                state.scan("\n" + l.text(), delimiter);
            }
            if (!state.inQuotes && !state.broken) {
                List<String> fields;
                try {
                    fields = parse(text.toString());
                } catch (IllegalStateException | UncheckedIOException e) {
                    fields = null;
                }
                if (fields != null && fields.size() == header.size()) {
                    return new RawRecord(first.number(), text.toString(), continued.size() + 1, null);
                }
            }
            // not a sound multi-line record: skip only its first line and read on from the next one
            for (int i = continued.size() - 1; i >= 0; i--) {
                pushedBack.addFirst(continued.get(i));
            }
            return new RawRecord(first.number(), null, 1, "unbalanced quote: a quoted value opened in this row "
                    + "is not closed properly within " + MAX_RECORD_LINES + " lines");
        }

        private Item lead(int row, List<String> f) {
            List<String> problems = new ArrayList<>();
            Long employees = null;
            String rawEmployees = value(f, "employees");
            if (rawEmployees != null) {
                employees = employees(rawEmployees);
                if (employees == null) {
                    problems.add("employees '" + rawEmployees + "' is not a whole number");
                }
            }
            String firstName = value(f, "first_name");
            String lastName = value(f, "last_name");
            String fullName = value(f, "full_name");
            if (fullName != null && firstName == null && lastName == null) {
                int space = fullName.lastIndexOf(' ');
                firstName = space > 0 ? fullName.substring(0, space).strip() : fullName;
                lastName = space > 0 ? fullName.substring(space + 1).strip() : null;
            }
            Lead lead = Lead.builder().id("row-" + row)
                    .company(value(f, "company")).domain(value(f, "domain")).website(value(f, "website"))
                    .firstName(firstName).lastName(lastName)
                    .email(value(f, "email")).title(value(f, "title"))
                    .phone(value(f, "phone")).industry(value(f, "industry")).employees(employees)
                    .country(value(f, "country")).notes(value(f, "notes")).build();
            try {
                lead.normalized();
            } catch (InvalidLeadException e) {
                problems.addAll(e.problems());
            }
            return problems.isEmpty() ? new Row(row, lead) : new Rejected(row, String.join("; ", problems));
        }

        /**
         * An employee count as written in exports: {@code 1200}, {@code 1,200}, a range ({@code 51-200},
         * {@code 1,001-5,000}, {@code 51 to 200}: its midpoint, rounded down) or an open range ({@code 10000+},
         * {@code 10,001+}: its lower bound); null when it is none of these.
         */
        static Long employees(String raw) {
            String s = raw.replace(",", "").replace("_", "").replace("\u00A0", "").replace("'", "").strip();
            Matcher range = EMPLOYEE_RANGE.matcher(s);
            try {
                if (range.matches()) {
                    long low = Long.parseLong(range.group(1).replace(" ", ""));
                    if (range.group(2) == null) {
                        return low;
                    }
                    long high = Long.parseLong(range.group(2).replace(" ", ""));
                    return high < low ? null : low + (high - low) / 2;
                }
                return Long.parseLong(s.replace(" ", ""));
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private String value(List<String> f, String field) {
            Integer i = columns.get(field);
            if (i == null || i >= f.size()) {
                return null;
            }
            String v = f.get(i);
            return v == null || v.isBlank() ? null : v.strip();
        }

        private List<String> parse(String text) {
            try (CSVParser p = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
                Iterator<CSVRecord> it = p.iterator();
                if (!it.hasNext()) {
                    return List.of();
                }
                CSVRecord r = it.next();
                if (it.hasNext()) {
                    throw new IllegalStateException("a line break outside quotes");
                }
                return r.toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Line nextNonBlankLine() throws IOException {
            while (true) {
                Line l = nextLine();
                if (l == null || !l.text().isBlank()) {
                    return l;
                }
            }
        }

        private Line nextLine() throws IOException {
            if (!pushedBack.isEmpty()) {
                return pushedBack.removeFirst();
            }
            if (eof) {
                return null;
            }
            lineBytes.reset();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                lineBytes.write(b);
            }
            if (b == -1) {
                eof = true;
                if (lineBytes.size() == 0) {
                    return null;
                }
            }
            lineNumber++;
            byte[] bytes = lineBytes.toByteArray();
            int len = bytes.length;
            if (len > 0 && bytes[len - 1] == '\r') {
                len--;
            }
            try {
                CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(bytes, 0, len));
                return new Line(lineNumber, chars.toString());
            } catch (CharacterCodingException e) {
                throw new EncodingException(lineNumber, charset);
            }
        }

        /**
         * Closes the input.
         *
         * @throws IOException if closing fails
         */
        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Tracks RFC 4180 quoting across the lines of one record. */
    private static final class QuoteState {
        boolean inQuotes;
        boolean afterClosingQuote;
        boolean fieldStart = true;
        boolean broken;

        void scan(String s, char delimiter) {
            for (int i = 0; i < s.length() && !broken; i++) {
                char c = s.charAt(i);
                if (inQuotes) {
                    if (c == '"') {
                        if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                            i++;
                        } else {
                            inQuotes = false;
                            afterClosingQuote = true;
                        }
                    }
                } else if (c == delimiter) {
                    fieldStart = true;
                    afterClosingQuote = false;
                } else if (afterClosingQuote) {
                    if (!Character.isWhitespace(c)) {
                        broken = true; // text after a closing quote: "a"b
                    }
                } else if (fieldStart) {
                    if (c == '"') {
                        inQuotes = true;
                        fieldStart = false;
                    } else if (!Character.isWhitespace(c)) {
                        fieldStart = false;
                    }
                }
            }
        }
    }

    /**
     * The delimiter occurring most often outside quotes in a header line.
     *
     * @param headerLine the header line
     * @return comma, semicolon or tab (comma if none occurs)
     */
    public static char detectDelimiter(String headerLine) {
        int comma = 0;
        int semicolon = 0;
        int tab = 0;
        boolean quoted = false;
        for (int i = 0; i < headerLine.length(); i++) {
            char c = headerLine.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                switch (c) {
                    case ',' -> comma++;
                    case ';' -> semicolon++;
                    case '\t' -> tab++;
                    default -> { }
                }
            }
        }
        if (tab > comma && tab >= semicolon) {
            return '\t';
        }
        return semicolon > comma ? ';' : ',';
    }

    /**
     * A delimiter in words.
     *
     * @param delimiter the delimiter
     * @return {@code comma}, {@code semicolon}, {@code tab}, or the character in quotes
     */
    public static String describe(char delimiter) {
        return switch (delimiter) {
            case '\t' -> "tab";
            case ',' -> "comma";
            case ';' -> "semicolon";
            default -> "'" + delimiter + "'";
        };
    }

    /**
     * A header spelling as matched against {@link #ALIASES}.
     *
     * @param header a column header, or null
     * @return lower case with spaces, hyphens, underscores, dots, slashes and other punctuation removed ("" for null)
     */
    public static String normalize(String header) {
        if (header == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(header.length());
        header.strip().toLowerCase(Locale.ROOT).codePoints().filter(Character::isLetterOrDigit)
                .forEach(b::appendCodePoint);
        return b.toString();
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage();
    }
}
