package dev.salesagent.crm.netsuite;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.salesagent.crm.Account;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.NewSalesOrder;
import dev.salesagent.crm.NoteTarget;
import dev.salesagent.crm.SalesOrderLine;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The recorded requests match SuiteTalk REST's documented shapes (path, method, headers, JSON). */
class NetSuiteRequestShapeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final NetSuiteFixture fx = new NetSuiteFixture();
    private final NetSuiteCrmClient client;

    NetSuiteRequestShapeTest() {
        Map<String, String> config = fx.m2m();
        config.put("fieldMapping.account.industry", "custentity_sa_industry");
        config.put("subsidiaryId", Long.toString(fx.sim.seedSubsidiary("Honeycomb Mfg.")));
        client = fx.client(config).build();
    }

    @AfterEach
    void close() {
        client.close();
        fx.close();
    }

    private static JsonNode body(LoggedRequest r) throws Exception {
        return JSON.readTree(r.getBodyAsString());
    }

    @Test
    @DisplayName("a new company is PUT to customer/eid:<prefix><domain> with companyName, url, isPerson=false, the"
            + " configured subsidiary and mapped custom fields")
    void customerUpsert() throws Exception {
        client.accounts().upsert(Account.builder().name("Acme").domain("acme.example").industry("Robotics")
                .customFields(Map.of("custentity_tier", "gold")).build());
        List<LoggedRequest> puts = fx.sim.server().findAll(putRequestedFor(urlPathEqualTo(
                "/services/rest/record/v1/customer/eid:sa-domain%3Aacme.example")));
        assertThat(puts).hasSize(1);
        JsonNode body = body(puts.get(0));
        assertThat(body.get("companyName").asText()).isEqualTo("Acme");
        assertThat(body.get("url").asText()).isEqualTo("https://acme.example");
        assertThat(body.get("isPerson").asBoolean(true)).isFalse();
        assertThat(body.get("subsidiary").get("id").asText()).isEqualTo("1");
        assertThat(body.get("custentity_sa_industry").asText()).isEqualTo("Robotics");
        assertThat(body.get("custentity_tier").asText()).isEqualTo("gold");
        assertThat(puts.get(0).getHeader("Authorization")).startsWith("Bearer ");
        assertThat(client.accounts().findByDomain("acme.example").orElseThrow().industry()).isEqualTo("Robotics");

        client.accounts().upsert(Account.builder().domain("acme.example").phone("+49 30 1234").build());
        LoggedRequest patch = fx.sim.server().findAll(patchRequestedFor(urlPathEqualTo(
                "/services/rest/record/v1/customer/1"))).get(0);
        assertThat(JSON.readTree(patch.getBodyAsString())).isEqualTo(JSON.readTree("{\"phone\":\"+49 30 1234\"}"));
    }

    @Test
    @DisplayName("contact delete is one DELETE of record/v1/contact/{id}; an unknown id is 404 NONEXISTENT_ID")
    void contactDelete() {
        String id = client.contacts().upsert(Contact.builder().email("gone@acme.example").lastName("Gone").build())
                .id().value();
        int before = fx.sim.server().getAllServeEvents().size();
        client.contacts().delete(id);
        assertThat(fx.sim.server().getAllServeEvents()).hasSize(before + 1);
        assertThat(fx.sim.server().findAll(deleteRequestedFor(urlPathEqualTo("/services/rest/record/v1/contact/" + id))))
                .hasSize(1);
        assertThatThrownBy(() -> client.contacts().delete(id)).isInstanceOfSatisfying(CrmNotFoundException.class,
                e -> assertThat(e.vendorCode()).isEqualTo("NONEXISTENT_ID"));
        assertThatThrownBy(() -> client.contacts().delete("not-a-number")).isInstanceOf(CrmNotFoundException.class);
        assertThat(fx.sim.server().getAllServeEvents()).as("no request for a malformed id").hasSize(before + 2);
    }

    @Test
    @DisplayName("SuiteQL is POSTed with Prefer: transient, limit and offset, and a query with a unique ORDER BY")
    void suiteQl() throws Exception {
        client.contacts().findByEmail("Jane@Acme.example");
        LoggedRequest q = fx.sim.server().findAll(postRequestedFor(urlPathEqualTo(
                "/services/rest/query/v1/suiteql"))).get(0);
        assertThat(q.getHeader("Prefer")).isEqualTo("transient");
        assertThat(q.queryParameter("limit").firstValue()).isEqualTo("1");
        assertThat(q.queryParameter("offset").firstValue()).isEqualTo("0");
        assertThat(body(q).get("q").asText()).contains("FROM contact c")
                .contains("LOWER(c.email) = 'jane@acme.example'").endsWith("ORDER BY c.id");
    }

    @Test
    @DisplayName("SuiteQL literals are escaped, so a quote in an e-mail cannot change the query")
    void escaping() throws Exception {
        assertThat(client.contacts().findByEmail("o'brien' OR '1'='1@x.example")).isEmpty();
        LoggedRequest q = fx.sim.server().findAll(postRequestedFor(urlPathEqualTo(
                "/services/rest/query/v1/suiteql"))).get(0);
        assertThat(body(q).get("q").asText()).contains("'o''brien'' or ''1''=''1@x.example'");
    }

    @Test
    @DisplayName("a sales order is PUT to salesOrder/eid:<key>?replace=item with entity, tranDate, currency, memo and"
            + " item lines")
    void salesOrder() throws Exception {
        long item = fx.sim.seedItem("EB-1", "E-bike", null, new BigDecimal("999"), fx.usd, false);
        CrmId customer = client.accounts().upsert(Account.builder().name("B").domain("b.example").build()).id();
        client.salesOrders().create(new NewSalesOrder(customer, List.of(SalesOrderLine.ofSku("EB-1",
                new BigDecimal("2"), new BigDecimal("950.00"))), "run 1/quote#7", "EUR", LocalDate.of(2026, 11, 21),
                "approved"));
        List<LoggedRequest> puts = fx.sim.server().findAll(putRequestedFor(urlPathEqualTo(
                "/services/rest/record/v1/salesOrder/eid:run%201%2Fquote%237")));
        assertThat(puts).hasSize(1);
        assertThat(puts.get(0).queryParameter("replace").firstValue()).as("lines replaced, never appended")
                .isEqualTo("item");
        assertThat(body(puts.get(0))).isEqualTo(JSON.readTree("{\"entity\":{\"id\":\"" + customer.value() + "\"},"
                + "\"tranDate\":\"2026-11-21\",\"currency\":{\"id\":\"" + fx.eur + "\"},\"memo\":\"approved\","
                + "\"item\":{\"items\":[{\"item\":{\"id\":\"" + item + "\"},\"quantity\":2,\"rate\":950.00}]}}"));
    }

    @Test
    @DisplayName("a note on a contact is POSTed as a completed phoneCall and its id parsed from Location")
    void note() throws Exception {
        Contact c = client.contacts().upsert(Contact.builder().email("n@note.example").lastName("N").build())
                .record();
        var note = client.notes().create(NoteTarget.contact(c.id()), "Left a voicemail");
        LoggedRequest post = fx.sim.server().findAll(postRequestedFor(urlPathEqualTo(
                "/services/rest/record/v1/phoneCall"))).get(0);
        JsonNode body = body(post);
        assertThat(body.get("title").asText()).isEqualTo("Left a voicemail");
        assertThat(body.get("message").asText()).isEqualTo("Left a voicemail");
        assertThat(body.get("status")).as("a select is written as a reference (Oracle: Format of Selects and "
                + "References)").isEqualTo(JSON.readTree("{\"id\":\"COMPLETE\"}"));
        assertThat(body.get("contact").get("id").asText()).isEqualTo(c.id().value());
        assertThat(body.has("company")).isFalse();
        assertThat(note.id().value()).isEqualTo(fx.sim.query("SELECT MAX(id) AS id FROM phonecall").get(0).get("id"));
    }

    @Test
    @DisplayName("customers().credit selects the SuiteQL columns NetSuite documents (balancesearch, "
            + "unbilledorderssearch, overduebalancesearch, creditlimit), never the record-only 'balance'")
    void creditQuery() throws Exception {
        CrmId customer = client.accounts().upsert(Account.builder().name("C").domain("credit.example").build()).id();
        fx.sim.setCustomerCredit(Long.parseLong(customer.value()), new BigDecimal("10000"), new BigDecimal("2500"),
                new BigDecimal("400"), new BigDecimal("1500"), fx.usd);
        var credit = client.customers().credit(customer.value());
        assertThat(credit.openBalance()).as("A/R balance + unbilled orders").isEqualByComparingTo("4000");
        assertThat(credit.availableCredit()).isEqualByComparingTo("6000");
        List<LoggedRequest> queries = fx.sim.server().findAll(postRequestedFor(urlPathEqualTo(
                "/services/rest/query/v1/suiteql")));
        String q = body(queries.get(queries.size() - 1)).get("q").asText();
        assertThat(q).contains("c.creditlimit").contains("c.balancesearch").contains("c.unbilledorderssearch")
                .contains("c.overduebalancesearch").doesNotContainPattern("c\\.balance[ ,]");
    }

    @Test
    @DisplayName("SuiteQL paging keeps offset a multiple of limit, also when the page size changes between pages")
    void offsetIsAMultipleOfLimit() throws Exception {
        for (int i = 0; i < 5; i++) {
            client.contacts().upsert(Contact.builder().email("p" + i + "@page.example").lastName("P" + i).build());
        }
        var first = client.contacts().changedSince(java.time.Instant.EPOCH, dev.salesagent.crm.PageRequest.first(3));
        assertThat(first.items()).hasSize(3);
        assertThat(first.nextCursor()).isEqualTo("3");
        var second = client.contacts().changedSince(java.time.Instant.EPOCH,
                new dev.salesagent.crm.PageRequest(first.nextCursor(), 2));
        assertThat(second.items()).as("limit 1 at offset 3: shorter, nothing skipped").hasSize(1);
        var third = client.contacts().changedSince(java.time.Instant.EPOCH,
                new dev.salesagent.crm.PageRequest(second.nextCursor(), 2));
        assertThat(third.items()).hasSize(1);
        assertThat(third.nextCursor()).isNull();
        java.util.Set<String> seen = new java.util.HashSet<>();
        List.of(first, second, third).forEach(p -> p.items().forEach(c -> seen.add(c.email())));
        assertThat(seen).hasSize(5);
        for (LoggedRequest r : fx.sim.server().findAll(postRequestedFor(urlPathEqualTo(
                "/services/rest/query/v1/suiteql")))) {
            int limit = Integer.parseInt(r.queryParameter("limit").firstValue());
            int offset = Integer.parseInt(r.queryParameter("offset").firstValue());
            assertThat(offset % limit).as("offset " + offset + " limit " + limit).isZero();
        }
    }

    @Test
    @DisplayName("a cursor at NetSuite's 100,000-row SuiteQL limit fails clearly, without a request")
    void rowCap() {
        int before = fx.sim.server().findAll(postRequestedFor(urlPathEqualTo("/services/rest/query/v1/suiteql")))
                .size();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.contacts().changedSince(
                java.time.Instant.EPOCH, new dev.salesagent.crm.PageRequest("100000", 1000)))
                .isInstanceOf(dev.salesagent.crm.CrmException.class)
                .hasMessageContaining("at most 100000 rows").hasMessageContaining("narrow the query");
        assertThat(fx.sim.server().findAll(postRequestedFor(urlPathEqualTo("/services/rest/query/v1/suiteql"))))
                .hasSize(before);
    }
}
