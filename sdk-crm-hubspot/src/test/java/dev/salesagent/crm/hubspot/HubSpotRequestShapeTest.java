package dev.salesagent.crm.hubspot;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salesagent.crm.Account;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.NoteTarget;
import dev.salesagent.crm.OpportunitySearch;
import dev.salesagent.crm.OpportunityUpdate;
import dev.salesagent.crm.PageRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Each operation's recorded request (path, method, headers, JSON) matches HubSpot's documented shape. */
class HubSpotRequestShapeTest {

    SimulatedHubSpot hs;

    @BeforeEach
    void start() {
        hs = SimulatedHubSpot.start();
    }

    @AfterEach
    void stop() {
        hs.close();
    }

    @Test
    @DisplayName("contact upsert: POST batch/upsert with idProperty=email, objectWriteTraceId and bearer token")
    void contactUpsert() {
        hs.client.contacts().upsert(Contact.builder().email("Ada@Example.com").firstName("Ada").lastName("Lovelace")
                .title("Analyst").build());
        hs.sim.server().verify(postRequestedFor(urlEqualTo("/crm/v3/objects/contacts/batch/upsert"))
                .withHeader("Authorization", equalTo("Bearer " + SimulatedHubSpot.TOKEN))
                .withHeader("Content-Type", matching("application/json.*"))
                .withRequestBody(equalToJson("{\"inputs\":[{\"id\":\"ada@example.com\",\"idProperty\":\"email\","
                        + "\"objectWriteTraceId\":\"0\",\"properties\":{\"firstname\":\"Ada\",\"lastname\":\"Lovelace\","
                        + "\"jobtitle\":\"Analyst\"}}]}")));
    }

    @Test
    @DisplayName("company upsert: domain IN search, then batch/create with numbers as plain decimal strings")
    void companyUpsert() {
        hs.client.accounts().upsert(Account.builder().domain("https://www.Acme.com/").name("Acme").employees(250L)
                .annualRevenue(new BigDecimal("1.20E+6")).build());
        hs.sim.server().verify(postRequestedFor(urlEqualTo("/crm/v3/objects/companies/search"))
                .withRequestBody(equalToJson("{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"domain\","
                        + "\"operator\":\"IN\",\"values\":[\"acme.com\"]}]}],\"sorts\":[{\"propertyName\":\"hs_object_id\","
                        + "\"direction\":\"ASCENDING\"}],\"properties\":[\"domain\"],\"limit\":200}")));
        hs.sim.server().verify(postRequestedFor(urlEqualTo("/crm/v3/objects/companies/batch/create"))
                .withRequestBody(equalToJson("{\"inputs\":[{\"objectWriteTraceId\":\"0\",\"properties\":{\"name\":\"Acme\","
                        + "\"domain\":\"acme.com\",\"numberofemployees\":\"250\",\"annualrevenue\":\"1200000\"}}]}")));
        assertThat(hs.sim.calls()).hasSize(2);
    }

    @Test
    @DisplayName("contact linked by account domain: companies search by domain IN, then v4 default association")
    void contactAccountLink() {
        String companyId = hs.sim.seed("companies", Map.of("domain", "acme.com", "name", "Acme"));
        Contact c = hs.client.contacts().upsert(Contact.builder().email("bo@acme.com").accountDomain("acme.com").build())
                .record();
        hs.sim.server().verify(postRequestedFor(urlEqualTo("/crm/v3/objects/companies/search"))
                .withRequestBody(equalToJson("{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"domain\","
                        + "\"operator\":\"IN\",\"values\":[\"acme.com\"]}]}],\"sorts\":[{\"propertyName\":\"hs_object_id\","
                        + "\"direction\":\"ASCENDING\"}],\"properties\":[\"domain\"],\"limit\":200}")));
        hs.sim.server().verify(postRequestedFor(urlEqualTo("/crm/v4/associations/contacts/companies/batch/associate/default"))
                .withRequestBody(equalToJson("{\"inputs\":[{\"from\":{\"id\":\"" + c.id().value() + "\"},\"to\":{\"id\":\""
                        + companyId + "\"}}]}")));
        assertThat(c.accountId()).isEqualTo(CrmId.of("hubspot", companyId));
        assertThat(hs.sim.associatedIds("contacts", c.id().value(), "companies")).containsExactly(companyId);
    }

