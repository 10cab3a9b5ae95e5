package dev.salesagent.crm.close;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.salesagent.crm.Account;
import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.NoteTarget;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.OpportunitySearch;
import dev.salesagent.crm.OpportunityUpdate;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.close.contract.CloseContract;
import dev.salesagent.crm.close.sim.CloseSimulator;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.spi.CrmConfig;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The exact HTTP requests (method, path, query, headers, JSON body) each SPI operation sends to Close, and how many:
 * the request budget the module README documents.
 */
class CloseRequestShapeTest {

    static final CloseSimulator SIM = CloseSimulator.start(new CloseContract());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString((CloseSimulator.API_KEY + ":").getBytes(StandardCharsets.UTF_8));

    private CrmClient client;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void client() {
        Map<String, String> m = new HashMap<>(SIM.config().asMap());
        m.put("fieldMapping.account.employees", "cf_Employees1");
        client = new CloseCrmClientProvider().create(CrmConfig.of(m), CrmClientOptions.builder().clock(SIM.clock()).build());
        SIM.server().resetRequests();
    }

    @AfterEach
    void close() {
        client.close();
        assertThat(SIM.violations()).isEmpty();
        SIM.clearViolations();
    }

    @AfterAll
    static void stop() {
        SIM.stop();
    }

    /** Requests since the test's reset, oldest first. */
    private static List<ServeEvent> requests() {
        List<ServeEvent> all = new ArrayList<>(SIM.server().getAllServeEvents());
        java.util.Collections.reverse(all);
        return all;
    }

    private static JsonNode body(ServeEvent e) throws Exception {
        return JSON.readTree(e.getRequest().getBodyAsString());
    }

    private static String path(ServeEvent e) {
        return e.getRequest().getUrl();
    }

    @Test
    @DisplayName("contact delete: one DELETE /contact/{id}/ without a body; the contact is gone, a second delete is 404")
    void contactDelete() {
        String email = "gone-" + run + "@example.com";
        String id = client.contacts().upsert(Contact.builder().email(email).lastName("Gone").build()).id().value();
        SIM.server().resetRequests();
        client.contacts().delete(id);
        List<ServeEvent> r = requests();
        assertThat(r).hasSize(1);
        assertThat(r.get(0).getRequest().getMethod().getName()).isEqualTo("DELETE");
        assertThat(path(r.get(0))).isEqualTo("/api/v1/contact/" + id + "/");
        assertThat(r.get(0).getRequest().getHeader("Authorization")).isEqualTo(AUTH);
        assertThat(r.get(0).getRequest().getBodyAsString()).isEmpty();
        assertThatThrownBy(() -> client.contacts().delete(id)).isInstanceOf(CrmNotFoundException.class);
        assertThat(client.contacts().findByEmail(email)).isEmpty();
    }

