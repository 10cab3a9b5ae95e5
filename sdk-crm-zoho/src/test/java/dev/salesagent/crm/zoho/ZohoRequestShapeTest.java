package dev.salesagent.crm.zoho;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.salesagent.crm.Account;
import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmAuthenticationException;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.CrmRateLimitException;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.NoteTarget;
import dev.salesagent.crm.OpportunityUpdate;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.UpsertResult;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.spi.CrmConfig;
import dev.salesagent.crm.zoho.sim.ZohoSimulator;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exact method, path, query, headers and body the adapter sends per SPI operation, and the number of calls. */
class ZohoRequestShapeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ZohoSimulator sim = ZohoSimulator.launch();
    private final List<Duration> waits = new ArrayList<>();
    private CrmClient client;

    @BeforeEach
    void connect() {
        client = client(sim.config());
        client.contacts().findByEmail("warm-up@example.com");
        sim.server().resetRequests();
    }

    private CrmClient client(CrmConfig config) {
        return ZohoCrmClient.builder(ZohoConfig.from(config))
                .options(CrmClientOptions.builder().clock(sim.clock()).sleeper(waits::add).build()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        try {
            assertThat(sim.violations()).as("contract violations").isEmpty();
        } finally {
            sim.stop();
        }
    }

    /** API calls (not token calls) in the order received. */
    private List<LoggedRequest> calls() {
        List<LoggedRequest> out = new ArrayList<>();
        sim.server().getAllServeEvents().forEach(e -> {
            if (e.getRequest().getUrl().startsWith("/crm/")) {
                out.add(0, e.getRequest());
            }
        });
        return out;
    }

    private static String path(LoggedRequest r) {
        return URI.create(r.getUrl()).getPath();
    }

    private static Map<String, String> query(LoggedRequest r) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = URI.create(r.getUrl()).getRawQuery();
        if (raw != null) {
            for (String p : raw.split("&")) {
                int eq = p.indexOf('=');
                out.put(p.substring(0, eq), URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static JsonNode body(LoggedRequest r) throws Exception {
        return JSON.readTree(r.getBodyAsString());
    }

    @Test
    @DisplayName("tokens come from POST /oauth/v2/token as a refresh_token grant and go out as Zoho-oauthtoken")
    void tokenAndHeader() {
        sim.server().resetRequests();
        try (CrmClient fresh = client(sim.config())) {
            fresh.contacts().findByEmail("a@example.com");
        }
        LoggedRequest token = sim.server().getAllServeEvents().stream().map(e -> e.getRequest())
                .filter(r -> r.getUrl().equals("/oauth/v2/token")).findFirst().orElseThrow();
        assertThat(token.getMethod().getName()).isEqualTo("POST");
        assertThat(token.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(token.getBodyAsString()).contains("grant_type=refresh_token",
                "refresh_token=" + ZohoSimulator.REFRESH_TOKEN, "client_id=" + ZohoSimulator.CLIENT_ID,
                "client_secret=" + ZohoSimulator.CLIENT_SECRET);
        assertThat(token.getHeader("Authorization")).as("client credentials travel as form fields").isNull();
        assertThat(calls().get(0).getHeader("Authorization")).matches("Zoho-oauthtoken 1000\\.[0-9a-f]{32}");
    }

    @Test
    @DisplayName("a contact delete is one DELETE /crm/v8/Contacts?ids=<id>; an unknown id (INVALID_DATA) is not found")
    void contactDelete() {
        String id = sim.seed("Contacts", Map.of("Email", "gone@example.com", "Last_Name", "Gone")).get("id").asText();
        client.contacts().delete(id);
        assertThat(calls()).hasSize(1);
        assertThat(calls().get(0).getMethod().getName()).isEqualTo("DELETE");
        assertThat(calls().get(0).getUrl()).isEqualTo("/crm/v8/Contacts?ids=" + id);
        assertThat(calls().get(0).getBodyAsString()).isEmpty();
        assertThatThrownBy(() -> client.contacts().delete(id)).isInstanceOfSatisfying(CrmNotFoundException.class,
                e -> assertThat(e.vendorCode()).isEqualTo("INVALID_DATA"));
        assertThatThrownBy(() -> client.contacts().delete("not-numeric")).isInstanceOf(CrmNotFoundException.class);
        assertThat(calls()).as("no request for a malformed id").hasSize(2);
        assertThat(client.contacts().findByEmail("gone@example.com")).isEmpty();
    }

    @Test
    @DisplayName("a contact upsert is one POST /crm/v8/Contacts/upsert with duplicate_check_fields [Email]")
    void contactUpsert() throws Exception {
        sim.seed("Contacts", Map.of("Email", "ada@example.com", "Last_Name", "Lovelace"));
        UpsertResult<Contact> r = client.contacts().upsert(Contact.builder().email("Ada@Example.com").firstName("Ada")
                .title("Analyst").build());
        assertThat(r.created()).isFalse();
        assertThat(calls()).hasSize(1);
        LoggedRequest call = calls().get(0);
        assertThat(call.getMethod().getName()).isEqualTo("POST");
        assertThat(call.getUrl()).isEqualTo("/crm/v8/Contacts/upsert");
        assertThat(call.getHeader("Content-Type")).startsWith("application/json");
        assertThat(body(call)).isEqualTo(JSON.readTree("""
                {"data":[{"Email":"ada@example.com","First_Name":"Ada","Title":"Analyst"}],
                 "duplicate_check_fields":["Email"]}"""));
        assertThat(sim.record("Contacts", r.id().value()).get("Last_Name").asText()).isEqualTo("Lovelace");
    }

    @Test
    @DisplayName("a new contact without a last name is refused by Zoho and sent once more with defaultLastName")
    void newContactWithoutLastName() throws Exception {
        UpsertResult<Contact> r = client.contacts().upsert(Contact.builder().email("new@example.com").build());
        assertThat(r.created()).isTrue();
        assertThat(r.record().lastName()).isEqualTo("[not provided]");
        assertThat(calls()).hasSize(2);
        assertThat(body(calls().get(0)).path("data").path(0).has("Last_Name")).isFalse();
        assertThat(body(calls().get(1)).path("data").path(0).path("Last_Name").asText()).isEqualTo("[not provided]");
    }

    @Test
    @DisplayName("250 contacts go out as 3 upserts of 100, 100 and 50 records; a key repeated in a list waits a call")
    void contactBatches() throws Exception {
        List<Contact> input = new ArrayList<>(IntStream.range(0, 250).mapToObj(i -> Contact.builder()
                .email("p" + i + "@example.com").lastName("P" + i).build()).toList());
        List<BatchItemResult<Contact>> results = client.contacts().upsertAll(input);
        assertThat(results).allMatch(BatchItemResult::isSuccess);
        assertThat(calls()).extracting(c -> {
            try {
                return body(c).path("data").size();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).containsExactly(100, 100, 50);
        sim.server().resetRequests();
        List<BatchItemResult<Contact>> repeated = client.contacts().upsertAll(List.of(
                Contact.builder().email("dup@example.com").lastName("One").build(),
                Contact.builder().email("DUP@example.com").title("Two").build()));
        assertThat(repeated.get(0).result().created()).isTrue();
        assertThat(repeated.get(1).result().created()).isFalse();
        assertThat(repeated.get(1).result().id()).isEqualTo(repeated.get(0).result().id());
        assertThat(calls()).hasSize(2);
    }

    @Test
    @DisplayName("an invalid e-mail fails alone as CrmValidationException with Zoho's code and our field name")
    void perRecordError() {
        List<BatchItemResult<Contact>> r = client.contacts().upsertAll(List.of(
                Contact.builder().email("ok@example.com").lastName("Ok").build(),
                Contact.builder().email("broken@").lastName("Bad").build()));
        assertThat(r.get(0).isSuccess()).isTrue();
        assertThat(r.get(1).error()).isInstanceOfSatisfying(CrmValidationException.class, e -> {
            assertThat(e.vendorCode()).isEqualTo("INVALID_DATA");
            assertThat(e.httpStatus()).isEqualTo(207);
            assertThat(e.fieldErrors()).extracting(CrmValidationException.FieldError::field).containsExactly("email");
        });
        assertThatThrownBy(() -> client.contacts().upsert(Contact.builder().email("x@y").lastName("X").build()))
                .isInstanceOfSatisfying(CrmValidationException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.vendorCode()).isEqualTo("INVALID_DATA");
                });
    }

    @Test
    @DisplayName("findByEmail is one GET /crm/v8/Contacts/search?email=; 204 is empty")
    void findByEmail() {
        assertThat(client.contacts().findByEmail("Nobody@Example.com")).isEmpty();
        assertThat(calls()).hasSize(1);
        assertThat(path(calls().get(0))).isEqualTo("/crm/v8/Contacts/search");
        assertThat(query(calls().get(0))).containsEntry("email", "nobody@example.com");
    }

    @Test
    @DisplayName("an account upsert searches Website and then POSTs a new account or PUTs the oldest match by id")
    void accountUpsert() throws Exception {
        UpsertResult<Account> created = client.accounts().upsert(Account.builder().domain("https://www.Acme.com/x")
                .industry("Retail").build());
        assertThat(created.created()).isTrue();
        assertThat(calls()).hasSize(2);
        assertThat(query(calls().get(0))).containsEntry("criteria", "(Website:equals:acme.com)");
        assertThat(calls().get(1).getMethod().getName()).isEqualTo("POST");
        assertThat(calls().get(1).getUrl()).isEqualTo("/crm/v8/Accounts");
        assertThat(body(calls().get(1))).isEqualTo(JSON.readTree("""
                {"data":[{"Account_Name":"acme.com","Website":"acme.com","Industry":"Retail"}]}"""));
        sim.seed("Accounts", Map.of("Account_Name", "Not Acme", "Website", "https://notacme.com"));
        sim.server().resetRequests();
        UpsertResult<Account> updated = client.accounts().upsert(Account.builder().domain("acme.com").employees(12L)
                .build());
        assertThat(updated.created()).isFalse();
        assertThat(updated.id()).isEqualTo(created.id());
        assertThat(calls().get(1).getMethod().getName()).isEqualTo("PUT");
        assertThat(body(calls().get(1))).isEqualTo(JSON.readTree(
                "{\"data\":[{\"Website\":\"acme.com\",\"Employees\":12,\"id\":\"" + created.id().value() + "\"}]}"));
    }

    @Test
    @DisplayName("with accountKeyField, accounts are one POST /crm/v8/Accounts/upsert by that field per 100")
    void keyedAccountUpsert() throws Exception {
        sim.uniqueField("Accounts", "SalesAgent_Domain");
        try (CrmClient keyed = client(sim.config().with("accountKeyField", "SalesAgent_Domain"))) {
            keyed.accounts().upsert(Account.builder().name("Acme").domain("acme.com").build());
            sim.server().resetRequests();
            UpsertResult<Account> again = keyed.accounts().upsert(Account.builder().domain("WWW.ACME.COM")
                    .industry("Retail").build());
            assertThat(again.created()).isFalse();
            assertThat(calls()).hasSize(1);
            assertThat(calls().get(0).getUrl()).isEqualTo("/crm/v8/Accounts/upsert");
            assertThat(body(calls().get(0))).isEqualTo(JSON.readTree("""
                    {"data":[{"Website":"acme.com","Industry":"Retail","SalesAgent_Domain":"acme.com"}],
                     "duplicate_check_fields":["SalesAgent_Domain"]}"""));
            assertThat(sim.record("Accounts", again.id().value()).get("Account_Name").asText()).isEqualTo("Acme");
            sim.server().resetRequests();
            assertThat(keyed.accounts().findByDomain("acme.com")).get().extracting(Account::id).isEqualTo(again.id());
            assertThat(query(calls().get(0))).containsEntry("criteria", "(SalesAgent_Domain:equals:acme.com)");
        }
    }

    @Test
    @DisplayName("an order is key search + POST /crm/v8/Sales_Orders + GET; a repeat is search + GET; a lagging search "
            + "is caught by the unique key (DUPLICATE_DATA) and returns the existing order")
    void salesOrders() throws Exception {
        sim.uniqueField("Sales_Orders", "SalesAgent_Order_Key");
        String account = sim.seed("Accounts", Map.of("Account_Name", "Buyer", "Website", "buyer.com")).get("id").asText();
        String product = sim.seed("Products", Map.of("Product_Code", "SKU-1", "Product_Name", "One", "Unit_Price", 5))
                .get("id").asText();
        try (CrmClient orders = client(sim.config().with("orderKeyField", "SalesAgent_Order_Key"))) {
            dev.salesagent.crm.NewSalesOrder order = dev.salesagent.crm.NewSalesOrder.builder()
                    .customerId(CrmId.of("zoho", account)).idempotencyKey("k-1")
                    .line(new dev.salesagent.crm.SalesOrderLine(CrmId.of("zoho", product), "SKU-1", new BigDecimal("2"),
                            new BigDecimal("5.00"))).build();
            UpsertResult<dev.salesagent.crm.SalesOrder> first = orders.salesOrders().create(order);
            assertThat(first.created()).isTrue();
            assertThat(first.record().total()).isEqualByComparingTo("10.00");
            assertThat(first.record().status()).isEqualTo(dev.salesagent.crm.SalesOrderStatus.PENDING);
            assertThat(calls()).extracting(c -> c.getMethod().getName() + " " + path(c)).containsExactly(
                    "GET /crm/v8/Sales_Orders/search", "POST /crm/v8/Sales_Orders",
                    "GET /crm/v8/Sales_Orders/" + first.id().value());
            assertThat(query(calls().get(0))).containsEntry("criteria", "(SalesAgent_Order_Key:equals:k-1)");
            assertThat(body(calls().get(1))).isEqualTo(JSON.readTree("{\"data\":[{\"Subject\":\"Order k-1\","
                    + "\"Account_Name\":{\"id\":\"" + account + "\"},\"Status\":\"Created\","
                    + "\"SalesAgent_Order_Key\":\"k-1\",\"Ordered_Items\":[{\"Product_Name\":{\"id\":\"" + product
                    + "\"},\"Quantity\":2,\"List_Price\":5.00}]}]}"));
            sim.server().resetRequests();
            assertThat(orders.salesOrders().create(order).created()).isFalse();
            assertThat(calls()).hasSize(2);
            sim.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                    com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/crm/v8/Sales_Orders/search"))
                    .atPriority(1).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                            .withStatus(204)));
            UpsertResult<dev.salesagent.crm.SalesOrder> lagged = orders.salesOrders().create(order);
            assertThat(lagged.created()).isFalse();
            assertThat(lagged.id()).isEqualTo(first.id());
            assertThat(sim.count("Sales_Orders")).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("25 new domains take 3 searches (10 domains each, or-joined) and one POST")
    void accountBatches() {
        List<Account> input = IntStream.range(0, 25).mapToObj(i -> Account.builder().domain("d" + i + ".example.com")
                .build()).toList();
        assertThat(client.accounts().upsertAll(input)).allMatch(BatchItemResult::isSuccess);
        assertThat(calls()).extracting(c -> c.getMethod().getName() + " " + path(c)).containsExactly(
                "GET /crm/v8/Accounts/search", "GET /crm/v8/Accounts/search", "GET /crm/v8/Accounts/search",
                "POST /crm/v8/Accounts");
        assertThat(query(calls().get(0)).get("criteria")).startsWith("((Website:equals:d0.example.com)or(")
                .endsWith("(Website:equals:d9.example.com))");
    }

    @Test
    @DisplayName("changed-since lists with fields, Modified_Time ascending and If-Modified-Since; 304 is an empty page")
    void changedSince() {
        Instant since = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(client.contacts().changedSince(since, PageRequest.first(500)).items()).isEmpty();
        LoggedRequest call = calls().get(0);
        assertThat(path(call)).isEqualTo("/crm/v8/Contacts");
        assertThat(query(call)).containsEntry("sort_by", "Modified_Time").containsEntry("sort_order", "asc")
                .containsEntry("per_page", "200").containsKey("fields");
        assertThat(call.getHeader("If-Modified-Since")).isEqualTo("2026-01-01T00:00:00+00:00");
        sim.clock().advance(Duration.ofSeconds(5));
        sim.seed("Contacts", Map.of("Email", "late@example.com", "Last_Name", "Late"));
        assertThat(client.contacts().changedSince(since, PageRequest.first(500)).items())
                .extracting(Contact::email).containsExactly("late@example.com");
    }

    @Test
    @DisplayName("a note is one POST /crm/v8/Notes with Parent_Id {module {api_name}, id}; a missing parent is not found")
    void noteCreate() throws Exception {
        String id = sim.seed("Deals", Map.of("Deal_Name", "D", "Stage", "Qualification")).get("id").asText();
        client.notes().create(NoteTarget.opportunity(CrmId.of("zoho", id)), "Called\nabout renewal");
        assertThat(calls()).hasSize(1);
        assertThat(body(calls().get(0))).isEqualTo(JSON.readTree("{\"data\":[{\"Note_Title\":\"Called\","
                + "\"Note_Content\":\"Called\\nabout renewal\",\"Parent_Id\":{\"module\":{\"api_name\":\"Deals\"},"
                + "\"id\":\"" + id + "\"}}]}"));
        assertThatThrownBy(() -> client.notes().create(NoteTarget.contact(CrmId.of("zoho", "123")), "x"))
                .isInstanceOf(CrmNotFoundException.class);
    }

    @Test
    @DisplayName("an opportunity update is PUT /crm/v8/Deals/{id} with only the changed fields, then one GET")
    void dealUpdate() throws Exception {
        String id = sim.seed("Deals", Map.of("Deal_Name", "D", "Stage", "Qualification", "Amount", 10)).get("id")
                .asText();
        assertThat(client.opportunities().update(id, OpportunityUpdate.builder().amount(new BigDecimal("25.50"))
                .build()).amount()).isEqualByComparingTo("25.50");
        assertThat(calls()).extracting(c -> c.getMethod().getName() + " " + c.getUrl())
                .containsExactly("PUT /crm/v8/Deals/" + id, "GET /crm/v8/Deals/" + id);
        assertThat(body(calls().get(0))).isEqualTo(JSON.readTree("{\"data\":[{\"Amount\":25.50}]}"));
        assertThatThrownBy(() -> client.opportunities().update("999", OpportunityUpdate.builder().stage("Closed Won")
                .build())).isInstanceOf(CrmNotFoundException.class);
        assertThatThrownBy(() -> client.opportunities().update(id, OpportunityUpdate.builder().stage("No such stage")
                .build())).isInstanceOfSatisfying(CrmValidationException.class, e ->
                assertThat(e.fieldErrors()).extracting(CrmValidationException.FieldError::field).containsExactly("stage"));
    }

    @Test
    @DisplayName("findBySku is a Product_Code criteria search that keeps exact matches only")
    void findBySku() {
        sim.seed("Products", Map.of("Product_Code", "FUSE-X10", "Product_Name", "Fuse X10", "Unit_Price", 12));
        assertThat(client.products().findBySku("FUSE-X1")).isEmpty();
        assertThat(query(calls().get(0))).containsEntry("criteria", "(Product_Code:equals:FUSE-X1)");
        assertThat(client.products().findBySku("FUSE-X10")).get().extracting(p -> p.unitPrice())
                .isEqualTo(new BigDecimal("12"));
    }

    @Test
    @DisplayName("an expired token is refreshed once; a refused refresh token is CrmAuthenticationException")
    void tokenRefresh() {
        int before = sim.tokensIssued();
        sim.revokeTokens();
        client.contacts().findByEmail("a@example.com");
        assertThat(sim.tokensIssued()).isEqualTo(before + 1);
        Map<String, String> bad = sim.configMap();
        bad.put("refreshToken", "1000.revoked");
        try (CrmClient c = client(CrmConfig.of(bad))) {
            assertThatThrownBy(() -> c.contacts().findByEmail("a@example.com"))
                    .isInstanceOf(CrmAuthenticationException.class);
        }
    }

    @Test
    @DisplayName("Zoho's concurrency 429 TOO_MANY_REQUESTS is retried with backoff, then surfaces with its code")
    void concurrencyLimit() {
        sim.concurrencyLimit(0);
        assertThatThrownBy(() -> client.contacts().findByEmail("a@example.com"))
                .isInstanceOfSatisfying(CrmRateLimitException.class, e -> {
                    assertThat(e.vendorCode()).isEqualTo("TOO_MANY_REQUESTS");
                    assertThat(e.retryable()).isTrue();
                });
        assertThat(calls()).hasSize(4);
        assertThat(waits).hasSize(3).allSatisfy(w -> assertThat(w).isPositive());
    }
}
