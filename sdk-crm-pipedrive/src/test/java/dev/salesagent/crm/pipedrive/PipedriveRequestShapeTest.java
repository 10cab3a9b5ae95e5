package dev.salesagent.crm.pipedrive;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesagent.crm.Account;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.NoteTarget;
import dev.salesagent.crm.OpportunitySearch;
import dev.salesagent.crm.OpportunityUpdate;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.pipedrive.sim.PipedriveSimulator;
import dev.salesagent.crm.spi.CrmClientOptions;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Each SPI operation's requests (method, path, query, headers, JSON body) and their number, as Pipedrive documents them. */
class PipedriveRequestShapeTest {

    private PipedriveSimulator sim;
    private CrmClient client;

    @BeforeEach
    void start() {
        sim = PipedriveSimulator.launch();
        client = new PipedriveCrmClientProvider().create(PipedriveTestConfig.apiToken(sim),
                CrmClientOptions.builder().clock(sim.clock()).build());
    }

    @AfterEach
    void stop() {
        client.close();
        sim.stop();
        assertThat(sim.violations()).isEmpty();
    }

    @Test
    @DisplayName("contact upsert of a new e-mail: exact-match e-mail search, then POST /api/v2/persons with x-api-token")
    void contactCreate() {
        client.contacts().upsert(Contact.builder().email("Ada@Example.com").firstName("Ada").lastName("Lovelace")
                .title("Analyst").phone("+44 20 7946 0000").build());
        sim.server().verify(getRequestedFor(urlPathEqualTo("/api/v2/persons/search"))
                .withHeader("x-api-token", equalTo(PipedriveSimulator.API_TOKEN))
                .withQueryParam("term", equalTo("ada@example.com")).withQueryParam("fields", equalTo("email"))
                .withQueryParam("exact_match", equalTo("true")).withQueryParam("limit", equalTo("500")));
        sim.server().verify(postRequestedFor(urlPathEqualTo("/api/v2/persons"))
                .withHeader("x-api-token", equalTo(PipedriveSimulator.API_TOKEN))
                .withHeader("Content-Type", matching("application/json.*"))
                .withRequestBody(equalToJson("{\"name\":\"Ada Lovelace\",\"phones\":[{\"value\":\"+44 20 7946 0000\","
                        + "\"primary\":true,\"label\":\"work\"}],\"job_title\":\"Analyst\",\"emails\":[{\"value\":"
                        + "\"ada@example.com\",\"primary\":true,\"label\":\"work\"}]}")));
        assertThat(sim.requests()).isEqualTo(2);
    }

    @Test
    @DisplayName("contact delete: one DELETE /api/v2/persons/{id}; the person is gone and a second delete is 404")
    void contactDelete() {
        long id = sim.addPerson("Erin Erased", "erin@example.com");
        client.contacts().delete(Long.toString(id));
        sim.server().verify(1, deleteRequestedFor(urlPathEqualTo("/api/v2/persons/" + id))
                .withHeader("x-api-token", equalTo(PipedriveSimulator.API_TOKEN)));
        assertThat(sim.requests()).isEqualTo(1);
        assertThatThrownBy(() -> client.contacts().get(Long.toString(id))).isInstanceOf(CrmNotFoundException.class);
        assertThatThrownBy(() -> client.contacts().delete(Long.toString(id))).isInstanceOf(CrmNotFoundException.class);
        assertThat(client.contacts().findByEmail("erin@example.com")).isEmpty();
    }

    @Test
    @DisplayName("contact upsert of a known e-mail: search, then PATCH with only the fields given (no e-mail rewrite)")
    void contactUpdate() {
        long id = sim.addPerson("Ada Lovelace", "ada@example.com");
        client.contacts().upsert(Contact.builder().email("ADA@example.com").title("Engineer").build());
        sim.server().verify(patchRequestedFor(urlPathEqualTo("/api/v2/persons/" + id))
                .withRequestBody(equalToJson("{\"job_title\":\"Engineer\"}")));
        assertThat(sim.requests()).isEqualTo(2);
    }

