package dev.salesagent.quickstart;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 50,000 leads built from the real S&P 500 list, run by the quickstart in a forked JVM limited to 256 MB of heap:
 * memory must not grow with the file. (Speed is measured in benchmarks/quickstart, never asserted here.)
 */
class QuickstartStreamingTest {

    static final String[] FIRST = {"Ava", "Ben", "Chloe", "David", "Emma", "Farid", "Grace", "Hiro", "Ines", "Jonas",
            "Kemi", "Luca"};
    static final String[] LAST = {"Smith", "Garcia", "Nguyen", "Okafor", "Rossi", "Schmidt", "Tanaka", "Silva",
            "Kowalski", "Haddad"};
    static final String[] TITLES = {"VP Sales", "Director of Revenue Operations", "Chief Revenue Officer",
            "Sales Manager", "Head of Marketing", "Software Engineer", "Account Executive", "Operations Analyst", "CFO",
            "Business Development Representative"};
    static final String[] NOTES = {"", "Forecast lives in spreadsheets; budget approved for this quarter.",
            "Asked for a demo next month.", "Just browsing.", "Pipeline visibility is poor; evaluating tools.", ""};

    @TempDir
    Path dir;

    /** The S&P 500 list: name, GICS sector, CIK (same recipe as benchmarks/quickstart/make-leads.py). */
    static List<CSVRecord> sp500() throws Exception {
        try (var in = Objects.requireNonNull(QuickstartStreamingTest.class.getResourceAsStream(
                "/sp500-constituents.csv"));
             CSVParser p = CSVParser.builder().setReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                     .setFormat(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            return p.getRecords();
        }
    }

    static void sp500Leads(Path file, int n) throws Exception {
        List<CSVRecord> companies = sp500();
        assertThat(companies).hasSizeGreaterThan(500);
        try (BufferedWriter w = Files.newBufferedWriter(file);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            p.printRecord("company", "domain", "first_name", "last_name", "email", "title", "industry", "employees",
                    "country", "notes");
            for (int i = 0; i < n; i++) {
                CSVRecord c = companies.get(i % companies.size());
                String domain = c.get("Security").toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "")
                        + ".com";
                String first = FIRST[i % FIRST.length];
                String last = LAST[(i / FIRST.length) % LAST.length];
                p.printRecord(c.get("Security"), domain, first, last,
                        first.toLowerCase(java.util.Locale.ROOT) + "." + last.toLowerCase(java.util.Locale.ROOT) + "."
                                + i + "@" + domain, TITLES[i % TITLES.length], c.get("GICS Sector"),
                        200 + (Long.parseLong(c.get("CIK")) * 7 + i) % 90_000, "US", NOTES[i % NOTES.length]);
            }
        }
    }

    @Test
    void fiftyThousandRealCompanyLeadsRunIn256MbOfHeap() throws Exception {
        Path csv = dir.resolve("leads-50k.csv");
        sp500Leads(csv, 50_000);
        Path out = dir.resolve("results.jsonl");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--leads", csv.toString(), "--out", out.toString(), "--threads", "2"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("process.log").toFile()).start();
        boolean finished = process.waitFor(30, TimeUnit.MINUTES); // a safety net for a hung run, not a speed check
        if (!finished) {
            process.destroyForcibly();
        }
        String log = Files.readString(dir.resolve("process.log"));
        assertThat(finished).as(log).isTrue();
        assertThat(process.exitValue()).as(log).isZero();
        assertThat(log).contains("Processed 50000 rows", "50000 scored", "Results: ");
        int expectedRow = 2;
        try (BufferedReader r = Files.newBufferedReader(out)) {
            String line;
            while ((line = r.readLine()) != null) {
                assertThat(line).startsWith("{\"row\":" + expectedRow + ",");
                expectedRow++;
            }
        }
        assertThat(expectedRow - 2).isEqualTo(50_000);
        assertThat(dir.resolve("results.jsonl.partial")).doesNotExist();
    }
}
