package dev.salesagent.crm.hubspot.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The simulator enforces HubSpot's documented limits even for requests the adapter never sends. */
class HubSpotSimulatorTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();
    HubSpotSimulator sim;

    @BeforeEach
    void start() {
        sim = HubSpotSimulator.launch().acceptToken("t");
    }

    @AfterEach
    void stop() {
        sim.stop();
    }

    HttpResponse<String> post(String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String inputs(int n) {
        StringBuilder sb = new StringBuilder("{\"inputs\":[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"id\":\"u").append(i).append("@example.com\",\"idProperty\":\"email\",")
                    .append("\"properties\":{}}");
        }
        return sb.append("]}").toString();
    }

    @Test
    @DisplayName("more than 100 batch inputs: 400 VALIDATION_ERROR in HubSpot's error shape")
    void batchLimit() throws Exception {
        assertThat(post("/crm/v3/objects/contacts/batch/upsert", inputs(100), "t").statusCode()).isEqualTo(200);
        HttpResponse<String> r = post("/crm/v3/objects/contacts/batch/upsert", inputs(101), "t");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("category").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(body.path("correlationId").asText()).isNotBlank();
        assertThat(r.headers().firstValue("X-HubSpot-Correlation-Id")).isPresent();
    }

    @Test
    @DisplayName("idProperty on a non-unique property (company domain): 400 VALIDATION_ERROR as HubSpot answers; unique ones work")
    void nonUniqueIdProperty() throws Exception {
        String body = "{\"inputs\":[{\"id\":\"acme.com\",\"idProperty\":\"domain\",\"properties\":{\"name\":\"Acme\"}}]}";
        HttpResponse<String> r = post("/crm/v3/objects/companies/batch/upsert", body, "t");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(r.body());
        assertThat(error.path("status").asText()).isEqualTo("error");
        assertThat(error.path("category").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(error.path("message").asText()).isEqualTo("Unable to perform update/upsert by non-unique 0-2 property domain");
        assertThat(sim.all("companies")).isEmpty();
        assertThat(post("/crm/v3/objects/companies/batch/read",
                "{\"inputs\":[{\"id\":\"acme.com\"}],\"properties\":[],\"idProperty\":\"domain\"}", "t").statusCode())
                .isEqualTo(400);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/crm/v3/objects/companies/acme.com?idProperty=domain"))
                .header("Authorization", "Bearer t").GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);

        sim.uniqueProperty("companies", "ext_domain");
        assertThat(post("/crm/v3/objects/companies/batch/upsert", body.replace("\"domain\"", "\"ext_domain\""), "t").statusCode())
                .isEqualTo(200);
        assertThat(post("/crm/v3/objects/contacts/batch/upsert", inputs(1), "t").statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("search: limit above 200 is rejected; pages carry paging.next.after")
    void searchLimit() throws Exception {
        post("/crm/v3/objects/contacts/batch/upsert", inputs(30), "t");
        assertThat(post("/crm/v3/objects/contacts/search", "{\"limit\":201}", "t").statusCode()).isEqualTo(400);
        JsonNode page = JSON.readTree(post("/crm/v3/objects/contacts/search", "{\"limit\":20}", "t").body());
        assertThat(page.path("total").asInt()).isEqualTo(30);
        assertThat(page.path("results")).hasSize(20);
        assertThat(page.path("paging").path("next").path("after").asText()).isEqualTo("20");
        JsonNode last = JSON.readTree(post("/crm/v3/objects/contacts/search", "{\"limit\":20,\"after\":\"20\"}", "t").body());
        assertThat(last.path("results")).hasSize(10);
        assertThat(last.has("paging")).isFalse();
    }

    @Test
    @DisplayName("note bodies over 65,536 characters are rejected")
    void noteLength() throws Exception {
        String tooLong = "x".repeat(65_537);
        HttpResponse<String> r = post("/crm/v3/objects/notes",
                "{\"properties\":{\"hs_note_body\":\"" + tooLong + "\",\"hs_timestamp\":\"2026-01-01T00:00:00Z\"}}", "t");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("errors").path(0).path("in").asText()).isEqualTo("hs_note_body");
    }

    @Test
    @DisplayName("the rolling limit answers 429 TEN_SECONDLY_ROLLING with the rate-limit headers; DAILY when used up")
    void rateLimits() throws Exception {
        sim.tenSecondLimit(2).rollingWindow(Duration.ofMinutes(1));
        post("/crm/v3/objects/contacts/search", "{}", "t");
        post("/crm/v3/objects/contacts/search", "{}", "t");
        HttpResponse<String> r = post("/crm/v3/objects/contacts/search", "{}", "t");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(r.body()).path("policyName").asText()).isEqualTo("TEN_SECONDLY_ROLLING");
        assertThat(JSON.readTree(r.body()).path("errorType").asText()).isEqualTo("RATE_LIMIT");
        assertThat(r.headers().firstValue("X-HubSpot-RateLimit-Remaining")).contains("0");
        assertThat(r.headers().firstValue("X-HubSpot-RateLimit-Interval-Milliseconds")).contains("60000");
        sim.tenSecondLimit(Integer.MAX_VALUE).dailyLimit(2);
        HttpResponse<String> daily = post("/crm/v3/objects/contacts/search", "{}", "t");
        assertThat(daily.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(daily.body()).path("policyName").asText()).isEqualTo("DAILY");
    }

    @Test
    @DisplayName("requests without a valid bearer token get 401 INVALID_AUTHENTICATION")
    void auth() throws Exception {
        HttpResponse<String> r = post("/crm/v3/objects/contacts/search", "{}", null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(r.body()).path("category").asText()).isEqualTo("INVALID_AUTHENTICATION");
    }
}