    @Test
    @DisplayName("contact delete: one DELETE of the record (archive, 204), also for an unknown id")
    void contactDelete() {
        String id = hs.sim.seed("contacts", Map.of("email", "gone@example.com"));
        hs.client.contacts().delete(id);
        hs.client.contacts().delete("424242424242");
        hs.sim.server().verify(1, deleteRequestedFor(urlEqualTo("/crm/v3/objects/contacts/" + id))
                .withHeader("Authorization", equalTo("Bearer " + SimulatedHubSpot.TOKEN)));
        assertThat(hs.sim.calls()).extracting(c -> c.method() + " " + c.path() + " " + c.status()).containsExactly(
                "DELETE /crm/v3/objects/contacts/" + id + " 204", "DELETE /crm/v3/objects/contacts/424242424242 204");
        assertThat(hs.sim.find("contacts", "email", "gone@example.com")).as("archived").isNull();
        assertThat(hs.sim.stored("contacts", id)).as("archive keeps the record restorable").isTrue();
    }

    @Test
    @DisplayName("contact erase: GET by idProperty=email, then one POST gdpr-delete by record id; none sent for an unknown e-mail")
    void contactErase() {
        String id = hs.sim.seed("contacts", Map.of("email", "erin@example.com"));
        assertThat(hs.client.contacts().erase("Erin@Example.com")).isTrue();
        assertThat(hs.client.contacts().erase("nobody@example.com")).isFalse();
        hs.sim.server().verify(1, postRequestedFor(urlEqualTo("/crm/v3/objects/contacts/gdpr-delete"))
                .withHeader("Content-Type", matching("application/json.*"))
                .withRequestBody(equalToJson("{\"objectId\":\"" + id + "\"}")));
        assertThat(hs.sim.calls()).extracting(c -> c.method() + " " + c.path() + " " + c.status()).containsExactly(
                "GET /crm/v3/objects/contacts/erin%40example.com 200",
                "POST /crm/v3/objects/contacts/gdpr-delete 204",
                "GET /crm/v3/objects/contacts/nobody%40example.com 404");
        assertThat(hs.sim.gdprDeleted()).containsExactly(id);
        assertThat(hs.sim.stored("contacts", id)).as("GDPR delete is permanent").isFalse();
    }

    @Test
    @DisplayName("find by e-mail: GET by idProperty with properties and associations")
    void findByEmail() {
        hs.client.contacts().findByEmail("Ada@Example.com");
        hs.sim.server().verify(getRequestedFor(urlPathEqualTo("/crm/v3/objects/contacts/ada%40example.com"))
                .withQueryParam("idProperty", equalTo("email"))
                .withQueryParam("properties", equalTo("email,firstname,lastname,jobtitle,phone"))
                .withQueryParam("associations", equalTo("companies")));
    }

    @Test
    @DisplayName("changed since: search on lastmodifieddate GT epoch millis, ascending, limit capped at 200")
    void changedSince() {
        Instant since = Instant.parse("2026-01-02T03:04:05.678Z");
        hs.client.contacts().changedSince(since, PageRequest.first(500));
        hs.sim.server().verify(postRequestedFor(urlEqualTo("/crm/v3/objects/contacts/search"))
                .withRequestBody(equalToJson("{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"lastmodifieddate\","
                        + "\"operator\":\"GT\",\"value\":\"" + since.toEpochMilli() + "\"}]}],"
                        + "\"sorts\":[{\"propertyName\":\"lastmodifieddate\",\"direction\":\"ASCENDING\"}],"
                        + "\"properties\":[\"email\",\"firstname\",\"lastname\",\"jobtitle\",\"phone\"],\"limit\":200}")));
        hs.client.accounts().changedSince(since, PageRequest.first(10));
        hs.sim.server().verify(postRequestedFor(urlEqualTo("/crm/v3/objects/companies/search"))
                .withRequestBody(matchingJsonPath("$.filterGroups[0].filters[0].propertyName", "hs_lastmodifieddate")));
    }

    private static com.github.tomakehurst.wiremock.matching.StringValuePattern matchingJsonPath(String path, String value) {
        return com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(path, equalTo(value));
    }

