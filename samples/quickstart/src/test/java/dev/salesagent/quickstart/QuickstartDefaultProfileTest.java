package dev.salesagent.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.salesagent.quickstart.QuickstartTest.lines;
import static dev.salesagent.quickstart.QuickstartTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default profile on real-shaped files (see src/test/resources/README.md): the S&P 500 list as a leads file (no
 * employee counts, no notes), a Salesforce contacts-and-accounts report (employee counts, industries, 15 accounts with
 * industry {@code n/a}, no notes) and the shipped sample. The assertions are properties a default profile must have on
 * any file, not counts tuned to one of them.
 */
class QuickstartDefaultProfileTest {

    @TempDir
    Path dir;

    private List<JsonNode> scored(String file) throws Exception {
        Path out = dir.resolve(Path.of(file).getFileName() + ".jsonl");
        QuickstartTest.Run r = run(Map.of(), "--leads", file, "--out", out.toString(), "--threads", "2");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("(profile default)");
        return lines(out).stream().filter(n -> n.has("grade")).toList();
    }

    private static Map<String, Long> grades(List<JsonNode> scored) {
        return scored.stream().collect(Collectors.groupingBy(n -> n.get("grade").asText(), TreeMap::new,
                Collectors.counting()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"src/test/resources/sp500-leads.csv", "src/test/resources/salesforce-contacts-report.csv"})
    void realFilesGetEveryGradeAndNoGradeHoldsMostLeads(String file) throws Exception {
        List<JsonNode> scored = scored(file);

        Map<String, Long> grades = grades(scored);
        System.out.println(file + ": " + grades);
        assertThat(scored).hasSizeGreaterThanOrEqualTo(150);
        // the profile finds the file's best leads, spreads the rest, and lets no grade hold more than 70% of them
        assertThat(grades).as(file).containsKey("A").hasSizeGreaterThanOrEqualTo(3);
        assertThat(grades.values()).as(file).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(scored.size() * 70 / 100));
        if (file.contains("sp500")) {
            // industries inside and outside the profile, titles from C-level to assistant: every grade
            assertThat(grades).as(file).containsKeys("A", "B", "C", "D");
        } else {
            // every account of this report has 2,480-73,274 employees (budget 80-90) and no row has notes, so no
            // lead has enough known facts against it for D; the lowest are juniors at companies outside the profile
            assertThat(scored.stream().mapToInt(n -> n.get("score").asInt()).min().orElseThrow()).isLessThan(55);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"src/test/resources/sp500-leads.csv", "src/test/resources/salesforce-contacts-report.csv",
            "leads.csv"})
    void missingFactsAreNamedAndLowerTheConfidence(String file) throws Exception {
        List<JsonNode> scored = scored(file);

        Function<JsonNode, String> confidence = n -> n.get("reasons").get(4).asText();
        assertThat(scored).allSatisfy(n -> assertThat(confidence.apply(n)).matches("confidence \\d+%: .*"));
        List<JsonNode> withoutEmployees = scored.stream()
                .filter(n -> n.get("reasons").toString().contains("employee count unknown")).toList();
        assertThat(withoutEmployees).allSatisfy(n -> assertThat(confidence.apply(n)).contains("unknown employee count"));
        if (file.contains("sp500")) { // the S&P list states no employee count and no notes
            assertThat(withoutEmployees).hasSameSizeAs(scored);
            assertThat(scored).allSatisfy(n -> assertThat(n.get("reasons").get(1).asText())
                    .startsWith("budget 50: employee count unknown"));
        }
        // the more facts are unknown, the lower the confidence
        for (JsonNode n : scored) {
            int pct = Integer.parseInt(confidence.apply(n).replaceAll("confidence (\\d+)%.*", "$1"));
            assertThat(pct).isBetween(0, 100);
            if (confidence.apply(n).contains("every fact known")) {
                assertThat(pct).isEqualTo(100);
            } else {
                assertThat(pct).isLessThan(100);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"src/test/resources/sp500-leads.csv", "src/test/resources/salesforce-contacts-report.csv",
            "leads.csv"})
    void aLeadMatchingTheProfileOnEveryFactIsAAndALeadWithNothingKnownIsNot(String file) throws Exception {
        // the file's own header and first row, with one row added that matches the default profile on every column
        // the file has, and one row that states nothing but an e-mail
        List<String> rows = Files.readAllLines(Path.of(file));
        String[] header = rows.get(0).split(",", -1);
        StringBuilder best = new StringBuilder();
        StringBuilder nothing = new StringBuilder();
        for (int i = 0; i < header.length; i++) {
            String h = header[i].toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "");
            String value = switch (h) {
                case "email" -> "pat.doe@example-software.com";
                case "company", "accountname" -> "Example Software";
                case "domain" -> "example-software.com";
                case "title", "jobtitle" -> "Chief Revenue Officer";
                case "industry" -> "Application Software";
                case "employees" -> "1200";
                case "country", "billingcountry" -> "United States";
                case "notes" -> "Forecast lives in spreadsheets; budget approved for this quarter";
                case "firstname" -> "Pat";
                case "lastname" -> "Doe";
                default -> "";
            };
            best.append(i == 0 ? "" : ",").append(value);
            nothing.append(i == 0 ? "" : ",").append(h.equals("email") ? "someone@example.org" : "");
        }
        Path csv = dir.resolve("probe-" + Path.of(file).getFileName());
        Files.write(csv, List.of(rows.get(0), rows.get(1), best.toString(), nothing.toString()));

        List<JsonNode> scored = scored(csv.toString());

        assertThat(scored).hasSize(3);
        assertThat(scored.get(1).get("grade").asText()).as(scored.get(1).toString()).isEqualTo("A");
        assertThat(scored.get(2).get("grade").asText()).as(scored.get(2).toString()).isNotEqualTo("A");
        assertThat(scored.get(2).get("score").asInt()).isEqualTo(50);
        assertThat(scored.get(2).get("reasons").get(4).asText()).startsWith("confidence 0%: unknown title");
    }

