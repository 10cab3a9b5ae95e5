package dev.salesagent.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class QuickstartTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Quickstart.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            nodes.add(Quickstart.JSON.readTree(line));
        }
        return nodes;
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("summary line %s", regex).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void runsTheShippedFileOnRulesAndTheMemoryCrm() throws Exception {
        Path out = dir.resolve("results.jsonl");

        Run r = run(Map.of(), "--leads", "leads.csv", "--out", out.toString(), "--threads", "2");

        assertThat(r.exit()).as(r.err()).isZero();
        List<JsonNode> lines = lines(out);
        long dataRows = Files.readAllLines(Path.of("leads.csv")).size() - 1;
        assertThat(lines).hasSize((int) dataRows).hasSizeGreaterThanOrEqualTo(50);
        assertThat(lines).extracting(n -> n.get("row").asInt()).isSorted().doesNotHaveDuplicates();

        List<JsonNode> scored = lines.stream().filter(n -> n.has("grade")).toList();
        List<JsonNode> errors = lines.stream().filter(n -> n.has("error")).toList();
        assertThat(scored.size() + errors.size()).isEqualTo(lines.size());
        for (String grade : List.of("A", "B", "C", "D")) {
            long inFile = scored.stream().filter(n -> n.get("grade").asText().equals(grade)).count();
            assertThat(count(r.out(), "Grades:.*\\b" + grade + " (\\d+)")).as("grade " + grade).isEqualTo(inFile);
        }
        assertThat(count(r.out(), "Processed (\\d+) rows")).isEqualTo(lines.size());
        assertThat(count(r.out(), "(\\d+) scored")).isEqualTo(scored.size());
        assertThat(count(r.out(), "Rows rejected or not scored: (\\d+)")).isEqualTo(errors.size()).isGreaterThanOrEqualTo(5);
        assertThat(count(r.out(), "(\\d+) invalid")).isEqualTo(5);
        assertThat(count(r.out(), "(\\d+) duplicates")).isEqualTo(1);
        for (JsonNode e : errors) {
            assertThat(r.out()).contains("row " + e.get("row").asInt() + ": " + e.get("error").asText());
        }
        assertThat(r.out()).contains("missing '@'", "more than one '@'", "employees 'lots' is not a whole number",
                "duplicate of row-2 (same e-mail)");

        // every scored lead was synced; the summary's CRM counts match the per-lead outcomes
        long contactsCreated = scored.stream().filter(n -> n.at("/crm/contactCreated").asBoolean(false)).count();
        assertThat(count(r.out(), "contacts (\\d+) created")).isEqualTo(contactsCreated);
        assertThat(count(r.out(), "notes (\\d+)")).isEqualTo(scored.size());
        assertThat(r.out()).contains("2 batch upsert call(s)");
        assertThat(scored).allSatisfy(n -> {
            assertThat(n.get("method").asText()).isEqualTo("rules");
            assertThat(n.at("/crm/synced").asBoolean()).isTrue();
            assertThat(n.get("reasons")).hasSize(5); // budget, authority, need, timeline, confidence
        });
        assertThat(scored.stream().filter(n -> n.get("route").asText().equals("hot")))
                .allSatisfy(n -> assertThat(n.has("outreach")).isTrue());

        // top 10 in the summary: the ten best scores, best first
        List<Integer> best = scored.stream().map(n -> n.get("score").asInt()).sorted((a, b) -> b - a).limit(10).toList();
        Matcher top = Pattern.compile("(?m)^\\s*\\d+\\.\\s+(\\d+) [ABCD] ").matcher(r.out());
        List<Integer> printed = new ArrayList<>();
        while (top.find()) {
            printed.add(Integer.parseInt(top.group(1)));
        }
        assertThat(printed).isEqualTo(best);
        assertThat(r.out()).contains("Cost: 0.00 USD, 0 tokens (rules only, no model calls)");
        assertThat(r.err()).contains("[##############################] " + dataRows + "/" + dataRows + " leads 100%");
        assertThat(errors).allSatisfy(e -> assertThat(e.get("problem").asText()).isIn("invalid", "duplicate"));
        assertThat(Files.exists(dir.resolve("results.jsonl.partial"))).isFalse();
        assertThat(Files.exists(dir.resolve("results.jsonl.partial.state"))).isFalse();
    }

    @Test
    void badCommandLinesAndFilesExitWithTwo() throws Exception {
        assertThat(run(Map.of()).exit()).isEqualTo(2);
        Run unknownCrm = run(Map.of(), "--leads", "leads.csv", "--crm", "acme-crm");
        assertThat(unknownCrm.exit()).isEqualTo(2);
        assertThat(unknownCrm.err()).contains("--crm must be one of");
        assertThat(run(Map.of(), "--leads", "leads.csv", "--score-batch", "51").err())
                .contains("--score-batch must be a number from 1 to 50 but was '51'");
        assertThat(run(Map.of(), "--leads", "leads.csv", "--max-cost", "-1").err())
                .contains("--max-cost must be an amount in USD >= 0 but was '-1'");
        assertThat(run(Map.of(), "--leads", dir.resolve("missing.csv").toString()).err()).contains("not found");
        Path noKeys = dir.resolve("bad-header.csv");
        Files.writeString(noKeys, "name,phone\nJane,123\n");
        Run badHeader = run(Map.of(), "--leads", noKeys.toString());
        assertThat(badHeader.exit()).isEqualTo(2);
        assertThat(badHeader.err()).contains("neither an e-mail column");
        Run hubspotWithoutToken = run(Map.of(), "--leads", "leads.csv", "--crm", "hubspot",
                "--out", dir.resolve("x.jsonl").toString());
        assertThat(hubspotWithoutToken.exit()).isEqualTo(2);
        assertThat(hubspotWithoutToken.err()).contains("cannot configure CRM 'hubspot'", "SALESAGENT_CRM_HUBSPOT_");
    }

    @Test
    void everyAdapterIsSelectableAndItsMissingKeysAreNamedBeforeAnyWork() throws Exception {
        for (String crm : List.of("salesforce", "netsuite", "pipedrive", "zoho", "close", "freshsales")) {
            Path out = dir.resolve(crm + ".jsonl");
            Run withoutKeys = run(Map.of(), "--leads", "leads.csv", "--crm", crm, "--out", out.toString());
            assertThat(withoutKeys.exit()).as(crm).isEqualTo(2);
            assertThat(withoutKeys.err()).as(crm).contains("cannot configure CRM '" + crm + "'",
                    "SALESAGENT_CRM_" + crm.toUpperCase(java.util.Locale.ROOT) + "_");
            assertThat(Files.exists(out)).as(crm).isFalse();
        }
    }

    @Test
    void readsColumnsInAnyOrderAndIgnoresExtraOnes() throws Exception {
        Path csv = dir.resolve("leads.csv");
        Files.writeString(csv, """
                Email,Notes,Company,Source,Employees,Title
                ann@acme.com,"Budget approved, go live this quarter",Acme,webinar,"1,200",VP Sales
                bob@acme.com,,Acme,,,
                """);
        Path out = dir.resolve("o.jsonl");

        Run r = run(Map.of(), "--leads", csv.toString(), "--out", out.toString());

        assertThat(r.exit()).isZero();
        List<JsonNode> lines = lines(out);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("domain").asText()).isEqualTo("acme.com");
        assertThat(lines.get(0).get("reasons").toString()).contains("1,200 employees (lead)", "'budget approved'");
        assertThat(r.out()).contains("accounts 1 created", "contacts 2 created");
        // the account was created once, for the first lead of the company; the second lead found it
        assertThat(lines.get(0).at("/crm/accountCreated").asBoolean()).isTrue();
        assertThat(lines.get(1).at("/crm/accountCreated").isBoolean()).isTrue();
        assertThat(lines.get(1).at("/crm/accountCreated").asBoolean()).isFalse();
        assertThat(lines.get(1).at("/crm/accountId").asText()).isEqualTo(lines.get(0).at("/crm/accountId").asText());
        assertThat(r.out()).contains("ignored: [Source]");
    }
}
