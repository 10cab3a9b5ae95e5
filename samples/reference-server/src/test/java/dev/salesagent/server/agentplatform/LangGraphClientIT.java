package dev.salesagent.server.agentplatform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salesagent.server.ReferenceServerApplication;
import dev.salesagent.server.agentplatform.api.LangGraphHttp;
import dev.salesagent.server.agentplatform.api.LangGraphJson;
import dev.salesagent.server.platform.OnServices;
import dev.salesagent.server.platform.ServicesSchema;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The official LangGraph JS client ({@code @langchain/langgraph-sdk}, installed by {@code npm ci} from the committed
 * lockfile in {@code src/test/resources/langgraph-client}) against the running server: create thread -> stream a run
 * -> interrupt -> Last-Event-ID join -> resume with {@code command.resume} -> history, plus a reconnection after an
 * idle stream, heartbeats, the {@code reject} strategy, and the run options {@code interruptBefore} (then
 * {@code input: null} continues), {@code command.goto}, {@code checkpointId} and {@code command.resume} as a map from
 * interrupt id to value. Needs Node 18+ and npm on the PATH.
 */
@SpringBootTest(classes = ReferenceServerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "salesagent.platform.data-dir=target/test-data-langgraph",
            "salesagent.platform.demo.enabled=false",
            "salesagent.agentplatform.heartbeat=500ms",
            "logging.structured.format.console=ecs"
        })
@OnServices
@ExtendWith(ServicesSchema.class)
class LangGraphClientIT {

    @LocalServerPort
    int port;

    @Test
    @DisplayName("the official JS client streams, hits the interrupt, reconnects, resumes and reads history; runs with an"
            + " API key")
    void officialClient() throws Exception {
        String token = LiveServers.signUp(HttpClient.newHttpClient(), "http://127.0.0.1:" + port, "JS Client");
        Path dir = Path.of("target", "langgraph-client").toAbsolutePath();
        Files.createDirectories(dir);
        for (String f : List.of("package.json", "package-lock.json", "script.mjs")) {
            Files.copy(Path.of("src/test/resources/langgraph-client", f), dir.resolve(f),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Output install = run(dir, 600, "npm", "ci", "--prefer-offline", "--no-audit", "--no-fund");
        assertThat(install.exit()).as(install.text()).isZero();
        HttpResponse<String> key = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/tenant/api-keys"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"js-client\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
        Output script = run(dir, 300, "node", "script.mjs", "http://127.0.0.1:" + port + LangGraphHttp.BASE, token,
                LangGraphJson.parse(key.body()).get("key").asText());
        assertThat(script.exit()).as(script.text()).isZero();
        String line = script.text().lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow();
        JsonNode result = LangGraphJson.parse(line.substring("RESULT ".length()));
        assertThat(result.get("streamEvents").get(0).asText()).isEqualTo("metadata");
        assertThat(result.get("joinedFromId").asText()).isEqualTo("2");
        assertThat(result.get("reconnects").asInt()).isPositive();
        assertThat(result.get("heartbeats").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(result.get("historyLength").asInt()).isGreaterThanOrEqualTo(4);
        assertThat(result.get("apiKeyRunLog")).hasToString("[\"one\",\"two\",\"three\"]");
        assertThat(result.get("optionsLog")).hasToString("[\"one\",\"two\",\"three\"]");
        assertThat(result.get("gotoNodes")).hasToString("[\"three\"]");
        assertThat(result.get("approvalsLog")).hasToString("[\"finance:no\",\"legal:yes\"]");
    }

    record Output(int exit, String text) {
    }

    private static Output run(Path dir, int timeoutSeconds, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Output(-1, "timed out: " + String.join(" ", command));
        }
        return new Output(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
