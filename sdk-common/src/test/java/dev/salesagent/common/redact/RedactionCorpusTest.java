package dev.salesagent.common.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recall and false-positive rate of {@link PiiRedactor#defaults()} on a labelled corpus of several hundred log lines
 * ({@code redaction-corpus.tsv}, built by {@code src/test/corpus/build_corpus.py}): phone numbers of 28 countries in
 * national and international forms, internationalised e-mail addresses, every secret kind, record fields of a
 * {@link RedactionContext}, and look-alikes that must stay (dates, times, amounts, order and invoice numbers, ISBNs,
 * tracking numbers, versions, IP addresses, hashes, token counts).
 */
class RedactionCorpusTest {

    /** The records "in hand" while the corpus is redacted. */
    static final RedactionContext RECORDS = RedactionContext.builder()
            .name("Renée Dupont").name("José García").name("Nguyễn Văn An").name("山田 太郎").name("Иван Петров")
            .streetAddress("12 rue de la Paix, 75002 Paris, France")
            .streetAddress("Hauptstraße 5, 10115 Berlin")
            .streetAddress("221B Baker Street, London NW1 6XE")
            .streetAddress("Calle de Alcalá 45, 28014 Madrid")
            .streetAddress("ul. Marszałkowska 10/12, 00-590 Warszawa")
            .streetAddress("東京都千代田区千代田1-1")
            .dateOfBirth(LocalDate.of(1984, 3, 14))
            .build();

    record Line(String kind, String text, List<String> values) {
    }

    record Score(int total, int passed, List<String> failures) {
        double rate() {
            return total == 0 ? 1.0 : (double) passed / total;
        }
    }

    private static List<Line> corpus;

    @BeforeAll
    static void load() throws IOException {
        corpus = new ArrayList<>();
        try (InputStream in = RedactionCorpusTest.class.getResourceAsStream("/redaction-corpus.tsv")) {
            for (String row : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (row.isBlank() || row.startsWith("#")) {
                    continue;
                }
                String[] cols = row.split("\t", -1);
                List<String> values = cols[2].isEmpty() ? List.of() : List.of(cols[2].split("\\|\\|"));
                corpus.add(new Line(cols[0], cols[1], values));
            }
        }
    }

    @Test
    void meetsTheGoalOnTheLabelledCorpus() {
        Map<String, Score> scores = score(PiiRedactor.defaults());
        print("masks", scores);

        assertThat(corpus).hasSizeGreaterThan(500);
        assertThat(scores.get("SECRET").total()).isGreaterThanOrEqualTo(40);
        assertThat(scores.get("SECRET").failures()).as("secrets that survived").isEmpty();
        assertThat(scores.get("PHONE").rate()).as("phone recall; misses: %s", scores.get("PHONE").failures())
                .isGreaterThanOrEqualTo(0.99);
        assertThat(scores.get("EMAIL").rate()).as("e-mail recall; misses: %s", scores.get("EMAIL").failures())
                .isGreaterThanOrEqualTo(0.99);
        assertThat(scores.get("RECORD").failures()).as("record fields that survived").isEmpty();
        assertThat(scores.get("LOOKALIKE").failures()).as("look-alikes that were changed").isEmpty();
    }

    @Test
    void pseudonymsHideAsMuchAsMasks() {
        PiiRedactor tokens = PiiRedactor.builder().pseudonymKey("corpus-test-key-0123456789".getBytes(StandardCharsets.UTF_8))
                .build();
        Map<String, Score> scores = score(tokens);
        print("pseudonyms", scores);

        assertThat(scores.get("SECRET").failures()).isEmpty();
        assertThat(scores.get("PHONE").rate()).isGreaterThanOrEqualTo(0.99);
        assertThat(scores.get("EMAIL").rate()).isGreaterThanOrEqualTo(0.99);
        assertThat(scores.get("RECORD").failures()).isEmpty();
        assertThat(scores.get("LOOKALIKE").failures()).isEmpty();
    }

    private static Map<String, Score> score(PiiRedactor redactor) {
        Map<String, List<Line>> byKind = new LinkedHashMap<>();
        for (Line l : corpus) {
            byKind.computeIfAbsent(l.kind(), k -> new ArrayList<>()).add(l);
        }
        Map<String, Score> scores = new LinkedHashMap<>();
        for (Map.Entry<String, List<Line>> e : byKind.entrySet()) {
            int passed = 0;
            List<String> failures = new ArrayList<>();
            for (Line l : e.getValue()) {
                String out = redactor.redact(l.text(), RECORDS);
                boolean ok = l.values().isEmpty() ? out.equals(l.text()) : hidden(l, out);
                if (ok) {
                    passed++;
                } else {
                    failures.add(l.text() + " => " + out);
                }
            }
            scores.put(e.getKey(), new Score(e.getValue().size(), passed, failures));
        }
        return scores;
    }

    /** Every value is gone, and for phones no run of the last six digits survives anywhere in the line. */
    private static boolean hidden(Line l, String out) {
        if (out.equals(l.text())) {
            return false;
        }
        for (String v : l.values()) {
            if (out.contains(v)) {
                return false;
            }
            if (l.kind().equals("PHONE")) {
                String digits = v.replaceAll("\\D", "");
                if (out.replaceAll("\\D", "").contains(digits.substring(digits.length() - 6))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void print(String mode, Map<String, Score> scores) {
        StringBuilder sb = new StringBuilder("\nRedaction corpus (" + mode + "), " + corpus.size() + " lines\n");
        for (Map.Entry<String, Score> e : scores.entrySet()) {
            Score s = e.getValue();
            String what = e.getKey().equals("LOOKALIKE") ? "false positives" : "recall";
            double figure = e.getKey().equals("LOOKALIKE") ? 1.0 - s.rate() : s.rate();
            sb.append(String.format("  %-9s %4d lines  %-15s %6.2f%%  (%d/%d)%n", e.getKey(), s.total(), what,
                    figure * 100, e.getKey().equals("LOOKALIKE") ? s.total() - s.passed() : s.passed(), s.total()));
            s.failures().stream().limit(40).forEach(f -> sb.append("      ").append(f).append('\n'));
        }
        System.out.println(sb);
    }
}
