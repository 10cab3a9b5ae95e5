package dev.salesagent.server.agentplatform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesagent.server.agentplatform.api.LangGraphJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

/** What the integration tests against a live server (HTTP on a port) share. */
final class LiveServers {

    private LiveServers() {
    }

    /** Signs a new tenant up on a running server; {@return its owner's access token} */
    static String signUp(HttpClient http, String baseUrl, String company) throws IOException, InterruptedException {
        String email = "it-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/auth/register"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"company_name\":\"" + company + "\",\"email\":\"" + email
                                + "\",\"password\":\"correct-horse-battery\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return LangGraphJson.parse(r.body()).get("access_token").asText();
    }
}