    @Test
    @DisplayName("contact linked by account domain: the organization is found by its domain field and sent as org_id")
    void contactLinkedByDomain() {
        CrmId org = client.accounts().upsert(Account.builder().domain("acme.com").name("Acme").build()).id();
        long before = sim.requests();
        client.contacts().upsert(Contact.builder().email("bo@acme.com").accountDomain("https://www.acme.com").build());
        sim.server().verify(getRequestedFor(urlPathEqualTo("/api/v2/organizations/search"))
                .withQueryParam("term", equalTo("acme.com")).withQueryParam("fields", equalTo("custom_fields"))
                .withQueryParam("exact_match", equalTo("true")));
        sim.server().verify(postRequestedFor(urlPathEqualTo("/api/v2/persons"))
                .withRequestBody(equalToJson("{\"org_id\":" + org.value() + ",\"name\":\"bo@acme.com\",\"emails\":"
                        + "[{\"value\":\"bo@acme.com\",\"primary\":true,\"label\":\"work\"}]}")));
        assertThat(sim.requests() - before).isEqualTo(3);
    }

    @Test
    @DisplayName("account upsert: domain field search, then POST /api/v2/organizations with the mapped custom fields")
    void accountCreate() {
        client.accounts().upsert(Account.builder().domain("https://www.Acme.com/").name("Acme").employees(250L)
                .industry("Manufacturing").build());
        sim.server().verify(postRequestedFor(urlPathEqualTo("/api/v2/organizations"))
                .withRequestBody(equalToJson("{\"name\":\"Acme\",\"custom_fields\":{\""
                        + PipedriveSimulator.ORG_INDUSTRY_FIELD + "\":\"Manufacturing\",\""
                        + PipedriveSimulator.ORG_EMPLOYEES_FIELD + "\":250,\"" + PipedriveSimulator.ORG_DOMAIN_FIELD
                        + "\":\"acme.com\"}}")));
        assertThat(sim.requests()).isEqualTo(2);
    }

    @Test
    @DisplayName("changed-since: GET /api/v2/persons with updated_since (whole seconds), sort_by=update_time asc, limit and cursor")
    void changedSince() {
        for (int i = 0; i < 3; i++) {
            sim.addPerson("P " + i, "p" + i + "@example.com");
        }
        var page = client.contacts().changedSince(Instant.parse("2026-01-05T08:59:59.750Z"), PageRequest.first(2));
        assertThat(page.items()).hasSize(2);
        assertThat(page.nextCursor()).isNotNull();
        sim.server().verify(getRequestedFor(urlPathEqualTo("/api/v2/persons"))
                .withQueryParam("updated_since", equalTo("2026-01-05T08:59:59Z"))
                .withQueryParam("sort_by", equalTo("update_time")).withQueryParam("sort_direction", equalTo("asc"))
                .withQueryParam("limit", equalTo("2")));
        assertThat(client.contacts().changedSince(Instant.parse("2026-01-05T08:59:59.750Z"),
                PageRequest.first(2).next(page.nextCursor())).items()).hasSize(1);
    }

    @Test
    @DisplayName("note create: POST /api/v1/notes with content and person_id; list pages by start/limit, oldest first")
    void notes() {
        long person = sim.addPerson("Ada", "ada@example.com");
        client.notes().create(NoteTarget.contact(CrmId.of("pipedrive", Long.toString(person))), "Called");
        sim.server().verify(postRequestedFor(urlPathEqualTo("/api/v1/notes"))
                .withRequestBody(equalToJson("{\"content\":\"Called\",\"person_id\":" + person + "}")));
        client.notes().list(NoteTarget.contact(CrmId.of("pipedrive", Long.toString(person))), PageRequest.first(10));
        sim.server().verify(getRequestedFor(urlPathEqualTo("/api/v1/notes"))
                .withQueryParam("person_id", equalTo(Long.toString(person))).withQueryParam("start", equalTo("0"))
                .withQueryParam("limit", equalTo("10")).withQueryParam("sort", equalTo("add_time ASC")));
    }

    @Test
    @DisplayName("deal update: the stage name becomes stage_id from GET /api/v2/stages; PATCH sends stage_id and value")
    void dealUpdate() {
        long deal = sim.addDeal("Fleet", "Qualified", new BigDecimal("1200"), "USD", LocalDate.of(2026, 3, 1), null, null);
        long won = sim.addStage("Negotiation");
        client.opportunities().update(Long.toString(deal), OpportunityUpdate.builder().stage("Negotiation")
                .amount(new BigDecimal("2400.50")).build());
        sim.server().verify(patchRequestedFor(urlPathEqualTo("/api/v2/deals/" + deal))
                .withRequestBody(equalToJson("{\"stage_id\":" + won + ",\"value\":2400.50}")));
        assertThat(sim.calls("GET", "/api/v2/stages")).hasSize(1);
    }

