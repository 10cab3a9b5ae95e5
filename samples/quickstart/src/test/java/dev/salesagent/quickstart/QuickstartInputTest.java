package dev.salesagent.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.NoteTarget;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.memory.InMemoryCrmClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.salesagent.quickstart.QuickstartTest.lines;
import static dev.salesagent.quickstart.QuickstartTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** Real-world input files, output safety, resume, determinism, help and profiles. */
class QuickstartInputTest {

    @TempDir
    Path dir;

    @AfterEach
    void resetSeams() {
        Quickstart.afterChunk = n -> { };
        Quickstart.memoryCrmFactory = id -> dev.salesagent.crm.CrmClients.create(id,
                dev.salesagent.crm.spi.CrmConfig.empty());
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void readsAnExcelEuropeanExportWithBomAndSemicolons() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String text = "E-Mail;First Name;Last Name;Company Name;Job Title;Number of Employees;Country/Region;Notes\r\n"
                + "jonas.mueller@contoso.de;Jonas;Müller;Contoso GmbH;Head of Sales;1200;Germany;\"Budget ok; Q3\"\r\n"
                + "eva@fabrikam.at;Eva;Öztürk;Fabrikam;CFO;;Austria;\r\n"
                + ";;;;;;;\r\n";
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(bom);
        b.write(text.getBytes(StandardCharsets.UTF_8));
        Path csv = write("excel.csv", b.toByteArray());
        Path out = dir.resolve("o.jsonl");

        QuickstartTest.Run r = run(Map.of(), "--leads", csv.toString(), "--out", out.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("semicolon-separated");
        List<JsonNode> lines = lines(out);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("email").asText()).isEqualTo("jonas.mueller@contoso.de");
        assertThat(lines.get(0).get("company").asText()).isEqualTo("Contoso GmbH");
        assertThat(lines.get(0).get("reasons").toString()).contains("Head of Sales");
        assertThat(lines.get(0).get("reasons").toString()).contains("1,200 employees");
        assertThat(lines.get(1).get("grade")).isNotNull();
    }

