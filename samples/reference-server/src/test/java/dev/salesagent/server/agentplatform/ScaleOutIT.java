package dev.salesagent.server.agentplatform;

import static org.assertj.core.api.Assertions.assertThat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.salesagent.server.agentplatform.api.LangGraphJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two server instances as separate JVMs (this test's classpath, main class {@code ReferenceServerApplication}) on
 * different ports, sharing the real PostgreSQL (schema {@value #SCHEMA}) and Redis: a rate limit is shared (Redis);
 * a tenant's monthly run quota is counted once across both (PostgreSQL); a run interrupted on A is approved on B; A
 * killed while executing a run -> B takes the run over after the lease and finishes it without rerunning the node
 * that had succeeded on A; 1,000 concurrent proposal calls split over both against a budget that fits 100 model calls
 * admit exactly 100 (PostgreSQL budget ledger), and only those reach the model (WireMock serving OpenAI's Chat
 * Completions shape).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    static final String SCHEMA = "salesagent_agents_scale_it";
    static final String API = "/api/v1/langgraph";
    /** The test's own rate-limit class: {@code GET /api/v1/me}, this many per day (no refill during the test). */
    static final int ME_LIMIT = 30;
    static final int RUN_QUOTA = 10;
    /** Model name of the test's OpenAI endpoint; {@code scale-out-prices.json} prices it: input free, output 7.5 USD/MTok. */
    static final String MODEL = "scale-it-model";
    /** Output cap of every proposal call (endpoint and agents) and the completion tokens WireMock reports. */
    static final int OUTPUT_TOKENS = 1000;
    /** Worst case = actual cost of one proposal call: 1,000 output tokens at 7.5 USD per 1M tokens, input free. */
    static final BigDecimal PER_CALL_USD = new BigDecimal("7.5").multiply(BigDecimal.valueOf(OUTPUT_TOKENS))
            .movePointLeft(6);
    static final int FITS = 100;
    static final int CALLS = 1000;
    static final int IN_FLIGHT = 64;

    /** The OpenAI endpoint of both instances. */
    private final WireMockServer openai = new WireMockServer(options().dynamicPort());

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<Process> processes = new ArrayList<>();
    private final String secretsKey = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
    private String a;
    private String b;
    private Process processA;
    private String token;

    @BeforeAll
    void startTwoInstances() throws Exception {
        String url = System.getProperty("salesagent.it.postgres.url");
        if (url == null) {
            throw new IllegalStateException("salesagent.it.postgres.url is not set: run with -Pservices");
        }
        try (Connection c = DriverManager.getConnection(url, System.getProperty("salesagent.it.postgres.user", "postgres"),
                ""); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + SCHEMA + " cascade");
        }
        startOpenAi();
        processA = start("a", "hang");
        a = waitUntilUp(processA, "a");
        Process processB = start("b", "never");
        b = waitUntilUp(processB, "b");
        token = LiveServers.signUp(http, a, "Scale");
    }

    @AfterAll
    void stop() {
        processes.forEach(Process::destroyForcibly);
        openai.stop();
    }

    /**
     * WireMock as the OpenAI endpoint: a Chat Completions answer (OpenAI API reference, "Create chat completion")
     * holding a valid proposal, reporting {@value #OUTPUT_TOKENS} completion tokens, the call's output cap, so that
     * each call's actual cost equals its worst-case reservation.
     */
    private void startOpenAi() {
        openai.start();
        String content = "{\"executiveSummary\":\"Acme Robotics can cut lead response time in half.\","
                + "\"problem\":\"Leads wait days for a first touch.\","
                + "\"solution\":\"Agents research, score and draft outreach within minutes.\","
                + "\"nextSteps\":[\"Pilot with one team\",\"Review results after four weeks\"]}";
        String body = "{\"id\":\"chatcmpl-scale\",\"object\":\"chat.completion\",\"created\":1764000000,"
                + "\"model\":\"" + MODEL + "\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\","
                + "\"message\":{\"role\":\"assistant\",\"content\":\"" + content.replace("\"", "\\\"") + "\"}}],"
                + "\"usage\":{\"prompt_tokens\":800,\"completion_tokens\":" + OUTPUT_TOKENS + ",\"total_tokens\":"
                + (800 + OUTPUT_TOKENS) + "}}";
        openai.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo("/v1/chat/completions"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    @Order(0)
    @DisplayName("rate limits are shared through Redis: 90 concurrent calls split over both instances admit exactly 30")
    void sharedRateLimit() throws Exception {
        List<Integer> statuses = concurrently(90, i -> status(i % 2 == 0 ? a : b, "GET", "/api/v1/me", null, token));
        assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(ME_LIMIT);
        assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(90 - ME_LIMIT);
    }

    @Test
    @Order(0)
    @DisplayName("a tenant's monthly run quota is counted once across instances: 30 concurrent run creates on A and B"
            + " against a quota of 10 admit exactly 10 (429 run-quota-exceeded for the rest)")
    void runQuotaAcrossInstances() throws Exception {
        String other = LiveServers.signUp(http, b, "Quota");
        String tenant = LangGraphJson.parse(new String(Base64.getUrlDecoder().decode(other.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8)).get("tid").asText();
        try (Connection c = DriverManager.getConnection(System.getProperty("salesagent.it.postgres.url"),
                System.getProperty("salesagent.it.postgres.user", "postgres"), ""); Statement s = c.createStatement()) {
            s.execute("insert into " + SCHEMA + ".lg_license (tenant_id, runs_per_month, updated_at) values ('" + tenant
                    + "', " + RUN_QUOTA + ", now())");
        }
        List<Integer> statuses = concurrently(30, i -> status(i % 2 == 0 ? a : b, "POST", API + "/runs",
                "{\"assistant_id\":\"steps\",\"input\":{\"topic\":\"quota-" + i + "\"}}", other));
        assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(RUN_QUOTA);
        assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(30 - RUN_QUOTA);
    }

    @Test
    @Order(0)
    @DisplayName("a budget is shared through the PostgreSQL ledger: 1,000 concurrent proposal calls split over both"
            + " instances against a budget that fits 100 admit exactly 100; only those reach the model")
    void sharedBudgetAdmitsExactlyWhatFits() throws Exception {
        String owner = LiveServers.signUp(http, a, "Budget");
        BigDecimal limit = PER_CALL_USD.multiply(BigDecimal.valueOf(FITS));
        HttpResponse<String> put = call(a, "PUT", "/api/v1/budgets", "{\"budgets\":[{\"feature\":\"proposal\","
                + "\"period\":\"daily\",\"limit_usd\":\"" + limit.toPlainString() + "\"}]}", owner);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        // B re-reads budgets every salesagent.costs.budget-refresh (1 s here): its budget view has the current
        // period once its cost tracker holds the budget
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode onB = LangGraphJson.parse(call(b, "GET", "/api/v1/budgets", null, owner).body());
        while (onB.at("/budgets/0/period_start").isMissingNode() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            onB = LangGraphJson.parse(call(b, "GET", "/api/v1/budgets", null, owner).body());
        }
        assertThat(onB.at("/budgets/0/period_start").isMissingNode()).as("B holds the budget: %s", onB).isFalse();
        int sentBefore = openai.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).size();

        String proposal = "{\"lead\":{\"company\":\"Acme Robotics\",\"domain\":\"acme-robotics.com\","
                + "\"first_name\":\"Dana\",\"last_name\":\"Reyes\",\"email\":\"dana.reyes@acme-robotics.com\","
                + "\"title\":\"VP Sales\",\"industry\":\"Manufacturing\",\"employees\":850},"
                + "\"deal_size_usd\":\"120000\",\"term_months\":24,\"start_date\":\"2027-01-11\"}";
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            inFlight.acquire();
            HttpRequest request = HttpRequest.newBuilder(URI.create((i % 2 == 0 ? a : b) + "/api/v1/proposals/generate"))
                    .header("Authorization", "Bearer " + owner).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofString(proposal)).build();
            futures.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, e) -> inFlight.release()));
        }
        Map<String, Integer> byInstanceAndStatus = new TreeMap<>();
        List<HttpResponse<String>> admitted = new ArrayList<>();
        List<HttpResponse<String>> refused = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            HttpResponse<String> r = futures.get(i).get(180, java.util.concurrent.TimeUnit.SECONDS);
            byInstanceAndStatus.merge((i % 2 == 0 ? "A " : "B ") + r.statusCode(), 1, Integer::sum);
            (r.statusCode() == 201 ? admitted : refused).add(r);
        }
        System.out.println("ScaleOutIT shared budget: statuses by instance " + byInstanceAndStatus);
        assertThat(admitted).as("statuses by instance %s", byInstanceAndStatus).hasSize(FITS);
        assertThat(refused).as("statuses by instance %s", byInstanceAndStatus)
                .allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(402)).hasSize(CALLS - FITS);
        // each instance served 500 calls and at most 100 were admitted in all: both refused some
        assertThat(byInstanceAndStatus).containsKeys("A 402", "B 402");
        assertThat(admitted).allSatisfy(r -> assertThat(LangGraphJson.parse(r.body()).get("method").asText())
                .isEqualTo("model"));
        assertThat(refused).allSatisfy(r -> {
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                    .startsWith("application/problem+json"));
            JsonNode problem = LangGraphJson.parse(r.body());
            assertThat(problem.get("type").asText()).isEqualTo("urn:salesagent:problem:budget-exceeded");
            assertThat(problem.get("status").asInt()).isEqualTo(402);
            assertThat(r.body()).contains("feature:proposal/daily")
                    .contains("\"limit_usd\":\"" + limit.stripTrailingZeros().toPlainString() + "\"");
        });
        // only the admitted calls were sent to the model
        assertThat(openai.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))).hasSize(sentBefore + FITS);
        // the spend recorded by both instances is exactly what was admitted, within the limit
        JsonNode costs = LangGraphJson.parse(call(b, "GET", "/api/v1/costs?groupBy=feature", null, owner).body());
        assertThat(costs.at("/total/calls").asLong()).as("%s", costs).isEqualTo(FITS);
        assertThat(costs.at("/total/output_tokens").asLong()).isEqualTo((long) FITS * OUTPUT_TOKENS);
        assertThat(new BigDecimal(costs.at("/total/cost_usd").asText())).isEqualByComparingTo(limit)
                .isLessThanOrEqualTo(limit);
        JsonNode ledger = LangGraphJson.parse(call(a, "GET", "/api/v1/budgets", null, owner).body());
        assertThat(new BigDecimal(ledger.at("/budgets/0/spent_usd").asText())).as("%s", ledger)
                .isEqualByComparingTo(limit);
        assertThat(new BigDecimal(ledger.at("/budgets/0/reserved_usd").asText())).isZero();
    }

    @Test
    @Order(1)
    @DisplayName("an interrupt raised on instance A is approved on instance B")
    void interruptOnAApprovedOnB() throws Exception {
        String thread = post(a, API + "/threads", "{\"metadata\":{\"graph_id\":\"approval\"}}").get("thread_id").asText();
        JsonNode paused = post(a, API + "/threads/" + thread + "/runs/wait",
                "{\"assistant_id\":\"approval\",\"input\":{\"topic\":\"scale-out\"}}");
        assertThat(paused.at("/__interrupt__/0/value/question").asText()).isEqualTo("Approve this draft?");
        JsonNode done = post(b, API + "/threads/" + thread + "/runs/wait",
                "{\"assistant_id\":\"approval\",\"command\":{\"resume\":\"approve\"}}");
        assertThat(done.get("status").asText()).isEqualTo("published");
        assertThat(done.get("log")).hasToString("[\"draft\",\"review\",\"publish\"]");
    }

    @Test
    @Order(2)
    @DisplayName("A killed mid-run: B takes the run over after the lease and does not rerun the finished node")
    void killedInstanceRunFinishedByB() throws Exception {
        String thread = post(a, API + "/threads", "{\"metadata\":{\"graph_id\":\"blocking\"}}").get("thread_id").asText();
        // B must not take the run first: it is created on A and A's poller claims it at once (B polls too, so retry
        // until A holds it; B never blocks, A hangs in node two)
        String runId = null;
        for (int i = 0; i < 20 && runId == null; i++) {
            JsonNode run = post(a, API + "/threads/" + thread + "/runs", "{\"assistant_id\":\"blocking\","
                    + "\"input\":{\"topic\":\"kill-" + i + "\"},\"multitask_strategy\":\"enqueue\"}");
            String id = run.get("run_id").asText();
            JsonNode joined = waitForStatus(a, thread, id, "running");
            if (joined != null && "running".equals(joined.get("status").asText()) && stateNext(thread).equals("two")) {
                runId = id;
            } else {
                get(a, API + "/threads/" + thread + "/runs/" + id + "/join");
            }
        }
        assertThat(runId).as("a run held by A inside node two").isNotNull();
        processA.destroyForcibly().waitFor();
        JsonNode done = get(b, API + "/threads/" + thread + "/runs/" + runId + "/join");
        JsonNode log = done.get("log");
        assertThat(log.get(log.size() - 1).asText()).isEqualTo("three");
        long ones = 0;
        for (JsonNode n : log) {
            ones += n.asText().equals("one") ? 1 : 0;
        }
        JsonNode run = get(b, API + "/threads/" + thread + "/runs/" + runId);
        assertThat(run.get("status").asText()).isEqualTo("success");
        assertThat(run.get("attempt").asInt()).isEqualTo(2);
        // every run on the thread ran "one" exactly once: the taken-over run did not rerun it
        JsonNode runs = get(b, API + "/threads/" + thread + "/runs?limit=100");
        assertThat(ones).isEqualTo(runs.size());
    }

    private String stateNext(String thread) throws Exception {
        return get(b, API + "/threads/" + thread + "/state").at("/next/0").asText("");
    }

    private JsonNode waitForStatus(String base, String thread, String runId, String status) throws Exception {
        for (int i = 0; i < 100; i++) {
            JsonNode run = get(base, API + "/threads/" + thread + "/runs/" + runId);
            if (status.equals(run.get("status").asText()) && !stateNext(thread).equals("one")
                    && !stateNext(thread).isEmpty()) {
                Thread.sleep(500);
                return get(base, API + "/threads/" + thread + "/runs/" + runId);
            }
            if (!"pending".equals(run.get("status").asText()) && !"running".equals(run.get("status").asText())) {
                return run;
            }
            Thread.sleep(100);
        }
        return null;
    }

    private Process start(String name, String blocking) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path dir = Path.of("target", "scale-out-" + name).toAbsolutePath();
        Files.createDirectories(dir);
        String pg = System.getProperty("salesagent.it.postgres.url");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "-D" + BlockingGraphProvider.MODE_PROPERTY + "=" + blocking,
                "-Dserver.port=" + port,
                "-Dsalesagent.platform.db.url=" + pg + "?currentSchema=" + SCHEMA,
                "-Dsalesagent.platform.db.username=" + System.getProperty("salesagent.it.postgres.user", "postgres"),
                "-Dspring.flyway.schemas=" + SCHEMA, "-Dspring.flyway.create-schemas=true",
                "-Dsalesagent.platform.data-dir=" + dir,
                "-Dsalesagent.platform.secrets.key=" + secretsKey,
                "-Dsalesagent.platform.demo.enabled=false",
                "-Dsalesagent.rate-limits.redis-url=redis://" + System.getProperty("salesagent.it.redis.host", "127.0.0.1")
                        + ":" + System.getProperty("salesagent.it.redis.port", "6379"),
                "-Dsalesagent.agentplatform.lease=3s",
                "-Dsalesagent.rate-limits.classes.it-me.limit=" + ME_LIMIT,
                "-Dsalesagent.rate-limits.classes.it-me.period=1d",
                "-Dsalesagent.rate-limits.classes.it-me.paths[0]=/api/v1/me",
                "-Dsalesagent.agentplatform.instance-id=" + name,
                // the shared-budget test: one OpenAI endpoint (WireMock) priced by the test's prices file, a proposal
                // rate limit that does not refuse its 1,000 calls, budgets re-read every second
                "-Dsalesagent.models.endpoints[0].name=scale",
                "-Dsalesagent.models.endpoints[0].provider=openai",
                "-Dsalesagent.models.endpoints[0].model=" + MODEL,
                "-Dsalesagent.models.endpoints[0].api-key=sk-test",
                "-Dsalesagent.models.endpoints[0].max-output-tokens=" + OUTPUT_TOKENS,
                "-Dsalesagent.models.endpoints[0].base-url=" + openai.baseUrl() + "/v1",
                "-Dsalesagent.agents.model.max-output-tokens=" + OUTPUT_TOKENS,
                "-Dsalesagent.cost.prices-file=classpath:scale-out-prices.json",
                "-Dsalesagent.costs.budget-refresh=1s",
                "-Dsalesagent.rate-limits.classes.proposals.limit=" + 10 * CALLS,
                "dev.salesagent.server.ReferenceServerApplication"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile())
                .start();
        processes.add(p);
        return p;
    }

    private String waitUntilUp(Process p, String name) throws Exception {
        Path log = Path.of("target", "scale-out-" + name, "server.log");
        for (int i = 0; i < 600; i++) {
            if (!p.isAlive()) {
                throw new IllegalStateException("instance " + name + " died: " + Files.readString(log));
            }
            String text = Files.exists(log) ? Files.readString(log) : "";
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("Tomcat started on port[^0-9]*(\\d+)").matcher(text);
            if (m.find() && text.contains("Started ReferenceServerApplication")) {
                return "http://127.0.0.1:" + m.group(1);
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("instance " + name + " did not start: " + Files.readString(log));
    }

    /** A call with its answer. */
    private HttpResponse<String> call(String base, String method, String path, String body, String bearer)
            throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + bearer)
                .timeout(Duration.ofSeconds(120));
        r = body == null ? r.method(method, HttpRequest.BodyPublishers.noBody())
                : r.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A call's status code. */
    private int status(String base, String method, String path, String body, String bearer) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + bearer)
                .timeout(Duration.ofSeconds(120));
        r = body == null ? r.method(method, HttpRequest.BodyPublishers.noBody())
                : r.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(r.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A call that may throw. */
    interface Call {
        int call(int i) throws Exception;
    }

    /** Runs n calls at once (16 threads released together); {@return their status codes} */
    private static List<Integer> concurrently(int n, Call call) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        try {
            List<java.util.concurrent.Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.call(index);
                }));
            }
            go.countDown();
            List<Integer> out = new ArrayList<>();
            for (java.util.concurrent.Future<Integer> f : futures) {
                out.add(f.get(180, java.util.concurrent.TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private JsonNode post(String base, String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private JsonNode get(String base, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private JsonNode send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = http.send(request.header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return LangGraphJson.parse(r.body());
    }
}
