package dev.salesagent.server.workspace.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.salesagent.server.platform.ContentBodies;
import dev.salesagent.server.platform.PlatformTestSupport;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

/** Proposals: generated with the SDK's rules writer, versioned, downloaded as Markdown and PDF, scoped by tenant and role. */
class ProposalsTest extends PlatformTestSupport {

    private String generate(Session who, String body) throws Exception {
        MvcResult r = mvc.perform(who.auth(post("/api/v1/proposals/generate")).contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated()).andReturn();
        return read(r, "$.id");
    }

    @Test
    @DisplayName("generate -> edit -> regenerate makes versions 1, 2, 3; every version stays readable")
    void versions() throws Exception {
        Session rep = createUser(register("Proposal Versions"), "sales_rep");
        MvcResult first = mvc.perform(rep.auth(post("/api/v1/proposals/generate")).contentType(MediaType.APPLICATION_JSON)
                        .content(ContentBodies.PROPOSAL))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.method").value("rules"))
                .andExpect(jsonPath("$.version").value(1))
                .andReturn();
        String id = read(first, "$.id");
        String markdown = read(first, "$.markdown");
        assertThat(markdown).contains("Acme Robotics").contains("120,000.00").contains("| Year 2 | 12 | 60,000.00 |")
                .contains("2027-01-11");

        mvc.perform(rep.auth(patch("/api/v1/proposals/" + id)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"Acme - revised\",\"markdown\":\"# Acme - revised\\n\\nDiscount: 5%\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(2)).andExpect(jsonPath("$.method").value("manual"));
        mvc.perform(rep.auth(post("/api/v1/proposals/" + id + "/regenerate")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(3)).andExpect(jsonPath("$.method").value("rules"));

        mvc.perform(rep.auth(get("/api/v1/proposals/" + id + "/versions")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].version").value(org.hamcrest.Matchers.contains(1, 2, 3)))
                .andExpect(jsonPath("$[*].method").value(org.hamcrest.Matchers.contains("rules", "manual", "rules")));
        mvc.perform(rep.auth(get("/api/v1/proposals/" + id).param("version", "2")))
                .andExpect(jsonPath("$.markdown").value("# Acme - revised\n\nDiscount: 5%"))
                .andExpect(jsonPath("$.current_version").value(3));
        mvc.perform(rep.auth(get("/api/v1/proposals/" + id)))
                .andExpect(jsonPath("$.markdown").value(markdown)).andExpect(jsonPath("$.title").isNotEmpty());
        mvc.perform(rep.auth(get("/api/v1/proposals/" + id).param("version", "4"))).andExpect(status().isNotFound());
        mvc.perform(rep.auth(get("/api/v1/proposals/" + id + "/markdown").param("version", "2")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition",
                        org.hamcrest.Matchers.containsString("proposal-" + id + "-v2.md")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string("# Acme - revised\n\nDiscount: 5%"));
    }

    @Test
    @DisplayName("the PDF parses back with the proposal's figures: company, yearly amounts, total and timeline")
    void pdf() throws Exception {
        Session rep = createUser(register("Proposal Pdf"), "sales_rep");
        String id = generate(rep, ContentBodies.PROPOSAL.replace("\"term_months\":24", "\"term_months\":30"));
        MvcResult r = mvc.perform(rep.auth(get("/api/v1/proposals/" + id + "/pdf")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andReturn();
        byte[] bytes = r.getResponse().getContentAsByteArray();
        assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        String text;
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            assertThat(doc.getNumberOfPages()).isGreaterThanOrEqualTo(1);
            text = new PDFTextStripper().getText(doc);
        }
        // 120,000 over 30 months: 48,000 + 48,000 + 24,000; 4,000 a month
        assertThat(text).contains("Acme Robotics").contains("Year 1").contains("48,000.00").contains("24,000.00")
                .contains("120,000.00").contains("4,000.00").contains("2027-01-11").contains("Executive summary");
    }

    @Test
    @DisplayName("a rep sees only their proposals; a manager and an exec of the tenant see them; another tenant gets 404")
    void scopes() throws Exception {
        Session owner = register("Proposal Scopes");
        Session rep = createUser(owner, "sales_rep");
        Session otherRep = createUser(owner, "sales_rep");
        Session exec = createUser(owner, "sales_exec");
        String id = generate(rep, ContentBodies.PROPOSAL);
        Session stranger = register("Proposal Stranger");

        for (Session blind : List.of(otherRep, stranger)) {
            mvc.perform(blind.auth(get("/api/v1/proposals/" + id))).andExpect(status().isNotFound());
            mvc.perform(blind.auth(get("/api/v1/proposals/" + id + "/pdf"))).andExpect(status().isNotFound());
            mvc.perform(blind.auth(patch("/api/v1/proposals/" + id)).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"markdown\":\"# mine now\"}")).andExpect(status().isNotFound());
            mvc.perform(blind.auth(post("/api/v1/proposals/" + id + "/regenerate"))).andExpect(status().isNotFound());
            mvc.perform(blind.auth(get("/api/v1/proposals"))).andExpect(status().isOk())
                    .andExpect(jsonPath("$.items").isEmpty());
        }
        for (Session sees : List.of(rep, exec, owner)) {
            mvc.perform(sees.auth(get("/api/v1/proposals"))).andExpect(status().isOk())
                    .andExpect(jsonPath("$.items[*].id").value(org.hamcrest.Matchers.contains(id)));
        }
        assertThat(jdbc.sql("select current_version from content_item where id = ?::uuid").param(id)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    @DisplayName("bad input is a typed 400: lead without e-mail or domain, malformed e-mail, missing deal size")
    void badInput() throws Exception {
        Session rep = createUser(register("Proposal Bad"), "sales_rep");
        mvc.perform(rep.auth(post("/api/v1/proposals/generate")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"lead\":{\"company\":\"NoMail\"},\"deal_size_usd\":\"1000\",\"term_months\":12,"
                                + "\"start_date\":\"2027-01-01\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:salesagent:problem:invalid-lead"));
        mvc.perform(rep.auth(post("/api/v1/proposals/generate")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"lead\":{\"email\":\"not-an-email\"},\"deal_size_usd\":\"1000\",\"term_months\":12,"
                                + "\"start_date\":\"2027-01-01\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("not-an-email")));
        mvc.perform(rep.auth(post("/api/v1/proposals/generate")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"lead\":{\"email\":\"a@b.com\"},\"term_months\":200,\"start_date\":\"2027-01-01\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:salesagent:problem:validation"));
        assertThat(jdbc.sql("select count(*) from content_item where tenant_id = ?").param(rep.tenantId())
                .query(Long.class).single()).isZero();
    }
}