    @Test
    @DisplayName("a new contact: one e-mail search, then POST /contact/ with name, title and an office e-mail, API key as Basic user")
    void newContact() throws Exception {
        String email = "ada-" + run + "@example.com";
        Contact stored = client.contacts().upsert(Contact.builder().email(email.toUpperCase()).firstName("Ada")
                .lastName("Lovelace").title("Analyst").build()).record();
        List<ServeEvent> r = requests();
        assertThat(r).hasSize(2);
        assertThat(r.get(0).getRequest().getMethod().getName()).isEqualTo("POST");
        assertThat(path(r.get(0))).isEqualTo("/api/v1/data/search/");
        assertThat(body(r.get(0))).isEqualTo(JSON.readTree("""
                {"query":{"type":"and","queries":[{"type":"object_type","object_type":"contact"},
                  {"type":"has_related","this_object_type":"contact","related_object_type":"contact_email",
                   "related_query":{"type":"field_condition",
                     "field":{"type":"regular_field","object_type":"contact_email","field_name":"email"},
                     "condition":{"type":"text","mode":"exact_value","value":"%s"}}}]},
                 "sort":[{"direction":"asc","field":{"type":"regular_field","object_type":"contact","field_name":"date_created"}}],
                 "_fields":{"contact":["id","lead_id","name","title","emails","phones","date_created","date_updated"]},
                 "_limit":200}""".formatted(email)));
        assertThat(path(r.get(1))).isEqualTo("/api/v1/contact/");
        assertThat(body(r.get(1))).isEqualTo(JSON.readTree("""
                {"name":"Ada Lovelace","title":"Analyst","emails":[{"email":"%s","type":"office"}]}""".formatted(email)));
        for (ServeEvent e : r) {
            assertThat(e.getRequest().getHeader("Authorization")).isEqualTo(AUTH);
            assertThat(e.getRequest().getHeader("Content-Type")).startsWith("application/json");
            assertThat(e.getRequest().getHeader("Accept")).isEqualTo("application/json");
        }
        assertThat(stored.firstName()).isEqualTo("Ada");
        assertThat(stored.lastName()).isEqualTo("Lovelace");
        assertThat(client.contacts().get(stored.id().value())).as("a read equals the upsert result").isEqualTo(stored);
        assertThat(client.contacts().findByEmail(email)).contains(stored);
    }

    @Test
    @DisplayName("an existing contact: one search, then PUT /contact/{id}/ with only the changed field; nothing changed, no PUT")
    void existingContact() throws Exception {
        String email = "grace-" + run + "@example.com";
        CrmId id = client.contacts().upsert(Contact.builder().email(email).firstName("Grace").lastName("Hopper").build()).id();
        SIM.server().resetRequests();
        client.contacts().upsert(Contact.builder().email(email).title("Rear Admiral").build());
        List<ServeEvent> r = requests();
        assertThat(r).hasSize(2);
        assertThat(r.get(1).getRequest().getMethod().getName()).isEqualTo("PUT");
        assertThat(path(r.get(1))).isEqualTo("/api/v1/contact/" + id.value() + "/");
        assertThat(body(r.get(1))).isEqualTo(JSON.readTree("{\"title\":\"Rear Admiral\"}"));
        SIM.server().resetRequests();
        client.contacts().upsert(Contact.builder().email(email).firstName("Grace").build());
        assertThat(requests()).hasSize(1);
    }

    @Test
    @DisplayName("a contact with an account domain is linked to that lead (created once when missing)")
    void contactLinkedByDomain() throws Exception {
        String domain = "link-" + run + ".example.com";
        Contact c = client.contacts().upsert(Contact.builder().email("l-" + run + "@example.com").accountDomain(domain)
                .build()).record();
        List<ServeEvent> r = requests();
        assertThat(r).extracting(ServeEvent::getRequest).extracting(q -> q.getMethod().getName() + " " + q.getUrl())
                .containsExactly("POST /api/v1/data/search/", "POST /api/v1/data/search/", "POST /api/v1/lead/",
                        "POST /api/v1/contact/");
        assertThat(body(r.get(2))).isEqualTo(JSON.readTree("{\"name\":\"%s\",\"url\":\"https://%s\"}".formatted(domain, domain)));
        assertThat(client.accounts().findByDomain(domain)).get().extracting(Account::id).isEqualTo(c.accountId());
    }

    @Test
    @DisplayName("upsertAll of 150 contacts: one search per 100 e-mails plus one write per record")
    void contactBatchBudget() {
        List<Contact> input = IntStream.range(0, 150)
                .mapToObj(i -> Contact.builder().email("b" + i + "-" + run + "@example.com").build()).toList();
        List<BatchItemResult<Contact>> results = client.contacts().upsertAll(input);
        assertThat(results).allMatch(BatchItemResult::isSuccess);
        assertThat(SIM.count("POST", "/data/search/")).isEqualTo(2);
        assertThat(SIM.count("POST", "/contact/")).isEqualTo(150);
        assertThat(client.contacts().maxBatchSize()).isEqualTo(100);
    }

