package dev.salesagent.server.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jayway.jsonpath.JsonPath;
import dev.salesagent.crm.SalesOrder;
import dev.salesagent.server.ReferenceServerApplication;
import dev.salesagent.server.command.webhook.SharedSecretSignature;
import dev.salesagent.server.platform.crm.InMemoryTenantCrmClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code WS /ws/dashboard} over a real port with the JDK's WebSocket client: a signed webhook's sync pushes
 * {@code order.created} and {@code metrics.updated} to the tenant's dashboards only; handshakes without a valid
 * token are refused.
 */
@SpringBootTest(classes = ReferenceServerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "salesagent.platform.data-dir=target/test-data-command-ws",
            "salesagent.platform.db.clean-embedded=true",
            "salesagent.platform.demo.enabled=false",
            "salesagent.rate-limits.enabled=false",
            "logging.structured.format.console=ecs"
        })
class CommandLiveFeedTest {

    @LocalServerPort
    int port;

    @Autowired
    InMemoryTenantCrmClients crms;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    private record Tenant(UUID id, String token) {
    }

    private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Tenant tenant(String company) throws Exception {
        String email = "ws-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        HttpResponse<String> r = call("POST", "/api/v1/auth/register", null, "{\"company_name\":\"" + company
                + "\",\"email\":\"" + email + "\",\"password\":\"correct-horse-battery\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        String token = JsonPath.read(r.body(), "$.access_token");
        UUID id = jdbc.sql("select tenant_id from app_user where lower(email) = lower(?)").param(email)
                .query(UUID.class).single();
        assertThat(call("PUT", "/api/v1/tenant/secrets/webhook.salesforce", token, "{\"value\":\"s3cret\"}")
                .statusCode()).isEqualTo(204);
        return new Tenant(id, token);
    }

    /** Collects text messages. */
    private static final class Inbox implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }

    private WebSocket connect(String token, Inbox inbox) throws Exception {
        return http.newWebSocketBuilder().buildAsync(URI.create("ws://localhost:" + port + "/ws/dashboard?access_token="
                + token), inbox).get(20, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("a webhook's sync pushes order.created and metrics.updated to that tenant's dashboards only")
    void pushAfterWebhook() throws Exception {
        Tenant a = tenant("Live A");
        Tenant b = tenant("Live B");
        CommandFixtures.seed(crms.memory(a.id()));
        assertThat(call("GET", "/api/v1/orders", a.token(), null).statusCode()).isEqualTo(200); // initial sync
        Inbox inboxA = new Inbox();
        Inbox inboxB = new Inbox();
        WebSocket wsA = connect(a.token(), inboxA);
        WebSocket wsB = connect(b.token(), inboxB);

        SalesOrder order = WebhookTest.newCrmOrder(crms.memory(a.id()), "LIVE-1");
        String body = "{\"type\":\"order.created\"}";
        String ts = Long.toString(Instant.now().getEpochSecond());
        HttpRequest hook = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/salesforce?tenant="
                        + a.id()))
                .header("Content-Type", "application/json")
                .header(SharedSecretSignature.TIMESTAMP_HEADER, ts)
                .header(SharedSecretSignature.SIGNATURE_HEADER, SharedSecretSignature.sign("s3cret", ts, body))
                .header(SharedSecretSignature.EVENT_ID_HEADER, "live-1")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        assertThat(http.send(hook, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        String first = inboxA.messages.poll(20, TimeUnit.SECONDS);
        String second = inboxA.messages.poll(20, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat((String) JsonPath.read(first, "$.type")).isEqualTo("order.created");
        assertThat((String) JsonPath.read(first, "$.order_id")).isEqualTo(order.id().value());
        assertThat((String) JsonPath.read(first, "$.customer_name")).isEqualTo(CommandFixtures.CUSTOMER);
        assertThat((String) JsonPath.read(second, "$.type")).isEqualTo("metrics.updated");
        assertThat((String) JsonPath.read(second, "$.source")).isEqualTo("webhook:salesforce");
        assertThat(inboxB.messages.poll(1, TimeUnit.SECONDS)).isNull();
        wsA.abort();
        wsB.abort();
    }

    @Test
    @DisplayName("a handshake without a valid access token is refused")
    void unauthenticatedHandshake() {
        for (String token : List.of("", "not-a-jwt")) {
            assertThatThrownBy(() -> connect(token, new Inbox())).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                            .isEqualTo(401));
        }
    }
}