    @Test
    void mapsHubSpotExportHeadersAndListsIgnoredColumns() throws Exception {
        Path csv = write("hubspot.csv", ("Record ID,First Name,Last Name,Email,Phone Number,Job Title,Company Name,"
                + "Website URL,Country/Region,Industry,Number of Employees,Lifecycle Stage,Contact owner\n"
                + "101,Ann,Lee,ann.lee@acme-robotics.com,+1 555 0100,VP Sales,Acme Robotics,https://www.acme-robotics.com/,"
                + "United States,Software,850,Lead,Sam\n").getBytes(StandardCharsets.UTF_8));
        Path out = dir.resolve("o.jsonl");

        QuickstartTest.Run r = run(Map.of(), "--leads", csv.toString(), "--out", out.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("ignored: [Record ID, Lifecycle Stage, Contact owner]");
        JsonNode lead = lines(out).get(0);
        assertThat(lead.get("email").asText()).isEqualTo("ann.lee@acme-robotics.com");
        assertThat(lead.get("domain").asText()).isEqualTo("acme-robotics.com");
        assertThat(lead.get("reasons").toString()).contains("VP Sales", "850 employees");
    }

    @Test
    void mapOptionReadsOtherSpellingsAndRefusesUnknownFields() throws Exception {
        Path csv = write("de.csv", "Kontakt;Firma;Position\nkim@northwind.com;Northwind;Director of Sales\n"
                .getBytes(StandardCharsets.UTF_8));
        Path out = dir.resolve("o.jsonl");

        QuickstartTest.Run r = run(Map.of(), "--leads", csv.toString(), "--out", out.toString(),
                "--map", "Kontakt=email", "--map", "Firma=company");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(lines(out).get(0).get("company").asText()).isEqualTo("Northwind");
        QuickstartTest.Run bad = run(Map.of(), "--leads", csv.toString(), "--out", out.toString(),
                "--map", "Kontakt=e_mail_address");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown field 'e_mail_address'");
    }

    @Test
    void latin1ByteAtRow30000IsNamedBeforeAnythingIsProcessedAndEncodingOptionReadsIt() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("email,company,title\n".getBytes(StandardCharsets.US_ASCII));
        for (int row = 2; row <= 30_001; row++) {
            String company = row == 30_000 ? "M\u00fcller AG" : "Company " + row;
            b.write(("lead" + row + "@c" + row + ".com," + company + ",Engineer\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
        }
        Path csv = write("latin1.csv", b.toByteArray());
        Path out = dir.resolve("o.jsonl");

        QuickstartTest.Run r = run(Map.of(), "--leads", csv.toString(), "--out", out.toString());

        assertThat(r.exit()).isEqualTo(Quickstart.EXIT_UNREADABLE);
        assertThat(r.err()).contains("not valid UTF-8", "row 30000", "--encoding windows-1252", "nothing was processed");
        assertThat(out).doesNotExist();

        QuickstartTest.Run latin1 = run(Map.of(), "--leads", csv.toString(), "--out", out.toString(),
                "--encoding", "windows-1252", "--chunk-size", "5000");
        assertThat(latin1.exit()).as(latin1.err()).isZero();
        List<String> written = Files.readAllLines(out);
        assertThat(written).hasSize(30_000);
        assertThat(written.get(30_000 - 2)).contains("\"row\":30000", "M\u00fcller AG");
    }

    @Test
    void malformedRowsAreReportedWithTheirRowAndReadingResumes() throws Exception {
        Path csv = write("bad.csv", """
                email,company,title,notes
                ann@acme.com,Acme,VP Sales,"Budget approved, go live
                bob@acme.com,Acme,CFO,fine
                cid@beta.com,Beta,CTO,"a note
                over two lines"
                dan@gamma.com,Gamma,"Head" of Ops,x
                eve@delta.com,Delta,COO,too,many,fields
                fay@eps.com,Eps,"Sales Director","quoted, with comma"
                """.getBytes(StandardCharsets.UTF_8));
        Path out = dir.resolve("o.jsonl");

        QuickstartTest.Run r = run(Map.of(), "--leads", csv.toString(), "--out", out.toString());

        assertThat(r.exit()).as(r.out()).isEqualTo(Quickstart.EXIT_UNREADABLE);
        List<JsonNode> lines = lines(out);
        assertThat(lines).extracting(n -> n.get("row").asInt()).containsExactly(2, 3, 4, 6, 7, 8);
        assertThat(lines.get(0).get("problem").asText()).isEqualTo("unreadable");
        assertThat(lines.get(0).get("error").asText()).contains("unbalanced quote");
        assertThat(lines.get(1).get("email").asText()).isEqualTo("bob@acme.com");
        assertThat(lines.get(2).get("email").asText()).isEqualTo("cid@beta.com");
        assertThat(lines.get(3).get("problem").asText()).isEqualTo("unreadable"); // text after a closing quote
        assertThat(lines.get(4).get("error").asText()).contains("6 fields but the header has 4");
        assertThat(lines.get(5).get("email").asText()).isEqualTo("fay@eps.com");
        assertThat(r.out()).contains("3 unreadable", "row 2: malformed CSV", "row 7: malformed CSV");
    }

    @Test
    void internationalisedAddressesAreAcceptedWithTheDomainInPunycodeAndPlusAddressingKept() throws Exception {
        Path csv = write("idn.csv", ("email,company,title\n"
                + "J\u00f6rg.M\u00fcller+leads@B\u00fccher.de,B\u00fccher GmbH,VP Sales\n"
                + "joerg@xn--bcher-kva.de,B\u00fccher GmbH,CFO\n"
                + "\u7528\u6237@\u4f8b\u5b50.\u5e7f\u544a,Example,CTO\n"
                + "bad@b\u00fccher..de,X,CTO\n").getBytes(StandardCharsets.UTF_8));
        Path out = dir.resolve("o.jsonl");

        QuickstartTest.Run r = run(Map.of(), "--leads", csv.toString(), "--out", out.toString());

        List<JsonNode> lines = lines(out);
        assertThat(lines.get(0).get("email").asText()).isEqualTo("j\u00f6rg.m\u00fcller+leads@xn--bcher-kva.de");
        assertThat(lines.get(0).get("domain").asText()).isEqualTo("xn--bcher-kva.de");
        // the Unicode and the ASCII spelling of one domain are one account
        assertThat(lines.get(1).at("/crm/accountId").asText()).isEqualTo(lines.get(0).at("/crm/accountId").asText());
        assertThat(lines.get(2).get("domain").asText()).isEqualTo("xn--fsqu00a.xn--4rr70v");
        assertThat(lines.get(3).get("problem").asText()).isEqualTo("invalid");
        assertThat(r.exit()).as(r.err()).isZero();
    }

    @Test
    void everyLeadFailingExitsWithFour() throws Exception {
        Path csv = write("invalid.csv", "email,company\nnot-an-email,Acme\nalso@@bad,Beta\n"
                .getBytes(StandardCharsets.UTF_8));
        QuickstartTest.Run r = run(Map.of(), "--leads", csv.toString(), "--out", dir.resolve("o.jsonl").toString());
        assertThat(r.exit()).isEqualTo(Quickstart.EXIT_NONE_SCORED);
        assertThat(r.out()).contains("2 invalid");
    }

    @Test
    void outputPathsAreCheckedBeforeAnyWork() throws Exception {
        Path csv = dir.resolve("leads.csv");
        Files.copy(Path.of("leads.csv"), csv);
        byte[] before = Files.readAllBytes(csv);

        QuickstartTest.Run same = run(Map.of(), "--leads", csv.toString(), "--out", csv.toString());
        assertThat(same.exit()).isEqualTo(2);
        assertThat(same.err()).contains("is the input file");
        assertThat(same.out()).doesNotContain("Processed");
        assertThat(Files.readAllBytes(csv)).isEqualTo(before);

        Path blocker = write("blocker", new byte[0]);
        QuickstartTest.Run noDir = run(Map.of(), "--leads", csv.toString(), "--out",
                blocker.resolve("sub/o.jsonl").toString());
        assertThat(noDir.exit()).isEqualTo(2);
        assertThat(noDir.err()).contains("cannot write --out");
        assertThat(noDir.out()).doesNotContain("Processed");

        Path nested = dir.resolve("new/deeper/o.jsonl");
        QuickstartTest.Run created = run(Map.of(), "--leads", csv.toString(), "--out", nested.toString());
        assertThat(created.exit()).isZero();
        assertThat(Files.readAllLines(nested)).hasSize(57);
    }

    @Test
    void identicalRunsWriteByteIdenticalOutput() throws Exception {
        Path a = dir.resolve("a.jsonl");
        Path b = dir.resolve("b.jsonl");
        assertThat(run(Map.of(), "--leads", "leads.csv", "--out", a.toString(), "--threads", "4").exit()).isZero();
        assertThat(run(Map.of(), "--leads", "leads.csv", "--out", b.toString(), "--threads", "2").exit()).isZero();
        assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(a));
    }

    @Test
    void aKilledRunResumesFromItsLastChunkWithoutDuplicateCrmRecordsOrNotes() throws Exception {
        InMemoryCrmClient shared = InMemoryCrmClient.create();
        Quickstart.memoryCrmFactory = id -> uncloseable(shared);
        Path out = dir.resolve("o.jsonl");
        Quickstart.afterChunk = n -> {
            if (n == 3) {
                throw new IllegalStateException("killed after chunk 3");
            }
        };

        QuickstartTest.Run killed = run(Map.of(), "--leads", "leads.csv", "--out", out.toString(),
                "--chunk-size", "10");

        assertThat(killed.exit()).isEqualTo(Quickstart.EXIT_FAILED);
        assertThat(killed.err()).contains("--resume");
        assertThat(out).doesNotExist();
        assertThat(Files.readAllLines(dir.resolve("o.jsonl.partial"))).hasSize(30);

        Quickstart.afterChunk = n -> { };
        QuickstartTest.Run resumed = run(Map.of(), "--leads", "leads.csv", "--out", out.toString(),
                "--chunk-size", "10", "--resume");

        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("Resuming after row 31");
        List<JsonNode> lines = lines(out);
        assertThat(lines).extracting(n -> n.get("row").asInt()).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(2, 58).boxed().toList());
        assertThat(resumed.out()).contains("Processed 57 rows");
        // one contact and exactly one note per scored lead in the CRM: nothing was synced twice
        List<JsonNode> scored = lines.stream().filter(n -> n.has("grade")).toList();
        assertThat(scored).hasSize(51);
        List<String> contactIds = scored.stream().filter(n -> n.at("/crm/contactId").isTextual())
                .map(n -> n.at("/crm/contactId").asText()).toList();
        assertThat(contactIds).hasSize(50).doesNotHaveDuplicates(); // one scored lead has no e-mail
        long notes = contactIds.stream().mapToLong(id -> shared.notes().list(NoteTarget.contact(
                CrmId.of("memory", id)), PageRequest.first(50)).items().size()).sum();
        assertThat(notes).isEqualTo(50);
        assertThat(dir.resolve("o.jsonl.partial")).doesNotExist();
        assertThat(dir.resolve("o.jsonl.partial.state")).doesNotExist();
    }

