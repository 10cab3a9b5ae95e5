package dev.salesagent.server.workspace.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.salesagent.server.platform.PlatformTestSupport;
import dev.salesagent.server.platform.security.CurrentUser;
import dev.salesagent.server.platform.security.Role;
import dev.salesagent.server.platform.security.RolePermissions;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;

/** CSV import: header aliases, per-row errors with row numbers, duplicates, the import record, 50,000 rows streamed. */
class LeadImportTest extends PlatformTestSupport {

    @Autowired
    LeadImports imports;

    @Test
    @DisplayName("good rows land; invalid, malformed and duplicate rows are reported with row number and reason")
    void importWithBadRows() throws Exception {
        Session owner = register("Import Rows");
        mvc.perform(owner.auth(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                        "/api/v1/leads")).contentType("application/json")
                .content("{\"email\":\"existing@globex.com\"}")).andExpect(status().isCreated());
        String csv = String.join("\n",
                "E-mail Address;Company Name;Job Title;First Name;Last Name;Number of Employees;Lifecycle Stage",
                "ana@acme.com;Acme Robotics;VP Sales;Ana;Lopez;1,200;lead",                   // row 2 ok
                "not-an-email;Broken Co;CEO;Bo;Ken;10;lead",                                   // row 3 invalid
                "\"unbalanced@quote.com;Quote Co;CTO;Q;U;5;lead",                             // row 4 unreadable
                "ANA@acme.com;Acme Robotics;VP Sales;Ana;Lopez;1200;lead",                    // row 5 duplicate (file)
                "existing@globex.com;Globex;Director;Ex;Isting;300;lead",                     // row 6 duplicate (db)
                "ben@initech.com;Initech;Head of Sales;Ben;Bolt;many;lead",                   // row 7 invalid employees
                "cy@umbrella.com;Umbrella;Head of Growth;Cy;Press;850;customer",              // row 8 ok
                "");
        MvcResult r = mvc.perform(upload(owner, new MockMultipartFile("file",
                        "hubspot-export.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8))))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("completed"))
                .andExpect(jsonPath("$.file_name").value("hubspot-export.csv"))
                .andExpect(jsonPath("$.rows_total").value(7))
                .andExpect(jsonPath("$.rows_imported").value(2))
                .andExpect(jsonPath("$.rows_duplicate").value(2))
                .andExpect(jsonPath("$.rows_invalid").value(2))
                .andExpect(jsonPath("$.rows_unreadable").value(1))
                .andExpect(jsonPath("$.ignored_columns[0]").value("Lifecycle Stage"))
                .andExpect(jsonPath("$.columns.email").value("E-mail Address"))
                .andReturn();
        List<Integer> rows = read(r, "$.errors[*].row");
        List<String> kinds = read(r, "$.errors[*].kind");
        assertThat(rows).containsExactly(3, 4, 5, 6, 7);
        assertThat(kinds).containsExactly("invalid", "unreadable", "duplicate", "duplicate", "invalid");
        assertThat((String) read(r, "$.errors[4].reason")).contains("employees 'many' is not a whole number");
        String id = read(r, "$.id");

        mvc.perform(owner.auth(get("/api/v1/leads/imports/" + id))).andExpect(status().isOk())
                .andExpect(jsonPath("$.rows_imported").value(2)).andExpect(jsonPath("$.errors.length()").value(5));
        mvc.perform(owner.auth(get("/api/v1/leads?source=csv_import"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.items[?(@.email == 'ana@acme.com')].employees").value(1200))
                .andExpect(jsonPath("$.items[?(@.email == 'ana@acme.com')].title").value("VP Sales"))
                .andExpect(jsonPath("$.items[?(@.email == 'cy@umbrella.com')].import_id").value(id));
        Session stranger = register("Import Stranger");
        mvc.perform(stranger.auth(get("/api/v1/leads/imports/" + id))).andExpect(status().isNotFound());
    }

    @Test
    @DisplayName("a header without an e-mail or company+domain column is refused with 400 and nothing is imported")
    void badHeader() throws Exception {
        Session owner = register("Import Header");
        mvc.perform(upload(owner, new MockMultipartFile("file", "x.csv",
                        "text/csv", "Name,Phone\nAna,123\n".getBytes(StandardCharsets.UTF_8))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("neither an e-mail column")));
        mvc.perform(multipart("/api/v1/leads/import").header("Authorization", "Bearer " + owner.accessToken()))
                .andExpect(status().isBadRequest());
        assertThat(jdbc.sql("select count(*) from lead_import where tenant_id = ?").param(owner.tenantId())
                .query(Integer.class).single()).isZero();
    }

    @Test
    @DisplayName("50,000 rows of real companies import streamed: rows land in batches while the file is still read")
    void fiftyThousandRowsStreamed() throws Exception {
        Session owner = register("Import 50k");
        CurrentUser actor = new CurrentUser(owner.userId(), owner.tenantId(), "import-50k", false, owner.email(),
                Set.of(Role.OWNER), RolePermissions.union(Set.of(Role.OWNER)), null);
        int rows = 50_000;
        LeadFile file = new LeadFile(sp500(), rows, jdbc, owner.tenantId());
        LeadImport done = imports.importCsv(actor, "sp500-50k.csv", file);

        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.rowsTotal()).isEqualTo(rows);
        assertThat(done.rowsInvalid()).isEqualTo(file.invalid);
        assertThat(done.rowsUnreadable()).isEqualTo(file.unreadable);
        assertThat(done.rowsDuplicate()).isEqualTo(file.duplicates);
        assertThat(done.rowsImported()).isEqualTo(rows - file.invalid - file.unreadable - file.duplicates);
        assertThat(jdbc.sql("select count(*) from lead where tenant_id = ?").param(owner.tenantId())
                .query(Integer.class).single()).isEqualTo(done.rowsImported());
        assertThat(done.errors()).hasSize(file.invalid + file.unreadable + file.duplicates);
        assertThat(done.errors()).extracting(LeadImport.RowError::row).isSorted();
        assertThat(done.errors().get(0).row()).isEqualTo(LeadFile.firstBadRow());
        // streaming: whenever the reader asked for row N, rows up to N minus two batches and the read buffer were
        // already committed, so no layer held the file (or more than a batch) in memory
        assertThat(file.checks).isGreaterThanOrEqualTo(8);
        assertThat(file.lagViolations).isEmpty();
    }

    static org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder upload(Session s,
            MockMultipartFile file) {
        return (org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder) multipart(
                "/api/v1/leads/import").file(file).header("Authorization", "Bearer " + s.accessToken());
    }

    static List<CSVRecord> sp500() throws Exception {
        try (InputStream in = Objects.requireNonNull(LeadImportTest.class.getResourceAsStream(
                "/data/sp500-constituents.csv"));
             CSVParser p = CSVParser.builder().setReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                     .setFormat(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            return p.getRecords();
        }
    }

    /**
     * A CSV generated row by row as it is read (never whole in memory): S&P 500 companies with made-up contacts;
     * every 997th row has a bad e-mail, every 1,499th an unclosed quote, every 2,003rd repeats row 2's e-mail. Every
     * 5,000 rows it checks how many leads the tenant has in the database.
     */
    static final class LeadFile extends InputStream {
        static final String[] FIRST = {"Ana", "Ben", "Chloe", "Dmitri", "Elif", "Farid", "Grace", "Hiro", "Ines"};
        static final String[] TITLES = {"VP Sales", "Head of Revenue Operations", "Sales Manager", "CRO",
            "Director of Sales Development", "Account Executive"};
        private final List<CSVRecord> companies;
        private final int rows;
        private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
        private final java.util.UUID tenantId;
        private byte[] current = ("email,first_name,last_name,company,domain,title,industry,employees,country\n")
                .getBytes(StandardCharsets.UTF_8);
        private int pos;
        private int next = 2;
        int invalid;
        int unreadable;
        int duplicates;
        int checks;
        final List<String> lagViolations = new ArrayList<>();

        LeadFile(List<CSVRecord> companies, int rows, org.springframework.jdbc.core.simple.JdbcClient jdbc,
                 java.util.UUID tenantId) {
            this.companies = companies;
            this.rows = rows;
            this.jdbc = jdbc;
            this.tenantId = tenantId;
        }

        static int firstBadRow() {
            return 997;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == current.length && !advance()) {
                return -1;
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }

        private boolean advance() {
            int row = next;
            if (row > rows + 1) {
                return false;
            }
            next++;
            if (row % 5000 == 0 && row >= 10_000) {
                int landed = jdbc.sql("select count(*) from lead where tenant_id = ?").param(tenantId)
                        .query(Integer.class).single();
                checks++;
                // two batches of 1,000 plus ~800 rows in the reader's 64 KiB buffer may be in flight
                if (landed < row - 2 - invalid - unreadable - duplicates - 3000) {
                    lagViolations.add("row " + row + " requested with only " + landed + " leads committed");
                }
            }
            CSVRecord c = companies.get(row % companies.size());
            String domain = c.get("Security").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + ".com";
            String first = FIRST[row % FIRST.length];
            String email = first.toLowerCase(Locale.ROOT) + "." + row + "@" + domain;
            String quote = "";
            if (row % 997 == 0) {
                email = "broken." + row + "@@" + domain;
                invalid++;
            } else if (row % 1499 == 0) {
                quote = "\"";
                unreadable++;
            } else if (row % 2003 == 0) {
                email = FIRST[2 % FIRST.length].toLowerCase(Locale.ROOT) + ".2@" + domainOf(2);
                duplicates++;
            }
            String company = c.get("Security").replace("\"", "");
            String line = email + "," + first + ",Row" + row + "," + quote + "\"" + company + "\"," + domain + ","
                    + TITLES[row % TITLES.length] + "," + c.get("GICS Sector") + ","
                    + (200 + (Long.parseLong(c.get("CIK")) * 7 + row) % 90_000) + ",US\n";
            current = line.getBytes(StandardCharsets.UTF_8);
            pos = 0;
            return true;
        }

        private String domainOf(int row) {
            return companies.get(row % companies.size()).get("Security").toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9]", "") + ".com";
        }
    }
}
