package dev.salesagent.crm.pipedrive.sim;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.salesagent.crm.tck.MutableClock;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A stateful Pipedrive inside WireMock: persons, organizations, deals, stages, products (API v2) and notes (API v1),
 * with the rules the adapter depends on, as Pipedrive documents them:
 * <ul>
 *   <li>auth: header {@code x-api-token} (or {@code api_token} query) equal to {@link #API_TOKEN}, or a Bearer token
 *       issued by {@code POST /oauth/token} ({@code grant_type=refresh_token}, client credentials as HTTP Basic; the
 *       refresh token stays valid, as Pipedrive documents: it expires only after 60 days unused); otherwise 401 {@code {"success":false,"error":"unauthorized access","errorCode":401}};</li>
 *   <li>v2 lists and searches: {@code limit} at most 500 (else 400), opaque {@code cursor},
 *       {@code additional_data.next_cursor}; {@code updated_since} is inclusive (RFC 3339); search {@code term} at
 *       least 2 characters (1 with {@code exact_match}), exact match ignoring case;</li>
 *   <li>writes: a person or organization needs {@code name} on create; custom field keys must exist
 *       ({@link #ORG_DOMAIN_FIELD} and the other registered organization fields); {@code org_id}, {@code stage_id}
 *       and note targets must exist; v1 note lists page by {@code start}/{@code limit};</li>
 *   <li>rate limit: {@link #windowLimit(int)} requests per 2-second window of the simulator clock with
 *       {@code x-ratelimit-limit}/{@code -remaining}/{@code -reset} on every answer and 429 + {@code Retry-After}
 *       beyond it; a daily budget ({@link #dailyBudget(long)}) with {@code x-daily-requests-left} (api_token only),
 *       429 when spent.</li>
 * </ul>
 * Every request is checked against {@link PipedriveContract} (route, query names, content type, body schema; 400 when
 * off-contract) and every answer against its response schema; {@link #violations()} lists what failed.
 */
public final class PipedriveSimulator implements ResponseTransformerV2 {

    /** The API token the simulator accepts. */
    public static final String API_TOKEN = "pd-test-token-0123456789abcdef";
    /** OAuth client id. */
    public static final String CLIENT_ID = "pd-client";
    /** OAuth client secret. */
    public static final String CLIENT_SECRET = "pd-secret";
    /** The first OAuth refresh token. */
    public static final String REFRESH_TOKEN = "pd-refresh-1";
    /** Organization custom field key (40 hex characters, like Pipedrive's) holding the domain. */
    public static final String ORG_DOMAIN_FIELD = "3f1a5c7e9b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a";
    /** Organization custom field key for the employee count. */
    public static final String ORG_EMPLOYEES_FIELD = "9c2e4b6d8f0a3f1a5c7e9b2d4f6a8c0e1b3d5f7a";
    /** Organization custom field key for the industry. */
    public static final String ORG_INDUSTRY_FIELD = "b3d5f7a9c2e4b6d8f0a3f1a5c7e9b2d4f6a8c0e1";
    /** The pipeline every stage belongs to. */
    public static final long PIPELINE_ID = 1;
    /** The user who owns seeded deals unless given. */
    public static final long USER_ID = 7;

    private static final String NAME = "pipedrive-simulator";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter V1 = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
    private final WireMockServer server;
    private final PipedriveContract contract = new PipedriveContract();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Map<Long, ObjectNode> persons = new TreeMap<>();
    private final Map<Long, ObjectNode> organizations = new TreeMap<>();
    private final Map<Long, ObjectNode> deals = new TreeMap<>();
    private final Map<Long, ObjectNode> stages = new TreeMap<>();
    private final Map<Long, ObjectNode> products = new TreeMap<>();
    private final Map<Long, ObjectNode> notes = new TreeMap<>();
    private final Set<String> orgFields = new HashSet<>(Set.of(ORG_DOMAIN_FIELD, ORG_EMPLOYEES_FIELD, ORG_INDUSTRY_FIELD));
    private final Set<String> accessTokens = new HashSet<>();
    private final String refreshToken = REFRESH_TOKEN;
    private long nextId = 1;
    private int tokenCount;
    private int windowLimit = 1_000_000;
    private Instant windowStart;
    private int windowUsed;
    private long dailyBudget = 10_000_000;
    private long requests;

    private PipedriveSimulator() {
        server = new WireMockServer(options().dynamicPort().extensions(this));
        server.start();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(NAME)));
    }

    /** Starts a simulator on a free port. */
    public static PipedriveSimulator launch() {
        return new PipedriveSimulator();
    }

    /** The WireMock server (for the fault kit and request verification). */
    public WireMockServer server() {
        return server;
    }

    /** The base URL to configure as {@code baseUrl}. */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** The simulator clock: record timestamps and the rate-limit window. */
    public MutableClock clock() {
        return clock;
    }

    /** Contract violations seen so far (requests off the documented routes/shapes, answers off their schemas). */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** OAuth access tokens issued so far. */
    public synchronized int tokensIssued() {
        return tokenCount;
    }

    /** API requests answered (token requests excluded). */
    public synchronized long requests() {
        return requests;
    }

    /** Requests allowed per 2-second window (default effectively unlimited). */
    public synchronized void windowLimit(int limit) {
        this.windowLimit = limit;
        this.windowStart = null;
    }

    /** Requests left today (default 10 million). */
    public synchronized void dailyBudget(long budget) {
        this.dailyBudget = budget;
    }

    /** Stops the server. */
    public void stop() {
        server.stop();
    }

    // ------------------------------------------------------------------ seeding (what the SPI cannot write)

    /** Adds a stage to pipeline {@link #PIPELINE_ID}; returns its id. */
    public synchronized long addStage(String name) {
        long id = nextId++;
        ObjectNode s = JSON.createObjectNode().put("id", id).put("order_nr", stages.size() + 1).put("name", name)
                .put("is_deleted", false).put("deal_probability", 100).put("pipeline_id", PIPELINE_ID);
        stages.put(id, s);
        return id;
    }

    /** The id of the (first) stage with this name, adding it when missing. */
    public synchronized long stageId(String name) {
        return stages.values().stream().filter(s -> s.path("name").asText().equals(name)).map(s -> s.path("id").asLong())
                .findFirst().orElseGet(() -> addStage(name));
    }

    /** Adds a deal; returns its id. {@code stage} names a stage (added when missing). */
    public synchronized long addDeal(String title, String stage, BigDecimal value, String currency, LocalDate close,
                                     Long ownerId, Long orgId) {
        long id = nextId++;
        ObjectNode d = JSON.createObjectNode().put("id", id).put("title", title)
                .put("owner_id", ownerId == null ? USER_ID : ownerId).put("pipeline_id", PIPELINE_ID)
                .put("stage_id", stageId(stage)).put("status", "open").put("is_deleted", false)
                .put("currency", currency == null ? "USD" : currency)
                .put("add_time", now()).put("update_time", now());
        d.putNull("person_id");
        if (orgId == null) {
            d.putNull("org_id");
        } else {
            d.put("org_id", orgId);
        }
        d.put("value", value == null ? BigDecimal.ZERO : value);
        if (close == null) {
            d.putNull("expected_close_date");
        } else {
            d.put("expected_close_date", close.toString());
        }
        d.putObject("custom_fields");
        deals.put(id, d);
        return id;
    }

    /** Adds a person with one primary e-mail (as if created in Pipedrive's UI); returns its id. */
    public synchronized long addPerson(String name, String email) {
        ObjectNode body = JSON.createObjectNode().put("name", name);
        body.putArray("emails").addObject().put("value", email).put("primary", true).put("label", "work");
        return createPerson(body).path("id").asLong();
    }

    /** Requests received for one method and path (query excluded), from WireMock's journal. */
    public List<com.github.tomakehurst.wiremock.verification.LoggedRequest> calls(String method, String path) {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(path))).stream()
                .filter(r -> r.getMethod().getName().equals(method)).toList();
    }

    /** Adds a product with one price; returns its id. */
    public synchronized long addProduct(String code, String name, BigDecimal price, String currency) {
        long id = nextId++;
        ObjectNode p = JSON.createObjectNode().put("id", id).put("name", name).put("code", code).put("is_deleted", false)
                .put("add_time", now()).put("update_time", now());
        p.putNull("description");
        p.putArray("prices").addObject().put("product_id", id).put("currency", currency).put("price", price).put("cost", 0);
        p.putObject("custom_fields");
        products.put(id, p);
        return id;
    }

    // ------------------------------------------------------------------ HTTP

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public Response transform(Response base, ServeEvent event) {
        synchronized (this) {
            return handle(base, event.getRequest());
        }
    }

    private Response handle(Response base, Request request) {
        URI uri = URI.create(request.getUrl());
        String path = uri.getPath();
        String method = request.getMethod().getName();
        Map<String, String> query = query(uri.getRawQuery());
        if (method.equals("POST") && path.equals("/oauth/token")) {
            return token(base, request);
        }
        requests++;
        boolean apiToken = API_TOKEN.equals(request.getHeader("x-api-token")) || API_TOKEN.equals(query.get("api_token"));
        String auth = request.getHeader("Authorization");
        boolean bearer = auth != null && auth.startsWith("Bearer ") && accessTokens.contains(auth.substring(7));
        Map<String, String> headers = new LinkedHashMap<>();
        if (!apiToken && !bearer) {
            return answer(base, 401, error("unauthorized access", 401), headers, null);
        }
        // rate limit (2-second window of the simulator clock) and the daily budget
        Instant now = clock.instant();
        if (windowStart == null || !now.isBefore(windowStart.plusSeconds(2))) {
            windowStart = now;
            windowUsed = 0;
        }
        long reset = Math.max(1, Duration.between(now, windowStart.plusSeconds(2)).toSeconds());
        headers.put("x-ratelimit-limit", Integer.toString(windowLimit));
        headers.put("x-ratelimit-reset", Long.toString(reset));
        if (dailyBudget <= 0) {
            headers.put("x-ratelimit-remaining", Integer.toString(Math.max(0, windowLimit - windowUsed)));
            if (apiToken) {
                headers.put("x-daily-requests-left", "0");
            }
            return answer(base, 429, error("Daily request limit reached", 429), headers, null);
        }
        if (windowUsed >= windowLimit) {
            headers.put("x-ratelimit-remaining", "0");
            headers.put("Retry-After", Long.toString(reset));
            return answer(base, 429, error("Request over limit", 429), headers, null);
        }
        windowUsed++;
        dailyBudget--;
        headers.put("x-ratelimit-remaining", Integer.toString(windowLimit - windowUsed));
        if (apiToken) {
            headers.put("x-daily-requests-left", Long.toString(dailyBudget));
        }
        PipedriveContract.Route route = PipedriveContract.route(method, path);
        if (route == null) {
            violations.add("undocumented route " + method + " " + path);
            return answer(base, 404, error("Unknown method .", null), headers, null);
        }
        List<String> problems = new ArrayList<>();
        for (String q : query.keySet()) {
            if (!route.query().contains(q) && !q.equals("api_token")) {
                problems.add(method + " " + path + ": undocumented query parameter '" + q + "'");
            }
        }
        JsonNode body = null;
        if (route.request() != null) {
            String type = request.getHeader("Content-Type");
            if (type == null || !type.startsWith("application/json")) {
                problems.add(method + " " + path + ": content type " + type);
            } else {
                try {
                    body = JSON.readTree(request.getBodyAsString());
                    problems.addAll(contract.check(route.request(), method + " " + path + " body", body));
                } catch (Exception e) {
                    problems.add(method + " " + path + ": body is not JSON");
                }
            }
        }
        if (!problems.isEmpty()) {
            violations.addAll(problems);
            return answer(base, 400, error("Validation failed: " + String.join("; ", problems), null), headers, null);
        }
        try {
            Reply r = route(method, path, query, body);
            return answer(base, r.status, r.body, headers, r.status < 300 ? route.response() : null);
        } catch (BadRequest e) {
            return answer(base, e.status, error(e.getMessage(), e.code), headers, null);
        }
    }

    private record Reply(int status, JsonNode body) {
    }

    private static final class BadRequest extends RuntimeException {
        final int status;
        final String code;

        BadRequest(int status, String message, String code) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    private static BadRequest invalid(String field, String message) {
        return new BadRequest(400, "Validation failed: " + field + ": " + message, "ERR_SCHEMA_VALIDATION_FAILED");
    }

    private static BadRequest notFound(String what) {
        return new BadRequest(404, what + " not found", null);
    }

    private Reply route(String method, String path, Map<String, String> q, JsonNode body) {
        String[] parts = path.split("/");
        String resource = parts.length > 3 ? parts[3] : "";
        String idPart = parts.length > 4 ? parts[4] : null;
        if (path.startsWith("/api/v1/notes")) {
            return method.equals("POST") ? ok(createNote(body)) : listNotes(q);
        }
        if ("search".equals(idPart)) {
            return search(resource, q);
        }
        Map<Long, ObjectNode> table = switch (resource) {
            case "persons" -> persons;
            case "organizations" -> organizations;
            case "deals" -> deals;
            case "stages" -> stages;
            case "products" -> products;
            default -> throw notFound(resource);
        };
        if (idPart == null && method.equals("GET")) {
            return list(table, q);
        }
        if (idPart == null && method.equals("POST")) {
            return ok(resource.equals("persons") ? createPerson(body) : createOrganization(body));
        }
        long id = Long.parseLong(idPart);
        ObjectNode record = table.get(id);
        if (record == null) {
            throw notFound(resource.substring(0, resource.length() - 1).replace("organization", "Organization")
                    .replace("person", "Person").replace("deal", "Deal").replace("product", "Product"));
        }
        if (method.equals("GET")) {
            return ok(record);
        }
        if (method.equals("DELETE") && resource.equals("persons")) {
            table.remove(id); // marked deleted: v2 reads, lists and searches no longer return it
            return ok(JSON.createObjectNode().put("id", id));
        }
        switch (resource) {
            case "persons" -> writePerson(record, body);
            case "organizations" -> writeOrganization(record, body);
            default -> writeDeal(record, body);
        }
        record.put("update_time", now());
        return ok(record);
    }

    // ------------------------------------------------------------------ persons and organizations

    private ObjectNode createPerson(JsonNode body) {
        if (!body.hasNonNull("name") || body.path("name").asText().isBlank()) {
            throw invalid("name", "is required");
        }
        long id = nextId++;
        ObjectNode p = JSON.createObjectNode().put("id", id).put("owner_id", USER_ID).put("is_deleted", false)
                .put("visible_to", 3).put("add_time", now()).put("update_time", now());
        p.putNull("org_id");
        p.putArray("emails");
        p.putArray("phones");
        p.putArray("label_ids");
        p.putObject("custom_fields");
        writePerson(p, body);
        persons.put(id, p);
        return p;
    }

    private void writePerson(ObjectNode p, JsonNode body) {
        if (body.has("org_id") && !organizations.containsKey(body.path("org_id").asLong())) {
            throw invalid("org_id", "organization " + body.path("org_id").asText() + " does not exist");
        }
        if (body.has("name")) {
            String name = body.path("name").asText().trim();
            int space = name.indexOf(' ');
            p.put("name", name).put("first_name", space < 0 ? name : name.substring(0, space));
            if (space < 0) {
                p.putNull("last_name");
            } else {
                p.put("last_name", name.substring(space + 1));
            }
        }
        for (String f : List.of("emails", "phones")) {
            if (body.has(f)) {
                p.set(f, body.get(f).deepCopy());
                ((ArrayNode) p.get(f)).forEach(e -> ((ObjectNode) e).put("primary", e.path("primary").asBoolean(false))
                        .put("label", e.path("label").asText("work")));
            }
        }
        for (String f : List.of("org_id", "job_title", "owner_id", "visible_to")) {
            if (body.has(f)) {
                p.set(f, body.get(f).deepCopy());
            }
        }
    }

    private ObjectNode createOrganization(JsonNode body) {
        if (!body.hasNonNull("name") || body.path("name").asText().isBlank()) {
            throw invalid("name", "is required");
        }
        long id = nextId++;
        ObjectNode o = JSON.createObjectNode().put("id", id).put("owner_id", USER_ID).put("is_deleted", false)
                .put("visible_to", 3).put("add_time", now()).put("update_time", now());
        o.putNull("address");
        o.putArray("label_ids");
        o.putObject("custom_fields");
        writeOrganization(o, body);
        organizations.put(id, o);
        return o;
    }

    private void writeOrganization(ObjectNode o, JsonNode body) {
        body.path("custom_fields").fieldNames().forEachRemaining(k -> {
            if (!orgFields.contains(k)) {
                throw invalid("custom_fields." + k, "is not an organization field");
            }
        });
        if (body.has("name")) {
            o.put("name", body.path("name").asText());
        }
        body.path("custom_fields").properties().forEach(e -> ((ObjectNode) o.get("custom_fields")).set(e.getKey(), e.getValue()));
        if (body.has("address")) {
            o.set("address", body.get("address").deepCopy());
        }
    }

    private void writeDeal(ObjectNode d, JsonNode body) {
        if (body.has("stage_id")) {
            ObjectNode stage = stages.get(body.path("stage_id").asLong());
            if (stage == null) {
                throw invalid("stage_id", "stage " + body.path("stage_id").asText() + " does not exist");
            }
            d.put("stage_id", body.path("stage_id").asLong()).put("pipeline_id", stage.path("pipeline_id").asLong());
        }
        if (body.has("value")) {
            d.put("value", body.path("value").decimalValue());
        }
        for (String f : List.of("title", "owner_id", "currency", "expected_close_date", "status")) {
            if (body.has(f)) {
                d.set(f, body.get(f).deepCopy());
            }
        }
    }

    // ------------------------------------------------------------------ lists and searches

    private Reply list(Map<Long, ObjectNode> table, Map<String, String> q) {
        int limit = limit(q);
        List<ObjectNode> rows = new ArrayList<>(table.values());
        if (q.containsKey("updated_since")) {
            Instant since = Instant.parse(q.get("updated_since"));
            rows.removeIf(r -> Instant.parse(r.path("update_time").asText()).isBefore(since));
        }
        if (q.containsKey("ids")) {
            String[] ids = q.get("ids").split(",");
            if (ids.length > 100) {
                throw invalid("ids", "at most 100 ids");
            }
            Set<String> wanted = Set.of(ids);
            rows.removeIf(r -> !wanted.contains(r.path("id").asText()));
        }
        for (String f : List.of("owner_id", "stage_id", "pipeline_id", "org_id")) {
            if (q.containsKey(f)) {
                rows.removeIf(r -> !q.get(f).equals(r.path(f).asText()));
            }
        }
        String sortBy = q.getOrDefault("sort_by", "id");
        Comparator<ObjectNode> order = sortBy.equals("id") ? Comparator.comparingLong(r -> r.path("id").asLong())
                : Comparator.<ObjectNode, Instant>comparing(r -> Instant.parse(r.path(sortBy).asText()))
                        .thenComparingLong(r -> r.path("id").asLong());
        rows.sort("desc".equals(q.get("sort_direction")) ? order.reversed() : order);
        return page(rows, q, limit);
    }

    private Reply search(String resource, Map<String, String> q) {
        String term = q.getOrDefault("term", "");
        boolean exact = Boolean.parseBoolean(q.getOrDefault("exact_match", "false"));
        if (term.length() < (exact ? 1 : 2)) {
            throw invalid("term", "must be at least " + (exact ? 1 : 2) + " characters");
        }
        int limit = limit(q);
        Set<String> fields = q.containsKey("fields") ? Set.of(q.get("fields").split(",")) : null;
        Predicate<String> hit = v -> v != null && (exact ? v.equalsIgnoreCase(term)
                : v.toLowerCase(Locale.ROOT).contains(term.toLowerCase(Locale.ROOT)));
        List<ObjectNode> items = new ArrayList<>();
        Map<Long, ObjectNode> table = switch (resource) {
            case "persons" -> persons;
            case "organizations" -> organizations;
            default -> products;
        };
        for (ObjectNode r : table.values()) {
            List<String> customValues = new ArrayList<>();
            r.path("custom_fields").forEach(v -> customValues.add(v.asText()));
            boolean match = (use(fields, "name") && hit.test(r.path("name").asText(null)))
                    || (use(fields, "custom_fields") && customValues.stream().anyMatch(hit))
                    || (resource.equals("persons") && use(fields, "email") && stream(r.path("emails")).anyMatch(hit))
                    || (resource.equals("products") && use(fields, "code") && hit.test(r.path("code").asText(null)));
            if (!match) {
                continue;
            }
            ObjectNode item = JSON.createObjectNode().put("id", r.path("id").asLong())
                    .put("type", resource.substring(0, resource.length() - 1)).put("name", r.path("name").asText())
                    .put("visible_to", 3);
            item.putObject("owner").put("id", USER_ID);
            ArrayNode cf = item.putArray("custom_fields");
            customValues.stream().filter(hit).forEach(cf::add);
            if (resource.equals("persons")) {
                ArrayNode emails = item.putArray("emails");
                stream(r.path("emails")).forEach(emails::add);
                ArrayNode phones = item.putArray("phones");
                stream(r.path("phones")).forEach(phones::add);
                item.putArray("notes");
                item.putNull("organization");
            } else if (resource.equals("products")) {
                item.put("code", r.path("code").asText());
            } else {
                item.putArray("notes");
                item.putNull("address");
            }
            items.add(JSON.createObjectNode().put("result_score", 1.0).set("item", item));
        }
        Reply page = page(items, q, limit);
        ObjectNode env = (ObjectNode) page.body;
        ObjectNode data = JSON.createObjectNode();
        data.set("items", env.get("data"));
        env.set("data", data);
        return page;
    }

    private static boolean use(Set<String> fields, String f) {
        return fields == null || fields.contains(f);
    }

    private static java.util.stream.Stream<String> stream(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.isObject() ? e.path("value").asText() : e.asText()));
        return out.stream();
    }

    private static int limit(Map<String, String> q) {
        int limit = Integer.parseInt(q.getOrDefault("limit", "100"));
        if (limit < 1 || limit > 500) {
            throw invalid("limit", "must be between 1 and 500");
        }
        return limit;
    }

    private static <T extends JsonNode> Reply page(List<T> rows, Map<String, String> q, int limit) {
        int offset = 0;
        if (q.containsKey("cursor")) {
            String decoded = new String(Base64.getUrlDecoder().decode(q.get("cursor")), StandardCharsets.UTF_8);
            if (!decoded.startsWith("offset:")) {
                throw invalid("cursor", "is invalid");
            }
            offset = Integer.parseInt(decoded.substring("offset:".length()));
        }
        ObjectNode env = JSON.createObjectNode().put("success", true);
        ArrayNode data = env.putArray("data");
        rows.stream().skip(offset).limit(limit).forEach(data::add);
        ObjectNode additional = env.putObject("additional_data");
        if (offset + limit < rows.size()) {
            additional.put("next_cursor", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(("offset:" + (offset + limit)).getBytes(StandardCharsets.UTF_8)));
        } else {
            additional.putNull("next_cursor");
        }
        return new Reply(200, env);
    }

    // ------------------------------------------------------------------ notes (v1)

    private ObjectNode createNote(JsonNode body) {
        Map<String, Map<Long, ObjectNode>> targets = Map.of("person_id", persons, "org_id", organizations, "deal_id", deals);
        int given = 0;
        for (Map.Entry<String, Map<Long, ObjectNode>> t : targets.entrySet()) {
            if (body.has(t.getKey())) {
                given++;
                if (!t.getValue().containsKey(body.path(t.getKey()).asLong())) {
                    throw invalid(t.getKey(), "entity " + body.path(t.getKey()).asText() + " does not exist");
                }
            }
        }
        if (given == 0) {
            throw invalid("person_id", "one of deal_id, person_id, org_id or lead_id is required");
        }
        long id = nextId++;
        String now = V1.format(clock.instant());
        ObjectNode n = JSON.createObjectNode().put("id", id).put("user_id", USER_ID).put("content", body.path("content").asText())
                .put("add_time", now).put("update_time", now).put("active_flag", true);
        for (String f : List.of("person_id", "org_id", "deal_id")) {
            if (body.has(f)) {
                n.put(f, body.path(f).asLong());
            } else {
                n.putNull(f);
            }
        }
        n.putNull("lead_id");
        notes.put(id, n);
        return n;
    }

    private Reply listNotes(Map<String, String> q) {
        int start = Integer.parseInt(q.getOrDefault("start", "0"));
        int limit = Integer.parseInt(q.getOrDefault("limit", "100"));
        if (limit < 1 || limit > 500) {
            throw invalid("limit", "must be between 1 and 500");
        }
        List<ObjectNode> rows = new ArrayList<>(notes.values());
        for (String f : List.of("person_id", "org_id", "deal_id")) {
            if (q.containsKey(f)) {
                rows.removeIf(n -> !q.get(f).equals(n.path(f).asText()));
            }
        }
        ObjectNode env = JSON.createObjectNode().put("success", true);
        ArrayNode data = env.putArray("data");
        rows.stream().skip(start).limit(limit).forEach(data::add);
        boolean more = start + limit < rows.size();
        ObjectNode p = env.putObject("additional_data").putObject("pagination").put("start", start).put("limit", limit)
                .put("more_items_in_collection", more);
        if (more) {
            p.put("next_start", start + limit);
        }
        return new Reply(200, env);
    }

    // ------------------------------------------------------------------ OAuth

    private Response token(Response base, Request request) {
        Map<String, String> form = query(request.getBodyAsString());
        String basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        if (!basic.equals(request.getHeader("Authorization"))) {
            return answer(base, 401, JSON.createObjectNode().put("success", false).put("message", "Invalid client"), Map.of(), null);
        }
        if (!"refresh_token".equals(form.get("grant_type")) || !refreshToken.equals(form.get("refresh_token"))) {
            return answer(base, 400, JSON.createObjectNode().put("error", "invalid_grant")
                    .put("error_description", "Invalid refresh token"), Map.of(), null);
        }
        tokenCount++;
        String access = "pd-access-" + tokenCount;
        accessTokens.add(access);
        ObjectNode t = JSON.createObjectNode().put("access_token", access).put("token_type", "Bearer")
                .put("refresh_token", refreshToken).put("scope", "base,deals:full,contacts:full,products:full")
                .put("expires_in", 3599).put("api_domain", server.baseUrl());
        return answer(base, 200, t, Map.of(), null);
    }

    // ------------------------------------------------------------------ helpers

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static Reply ok(JsonNode data) {
        ObjectNode env = JSON.createObjectNode().put("success", true);
        env.set("data", data.deepCopy());
        return new Reply(200, env);
    }

    private static ObjectNode error(String message, Object code) {
        ObjectNode e = JSON.createObjectNode().put("success", false).put("error", message)
                .put("error_info", "Please check developers.pipedrive.com for more information about Pipedrive API.");
        if (code instanceof Integer i) {
            e.put("errorCode", i);
        } else if (code != null) {
            e.put("code", code.toString());
        }
        e.putNull("data");
        e.putNull("additional_data");
        return e;
    }

    private Response answer(Response base, int status, JsonNode body, Map<String, String> headers, String schema) {
        if (schema != null) {
            violations.addAll(contract.check(schema, "response " + schema, body));
        } else if (status >= 400 && body.has("success")) {
            violations.addAll(contract.check("error", "error response", body));
        }
        List<HttpHeader> h = new ArrayList<>();
        h.add(new HttpHeader("Content-Type", "application/json"));
        headers.forEach((k, v) -> h.add(new HttpHeader(k, v)));
        return Response.Builder.like(base).but().status(status).headers(new HttpHeaders(h)).body(body.toString()).build();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isBlank()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.put(k, v);
        }
        return q;
    }
}