    @org.junit.jupiter.api.Test
    void employeeRangesAsExportsWriteThemAreRead() throws Exception {
        Path csv = dir.resolve("ranges.csv");
        Files.writeString(csv, """
                Email,Company size
                a@one.com,51-200
                b@two.com,"1,001-5,000"
                c@three.com,10000+
                d@four.com,"10,001+"
                e@five.com,201 to 500
                f@six.com,lots
                """);

        Path out = dir.resolve("ranges.jsonl");
        QuickstartTest.Run r = run(Map.of(), "--leads", csv.toString(), "--out", out.toString());

        List<JsonNode> lines = lines(out);
        assertThat(r.exit()).as(r.err()).isZero();
        // a range counts as its midpoint, an open range as its lower bound
        assertThat(lines.get(0).get("reasons").get(1).asText()).contains("125 employees (lead)");
        assertThat(lines.get(1).get("reasons").get(1).asText()).contains("3,000 employees (lead)");
        assertThat(lines.get(2).get("reasons").get(1).asText()).contains("10,000 employees (lead)");
        assertThat(lines.get(3).get("reasons").get(1).asText()).contains("10,001 employees (lead)");
        assertThat(lines.get(4).get("reasons").get(1).asText()).contains("350 employees (lead)");
        assertThat(lines.get(5).get("error").asText()).contains("employees 'lots' is not a whole number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"src/test/resources/sp500-leads.csv", "src/test/resources/salesforce-contacts-report.csv"})
    void theSameFileScoresTheSameOnEveryRun(String file) throws Exception {
        List<String> first = scored(file).stream().map(n -> n.get("score") + " " + n.get("reasons")).toList();
        List<String> second = scored(file).stream().map(n -> n.get("score") + " " + n.get("reasons")).toList();

        assertThat(second).isEqualTo(first);
    }
}
