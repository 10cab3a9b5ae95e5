package dev.salesagent.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boots the packaged jar as its own process, exactly as the README says (no services, embedded PostgreSQL), on a
 * random port, reads the printed URL and demo log-in, and signs in over HTTP. Runs after {@code package} (failsafe).
 */
class ServerJarIT {

    private static final Pattern READY = Pattern.compile("ready at (http://localhost:(\\d+))");

    @Test
    @DisplayName("java -jar reference-server.jar starts on embedded defaults, prints its URL and accepts the demo log-in")
    void bootsAndLogsIn(@TempDir Path dataDir) throws Exception {
        Path jar = Path.of("target", "reference-server.jar");
        assertThat(jar).exists();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar.toString()).redirectErrorStream(true);
        builder.environment().put("SERVER_PORT", "0");
        builder.environment().put("SALESAGENT_DATA_DIR", dataDir.toString());
        builder.environment().put("SALESAGENT_DEMO_PASSWORD", "jar-test-password");
        builder.environment().remove("SALESAGENT_DB_URL");
        builder.environment().remove("SPRING_PROFILES_ACTIVE");
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        try {
            CompletableFuture<String> url = new CompletableFuture<>();
            Thread drain = new Thread(() -> { // keeps reading to the end, so the server never blocks on a full pipe
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        synchronized (output) {
                            output.append(line).append('\n');
                        }
                        Matcher m = READY.matcher(line);
                        if (m.find()) {
                            url.complete(m.group(1));
                        }
                    }
                } catch (java.io.IOException e) {
                    url.completeExceptionally(e);
                }
                url.complete(null);
            }, "server-output");
            drain.setDaemon(true);
            drain.start();
            // generous: the start-up itself takes seconds, but CI machines are shared
            String base = url.get(5, TimeUnit.MINUTES);
            assertThat(base).as("server output:\n%s", output).isNotNull();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
            HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"email\":\"demo@example.com\",\"password\":\"jar-test-password\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(token.statusCode()).isEqualTo(200);
            Matcher access = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(token.body());
            assertThat(access.find()).isTrue();
            HttpResponse<String> me = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/me"))
                    .header("Authorization", "Bearer " + access.group(1)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(me.body()).contains("\"slug\":\"demo\"");
            assertThat(Files.isDirectory(dataDir.resolve("postgres"))).isTrue();
            synchronized (output) {
                assertThat(output.toString()).contains("demo@example.com / password from SALESAGENT_DEMO_PASSWORD");
            }
        } finally {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
