package dev.salesagent.crm.close.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salesagent.crm.close.contract.CloseContract;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The simulator enforces Close's rules on its own, whatever client talks to it (raw HTTP here). */
class CloseSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final CloseSimulator sim = CloseSimulator.start(new CloseContract());
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        sim.stop();
    }

    private HttpResponse<String> send(String method, String path, String body, String apiKey) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((apiKey + ":").getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(method, path, body, CloseSimulator.API_KEY);
    }

    @Test
    @DisplayName("requests without the API key as Basic user, or with another key, are 401")
    void auth() throws Exception {
        assertThat(send("GET", "/lead/lead_x/", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/lead/lead_x/", null, "wrong").statusCode()).isEqualTo(401);
        assertThat(send("GET", "/lead/lead_x/", null).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("a contact without lead_id gets a new lead named after it; a malformed e-mail is a field error")
    void contactRules() throws Exception {
        HttpResponse<String> created = send("POST", "/contact/",
                "{\"name\":\"Ada Lovelace\",\"emails\":[{\"email\":\"ada@example.com\",\"type\":\"office\"}]}");
        assertThat(created.statusCode()).isEqualTo(200);
        String leadId = JSON.readTree(created.body()).path("lead_id").asText();
        JsonNode lead = JSON.readTree(send("GET", "/lead/" + leadId + "/", null).body());
        assertThat(lead.path("name").asText()).isEqualTo("Ada Lovelace");
        HttpResponse<String> bad = send("POST", "/contact/", "{\"emails\":[{\"email\":\"not-an-email\",\"type\":\"office\"}]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).path("field-errors").has("emails")).isTrue();
        assertThat(send("POST", "/contact/", "{\"lead_id\":\"lead_missing\",\"name\":\"X\"}").statusCode()).isEqualTo(400);
        assertThat(sim.violations()).isEmpty();
    }

    @Test
    @DisplayName("limits: search _limit at most 200, list _limit at most 100; undocumented shapes are refused and recorded")
    void limits() throws Exception {
        String query = "{\"query\":{\"type\":\"object_type\",\"object_type\":\"lead\"},\"_limit\":%d}";
        assertThat(send("POST", "/data/search/", query.formatted(200)).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/data/search/", query.formatted(201)).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/activity/note/?_limit=101", null).statusCode()).isEqualTo(400);
        assertThat(send("POST", "/lead/", "{\"website\":\"acme.com\"}").statusCode()).isEqualTo(400);
        assertThat(sim.violations()).isNotEmpty();
    }

    @Test
    @DisplayName("search pages with a cursor until it is null, sorted as asked")
    void searchCursor() throws Exception {
        for (int i = 0; i < 5; i++) {
            send("POST", "/lead/", "{\"name\":\"L" + i + "\",\"url\":\"https://l" + i + ".example.com\"}");
            sim.clock().advance(Duration.ofSeconds(1));
        }
        String body = "{\"query\":{\"type\":\"object_type\",\"object_type\":\"lead\"},\"_limit\":2,"
                + "\"sort\":[{\"direction\":\"desc\",\"field\":{\"type\":\"regular_field\",\"object_type\":\"lead\","
                + "\"field_name\":\"date_created\"}}],\"_fields\":{\"lead\":[\"name\"]}%s}";
        StringBuilder names = new StringBuilder();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = JSON.readTree(send("POST", "/data/search/",
                    body.formatted(cursor == null ? "" : ",\"cursor\":\"" + cursor + "\"")).body());
            page.path("data").forEach(n -> names.append(n.path("name").asText()).append(' '));
            cursor = page.path("cursor").isNull() ? null : page.path("cursor").asText();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(names.toString().trim()).isEqualTo("L4 L3 L2 L1 L0");
    }

    @Test
    @DisplayName("rate limit: RateLimit header on every answer, 429 with rate_reset and Retry-After past the limit")
    void rateLimit() throws Exception {
        sim.rateLimit(2, Duration.ofSeconds(10), true);
        HttpResponse<String> first = send("GET", "/status/opportunity/", null);
        assertThat(first.headers().firstValue("RateLimit")).hasValueSatisfying(v -> assertThat(v)
                .matches("limit=2, remaining=1, reset=\\d+"));
        send("GET", "/status/opportunity/", null);
        HttpResponse<String> limited = send("GET", "/status/opportunity/", null);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(JSON.readTree(limited.body()).at("/error/rate_reset").asDouble()).isPositive();
        assertThat(send("GET", "/lead/lead_x/", null).statusCode()).as("another endpoint group").isEqualTo(404);
        sim.clock().advance(Duration.ofSeconds(10));
        assertThat(send("GET", "/status/opportunity/", null).statusCode()).isEqualTo(200);
    }
}
