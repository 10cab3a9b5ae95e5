package dev.salesagent.server.workspace.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.salesagent.server.platform.PlatformTestSupport;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

/** Leads: create, read, change, delete, de-duplication, filters, paging, data scope and tenant isolation. */
class LeadsTest extends PlatformTestSupport {

    @Autowired
    LeadStore store;

    private String create(Session s, String json) throws Exception {
        MvcResult r = mvc.perform(s.auth(post("/api/v1/leads")).contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isCreated()).andReturn();
        return read(r, "$.id");
    }

    @Test
    @DisplayName("a lead is created normalized, changed, read and deleted; every change is audited")
    void crud() throws Exception {
        Session owner = register("Leads Crud");
        String id = create(owner, "{\"email\":\" Priya.Natarajan@ADOBE.com \",\"first_name\":\"Priya\","
                + "\"company\":\"Adobe\",\"title\":\"VP Revenue Operations\",\"employees\":29945}");
        mvc.perform(owner.auth(get("/api/v1/leads/" + id))).andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value("priya.natarajan@adobe.com"))
                .andExpect(jsonPath("$.domain").value("adobe.com"))
                .andExpect(jsonPath("$.status").value("new"))
                .andExpect(jsonPath("$.source").value("api"))
                .andExpect(jsonPath("$.owner_id").value(owner.userId().toString()));
        mvc.perform(owner.auth(patch("/api/v1/leads/" + id)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"working\",\"title\":\"CRO\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("working"))
                .andExpect(jsonPath("$.title").value("CRO")).andExpect(jsonPath("$.company").value("Adobe"));
        mvc.perform(owner.auth(patch("/api/v1/leads/" + id)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"won\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value(
                        org.hamcrest.Matchers.containsString("status must be one of")));
        mvc.perform(owner.auth(post("/api/v1/leads")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"not-an-email\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(owner.auth(delete("/api/v1/leads/" + id))).andExpect(status().isNoContent());
        mvc.perform(owner.auth(get("/api/v1/leads/" + id))).andExpect(status().isNotFound());
        List<String> actions = jdbc.sql("select action from audit_event where tenant_id = ? and target_id = ?"
                + " order by seq").params(owner.tenantId(), id).query(String.class).list();
        assertThat(actions).containsExactly("lead.created", "lead.updated", "lead.deleted");
    }

    @Test
    @DisplayName("one lead per e-mail (case-insensitive) and, without e-mail, per domain: 409 naming the existing lead")
    void deduplication() throws Exception {
        Session owner = register("Leads Dedupe");
        String first = create(owner, "{\"email\":\"marcus.lee@salesforce.com\"}");
        mvc.perform(owner.auth(post("/api/v1/leads")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"Marcus.Lee@Salesforce.COM\",\"company\":\"Salesforce\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:salesagent:problem:conflict"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(first)));
        String company = create(owner, "{\"company\":\"Intuit\",\"website\":\"https://www.intuit.com/\"}");
        mvc.perform(owner.auth(post("/api/v1/leads")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"company\":\"Intuit Inc\",\"domain\":\"INTUIT.com\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(company)));
        // a contact at the same company is another lead
        create(owner, "{\"email\":\"hkowalski@intuit.com\",\"company\":\"Intuit\"}");
        // changing a lead onto a taken e-mail conflicts too
        String other = create(owner, "{\"email\":\"d.okafor@servicenow.com\"}");
        mvc.perform(owner.auth(patch("/api/v1/leads/" + other)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"MARCUS.LEE@salesforce.com\"}"))
                .andExpect(status().isConflict());
        // the same e-mail in another tenant is no duplicate
        Session otherTenant = register("Leads Dedupe Other");
        create(otherTenant, "{\"email\":\"marcus.lee@salesforce.com\"}");
    }

    @Test
    @DisplayName("filters (grade, score range, status, owner, source, since, q) and cursor paging")
    void filtersAndPaging() throws Exception {
        Session owner = register("Leads Filters");
        Session rep = createUser(owner, "sales_rep");
        String a = create(owner, "{\"email\":\"ana@acme.com\",\"first_name\":\"Ana\",\"last_name\":\"Lopez\","
                + "\"company\":\"Acme Robotics\"}");
        String b = create(owner, "{\"email\":\"ben@globex.com\",\"company\":\"Globex\",\"status\":\"qualified\"}");
        String c = create(rep, "{\"email\":\"cy@initech.com\",\"company\":\"Initech\",\"source\":\"web_form\"}");
        store.saveScores(owner.tenantId(), Map.of(
                UUID.fromString(a), new LeadRecord.Score(82, "a", "rules", null, Map.of("budget", 20), List.of("x"),
                        java.time.Instant.now()),
                UUID.fromString(b), new LeadRecord.Score(40, "c", "rules", null, Map.of("budget", 5), List.of("y"),
                        java.time.Instant.now())));

        assertThat(ids(owner, "grade=A")).containsExactly(a);
        assertThat(ids(owner, "min_score=30&max_score=50")).containsExactly(b);
        assertThat(ids(owner, "status=qualified")).containsExactly(b);
        assertThat(ids(owner, "owner_id=" + rep.userId())).containsExactly(c);
        assertThat(ids(owner, "source=web_form")).containsExactly(c);
        assertThat(ids(owner, "q=lopez")).containsExactly(a);
        assertThat(ids(owner, "q=GLOBEX")).containsExactly(b);
        assertThat(ids(owner, "q=cy@")).containsExactly(c);
        assertThat(ids(owner, "created_since=2999-01-01T00:00:00Z")).isEmpty();
        assertThat(ids(owner, "updated_since=2000-01-01T00:00:00Z")).containsExactly(a, b, c);
        mvc.perform(owner.auth(get("/api/v1/leads?min_score=101"))).andExpect(status().isBadRequest());

        MvcResult page1 = mvc.perform(owner.auth(get("/api/v1/leads?limit=2"))).andExpect(status().isOk()).andReturn();
        List<String> first = read(page1, "$.items[*].id");
        String cursor = read(page1, "$.next_cursor");
        MvcResult page2 = mvc.perform(owner.auth(get("/api/v1/leads?limit=2&cursor=" + cursor)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.next_cursor").doesNotExist()).andReturn();
        List<String> second = read(page2, "$.items[*].id");
        assertThat(first).containsExactly(a, b);
        assertThat(second).containsExactly(c);
        mvc.perform(owner.auth(get("/api/v1/leads?limit=101"))).andExpect(status().isBadRequest());
    }

    @Test
    @DisplayName("a sales rep sees and changes only their own leads; finance reads all; another tenant sees none")
    void dataScopeAndTenants() throws Exception {
        Session owner = register("Leads Scope");
        Session rep1 = createUser(owner, "sales_rep");
        Session rep2 = createUser(owner, "sales_rep");
        Session finance = createUser(owner, "finance_viewer");
        String mine = create(rep1, "{\"email\":\"one@acme.com\"}");
        String theirs = create(rep2, "{\"email\":\"two@acme.com\"}");
        assertThat(ids(rep1, "")).containsExactly(mine);
        mvc.perform(rep1.auth(get("/api/v1/leads/" + theirs))).andExpect(status().isNotFound());
        mvc.perform(rep1.auth(patch("/api/v1/leads/" + theirs)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"status\":\"working\"}")).andExpect(status().isNotFound());
        mvc.perform(rep1.auth(delete("/api/v1/leads/" + theirs))).andExpect(status().isNotFound());
        assertThat(ids(finance, "")).containsExactly(mine, theirs);
        mvc.perform(finance.auth(post("/api/v1/leads")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\":\"x@acme.com\"}")).andExpect(status().isForbidden());

        Session stranger = register("Leads Stranger");
        assertThat(ids(stranger, "")).isEmpty();
        assertThat(ids(stranger, "q=acme")).isEmpty();
        mvc.perform(stranger.auth(get("/api/v1/leads/" + mine))).andExpect(status().isNotFound());
        mvc.perform(stranger.auth(patch("/api/v1/leads/" + mine)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"status\":\"working\"}")).andExpect(status().isNotFound());
        mvc.perform(stranger.auth(delete("/api/v1/leads/" + mine))).andExpect(status().isNotFound());
        mvc.perform(owner.auth(get("/api/v1/leads/" + mine))).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("new"));
        // an owner from another tenant cannot be assigned
        mvc.perform(owner.auth(patch("/api/v1/leads/" + mine)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"owner_id\":\"" + stranger.userId() + "\"}")).andExpect(status().isBadRequest());
    }

    @Test
    @DisplayName("POST /leads/{id}/score stores the BANT breakdown, grade, reasons and method on the lead")
    void scoreNow() throws Exception {
        Session rep = createUser(register("Leads Score"), "sales_rep");
        String id = create(rep, "{\"email\":\"hannah@intuit.com\",\"company\":\"Intuit\",\"title\":"
                + "\"Chief Revenue Officer\",\"employees\":18200,\"industry\":\"Software\",\"notes\":"
                + "\"Budget approved; wants a pilot asap.\"}");
        MvcResult r = mvc.perform(rep.auth(post("/api/v1/leads/" + id + "/score"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.score_method").value("rules"))
                .andExpect(jsonPath("$.breakdown.budget").isNumber())
                .andExpect(jsonPath("$.breakdown.authority").isNumber())
                .andExpect(jsonPath("$.reasons").isNotEmpty()).andReturn();
        int score = read(r, "$.score");
        String grade = read(r, "$.grade");
        assertThat(score).isBetween(0, 100);
        assertThat(grade).isEqualTo(score >= 75 ? "a" : score >= 55 ? "b" : score >= 35 ? "c" : "d");
        mvc.perform(rep.auth(get("/api/v1/leads/" + id))).andExpect(jsonPath("$.score").value(score));
        Session stranger = register("Leads Score Other");
        mvc.perform(stranger.auth(post("/api/v1/leads/" + id + "/score"))).andExpect(status().isNotFound());
    }

    private List<String> ids(Session s, String query) throws Exception {
        MvcResult r = mvc.perform(s.auth(get("/api/v1/leads?" + query))).andExpect(status().isOk()).andReturn();
        return read(r, "$.items[*].id");
    }
}