    @Test
    @DisplayName("note: POST notes with hs_note_body, hs_timestamp and the note-to-contact association type 202")
    void noteCreate() {
        String contactId = hs.sim.seed("contacts", Map.of("email", "ada@example.com"));
        hs.client.notes().create(NoteTarget.contact(CrmId.of("hubspot", contactId)), "Called about renewal");
        hs.sim.server().verify(postRequestedFor(urlEqualTo("/crm/v3/objects/notes"))
                .withRequestBody(equalToJson("{\"properties\":{\"hs_note_body\":\"Called about renewal\","
                        + "\"hs_timestamp\":\"${json-unit.any-string}\"},\"associations\":[{\"to\":{\"id\":\"" + contactId + "\"},"
                        + "\"types\":[{\"associationCategory\":\"HUBSPOT_DEFINED\",\"associationTypeId\":202}]}]}")));
        String companyId = hs.sim.seed("companies", Map.of("domain", "acme.com"));
        String dealId = hs.sim.seed("deals", Map.of("dealname", "Renewal"));
        hs.client.notes().create(NoteTarget.account(CrmId.of("hubspot", companyId)), "a");
        hs.client.notes().create(NoteTarget.opportunity(CrmId.of("hubspot", dealId)), "b");
        hs.sim.server().verify(postRequestedFor(urlEqualTo("/crm/v3/objects/notes"))
                .withRequestBody(matchingJsonPath("$.associations[0].types[0].associationTypeId", "190")));
        hs.sim.server().verify(postRequestedFor(urlEqualTo("/crm/v3/objects/notes"))
                .withRequestBody(matchingJsonPath("$.associations[0].types[0].associationTypeId", "214")));
    }

    @Test
    @DisplayName("deal update: PATCH dealstage id (from its label) and amount")
    void dealUpdate() {
        String dealId = hs.sim.seed("deals", Map.of("dealname", "Renewal", "dealstage", "qualifiedtobuy", "amount", "100"));
        hs.client.opportunities().update(dealId, OpportunityUpdate.builder().stage("Closed Won")
                .amount(new BigDecimal("1200.50")).build());
        hs.sim.server().verify(patchRequestedFor(urlEqualTo("/crm/v3/objects/deals/" + dealId))
                .withRequestBody(equalToJson("{\"properties\":{\"dealstage\":\"closedwon\",\"amount\":\"1200.5\"}}")));
        hs.sim.server().verify(getRequestedFor(urlEqualTo("/crm/v3/pipelines/deals")));
    }

    @Test
    @DisplayName("deal search: owner EQ, stage id EQ, close date range in epoch millis, amount bounds, ascending id")
    void dealSearch() {
        hs.client.opportunities().search(OpportunitySearch.builder().ownerId("77").stage("contract sent")
                .closeDateFrom(LocalDate.of(2026, 1, 1)).closeDateTo(LocalDate.of(2026, 3, 31))
                .minAmount(new BigDecimal("1000")).maxAmount(new BigDecimal("5000")).build(), PageRequest.first(50));
        hs.sim.server().verify(postRequestedFor(urlEqualTo("/crm/v3/objects/deals/search"))
                .withRequestBody(equalToJson("{\"filterGroups\":[{\"filters\":["
                        + "{\"propertyName\":\"hubspot_owner_id\",\"operator\":\"EQ\",\"value\":\"77\"},"
                        + "{\"propertyName\":\"dealstage\",\"operator\":\"EQ\",\"value\":\"contractsent\"},"
                        + "{\"propertyName\":\"closedate\",\"operator\":\"GTE\",\"value\":\"1767225600000\"},"
                        + "{\"propertyName\":\"closedate\",\"operator\":\"LT\",\"value\":\"1775001600000\"},"
                        + "{\"propertyName\":\"amount\",\"operator\":\"GTE\",\"value\":\"1000\"},"
                        + "{\"propertyName\":\"amount\",\"operator\":\"LTE\",\"value\":\"5000\"}]}],"
                        + "\"sorts\":[{\"propertyName\":\"hs_object_id\",\"direction\":\"ASCENDING\"}],"
                        + "\"properties\":[\"dealname\",\"hubspot_owner_id\",\"dealstage\",\"amount\",\"deal_currency_code\","
                        + "\"closedate\",\"pipeline\"],\"limit\":50}")));
    }

    @Test
    @DisplayName("product by SKU: search hs_sku EQ")
    void productBySku() {
        hs.client.products().findBySku("EB-100");
        hs.sim.server().verify(postRequestedFor(urlEqualTo("/crm/v3/objects/products/search"))
                .withRequestBody(matchingJsonPath("$.filterGroups[0].filters[0].propertyName", "hs_sku"))
                .withRequestBody(matchingJsonPath("$.filterGroups[0].filters[0].operator", "EQ"))
                .withRequestBody(matchingJsonPath("$.filterGroups[0].filters[0].value", "EB-100")));
    }

    @Test
    @DisplayName("get by id: GET with the mapped properties and associations=companies")
    void getById() {
        String id = hs.sim.seed("contacts", Map.of("email", "g@example.com"));
        hs.client.contacts().get(id);
        hs.sim.server().verify(getRequestedFor(urlPathEqualTo("/crm/v3/objects/contacts/" + id))
                .withQueryParam("properties", equalTo("email,firstname,lastname,jobtitle,phone"))
                .withQueryParam("associations", equalTo("companies")));
    }

