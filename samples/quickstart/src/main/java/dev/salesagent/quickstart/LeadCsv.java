package dev.salesagent.quickstart;

import dev.salesagent.agents.sales.lead.InvalidLeadException;
import dev.salesagent.agents.sales.lead.Lead;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads leads from CSV with a header (RFC 4180 via Apache Commons CSV). Columns, in any order, matched
 * case-insensitively with spaces or dashes treated as underscores: {@code company, domain, first_name, last_name,
 * email, title, phone, industry, employees, country, notes}; {@code website} is also read; other columns are
 * ignored. A row needs an e-mail, or a company and a domain. Row numbers count the header as row 1.
 */
final class LeadCsv {

    static final List<String> COLUMNS = List.of("company", "domain", "first_name", "last_name", "email", "title",
            "phone", "industry", "employees", "country", "notes");
    private static final Set<String> KNOWN = Set.of("company", "domain", "website", "first_name", "last_name", "email",
            "title", "phone", "industry", "employees", "country", "notes");

    /** A good row: its number and the lead (id {@code row-N}). */
    record Row(int row, Lead lead) {
    }

    /** A bad row and why. */
    record Rejected(int row, String reason) {
    }

    /** Everything read. */
    record Result(List<Row> rows, List<Rejected> rejected) {
        int total() {
            return rows.size() + rejected.size();
        }
    }

    /** The file's header lacks every identifying column. */
    static final class BadHeaderException extends RuntimeException {
        BadHeaderException(String message) {
            super(message);
        }
    }

    private LeadCsv() {
    }

    /**
     * @throws BadHeaderException if the header has none of email, company and domain
     * @throws UncheckedIOException if the reader fails
     */
    static Result read(Reader in) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).setAllowMissingColumnNames(true).setIgnoreSurroundingSpaces(true).get();
        List<Row> rows = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(in).setFormat(format).get()) {
            Map<String, Integer> columns = new HashMap<>();
            List<String> names = parser.getHeaderNames();
            for (int i = 0; i < names.size(); i++) {
                String key = normalize(names.get(i));
                if (KNOWN.contains(key)) {
                    columns.putIfAbsent(key, i);
                }
            }
            if (!columns.containsKey("email") && !(columns.containsKey("company") && columns.containsKey("domain"))) {
                throw new BadHeaderException("the CSV header " + names + " has neither an 'email' column nor both "
                        + "'company' and 'domain'; expected columns: " + String.join(",", COLUMNS));
            }
            Iterator<CSVRecord> it = parser.iterator();
            while (true) {
                CSVRecord record;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    record = it.next();
                } catch (UncheckedIOException e) {
                    rejected.add(new Rejected((int) parser.getRecordNumber() + 2,
                            "malformed CSV, stopped reading: " + rootMessage(e)));
                    break;
                }
                int row = (int) record.getRecordNumber() + 1;
                read(record, columns, row, rows, rejected);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(rows, rejected);
    }

    private static void read(CSVRecord r, Map<String, Integer> columns, int row, List<Row> rows,
                             List<Rejected> rejected) {
        List<String> problems = new ArrayList<>();
        Long employees = null;
        String rawEmployees = value(r, columns, "employees");
        if (rawEmployees != null) {
            try {
                employees = Long.parseLong(rawEmployees.replace(",", "").replace("_", ""));
            } catch (NumberFormatException e) {
                problems.add("employees '" + rawEmployees + "' is not a whole number");
            }
        }
        Lead lead = Lead.builder().id("row-" + row)
                .company(value(r, columns, "company")).domain(value(r, columns, "domain"))
                .website(value(r, columns, "website"))
                .firstName(value(r, columns, "first_name")).lastName(value(r, columns, "last_name"))
                .email(value(r, columns, "email")).title(value(r, columns, "title"))
                .phone(value(r, columns, "phone")).industry(value(r, columns, "industry")).employees(employees)
                .country(value(r, columns, "country")).notes(value(r, columns, "notes")).build();
        try {
            lead.normalized();
        } catch (InvalidLeadException e) {
            problems.addAll(e.problems());
        }
        if (problems.isEmpty()) {
            rows.add(new Row(row, lead));
        } else {
            rejected.add(new Rejected(row, String.join("; ", problems)));
        }
    }

    private static String value(CSVRecord r, Map<String, Integer> columns, String name) {
        Integer i = columns.get(name);
        if (i == null || i >= r.size()) {
            return null;
        }
        String v = r.get(i);
        return v == null || v.isBlank() ? null : v.strip();
    }

    static String normalize(String header) {
        return header == null ? "" : header.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_")
                .replace("\uFEFF", "");
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage();
    }
}