    @Test
    @DisplayName("deal search: owner_id and stage_id go to Pipedrive, close date and amount are filtered client-side")
    void dealSearch() {
        long stage = sim.addStage("Proposal");
        sim.addDeal("Big", "Proposal", new BigDecimal("50000"), "USD", LocalDate.of(2031, 6, 15), null, null);
        sim.addDeal("Small", "Proposal", new BigDecimal("500"), "USD", LocalDate.of(2031, 6, 15), null, null);
        var page = client.opportunities().search(OpportunitySearch.builder().ownerId("7").stage("Proposal")
                .minAmount(new BigDecimal("1000")).build(), PageRequest.first(50));
        assertThat(page.items()).extracting(o -> o.name()).containsExactly("Big");
        sim.server().verify(getRequestedFor(urlPathEqualTo("/api/v2/deals")).withQueryParam("owner_id", equalTo("7"))
                .withQueryParam("stage_id", equalTo(Long.toString(stage))).withQueryParam("limit", equalTo("50")));
    }

    @Test
    @DisplayName("stage names: an unknown name searches nothing; a name used in two pipelines is refused on update")
    void stageNames() {
        long deal = sim.addDeal("Fleet", "Won", new BigDecimal("1"), "USD", null, null, null);
        sim.addStage("Won");
        assertThat(client.opportunities().search(OpportunitySearch.builder().stage("No such stage").build(),
                PageRequest.first(10)).items()).isEmpty();
        assertThat(sim.calls("GET", "/api/v2/deals")).isEmpty();
        assertThat(sim.calls("GET", "/api/v2/stages")).hasSize(2);
        assertThat(client.opportunities().search(OpportunitySearch.builder().stage("Won").build(), PageRequest.first(10))
                .items()).extracting(o -> o.id().value()).containsExactly(Long.toString(deal));
        sim.server().verify(getRequestedFor(urlPathEqualTo("/api/v2/deals")).withoutQueryParam("stage_id"));
        assertThatThrownBy(() -> client.opportunities().update(Long.toString(deal), OpportunityUpdate.builder().stage("Won").build()))
                .isInstanceOfSatisfying(CrmValidationException.class, e -> assertThat(e.fieldErrors())
                        .extracting(CrmValidationException.FieldError::code).containsExactly("AMBIGUOUS_STAGE"));
        assertThat(sim.calls("PATCH", "/api/v2/deals/" + deal)).isEmpty();
    }

    @Test
    @DisplayName("a note on a missing person is Pipedrive's 400, surfaced as CrmValidationException naming person_id")
    void noteOnMissingTarget() {
        assertThatThrownBy(() -> client.notes().create(NoteTarget.contact(CrmId.of("pipedrive", "424242")), "x"))
                .isInstanceOfSatisfying(CrmValidationException.class, e -> assertThat(e.fieldErrors())
                        .extracting(CrmValidationException.FieldError::field).containsExactly("person_id"));
    }

    @Test
    @DisplayName("product by SKU: exact-match search on code, then GET /api/v2/products/{id}; text search reads hits by ids")
    void products() {
        long id = sim.addProduct("FUSE-X1", "Fuse X1", new BigDecimal("99.00"), "USD");
        assertThat(client.products().findBySku("FUSE-X1").orElseThrow().unitPrice()).isEqualByComparingTo("99.00");
        sim.server().verify(getRequestedFor(urlPathEqualTo("/api/v2/products/search")).withQueryParam("term", equalTo("FUSE-X1"))
                .withQueryParam("fields", equalTo("code")).withQueryParam("exact_match", equalTo("true")));
        assertThat(sim.requests()).isEqualTo(2);
        client.products().search("fuse", PageRequest.first(20));
        sim.server().verify(getRequestedFor(urlPathEqualTo("/api/v2/products")).withQueryParam("ids", equalTo(Long.toString(id))));
        assertThat(sim.requests()).isEqualTo(4);
    }

    @Test
    @DisplayName("bad input fails before any request: a malformed e-mail, a non-numeric id")
    void clientSideValidation() {
        assertThatThrownBy(() -> client.contacts().upsert(Contact.builder().email("not-an-email").build()))
                .isInstanceOfSatisfying(CrmValidationException.class, e ->
                        assertThat(e.fieldErrors()).extracting(CrmValidationException.FieldError::field).containsExactly("email"));
        assertThatThrownBy(() -> client.contacts().get("abc")).isInstanceOf(CrmValidationException.class);
        assertThat(sim.requests()).isZero();
    }
}