    @Test
    @DisplayName("a new account: one url search, then POST /lead/ with name, https url and the mapped custom field")
    void newAccount() throws Exception {
        String domain = "acme-" + run + ".example.com";
        Account a = client.accounts().upsert(Account.builder().name("Acme").domain("https://www." + domain + "/x")
                .employees(42L).industry("not mapped").build()).record();
        List<ServeEvent> r = requests();
        assertThat(r).hasSize(2);
        JsonNode search = body(r.get(0));
        assertThat(search.at("/query/queries/1")).isEqualTo(JSON.readTree("""
                {"type":"field_condition","field":{"type":"regular_field","object_type":"lead","field_name":"url"},
                 "condition":{"type":"text","mode":"full_words","value":"%s"}}""".formatted(domain)));
        assertThat(search.at("/_fields/lead")).isEqualTo(JSON.readTree("""
                ["id","name","url","description","status_label","html_url","addresses","date_created","date_updated",
                 "custom.cf_Employees1"]"""));
        assertThat(path(r.get(1))).isEqualTo("/api/v1/lead/");
        assertThat(body(r.get(1))).isEqualTo(JSON.readTree("""
                {"name":"Acme","url":"https://%s","custom.cf_Employees1":42}""".formatted(domain)));
        assertThat(a.domain()).isEqualTo(domain);
        assertThat(a.employees()).isEqualTo(42L);
        assertThat(a.industry()).as("no custom field mapped for industry").isNull();
    }

    @Test
    @DisplayName("changed-since: one search per page with a moment_range from the instant, sorted by date_updated")
    void changedSince() throws Exception {
        Instant since = Instant.parse("2026-03-02T09:00:00.123456Z");
        client.contacts().changedSince(since, PageRequest.first(50));
        List<ServeEvent> r = requests();
        assertThat(r).hasSize(1);
        JsonNode b = body(r.get(0));
        assertThat(b.at("/query/queries/1")).isEqualTo(JSON.readTree("""
                {"type":"field_condition","field":{"type":"regular_field","object_type":"contact","field_name":"date_updated"},
                 "condition":{"type":"moment_range","on_or_after":{"type":"fixed_utc","value":"2026-03-02T09:00:00.123456+00:00"}}}"""));
        assertThat(b.at("/sort/0/field/field_name").asText()).isEqualTo("date_updated");
        assertThat(b.path("_limit").asInt()).isEqualTo(50);
    }

    @Test
    @DisplayName("a note on a contact: GET the contact's lead, then POST /activity/note/ with lead_id, contact_id and note")
    void noteOnContact() throws Exception {
        Contact c = client.contacts().upsert(Contact.builder().email("n-" + run + "@example.com").build()).record();
        SIM.server().resetRequests();
        client.notes().create(NoteTarget.contact(c.id()), "Called " + run);
        List<ServeEvent> r = requests();
        assertThat(r).hasSize(2);
        assertThat(path(r.get(0))).isEqualTo("/api/v1/contact/" + c.id().value() + "/?_fields=id%2Clead_id");
        assertThat(body(r.get(1))).isEqualTo(JSON.readTree("""
                {"lead_id":"%s","contact_id":"%s","note":"Called %s"}""".formatted(c.accountId().value(), c.id().value(), run)));
        SIM.server().resetRequests();
        client.notes().list(NoteTarget.contact(c.id()), PageRequest.first(20));
        assertThat(path(requests().get(0))).isEqualTo("/api/v1/activity/note/?contact_id=" + c.id().value()
                + "&_skip=0&_limit=20");
    }