    @Test
    @DisplayName("notes list: v4 associations page of the target, then one notes batch read")
    void notesList() {
        String contactId = hs.sim.seed("contacts", Map.of("email", "l@example.com"));
        String noteId = hs.sim.seed("notes", Map.of("hs_note_body", "hello", "hs_timestamp", "2026-05-01T10:00:00Z"));
        hs.sim.associate("notes", noteId, "contacts", contactId);
        hs.client.notes().list(NoteTarget.contact(CrmId.of("hubspot", contactId)), PageRequest.first(500));
        hs.sim.server().verify(getRequestedFor(urlPathEqualTo("/crm/v4/objects/contacts/" + contactId + "/associations/notes"))
                .withQueryParam("limit", equalTo("100")));
        hs.sim.server().verify(postRequestedFor(urlEqualTo("/crm/v3/objects/notes/batch/read"))
                .withRequestBody(equalToJson("{\"inputs\":[{\"id\":\"" + noteId + "\"}],"
                        + "\"properties\":[\"hs_note_body\",\"hs_timestamp\"]}")));
    }

    @Test
    @DisplayName("deal pages read their companies with one v4 batch association read")
    void dealCompanies() {
        String d1 = hs.sim.seed("deals", Map.of("dealname", "A"));
        String d2 = hs.sim.seed("deals", Map.of("dealname", "B"));
        hs.client.opportunities().search(OpportunitySearch.all(), PageRequest.first(10));
        hs.sim.server().verify(1, postRequestedFor(urlEqualTo("/crm/v4/associations/deals/companies/batch/read"))
                .withRequestBody(equalToJson("{\"inputs\":[{\"id\":\"" + d1 + "\"},{\"id\":\"" + d2 + "\"}]}")));
    }

    @Test
    @DisplayName("product text search: query with ascending id sort")
    void productSearch() {
        hs.client.products().search("bike", PageRequest.first(20));
        hs.sim.server().verify(postRequestedFor(urlEqualTo("/crm/v3/objects/products/search"))
                .withRequestBody(equalToJson("{\"query\":\"bike\",\"sorts\":[{\"propertyName\":\"hs_object_id\","
                        + "\"direction\":\"ASCENDING\"}],\"properties\":[\"hs_sku\",\"name\",\"description\",\"price\"],"
                        + "\"limit\":20}")));
    }

    @Test
    @DisplayName("OAuth: refresh-token grant as a form POST to /oauth/v1/token, then Bearer access token")
    void oauthToken() {
        hs.sim.oauthApp("client-1", "secret-1", "refresh-1", java.time.Duration.ofMinutes(30));
        try (HubSpotCrmClient client = hs.newClient(
                Map.of("clientId", "client-1", "clientSecret", "secret-1", "refreshToken", "refresh-1"),
                java.time.Clock.systemUTC())) {
            client.contacts().findByEmail("o@example.com");
        }
        hs.sim.server().verify(postRequestedFor(urlEqualTo("/oauth/v1/token"))
                .withHeader("Content-Type", matching("application/x-www-form-urlencoded.*"))
                .withRequestBody(matching(".*grant_type=refresh_token.*"))
                .withRequestBody(matching(".*client_id=client-1.*"))
                .withRequestBody(matching(".*client_secret=secret-1.*"))
                .withRequestBody(matching(".*refresh_token=refresh-1.*")));
        hs.sim.server().verify(getRequestedFor(urlPathEqualTo("/crm/v3/objects/contacts/o%40example.com"))
                .withHeader("Authorization", equalTo("Bearer oauth-access-1")));
    }

    @Test
    @DisplayName("apiVersion 2026-03 uses the date-versioned paths")
    void datedVersion() {
        try (HubSpotCrmClient dated = hs.newClient(Map.of("apiVersion", "2026-03"), java.time.Clock.systemUTC())) {
            dated.contacts().upsert(Contact.builder().email("x@example.com").build());
            String id = dated.contacts().findByEmail("x@example.com").orElseThrow().id().value();
            dated.notes().list(NoteTarget.contact(CrmId.of("hubspot", id)), PageRequest.first(10));
        }
        hs.sim.server().verify(postRequestedFor(urlEqualTo("/crm/objects/2026-03/contacts/batch/upsert")));
        hs.sim.server().verify(getRequestedFor(urlPathEqualTo("/crm/objects/2026-03/contacts/x%40example.com")));
        hs.sim.server().verify(getRequestedFor(urlPathEqualTo("/crm/objects/2026-03/contacts/"
                + hs.sim.find("contacts", "email", "x@example.com").id() + "/associations/notes")));
    }
}
