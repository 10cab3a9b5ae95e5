package dev.salesagent.crm.zoho.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The simulator enforces Zoho's documented rules and the contract schemas (raw HTTP, no adapter). */
class ZohoSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private final ZohoSimulator sim = ZohoSimulator.launch();
    private final OkHttpClient http = new OkHttpClient();
    private String token;

    record Answer(int status, JsonNode body) {
    }

    @BeforeEach
    void token() throws IOException {
        Answer a = call(new Request.Builder().url(sim.baseUrl() + "/oauth/v2/token").post(new FormBody.Builder()
                .add("grant_type", "refresh_token").add("client_id", ZohoSimulator.CLIENT_ID)
                .add("client_secret", ZohoSimulator.CLIENT_SECRET).add("refresh_token", ZohoSimulator.REFRESH_TOKEN)
                .build()).build());
        token = a.body().path("access_token").asText();
        assertThat(a.body().path("api_domain").asText()).isEqualTo(sim.baseUrl());
    }

    @AfterEach
    void stop() {
        sim.stop();
    }

    private Answer call(Request request) throws IOException {
        try (Response r = http.newCall(request).execute()) {
            String body = r.body() == null ? "" : r.body().string();
            return new Answer(r.code(), body.isEmpty() ? JSON.missingNode() : JSON.readTree(body));
        }
    }

    private Answer get(String pathAndQuery) throws IOException {
        return call(new Request.Builder().url(sim.baseUrl() + pathAndQuery)
                .header("Authorization", "Zoho-oauthtoken " + token).build());
    }

    private Answer post(String path, String body) throws IOException {
        return call(new Request.Builder().url(sim.baseUrl() + path).header("Authorization", "Zoho-oauthtoken " + token)
                .post(RequestBody.create(body, JSON_TYPE)).build());
    }

    @Test
    @DisplayName("a refused refresh token is HTTP 200 with {\"error\":\"invalid_code\"}, as Zoho answers")
    void tokenErrorsAre200() throws IOException {
        Answer a = call(new Request.Builder().url(sim.baseUrl() + "/oauth/v2/token").post(new FormBody.Builder()
                .add("grant_type", "refresh_token").add("client_id", ZohoSimulator.CLIENT_ID)
                .add("client_secret", ZohoSimulator.CLIENT_SECRET).add("refresh_token", "nope").build()).build());
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().path("error").asText()).isEqualTo("invalid_code");
    }

    @Test
    @DisplayName("a Bearer header or an unknown token is 401 INVALID_TOKEN")
    void authHeader() throws IOException {
        Answer a = call(new Request.Builder().url(sim.baseUrl() + "/crm/v8/Contacts/search?email=a@b.co")
                .header("Authorization", "Bearer " + token).build());
        assertThat(a.status()).isEqualTo(401);
        assertThat(a.body().path("code").asText()).isEqualTo("INVALID_TOKEN");
    }

    @Test
    @DisplayName("a misspelt field API name breaks the contract and is refused")
    void contractViolation() throws IOException {
        Answer a = post("/crm/v8/Contacts/upsert", "{\"data\":[{\"Emial\":\"a@b.co\",\"Last_Name\":\"A\"}]}");
        assertThat(a.status()).isEqualTo(400);
        assertThat(sim.violations()).singleElement().asString().contains("Emial");
    }

    @Test
    @DisplayName("more than 100 records in one write are refused with LIMIT_EXCEEDED")
    void writeLimit() throws IOException {
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            data.append(i == 0 ? "" : ",").append("{\"Email\":\"p").append(i).append("@b.co\",\"Last_Name\":\"P\"}");
        }
        Answer a = post("/crm/v8/Contacts/upsert", "{\"data\":[" + data + "]}");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.body().path("code").asText()).isEqualTo("LIMIT_EXCEEDED");
        assertThat(sim.count("Contacts")).isZero();
    }

    @Test
    @DisplayName("upsert only by system duplicate check fields; all failed is 400, some failed 207, per record")
    void upsertRules() throws IOException {
        assertThat(post("/crm/v8/Accounts/upsert", "{\"data\":[{\"Account_Name\":\"A\",\"Website\":\"a.com\"}],"
                + "\"duplicate_check_fields\":[\"Website\"]}").status()).isEqualTo(400);
        Answer mixed = post("/crm/v8/Contacts/upsert", "{\"data\":[{\"Email\":\"a@b.co\",\"Last_Name\":\"A\"},"
                + "{\"Email\":\"c@d.co\"}],\"duplicate_check_fields\":[\"Email\"]}");
        assertThat(mixed.status()).isEqualTo(207);
        assertThat(mixed.body().path("data").path(0).path("action").asText()).isEqualTo("insert");
        assertThat(mixed.body().path("data").path(1).path("code").asText()).isEqualTo("MANDATORY_NOT_FOUND");
        assertThat(mixed.body().path("data").path(1).path("details").path("api_name").asText()).isEqualTo("Last_Name");
        Answer again = post("/crm/v8/Contacts/upsert", "{\"data\":[{\"Email\":\"A@B.CO\"}]}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("data").path(0).path("action").asText()).isEqualTo("update");
        assertThat(again.body().path("data").path(0).path("duplicate_field").asText()).isEqualTo("Email");
    }

    @Test
    @DisplayName("lists need fields, allow 200 per page and 2,000 records by page number; search is 204 when empty")
    void listAndSearchLimits() throws IOException {
        sim.seed("Contacts", Map.of("Email", "a@b.co", "Last_Name", "A"));
        assertThat(get("/crm/v8/Contacts").body().path("code").asText()).isEqualTo("REQUIRED_PARAM_MISSING");
        assertThat(get("/crm/v8/Contacts?fields=Email&per_page=201").status()).isEqualTo(400);
        assertThat(get("/crm/v8/Contacts?fields=Email&per_page=200&page=11").body().path("code").asText())
                .isEqualTo("DISCRETE_PAGINATION_LIMIT_EXCEEDED");
        assertThat(get("/crm/v8/Contacts?fields=Email&per_page=200&page=1").status()).isEqualTo(200);
        assertThat(get("/crm/v8/Contacts/search?email=none@b.co").status()).isEqualTo(204);
        assertThat(get("/crm/v8/Contacts/search?page=1").body().path("code").asText())
                .isEqualTo("REQUIRED_PARAM_MISSING");
        assertThat(get("/crm/v8/Contacts/search?criteria=(Email:equals:a@b.co)&page=11&per_page=200").status())
                .isEqualTo(400);
        assertThat(get("/crm/v8/Contacts/999").status()).isEqualTo(204);
    }

    @Test
    @DisplayName("criteria equals matches like contains, escapes are honoured, and more than 10 criteria are refused")
    void criteria() throws IOException {
        sim.seed("Accounts", Map.of("Account_Name", "A (East), Inc", "Website", "https://www.acme.com"));
        assertThat(get("/crm/v8/Accounts/search?criteria=(Website:equals:acme.com)").body().path("data")).hasSize(1);
        assertThat(get("/crm/v8/Accounts/search?criteria=(Account_Name:equals:A%20%5C(East%5C)%5C,%20Inc)").status())
                .isEqualTo(200);
        StringBuilder many = new StringBuilder("(");
        for (int i = 0; i < 11; i++) {
            many.append(i == 0 ? "" : "or").append("(Website:equals:d").append(i).append(".com)");
        }
        assertThat(get("/crm/v8/Accounts/search?criteria=" + many + ")").body().path("code").asText())
                .isEqualTo("INVALID_QUERY");
    }
}