    private static CrmClient uncloseable(CrmClient client) {
        return (CrmClient) Proxy.newProxyInstance(CrmClient.class.getClassLoader(), new Class<?>[]{CrmClient.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(client, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void helpGoesToStandardOutputWithExitZero() {
        QuickstartTest.Run r = run(Map.of(), "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        for (String option : List.of("--leads", "--out", "--crm", "--threads", "--chunk-size", "--resume",
                "--delimiter", "--encoding", "--map", "--icp", "--print-icp", "--score-batch", "--max-cost",
                "--model-timeout", "--model-retries", "--no-fallback", "OPENAI_API_KEY", "ANTHROPIC_API_KEY",
                "SALESAGENT_CRM_<PROVIDER>_<KEY>", "Exit codes:", "Country/Region", "windows-1252")) {
            assertThat(r.out()).as(option).contains(option);
        }
        for (int code = 0; code <= 4; code++) {
            assertThat(r.out()).containsPattern("(?m)^\\s+" + code + "\\s+\\S");
        }
    }

    @Test
    void profilesFromYamlOrJsonChangeTheScoringAndArePrinted() throws Exception {
        QuickstartTest.Run printed = run(Map.of(), "--print-icp");
        assertThat(printed.exit()).isZero();
        JsonNode defaults = Quickstart.JSON.readTree(printed.out());
        assertThat(defaults.get("industries").toString()).contains("software");
        assertThat(defaults.at("/gradeCutoffs/A").asInt()).isEqualTo(75);
        assertThat(defaults.at("/employees/max").isNull()).as("no upper bound").isTrue();
        Path printedDefaults = write("defaults.json", printed.out().getBytes(StandardCharsets.UTF_8));
        assertThat(run(Map.of(), "--icp", printedDefaults.toString(), "--print-icp").out()).isEqualTo(printed.out());

        Path icp = write("icp.yaml", """
                industries: [industrials, utilities]
                employees: {min: 1000, max: 200000}
                gradeCutoffs: {A: 90, B: 80, C: 20}
                """.getBytes(StandardCharsets.UTF_8));
        QuickstartTest.Run echo = run(Map.of(), "--icp", icp.toString(), "--print-icp");
        assertThat(Quickstart.JSON.readTree(echo.out()).get("industries").toString())
                .isEqualTo("[\"industrials\",\"utilities\"]");
        Path out = dir.resolve("o.jsonl");
        QuickstartTest.Run r = run(Map.of(), "--leads", "leads.csv", "--out", out.toString(), "--icp", icp.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("profile " + icp);
        assertThat(r.out()).doesNotContain("Grades: A 19 | B 23");

        Path bad = write("bad.json", "{\"industry\": [\"software\"]}".getBytes(StandardCharsets.UTF_8));
        QuickstartTest.Run refused = run(Map.of(), "--leads", "leads.csv", "--icp", bad.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("unknown key 'industry'");
    }
}
