package dev.salesagent.crm.netsuite.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The simulator enforces NetSuite's documented rules, so adapter tests against it mean something. */
class NetSuiteSimulatorTest {

    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private final NetSuiteSimulator sim = new NetSuiteSimulator();
    private final OkHttpClient http = new OkHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String token = sim.issueToken();

    @AfterEach
    void close() {
        sim.close();
        http.dispatcher().executorService().shutdown();
    }

    private Response call(String method, String path, String body, String... headers) throws IOException {
        Request.Builder b = new Request.Builder().url(sim.baseUrl() + path)
                .method(method, body == null ? null : RequestBody.create(body, JSON_TYPE));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.newCall(b.build()).execute();
    }

    private JsonNode errorDetail(Response r) throws IOException {
        return json.readTree(r.body().string()).get("o:errorDetails").get(0);
    }

    @Test
    @DisplayName("requests without credentials get 401 INVALID_LOGIN_ATTEMPT")
    void unauthenticated() throws IOException {
        try (Response r = call("GET", "/services/rest/record/v1/customer/1", null)) {
            assertThat(r.code()).isEqualTo(401);
            assertThat(errorDetail(r).get("o:errorCode").asText()).isEqualTo("INVALID_LOGIN_ATTEMPT");
        }
    }

    @Test
    @DisplayName("a record POST answers 204 with the new record's URL in Location")
    void createAnswersLocation() throws IOException {
        try (Response r = call("POST", "/services/rest/record/v1/customer", "{\"companyName\":\"Acme\"}",
                "Authorization", "Bearer " + token)) {
            assertThat(r.code()).isEqualTo(204);
            assertThat(r.header("Location")).isEqualTo(sim.baseUrl() + "/services/rest/record/v1/customer/1");
        }
    }

    @Test
    @DisplayName("unknown body fields are rejected with 400 INVALID_CONTENT and the field's path")
    void unknownField() throws IOException {
        try (Response r = call("POST", "/services/rest/record/v1/customer", "{\"companyName\":\"A\",\"nope\":1}",
                "Authorization", "Bearer " + token)) {
            assertThat(r.code()).isEqualTo(400);
            JsonNode d = errorDetail(r);
            assertThat(d.get("o:errorCode").asText()).isEqualTo("INVALID_CONTENT");
            assertThat(d.get("o:errorPath").asText()).isEqualTo("nope");
        }
    }

    @Test
    @DisplayName("SuiteQL needs Prefer: transient and a limit of at most 1000")
    void suiteQlRules() throws IOException {
        String q = "{\"q\":\"SELECT c.id FROM customer c ORDER BY c.id\"}";
        try (Response r = call("POST", "/services/rest/query/v1/suiteql", q, "Authorization", "Bearer " + token)) {
            assertThat(r.code()).isEqualTo(400);
            assertThat(errorDetail(r).get("o:errorCode").asText()).isEqualTo("INVALID_HEADER");
        }
        try (Response r = call("POST", "/services/rest/query/v1/suiteql?limit=1001", q, "Authorization",
                "Bearer " + token, "Prefer", "transient")) {
            assertThat(r.code()).isEqualTo(400);
        }
        try (Response r = call("POST", "/services/rest/query/v1/suiteql?limit=1000", q, "Authorization",
                "Bearer " + token, "Prefer", "transient")) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(json.readTree(r.body().string()).get("hasMore").asBoolean()).isFalse();
        }
    }

    @Test
    @DisplayName("updating an order appends the item lines unless ?replace=item is given")
    void sublistAppendVersusReplace() throws IOException {
        long currency = sim.seedCurrency("USD", "US Dollar");
        long item = sim.seedItem("I-1", "Item", null, java.math.BigDecimal.TEN, currency, false);
        try (Response r = call("POST", "/services/rest/record/v1/customer", "{\"companyName\":\"C\"}",
                "Authorization", "Bearer " + token)) {
            assertThat(r.code()).isEqualTo(204);
        }
        String order = "{\"entity\":{\"id\":\"1\"},\"item\":{\"items\":[{\"item\":{\"id\":\"" + item
                + "\"},\"quantity\":2}]}}";
        String[] queries = {"", "", "?replace=item"};
        int[] linesAfter = {1, 2, 1};
        for (int i = 0; i < queries.length; i++) {
            try (Response r = call("PUT", "/services/rest/record/v1/salesOrder/eid:K-1" + queries[i], order,
                    "Authorization", "Bearer " + token)) {
                assertThat(r.code()).isEqualTo(204);
            }
            assertThat(sim.count("transactionline")).as("lines after PUT %d", i + 1).isEqualTo(linesAfter[i]);
        }
        assertThat(sim.query("SELECT foreigntotal FROM transaction")).containsExactly(java.util.Map.of("foreigntotal",
                "20"));
    }

    @Test
    @DisplayName("PUT eid: creates once and then updates the same record")
    void upsertByExternalId() throws IOException {
        for (String name : new String[] {"First", "Second"}) {
            try (Response r = call("PUT", "/services/rest/record/v1/customer/eid:X-1", "{\"companyName\":\"" + name
                    + "\"}", "Authorization", "Bearer " + token)) {
                assertThat(r.code()).isEqualTo(204);
                assertThat(r.header("Location")).endsWith("/customer/1");
            }
        }
        assertThat(sim.query("SELECT companyname, externalid FROM customer"))
                .containsExactly(java.util.Map.of("companyname", "Second", "externalid", "X-1"));
    }
}
