package dev.salesagent.crm.freshsales;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.salesagent.crm.Account;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.NoteTarget;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.OpportunitySearch;
import dev.salesagent.crm.OpportunityUpdate;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.freshsales.sim.FreshsalesSimulator;
import dev.salesagent.crm.spi.CrmClientOptions;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The exact requests (method, path, query, headers, JSON) each SPI operation sends, and how many: the request budget
 * the README documents.
 */
class FreshsalesRequestShapeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final FreshsalesSimulator sim = FreshsalesSimulator.launch();
    private final FreshsalesCrmClient client = FreshsalesCrmClient.builder(FreshsalesConfig.from(sim.config()))
            .options(CrmClientOptions.builder().clock(sim.clock()).build()).build();

    @AfterEach
    void stop() {
        client.close();
        assertThat(sim.violations()).isEmpty();
        sim.stop();
    }

    private List<LoggedRequest> requests(Runnable action) {
        sim.server().resetRequests();
        action.run();
        return sim.server().findAll(anyRequestedFor(anyUrl()));
    }

    private static JsonNode body(LoggedRequest r) throws Exception {
        return JSON.readTree(r.getBodyAsString());
    }

    @Test
    @DisplayName("contacts().upsert is one POST /contacts/upsert with unique_identifier.emails, the Token header and"
            + " the mapped fields; 201 means created")
    void contactUpsert() throws Exception {
        CrmId account = client.accounts().upsert(Account.builder().name("Acme").domain("acme.example").build()).id();
        List<LoggedRequest> sent = requests(() -> assertThat(client.contacts().upsert(Contact.builder()
                .email("Ada@Acme.Example").firstName("Ada").lastName("Lovelace").title("CTO").phone("+1 555 0100")
                .accountId(account).build()).created()).isTrue());
        assertThat(sent).hasSize(1);
        LoggedRequest r = sent.get(0);
        assertThat(r.getMethod().getName()).isEqualTo("POST");
        assertThat(r.getUrl()).isEqualTo("/crm/sales/api/contacts/upsert");
        assertThat(r.getHeader("Authorization")).isEqualTo("Token token=" + FreshsalesSimulator.API_KEY);
        assertThat(r.getHeader("Content-Type")).startsWith("application/json");
        assertThat(body(r)).isEqualTo(JSON.readTree("""
                {"unique_identifier":{"emails":"ada@acme.example"},
                 "contact":{"email":"ada@acme.example","first_name":"Ada","last_name":"Lovelace","job_title":"CTO",
                            "work_number":"+1 555 0100","sales_accounts":[{"id":%s,"is_primary":true}]}}
                """.formatted(account.value())));
        Contact stored = client.contacts().get(client.contacts().findByEmail("ada@acme.example").orElseThrow().id().value());
        assertThat(stored.accountId()).isEqualTo(account);
        assertThat(stored.title()).isEqualTo("CTO");
    }

    @Test
    @DisplayName("contacts().delete is one DELETE /contacts/{id} answered true; the contact is gone, a second is 404")
    void contactDelete() {
        String id = client.contacts().upsert(Contact.builder().email("gone@acme.example").lastName("Gone").build())
                .id().value();
        List<LoggedRequest> sent = requests(() -> client.contacts().delete(id));
        assertThat(sent).extracting(r -> r.getMethod().getName() + " " + r.getUrl())
                .containsExactly("DELETE /crm/sales/api/contacts/" + id);
        assertThat(sent.get(0).getHeader("Authorization")).isEqualTo("Token token=" + FreshsalesSimulator.API_KEY);
        assertThatThrownBy(() -> client.contacts().delete(id)).isInstanceOf(CrmNotFoundException.class);
        assertThat(client.contacts().findByEmail("gone@acme.example")).isEmpty();
    }

    @Test
    @DisplayName("a contact linked by accountDomain costs one account search per distinct domain in a batch")
    void contactDomainLink() {
        CrmId account = client.accounts().upsert(Account.builder().name("Acme").domain("acme.example").build()).id();
        List<LoggedRequest> sent = requests(() -> client.contacts().upsertAll(List.of(
                Contact.builder().email("a@acme.example").accountDomain("acme.example").build(),
                Contact.builder().email("b@acme.example").accountDomain("www.acme.example").build())));
        assertThat(sent).extracting(r -> r.getMethod().getName() + " " + r.getUrl()).containsExactly(
                "POST /crm/sales/api/filtered_search/sales_account?page=1&per_page=100",
                "POST /crm/sales/api/contacts/upsert", "POST /crm/sales/api/contacts/upsert");
        assertThat(client.contacts().findByEmail("b@acme.example").orElseThrow().accountId()).isEqualTo(account);
    }

    @Test
    @DisplayName("findByEmail is one filtered search on contact_email.email; changedSince one on updated_at is_after,"
            + " sorted by updated_at ascending, page/per_page in the query")
    void contactSearches() throws Exception {
        List<LoggedRequest> sent = requests(() -> client.contacts().findByEmail("Nobody@Example.com"));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getUrl()).isEqualTo("/crm/sales/api/filtered_search/contact?page=1&per_page=10");
        assertThat(body(sent.get(0))).isEqualTo(JSON.readTree("""
                {"filter_rule":[{"attribute":"contact_email.email","operator":"is_in","value":"nobody@example.com"}],
                 "sort":"updated_at","sort_type":"asc"}"""));
        sent = requests(() -> client.contacts().changedSince(Instant.parse("2026-01-01T00:00:00Z"),
                PageRequest.first(500)));
        assertThat(sent.get(0).getUrl()).isEqualTo("/crm/sales/api/filtered_search/contact?page=1&per_page=100");
        assertThat(body(sent.get(0)).path("filter_rule").get(0)).isEqualTo(JSON.readTree(
                "{\"attribute\":\"updated_at\",\"operator\":\"is_after\",\"value\":\"2026-01-01T00:00:00Z\"}"));
    }

    @Test
    @DisplayName("accounts().upsert searches website, then POSTs a new sales_account (named after the domain when"
            + " no name is given) or PUTs the existing one: two requests")
    void accountUpsert() throws Exception {
        List<LoggedRequest> sent = requests(() -> client.accounts().upsert(Account.builder().domain("https://www.Globex.example/")
                .employees(12L).annualRevenue(new BigDecimal("1500000.50")).build()));
        assertThat(sent).extracting(r -> r.getMethod().getName() + " " + r.getUrl()).containsExactly(
                "POST /crm/sales/api/filtered_search/sales_account?page=1&per_page=100",
                "POST /crm/sales/api/sales_accounts");
        assertThat(body(sent.get(0)).path("filter_rule").get(0).path("value").asText()).isEqualTo("globex.example");
        assertThat(body(sent.get(1))).isEqualTo(JSON.readTree("""
                {"sales_account":{"name":"globex.example","website":"globex.example","number_of_employees":12,
                                  "annual_revenue":1500000.50}}"""));
        sent = requests(() -> client.accounts().upsert(Account.builder().domain("globex.example").name("Globex").build()));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).getMethod().getName()).isEqualTo("PUT");
        assertThat(sent.get(1).getUrl()).matches("/crm/sales/api/sales_accounts/[0-9]+");
        assertThat(body(sent.get(1))).isEqualTo(JSON.readTree(
                "{\"sales_account\":{\"name\":\"Globex\",\"website\":\"globex.example\"}}"));
    }

    @Test
    @DisplayName("notes().create is one POST /notes with targetable_type SalesAccount; list one GET ?include=notes")
    void notes() throws Exception {
        CrmId account = client.accounts().upsert(Account.builder().name("Acme").domain("acme.example").build()).id();
        List<LoggedRequest> sent = requests(() -> client.notes().create(NoteTarget.account(account), "Renewal call"));
        assertThat(sent).hasSize(1);
        assertThat(body(sent.get(0))).isEqualTo(JSON.readTree("""
                {"note":{"description":"Renewal call","targetable_type":"SalesAccount","targetable_id":%s}}"""
                .formatted(account.value())));
        sent = requests(() -> assertThat(client.notes().list(NoteTarget.account(account), PageRequest.first())
                .items()).extracting(n -> n.body()).containsExactly("Renewal call"));
        assertThat(sent).extracting(LoggedRequest::getUrl)
                .containsExactly("/crm/sales/api/sales_accounts/" + account.value() + "?include=notes");
    }

    @Test
    @DisplayName("deals: stages are read once from /selector/deal_stages; update is one PUT /deals/<id> with"
            + " deal_stage_id and amount; search sends stage and owner as filter rules")
    void deals() throws Exception {
        Opportunity seeded = sim.seedDeal(Opportunity.builder().name("Big deal").stage("New").ownerId("77")
                .amount(new BigDecimal("100")).closeDate(LocalDate.of(2031, 1, 31)).build());
        long won = sim.seedStage("Won");
        List<LoggedRequest> sent = requests(() -> client.opportunities().update(seeded.id().value(),
                OpportunityUpdate.builder().stage("Won").amount(new BigDecimal("250.00")).build()));
        assertThat(sent).extracting(r -> r.getMethod().getName() + " " + r.getUrl()).containsExactly(
                "GET /crm/sales/api/selector/deal_stages", "PUT /crm/sales/api/deals/" + seeded.id().value());
        assertThat(body(sent.get(1))).isEqualTo(JSON.readTree(
                "{\"deal\":{\"deal_stage_id\":" + won + ",\"amount\":250.00}}"));
        assertThat(sim.dealAmount(seeded.id().value())).isEqualByComparingTo("250");
        sent = requests(() -> assertThat(client.opportunities().search(OpportunitySearch.builder().stage("Won")
                .ownerId("77").build(), PageRequest.first(20)).items()).extracting(Opportunity::id)
                .containsExactly(seeded.id()));
        assertThat(sent).hasSize(1);
        assertThat(body(sent.get(0)).path("filter_rule")).isEqualTo(JSON.readTree("""
                [{"attribute":"owner_id","operator":"is_in","value":"77"},
                 {"attribute":"deal_stage_id","operator":"is_in","value":"%d"}]""".formatted(won)));
        Opportunity got = client.opportunities().get(seeded.id().value());
        assertThat(got.stage()).isEqualTo("Won");
        assertThat(got.closeDate()).isEqualTo(LocalDate.of(2031, 1, 31));
        assertThat(got.currency()).isEqualTo("USD");
        assertThat(got.customFields()).isEqualTo(Map.of());
    }
}
