package dev.salesagent.crm.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.Note;
import dev.salesagent.crm.NoteTarget;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.OpportunitySearch;
import dev.salesagent.crm.OpportunityUpdate;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.salesforce.simulator.SalesforceSimulator;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Salesforce opportunities and notes")
class SalesforceOpportunitiesNotesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/services/data/" + SalesforceSimulator.API_VERSION;
    private static TestOrg org;
    private static SalesforceCrmClient client;

    @BeforeAll
    static void start() {
        org = new TestOrg(true);
        client = org.client();
    }

    @AfterAll
    static void stop() {
        org.close();
    }

    @Test
    @DisplayName("search over the sample opportunities matches exactly what the filters select, across pages")
    void searchSampleData() {
        OpportunitySearch search = OpportunitySearch.builder().stage("Negotiation/Review")
                .minAmount(new BigDecimal("10000")).closeDateFrom(LocalDate.of(2020, 1, 1))
                .closeDateTo(LocalDate.of(2021, 12, 31)).build();
        List<Opportunity> found = Page.stream(p -> client.opportunities().search(search, p), 2).toList();
        long expected = org.sim.records("Opportunity").stream()
                .filter(o -> o.get("StageName").asText().equals("Negotiation/Review"))
                .filter(o -> o.get("Amount").decimalValue().compareTo(new BigDecimal("10000")) >= 0)
                .filter(o -> !LocalDate.parse(o.get("CloseDate").asText()).isBefore(LocalDate.of(2020, 1, 1))
                        && !LocalDate.parse(o.get("CloseDate").asText()).isAfter(LocalDate.of(2021, 12, 31)))
                .count();
        assertThat(expected).isGreaterThan(2);
        assertThat(found).hasSize((int) expected).doesNotHaveDuplicates().allSatisfy(o -> {
            assertThat(o.stage()).isEqualTo("Negotiation/Review");
            assertThat(o.amount()).isGreaterThanOrEqualTo(new BigDecimal("10000"));
            assertThat(o.currency()).isEqualTo("USD");
            assertThat(o.ownerId()).isEqualTo(org.sim.integrationUserId());
        });
    }

    @Test
    @DisplayName("update PATCHes only StageName and Amount, then reads the opportunity back")
    void update() throws Exception {
        String id = org.sim.records("Opportunity").get(0).get("Id").asText();
        Opportunity updated = client.opportunities().update(id, OpportunityUpdate.builder().stage("Closed Won")
                .amount(new BigDecimal("123456.78")).build());
        assertThat(updated.stage()).isEqualTo("Closed Won");
        assertThat(updated.amount()).isEqualByComparingTo("123456.78");
        List<LoggedRequest> patches = org.sim.server().findAll(patchRequestedFor(urlPathEqualTo(
                API + "/sobjects/Opportunity/" + id)));
        assertThat(patches).hasSize(1);
        JsonNode body = JSON.readTree(patches.get(0).getBodyAsString());
        assertThat(body.size()).isEqualTo(2);
        assertThat(body.get("StageName").asText()).isEqualTo("Closed Won");
        assertThat(body.get("Amount").decimalValue()).isEqualByComparingTo("123456.78");

        assertThatThrownBy(() -> client.opportunities().update("006ZZ9999999999AAA",
                OpportunityUpdate.builder().stage("Closed Lost").build()))
                .isInstanceOfSatisfying(CrmNotFoundException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.vendorCode()).isEqualTo("NOT_FOUND");
                });
    }

    @Test
    @DisplayName("a note is a Note with ParentId, a Title from its first line and the full Body")
    void createNote() throws Exception {
        CrmId contact = client.contacts().upsert(Contact.builder().email("noted@example.com").lastName("Noted")
                .build()).id();
        String body = "Discussed renewal pricing and a pilot for Q3\nFollow up next week with the proposal.";
        Note note = client.notes().create(NoteTarget.contact(contact), body);
        assertThat(note.id().value()).startsWith("002");
        assertThat(note.body()).isEqualTo(body);
        assertThat(note.timestamp()).isNotNull();
        List<LoggedRequest> posts = org.sim.server().findAll(postRequestedFor(urlPathEqualTo(API + "/sobjects/Note")));
        JsonNode sent = JSON.readTree(posts.get(posts.size() - 1).getBodyAsString());
        assertThat(sent.get("ParentId").asText()).isEqualTo(contact.value());
        assertThat(sent.get("Title").asText()).isEqualTo("Discussed renewal pricing and a pilot for Q3");
        assertThat(client.notes().list(NoteTarget.contact(contact), PageRequest.first(10)).items())
                .extracting(Note::id).containsExactly(note.id());
    }

    @Test
    @DisplayName("note bodies over 32,000 characters, blank bodies and unknown targets are refused")
    void noteLimits() {
        CrmId contact = client.contacts().upsert(Contact.builder().email("limits@example.com").lastName("L").build())
                .id();
        assertThatThrownBy(() -> client.notes().create(NoteTarget.contact(contact), "x".repeat(32_001)))
                .isInstanceOfSatisfying(CrmValidationException.class, e -> assertThat(e.fieldErrors())
                        .extracting(CrmValidationException.FieldError::code).containsExactly("STRING_TOO_LONG"));
        assertThat(client.notes().create(NoteTarget.contact(contact), "y".repeat(32_000)).body()).hasSize(32_000);
        assertThatThrownBy(() -> client.notes().create(NoteTarget.contact(contact), "  "))
                .isInstanceOf(CrmValidationException.class);
        assertThatThrownBy(() -> client.notes().create(NoteTarget.account(CrmId.of("salesforce",
                "001ZZ9999999999AAA")), "hello"))
                .isInstanceOfSatisfying(CrmNotFoundException.class,
                        e -> assertThat(e.vendorCode()).isEqualTo("INVALID_CROSS_REFERENCE_KEY"));
        assertThatThrownBy(() -> client.notes().create(NoteTarget.account(contact), "wrong kind of id"))
                .isInstanceOf(CrmNotFoundException.class);
    }

    @Test
    @DisplayName("notes list oldest first across pages")
    void notePaging() {
        CrmId contact = client.contacts().upsert(Contact.builder().email("many@example.com").lastName("Many").build())
                .id();
        for (int i = 0; i < 5; i++) {
            client.notes().create(NoteTarget.contact(contact), "note " + i);
            org.sim.advanceClock(java.time.Duration.ofSeconds(1));
        }
        List<String> bodies = Page.stream(p -> client.notes().list(NoteTarget.contact(contact), p), 2)
                .map(Note::body).toList();
        assertThat(bodies).containsExactly("note 0", "note 1", "note 2", "note 3", "note 4");
    }
}
