package dev.salesagent.crm.salesforce.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The simulator itself keeps Salesforce's documented shapes and limits (raw HTTP, no adapter code). */
class SalesforceSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SalesforceSimulator sim;
    private static String token;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        sim = new SalesforceSimulator().seedSampleData();
        token = sim.issueSession();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private HttpResponse<String> call(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String data(String rest) {
        return "/services/data/" + SalesforceSimulator.API_VERSION + "/" + rest;
    }

    @Test
    @DisplayName("seeds the CC0 sample data: 53 accounts, 150 contacts, products with standard prices, 2 orders")
    void seeds() {
        assertThat(sim.records("Account")).hasSize(53);
        assertThat(sim.records("Contact")).hasSize(150);
        assertThat(sim.records("Opportunity")).hasSize(51);
        assertThat(sim.records("Product2")).isNotEmpty().allSatisfy(p -> assertThat(p.get("ProductCode").asText())
                .isNotBlank());
        assertThat(sim.records("PricebookEntry")).hasSameSizeAs(sim.records("Product2"));
        assertThat(sim.records("Order")).hasSize(2)
                .allSatisfy(o -> assertThat(o.get("TotalAmount").decimalValue()).isPositive());
    }

    @Test
    @DisplayName("SOQL pages by nextRecordsUrl with the requested batch size and reports api usage")
    void queryPaging() throws Exception {
        String q = URLEncoder.encode("SELECT Id, Email, Account.Name FROM Contact ORDER BY Id", StandardCharsets.UTF_8);
        HttpResponse<String> first = call("GET", data("query?q=" + q), null, "Sforce-Query-Options", "batchSize=100");
        JsonNode page = JSON.readTree(first.body());
        assertThat(page.get("totalSize").asInt()).isEqualTo(150);
        assertThat(page.get("records")).hasSize(200 > 150 ? 150 : 200); // batchSize below 200 is raised to 200
        assertThat(page.get("done").asBoolean()).isTrue();
        assertThat(first.headers().firstValue("Sforce-Limit-Info")).hasValueSatisfying(v ->
                assertThat(v).matches("api-usage=\\d+/15000"));
        assertThat(page.get("records").get(0).get("Account").get("Name").asText()).isNotBlank();

        String all = URLEncoder.encode("SELECT Id FROM PricebookEntry", StandardCharsets.UTF_8);
        JsonNode one = JSON.readTree(call("GET", data("query?q=" + all), null).body());
        assertThat(one.get("done").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("SOQL rejects quoted dates and unknown columns with Salesforce's error codes")
    void queryErrors() throws Exception {
        HttpResponse<String> quoted = call("GET", data("query?q=" + URLEncoder.encode(
                "SELECT Id FROM Contact WHERE SystemModstamp > '2020-01-01T00:00:00Z'", StandardCharsets.UTF_8)), null);
        assertThat(quoted.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(quoted.body()).get(0).get("errorCode").asText())
                .isEqualTo("INVALID_QUERY_FILTER_OPERATOR");
        HttpResponse<String> column = call("GET", data("query?q=" + URLEncoder.encode(
                "SELECT Nope FROM Contact", StandardCharsets.UTF_8)), null);
        assertThat(JSON.readTree(column.body()).get(0).get("errorCode").asText()).isEqualTo("INVALID_FIELD");
    }

    @Test
    @DisplayName("upsert by external id answers 201 created, then 200 created=false, and 300 for several matches")
    void upsertStatuses() throws Exception {
        String path = data("sobjects/Contact/" + SalesforceSimulator.CONTACT_KEY_FIELD + "/new.person@example.com");
        HttpResponse<String> created = call("PATCH", path, "{\"LastName\":\"Person\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).get("created").asBoolean()).isTrue();
        HttpResponse<String> updated = call("PATCH", path, "{\"LastName\":\"Person2\"}");
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(updated.body()).get("created").asBoolean()).isFalse();
        HttpResponse<String> missing = call("PATCH",
                data("sobjects/Contact/" + SalesforceSimulator.CONTACT_KEY_FIELD + "/x@example.com"), "{}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(missing.body()).get(0).get("errorCode").asText()).isEqualTo("REQUIRED_FIELD_MISSING");
    }

    @Test
    @DisplayName("collections refuse more than 200 records and report per-item errors with a 200")
    void collections() throws Exception {
        StringBuilder big = new StringBuilder("{\"allOrNone\":false,\"records\":[");
        for (int i = 0; i < 201; i++) {
            big.append(i == 0 ? "" : ",").append("{\"attributes\":{\"type\":\"Contact\"},\"LastName\":\"L\",\"")
                    .append(SalesforceSimulator.CONTACT_KEY_FIELD).append("\":\"c").append(i).append("@x.io\"}");
        }
        big.append("]}");
        String path = data("composite/sobjects/Contact/" + SalesforceSimulator.CONTACT_KEY_FIELD);
        assertThat(call("PATCH", path, big.toString()).statusCode()).isEqualTo(400);
        HttpResponse<String> mixed = call("PATCH", path, "{\"allOrNone\":false,\"records\":["
                + "{\"attributes\":{\"type\":\"Contact\"},\"LastName\":\"Ok\",\""
                + SalesforceSimulator.CONTACT_KEY_FIELD + "\":\"ok@x.io\"},"
                + "{\"attributes\":{\"type\":\"Contact\"},\"" + SalesforceSimulator.CONTACT_KEY_FIELD
                + "\":\"bad@x.io\"}]}");
        assertThat(mixed.statusCode()).isEqualTo(200);
        JsonNode results = JSON.readTree(mixed.body());
        assertThat(results.get(0).get("success").asBoolean()).isTrue();
        assertThat(results.get(1).get("errors").get(0).get("statusCode").asText()).isEqualTo("REQUIRED_FIELD_MISSING");

        JsonNode dup = JSON.readTree(call("PATCH", path, "{\"allOrNone\":false,\"records\":["
                + "{\"attributes\":{\"type\":\"Contact\"},\"LastName\":\"A\",\""
                + SalesforceSimulator.CONTACT_KEY_FIELD + "\":\"same@x.io\"},"
                + "{\"attributes\":{\"type\":\"Contact\"},\"LastName\":\"B\",\""
                + SalesforceSimulator.CONTACT_KEY_FIELD + "\":\"SAME@x.io\"}]}").body());
        assertThat(dup).allSatisfy(r -> assertThat(r.get("errors").get(0).get("statusCode").asText())
                .isEqualTo("DUPLICATE_EXTERNAL_ID"));
    }

    @Test
    @DisplayName("composite with allOrNone rolls back every subrequest when one fails")
    void compositeRollback() throws Exception {
        String account = sim.records("Account").get(0).get("Id").asText();
        int before = sim.records("Order").size();
        String body = "{\"allOrNone\":true,\"compositeRequest\":["
                + "{\"method\":\"POST\",\"url\":\"" + data("sobjects/Order") + "\",\"referenceId\":\"o\",\"body\":{"
                + "\"AccountId\":\"" + account + "\",\"EffectiveDate\":\"2026-01-01\",\"Status\":\"Draft\","
                + "\"Pricebook2Id\":\"" + sim.standardPricebookId() + "\"}},"
                + "{\"method\":\"POST\",\"url\":\"" + data("sobjects/OrderItem") + "\",\"referenceId\":\"i\",\"body\":{"
                + "\"OrderId\":\"@{o.id}\",\"Quantity\":1,\"UnitPrice\":1}}]}";
        JsonNode result = JSON.readTree(call("POST", data("composite"), body).body());
        assertThat(result.get("compositeResponse").get(0).get("body").get(0).get("errorCode").asText())
                .isEqualTo("PROCESSING_HALTED");
        assertThat(result.get("compositeResponse").get(1).get("body").get(0).get("errorCode").asText())
                .isEqualTo("REQUIRED_FIELD_MISSING");
        assertThat(sim.records("Order")).hasSize(before);
    }

    @Test
    @DisplayName("expired sessions answer 401 INVALID_SESSION_ID")
    void expiredSession() throws Exception {
        sim.expireSessions();
        HttpResponse<String> r = call("GET", data("sobjects/Account/001SIM000000001AAA"), null);
        token = sim.issueSession();
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(r.body()).get(0).get("errorCode").asText()).isEqualTo("INVALID_SESSION_ID");
    }
}