    @Test
    @DisplayName("notes on opportunities and amounts finer than cents are refused before any request")
    void refusedLocally() {
        assertThatThrownBy(() -> client.notes().create(NoteTarget.opportunity(CrmId.of("close", "oppo_x")), "hi"))
                .isInstanceOfSatisfying(CrmValidationException.class,
                        e -> assertThat(e.fieldErrors()).extracting(f -> f.field()).containsExactly("target"));
        assertThatThrownBy(() -> client.opportunities().update("oppo_x",
                OpportunityUpdate.builder().amount(new BigDecimal("1.005")).build()))
                .isInstanceOfSatisfying(CrmValidationException.class,
                        e -> assertThat(e.fieldErrors()).extracting(f -> f.field()).containsExactly("amount"));
        assertThat(requests()).isEmpty();
    }

    @Test
    @DisplayName("opportunity update: statuses read once (cached), then PUT with status_id and value in cents")
    void opportunityUpdate() throws Exception {
        String won = "won-" + run;
        String statusId = SIM.addStatus(won, "won");
        String id = SIM.addOpportunity("Deal " + run, "Active", 120000, "USD", LocalDate.of(2031, 1, 31), null)
                .path("id").asText();
        Opportunity o = client.opportunities().update(id, OpportunityUpdate.builder().stage(won)
                .amount(new BigDecimal("2400.50")).build());
        List<ServeEvent> r = requests();
        assertThat(r).extracting(e -> e.getRequest().getMethod().getName() + " " + path(e))
                .containsExactly("GET /api/v1/status/opportunity/", "PUT /api/v1/opportunity/" + id + "/");
        assertThat(body(r.get(1))).isEqualTo(JSON.readTree("{\"status_id\":\"%s\",\"value\":240050}".formatted(statusId)));
        assertThat(o.stage()).isEqualTo(won);
        assertThat(o.amount()).isEqualByComparingTo("2400.50");
        assertThat(o.name()).isEqualTo("Deal " + run);
        assertThat(o.closeDate()).isEqualTo(LocalDate.of(2031, 1, 31));
        assertThat(o.customFields()).containsEntry("status_type", "won");
        SIM.server().resetRequests();
        client.opportunities().update(id, OpportunityUpdate.builder().stage("Active").build());
        assertThat(requests()).hasSize(1);
    }

    @Test
    @DisplayName("opportunity search: Close's list filters in the query, amount bounds applied to the page")
    void opportunitySearch() {
        client.opportunities().search(OpportunitySearch.builder().stage("Active").ownerId(CloseSimulator.USER)
                .closeDateFrom(LocalDate.of(2031, 1, 1)).closeDateTo(LocalDate.of(2031, 12, 31))
                .minAmount(new BigDecimal("10")).build(), PageRequest.first(50));
        assertThat(path(requests().get(0))).isEqualTo("/api/v1/opportunity/?status_label=Active&user_id="
                + CloseSimulator.USER + "&date_won__gte=2031-01-01&date_won__lte=2031-12-31&_order_by=date_created"
                + "&_skip=0&_limit=50");
    }

    @Test
    @DisplayName("an existing account: PUT /lead/{id}/ with only the changed fields; country goes to the first address")
    void existingAccount() throws Exception {
        String domain = "upd-" + run + ".example.com";
        CrmId id = client.accounts().upsert(Account.builder().name("Upd").domain(domain).build()).id();
        SIM.server().resetRequests();
        Account a = client.accounts().upsert(Account.builder().domain(domain).name("Upd").country("DE").employees(7L)
                .build()).record();
        List<ServeEvent> r = requests();
        assertThat(r).extracting(e -> e.getRequest().getMethod().getName() + " " + path(e))
                .containsExactly("POST /api/v1/data/search/", "PUT /api/v1/lead/" + id.value() + "/");
        assertThat(body(r.get(1))).isEqualTo(JSON.readTree("""
                {"addresses":[{"label":"business","country":"DE"}],"custom.cf_Employees1":7}"""));
        assertThat(a.country()).isEqualTo("DE");
        assertThat(a.employees()).isEqualTo(7L);
        assertThat(client.accounts().get(id.value())).isEqualTo(a);
    }
}
