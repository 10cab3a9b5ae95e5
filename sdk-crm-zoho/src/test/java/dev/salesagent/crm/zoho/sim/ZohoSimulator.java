package dev.salesagent.crm.zoho.sim;

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
import dev.salesagent.crm.spi.CrmConfig;
import dev.salesagent.crm.tck.MutableClock;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful Zoho CRM (REST API v8) inside WireMock, written from Zoho's documentation (sources in
 * {@code src/test/resources/contract/README.md}). It enforces what the docs state and the adapter relies on:
 * <ul>
 * <li>the accounts server's {@code POST /oauth/v2/token} ({@code grant_type=refresh_token}, client id/secret and
 * refresh token as form fields; failures are HTTP 200 {@code {"error": "invalid_code"}} as Zoho answers) and
 * {@code Authorization: Zoho-oauthtoken <token>} on every API call (else 401 {@code INVALID_TOKEN});</li>
 * <li>writes of at most 100 records, per-record results in input order (201/200 all succeeded, 207 some, 400 none),
 * mandatory fields ({@code MANDATORY_NOT_FOUND}), e-mail format, picklist {@code Stage}, lookups that must exist
 * ({@code INVALID_DATA} with {@code api_name}), upsert by {@code duplicate_check_fields} (system duplicate check
 * fields only; e-mail matched ignoring case);</li>
 * <li>lists with mandatory {@code fields}, {@code per_page} at most 200, {@code page} only up to 2,000 records
 * ({@code page_token} beyond), {@code If-Modified-Since} (304 when nothing changed); search with exactly one of
 * {@code criteria}/{@code email}/{@code phone}/{@code word}, at most 10 criteria, {@code equals} matching like
 * "contains", 2,000 results at most, 204 when none;</li>
 * <li>a concurrency limit (default 10, Zoho Standard edition): more calls in flight get 429 {@code TOO_MANY_REQUESTS};</li>
 * <li>every request body and response body checked against the contract schemas ({@link #violations()}).</li>
 * </ul>
 * Times are whole seconds at offset +05:30 (Zoho answers in the user's time zone) from a {@link MutableClock}.
 */
public final class ZohoSimulator implements ResponseTransformerV2 {

    /** Client id the simulator accepts. */
    public static final String CLIENT_ID = "1000.SIMULATEDCLIENT";
    /** Client secret the simulator accepts. */
    public static final String CLIENT_SECRET = "sim-client-secret";
    /** Refresh token the simulator accepts. */
    public static final String REFRESH_TOKEN = "1000.sim.refresh";
    /** The Zoho-style system fields every record carries. */
    static final ZoneOffset OFFSET = ZoneOffset.ofHoursMinutes(5, 30);
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    private static final String NAME = "zoho-simulator";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern CRITERION = Pattern.compile("\\(([A-Za-z_]+):([a-z_]+):((?:\\\\.|[^\\\\)])*)\\)");
    private static final Map<String, List<String>> MANDATORY = Map.of("Contacts", List.of("Last_Name"),
            "Accounts", List.of("Account_Name"), "Deals", List.of("Deal_Name", "Stage"),
            "Products", List.of("Product_Name"), "Notes", List.of("Note_Content", "Parent_Id"),
            "Sales_Orders", List.of("Subject", "Ordered_Items"));
    private static final Set<String> ORDER_STATUSES = Set.of("Created", "Approved", "Delivered", "Cancelled");
    private static final Map<String, String> DUPLICATE_CHECK = Map.of("Contacts", "Email", "Accounts", "Account_Name",
            "Deals", "Deal_Name", "Products", "Product_Name");
    private static final Set<String> LIST_QUERY = Set.of("fields", "per_page", "page", "page_token", "sort_by",
            "sort_order", "ids", "cvid", "converted", "approved");
    private static final Set<String> SEARCH_QUERY = Set.of("criteria", "email", "phone", "word", "page", "per_page",
            "converted", "approved");

    private final MutableClock clock;
    private final WireMockServer server;
    private final ZohoContract contract = new ZohoContract();
    private final Map<String, Map<String, ObjectNode>> modules = new ConcurrentHashMap<>();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final Set<String> stages = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong(5725767000000400001L);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, Integer> pageTokens = new ConcurrentHashMap<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Map<String, Set<String>> uniqueFields = new ConcurrentHashMap<>();
    private volatile int concurrencyLimit = 10;

    private ZohoSimulator(MutableClock clock) {
        this.clock = clock;
        for (String m : ZohoContract.MODULES) {
            modules.put(m, new ConcurrentHashMap<>());
        }
        stages.addAll(List.of("Qualification", "Needs Analysis", "Value Proposition", "Identify Decision Makers",
                "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost",
                "Closed-Lost to Competition"));
        server = new WireMockServer(options().dynamicPort().extensions(this));
        server.start();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(NAME)));
    }

    /** A running simulator with its clock at 2026-01-01T00:00:00Z. */
    public static ZohoSimulator launch() {
        return new ZohoSimulator(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
    }

    /** The simulated organisation's clock. */
    public MutableClock clock() {
        return clock;
    }

    /** The WireMock server (both the accounts server and the API domain). */
    public WireMockServer server() {
        return server;
    }

    /** Base URL of the server. */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** A complete adapter configuration pointing both domains at this simulator. */
    public CrmConfig config() {
        return CrmConfig.of(configMap());
    }

    /** {@link #config()} as a mutable map. */
    public Map<String, String> configMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("clientId", CLIENT_ID);
        m.put("clientSecret", CLIENT_SECRET);
        m.put("refreshToken", REFRESH_TOKEN);
        m.put("dataCenter", "EU");
        m.put("accountsUrl", baseUrl());
        m.put("baseUrl", baseUrl());
        return m;
    }

    /** How many access tokens were issued. */
    public int tokensIssued() {
        return tokensIssued.get();
    }

    /** Makes every issued access token invalid (as after expiry or revocation). */
    public void revokeTokens() {
        tokens.clear();
    }

    /** Requests in flight above which the simulator answers 429 (default 10). */
    public void concurrencyLimit(int limit) {
        this.concurrencyLimit = limit;
    }

    /** Marks a custom field "Do not allow duplicate values": usable in {@code duplicate_check_fields}, refused twice. */
    public void uniqueField(String module, String field) {
        uniqueFields.computeIfAbsent(module, m -> ConcurrentHashMap.newKeySet()).add(field);
    }

    /** Adds a value to the Deals {@code Stage} picklist. */
    public void addStage(String stage) {
        stages.add(stage);
    }

    /** Contract violations seen so far (requests and responses). */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** The stored record, or {@code null}. */
    public ObjectNode record(String module, String id) {
        ObjectNode r = modules.get(module).get(id);
        return r == null ? null : r.deepCopy();
    }

    /** Stored records of a module. */
    public int count(String module) {
        return modules.get(module).size();
    }

    /**
     * Stores a record directly (as a user of the Zoho UI would), with system fields; values are JSON-converted.
     *
     * @return the stored record including {@code id}
     */
    public ObjectNode seed(String module, Map<String, ?> fields) {
        ObjectNode rec = JSON.valueToTree(fields);
        synchronized (this) {
            return stamp(module, rec, null).deepCopy();
        }
    }

    /** Stops the server. */
    public void stop() {
        server.stop();
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    // ------------------------------------------------------------------ dispatch

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        URI uri = URI.create(request.getUrl());
        String path = uri.getPath();
        String method = request.getMethod().getName();
        if (path.equals("/oauth/v2/token")) {
            return token(response, request);
        }
        String auth = request.getHeader("Authorization");
        if (auth == null || !auth.startsWith("Zoho-oauthtoken ") || !tokens.contains(auth.substring(16))) {
            return error(response, 401, "INVALID_TOKEN", "invalid oauth token", JSON.createObjectNode());
        }
        if (inFlight.incrementAndGet() > concurrencyLimit) {
            inFlight.decrementAndGet();
            return error(response, 429, "TOO_MANY_REQUESTS", "The concurrency limit has been exceeded",
                    JSON.createObjectNode());
        }
        try {
            return route(response, request, method, path);
        } catch (BadRequest e) {
            return error(response, e.status, e.code, e.getMessage(), e.details);
        } catch (RuntimeException e) {
            return error(response, 500, "INTERNAL_ERROR", "simulator failure: " + e, JSON.createObjectNode());
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private Response route(Response response, Request request, String method, String path) {
        if (!path.startsWith("/crm/v8/")) {
            throw new BadRequest(404, "INVALID_URL_PATTERN", "Please check if the URL trying to access is a correct one");
        }
        String[] seg = path.substring("/crm/v8/".length()).split("/");
        String module = seg[0];
        if (!modules.containsKey(module)) {
            throw new BadRequest(400, "INVALID_MODULE", "the module name given seems to be invalid");
        }
        Map<String, List<String>> query = query(request);
        String where = method + " " + path;
        if (seg.length == 1 && method.equals("GET")) {
            allowOnly(query, LIST_QUERY);
            return records(response, where, list(module, query, request.getHeader("If-Modified-Since")));
        }
        if (seg.length == 2 && seg[1].equals("search") && method.equals("GET")) {
            allowOnly(query, SEARCH_QUERY);
            return records(response, where, search(module, query));
        }
        if (seg.length == 1 && (method.equals("POST") || method.equals("PUT"))
                || seg.length == 2 && seg[1].equals("upsert") && method.equals("POST")
                || seg.length == 2 && method.equals("PUT") && seg[1].matches("[0-9]+")) {
            allowOnly(query, Set.of());
            JsonNode body = body(request, module, where);
            String mode = seg.length == 2 && seg[1].equals("upsert") ? "upsert" : method.equals("POST") ? "insert"
                    : "update";
            return write(response, where, module, mode, seg.length == 2 && !seg[1].equals("upsert") ? seg[1] : null,
                    body);
        }
        if (seg.length == 1 && method.equals("DELETE")) {
            allowOnly(query, Set.of("ids", "wf_trigger"));
            return delete(response, where, module, query.getOrDefault("ids", List.of("")).get(0));
        }
        if (seg.length == 2 && method.equals("GET")) {
            allowOnly(query, Set.of("fields"));
            ObjectNode rec = modules.get(module).get(seg[1]);
            if (rec == null) {
                return noContent(response);
            }
            return records(response, where, page(List.of(rec), null, null, false));
        }
        if (seg.length == 3 && seg[2].equals("Notes") && method.equals("GET")) {
            allowOnly(query, Set.of("fields", "page", "per_page"));
            return records(response, where, relatedNotes(module, seg[1], query));
        }
        throw new BadRequest(404, "INVALID_URL_PATTERN", "Please check if the URL trying to access is a correct one");
    }

    // ------------------------------------------------------------------ token

    private Response token(Response response, Request request) {
        if (!request.getMethod().getName().equals("POST")
                || !String.valueOf(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded")) {
            violations.add("token request must be a form POST, was " + request.getMethod() + " "
                    + request.getHeader("Content-Type"));
        }
        Map<String, String> form = new HashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        query(request).forEach((k, v) -> form.putIfAbsent(k, v.get(0)));
        ObjectNode body = JSON.createObjectNode();
        if (!"refresh_token".equals(form.get("grant_type"))) {
            body.put("error", "unsupported_grant_type");
        } else if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            body.put("error", "invalid_client");
        } else if (!REFRESH_TOKEN.equals(form.get("refresh_token"))) {
            body.put("error", "invalid_code");
        } else {
            String token = "1000." + UUID.randomUUID().toString().replace("-", "");
            tokens.add(token);
            tokensIssued.incrementAndGet();
            body.put("access_token", token).put("scope", "ZohoCRM.modules.ALL ZohoSearch.securesearch.READ")
                    .put("api_domain", baseUrl()).put("token_type", "Bearer").put("expires_in", 3600);
        }
        check(contract.response("token-response", "POST /oauth/v2/token", body));
        return json(response, 200, body);
    }

    // ------------------------------------------------------------------ writes

    private JsonNode body(Request request, String module, String where) {
        String type = request.getHeader("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            throw violation(where + ": Content-Type must be application/json but was " + type);
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.getBodyAsString());
        } catch (Exception e) {
            throw new BadRequest(400, "INVALID_DATA", "body is not JSON");
        }
        List<String> problems = contract.writeRequest(where, module, body);
        if (!problems.isEmpty()) {
            violations.addAll(problems);
            throw new BadRequest(400, "INVALID_DATA", "contract violation: " + problems);
        }
        if (body.path("data").size() > 100) {
            ObjectNode d = JSON.createObjectNode().put("limit", 100);
            throw new BadRequest(400, "LIMIT_EXCEEDED", "the maximum number of records allowed per call is 100", d);
        }
        return body;
    }

    private synchronized Response write(Response response, String where, String module, String mode, String pathId,
                                        JsonNode body) {
        String dupField = null;
        if (mode.equals("upsert")) {
            JsonNode dcf = body.path("duplicate_check_fields");
            dupField = dcf.isMissingNode() ? DUPLICATE_CHECK.get(module) : dcf.path(0).asText();
            if (dcf.size() > 1 || dupField == null || !dupField.equals(DUPLICATE_CHECK.get(module))
                    && !uniqueFields.getOrDefault(module, Set.of()).contains(dupField)) {
                throw new BadRequest(400, "INVALID_DATA", "duplicate_check_fields must be unique or system duplicate "
                        + "check fields", JSON.createObjectNode().put("api_name", "duplicate_check_fields"));
            }
        }
        ArrayNode results = JSON.createArrayNode();
        int ok = 0;
        int i = 0;
        for (JsonNode in : body.path("data")) {
            ObjectNode rec = (ObjectNode) in.deepCopy();
            ObjectNode item = writeOne(module, mode, pathId, dupField, rec, i++);
            if ("success".equals(item.path("status").asText())) {
                ok++;
            }
            results.add(item);
        }
        ObjectNode out = JSON.createObjectNode().set("data", results);
        int status = ok == results.size() ? (mode.equals("insert") ? 201 : 200) : ok == 0 ? 400 : 207;
        check(contract.response(status == 400 ? "error-response" : "action-response", where, out));
        return json(response, status, out);
    }

    /** Delete Records: one item per id (at most 100); unknown ids are {@code INVALID_DATA}; 200, 207 mixed, 400 none. */
    private Response delete(Response response, String where, String module, String ids) {
        List<String> list = List.of(ids.split(","));
        if (ids.isBlank() || list.size() > 100) {
            throw new BadRequest(400, "INVALID_DATA", "ids must name 1 to 100 records");
        }
        ArrayNode results = JSON.createArrayNode();
        int ok = 0;
        for (String id : list) {
            ObjectNode item = results.addObject();
            item.putObject("details").put("id", id);
            if (modules.get(module).remove(id) != null) {
                ok++;
                item.put("code", "SUCCESS").put("message", "record deleted").put("status", "success");
            } else {
                item.put("code", "INVALID_DATA").put("message", "the related id given seems to be invalid")
                        .put("status", "error");
            }
        }
        ObjectNode out = JSON.createObjectNode().set("data", results);
        check(contract.response("delete-response", where, out));
        return json(response, ok == list.size() ? 200 : ok == 0 ? 400 : 207, out);
    }

    private ObjectNode writeOne(String module, String mode, String pathId, String dupField, ObjectNode rec, int index) {
        Map<String, ObjectNode> table = modules.get(module);
        ObjectNode existing = null;
        String id = pathId != null ? pathId : rec.path("id").asText(null);
        if (mode.equals("update")) {
            existing = id == null ? null : table.get(id);
            if (existing == null) {
                return failure("INVALID_DATA", "the id given seems to be invalid",
                        JSON.createObjectNode().put("api_name", "id").put("json_path", "$.data[" + index + "].id"));
            }
        } else if (mode.equals("upsert") && rec.hasNonNull(dupField)) {
            String key = rec.get(dupField).asText();
            existing = table.values().stream().filter(r -> key.equalsIgnoreCase(r.path(dupField).asText()))
                    .min(Comparator.comparing(r -> r.path("id").asText())).orElse(null);
        }
        rec.remove("id");
        ObjectNode problem = validate(module, rec, existing == null, index);
        if (problem == null) {
            problem = unique(module, rec, existing, index);
        }
        if (problem != null) {
            return problem;
        }
        ObjectNode stored = stamp(module, rec, existing);
        ObjectNode details = JSON.createObjectNode();
        details.put("Modified_Time", stored.get("Modified_Time").asText()).set("Modified_By", user());
        details.put("Created_Time", stored.get("Created_Time").asText()).put("id", stored.get("id").asText())
                .set("Created_By", user());
        ObjectNode item = JSON.createObjectNode().put("code", "SUCCESS");
        if (mode.equals("upsert")) {
            item.put("duplicate_field", existing == null ? null : dupField).put("action",
                    existing == null ? "insert" : "update");
        }
        item.set("details", details);
        item.put("message", existing == null ? "record added" : "record updated").put("status", "success");
        return item;
    }

    private ObjectNode validate(String module, ObjectNode rec, boolean create, int index) {
        if (create) {
            for (String f : MANDATORY.get(module)) {
                if (!rec.hasNonNull(f) || rec.get(f).isTextual() && rec.get(f).asText().isBlank()) {
                    return failure("MANDATORY_NOT_FOUND", "required field not found", JSON.createObjectNode()
                            .put("api_name", f).put("json_path", "$.data[" + index + "]." + f));
                }
            }
        }
        if (rec.hasNonNull("Email") && !EMAIL.matcher(rec.get("Email").asText()).matches()) {
            return invalid("Email", "email", index);
        }
        if (module.equals("Deals") && rec.hasNonNull("Stage") && !stages.contains(rec.get("Stage").asText())) {
            return invalid("Stage", "picklist", index);
        }
        if (rec.has("Account_Name") && rec.get("Account_Name").isObject()
                && !modules.get("Accounts").containsKey(rec.get("Account_Name").path("id").asText())) {
            return invalid("Account_Name", "lookup", index);
        }
        if (module.equals("Sales_Orders")) {
            if (rec.hasNonNull("Status") && !ORDER_STATUSES.contains(rec.get("Status").asText())) {
                return invalid("Status", "picklist", index);
            }
            for (JsonNode line : rec.path("Ordered_Items")) {
                if (!modules.get("Products").containsKey(line.path("Product_Name").path("id").asText())) {
                    return invalid("Product_Name", "lookup", index);
                }
            }
        }
        if (module.equals("Notes")) {
            JsonNode parent = rec.path("Parent_Id");
            String parentModule = parent.path("module").path("api_name").asText();
            if (!modules.containsKey(parentModule) || parentModule.equals("Notes")
                    || !modules.get(parentModule).containsKey(parent.path("id").asText())) {
                return invalid("Parent_Id", "lookup", index);
            }
        }
        return null;
    }

    private ObjectNode unique(String module, ObjectNode rec, ObjectNode existing, int index) {
        for (String f : uniqueFields.getOrDefault(module, Set.of())) {
            if (!rec.hasNonNull(f)) {
                continue;
            }
            String v = rec.get(f).asText();
            for (ObjectNode other : modules.get(module).values()) {
                if (other != existing && v.equalsIgnoreCase(other.path(f).asText(null))) {
                    return failure("DUPLICATE_DATA", "duplicate data", JSON.createObjectNode().put("api_name", f)
                            .put("json_path", "$.data[" + index + "]." + f).set("duplicate_record",
                                    JSON.createObjectNode().put("id", other.get("id").asText())));
                }
            }
        }
        return null;
    }

    private ObjectNode invalid(String field, String type, int index) {
        return failure("INVALID_DATA", "invalid data", JSON.createObjectNode().put("expected_data_type", type)
                .put("api_name", field).put("json_path", "$.data[" + index + "]." + field));
    }

    private static ObjectNode failure(String code, String message, ObjectNode details) {
        ObjectNode item = JSON.createObjectNode().put("code", code);
        item.set("details", details);
        return item.put("message", message).put("status", "error");
    }

    private ObjectNode stamp(String module, ObjectNode rec, ObjectNode existing) {
        String now = TIME.format(clock.instant().atOffset(OFFSET));
        ObjectNode stored;
        if (existing == null) {
            stored = rec;
            stored.put("id", Long.toString(ids.getAndIncrement()));
            stored.put("Created_Time", now);
            stored.set("Owner", user());
            modules.get(module).put(stored.get("id").asText(), stored);
        } else {
            stored = existing;
            rec.properties().forEach(e -> stored.set(e.getKey(), e.getValue()));
        }
        stored.put("Modified_Time", now);
        if (module.equals("Sales_Orders")) {
            BigDecimal sub = BigDecimal.ZERO;
            for (JsonNode l : stored.path("Ordered_Items")) {
                ObjectNode line = (ObjectNode) l;
                ObjectNode product = modules.get("Products").get(line.path("Product_Name").path("id").asText());
                if (product != null) {
                    line.set("Product_Name", JSON.createObjectNode().put("Product_Code", product.path("Product_Code")
                            .asText(null)).put("name", product.path("Product_Name").asText()).put("id",
                            product.get("id").asText()));
                }
                BigDecimal total = line.path("Quantity").decimalValue().multiply(line.path("List_Price").decimalValue());
                line.put("Total", total).put("Net_Total", total);
                sub = sub.add(total);
            }
            stored.put("Sub_Total", sub).put("Grand_Total", sub);
            if (!stored.hasNonNull("Status")) {
                stored.put("Status", "Created");
            }
            if (!stored.has("SO_Number")) {
                stored.put("SO_Number", stored.get("id").asText().substring(10));
            }
        }
        return stored;
    }

    private static ObjectNode user() {
        return JSON.createObjectNode().put("name", "Integration User").put("id", "5725767000000258001")
                .put("email", "integration@zoho-sim.example");
    }

    // ------------------------------------------------------------------ reads

    private record PageOf(List<ObjectNode> rows, Integer page, String nextToken, boolean more, int perPage,
                          String sortBy, String sortOrder, String fields) {
    }

    private PageOf page(List<ObjectNode> rows, Integer page, String nextToken, boolean more) {
        return new PageOf(rows, page, nextToken, more, Math.max(rows.size(), 1), null, null, null);
    }

    private PageOf list(String module, Map<String, List<String>> query, String ifModifiedSince) {
        String fields = one(query, "fields");
        if (fields == null) {
            throw new BadRequest(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing",
                    JSON.createObjectNode().put("param_name", "fields"));
        }
        int perPage = intParam(query, "per_page", 200, 1, 200);
        String sortBy = one(query, "sort_by") == null ? "id" : one(query, "sort_by");
        String sortOrder = one(query, "sort_order") == null ? "desc" : one(query, "sort_order");
        if (!Set.of("id", "Created_Time", "Modified_Time").contains(sortBy) || !Set.of("asc", "desc").contains(sortOrder)) {
            throw new BadRequest(400, "INVALID_DATA", "invalid sort", JSON.createObjectNode().put("param_name", "sort_by"));
        }
        String token = one(query, "page_token");
        if (token != null && query.containsKey("page")) {
            throw new BadRequest(400, "INVALID_DATA", "page and page_token cannot be used together",
                    JSON.createObjectNode().put("param_name", "page"));
        }
        int offset;
        int pageNo = 1;
        if (token != null) {
            Integer o = pageTokens.get(token);
            if (o == null) {
                throw new BadRequest(400, "INVALID_DATA", "invalid page token",
                        JSON.createObjectNode().put("param_name", "page_token"));
            }
            offset = o;
        } else {
            pageNo = intParam(query, "page", 1, 1, Integer.MAX_VALUE);
            offset = (pageNo - 1) * perPage;
            if ((long) pageNo * perPage > 2000) {
                throw new BadRequest(400, "DISCRETE_PAGINATION_LIMIT_EXCEEDED",
                        "Cannot fetch more than 2000 records without page_token", JSON.createObjectNode());
            }
        }
        Instant since = ifModifiedSince == null ? null : OffsetDateTime.parse(ifModifiedSince).toInstant();
        Comparator<ObjectNode> order = Comparator.comparingLong((ObjectNode r) -> sortKey(r, sortBy))
                .thenComparing(r -> Long.parseLong(r.get("id").asText()));
        if (sortOrder.equals("desc")) {
            order = order.reversed();
        }
        List<ObjectNode> all;
        synchronized (this) {
            all = modules.get(module).values().stream()
                    .filter(r -> since == null || time(r, "Modified_Time").isAfter(since))
                    .map(ObjectNode::deepCopy).sorted(order).toList();
        }
        if (since != null && all.isEmpty()) {
            throw new NotModified();
        }
        List<ObjectNode> rows = all.subList(Math.min(offset, all.size()), Math.min(offset + perPage, all.size()));
        boolean more = offset + perPage < all.size();
        String next = null;
        if (more) {
            next = "sim" + UUID.randomUUID().toString().replace("-", "");
            pageTokens.put(next, offset + perPage);
        }
        return new PageOf(rows, token == null ? pageNo : null, next, more, perPage, sortBy, sortOrder, fields);
    }

    private static long sortKey(ObjectNode r, String sortBy) {
        return sortBy.equals("id") ? Long.parseLong(r.get("id").asText()) : time(r, sortBy).getEpochSecond();
    }

    private PageOf search(String module, Map<String, List<String>> query) {
        List<String> kinds = new ArrayList<>();
        for (String k : List.of("criteria", "email", "phone", "word")) {
            if (query.containsKey(k)) {
                kinds.add(k);
            }
        }
        if (kinds.size() != 1) {
            throw new BadRequest(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing",
                    JSON.createObjectNode().put("param_name", "criteria, email, phone or word"));
        }
        int perPage = intParam(query, "per_page", 200, 1, 200);
        int pageNo = intParam(query, "page", 1, 1, Integer.MAX_VALUE);
        if ((long) pageNo * perPage > 2000) {
            throw new BadRequest(400, "LIMIT_REACHED", "search results are limited to 2000 records",
                    JSON.createObjectNode().put("limit", 2000));
        }
        String kind = kinds.get(0);
        String value = one(query, kind);
        java.util.function.Predicate<ObjectNode> filter = switch (kind) {
            case "email" -> r -> value.equalsIgnoreCase(r.path("Email").asText(null));
            case "phone" -> r -> value.equals(r.path("Phone").asText(null));
            case "word" -> {
                if (value.length() < 2) {
                    throw new BadRequest(400, "INVALID_QUERY", "the word must have at least 2 characters",
                            JSON.createObjectNode().put("param_name", "word"));
                }
                String w = value.toLowerCase(Locale.ROOT);
                yield r -> {
                    for (Map.Entry<String, JsonNode> e : r.properties()) {
                        if (e.getValue().isTextual() && e.getValue().asText().toLowerCase(Locale.ROOT).contains(w)) {
                            return true;
                        }
                    }
                    return false;
                };
            }
            default -> criteria(value);
        };
        List<ObjectNode> all;
        synchronized (this) {
            all = modules.get(module).values().stream().filter(filter).map(ObjectNode::deepCopy)
                    .sorted(Comparator.comparing(r -> Long.parseLong(r.get("id").asText()))).toList();
        }
        int offset = (pageNo - 1) * perPage;
        List<ObjectNode> rows = all.subList(Math.min(offset, all.size()), Math.min(offset + perPage, all.size()));
        return new PageOf(rows, pageNo, null, offset + perPage < all.size(), perPage, null, null, null);
    }

    /** Criteria {@code ((A:op:v)and(B:op:v))}, all {@code and} or all {@code or}, at most 10. */
    private java.util.function.Predicate<ObjectNode> criteria(String text) {
        String body = text.startsWith("((") ? text.substring(1, text.length() - 1) : text;
        Matcher m = CRITERION.matcher(body);
        List<java.util.function.Predicate<ObjectNode>> parts = new ArrayList<>();
        Set<String> joins = new java.util.HashSet<>();
        int at = 0;
        while (m.find()) {
            if (m.start() != at) {
                joins.add(body.substring(at, m.start()));
            }
            at = m.end();
            parts.add(criterion(m.group(1), m.group(2), m.group(3)));
        }
        if (parts.isEmpty() || at != body.length() || joins.size() > 1
                || !joins.isEmpty() && !Set.of("and", "or").containsAll(joins) || parts.size() > 10) {
            throw new BadRequest(400, "INVALID_QUERY", "invalid query formed",
                    JSON.createObjectNode().put("reason", "criteria '" + text + "'"));
        }
        boolean or = joins.contains("or");
        return r -> or ? parts.stream().anyMatch(p -> p.test(r)) : parts.stream().allMatch(p -> p.test(r));
    }

    private java.util.function.Predicate<ObjectNode> criterion(String field, String op, String raw) {
        String value = raw.replaceAll("\\\\(.)", "$1");
        return r -> {
            JsonNode v = r.get(field);
            if (v != null && v.isObject()) {
                v = v.get("id");
            }
            if (v == null || v.isNull()) {
                return false;
            }
            String s = v.asText();
            return switch (op) {
                case "equals" -> s.toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT));
                case "starts_with" -> s.toLowerCase(Locale.ROOT).startsWith(value.toLowerCase(Locale.ROOT));
                case "greater_equal" -> compare(v, value) >= 0;
                case "less_equal" -> compare(v, value) <= 0;
                case "greater_than" -> compare(v, value) > 0;
                case "less_than" -> compare(v, value) < 0;
                default -> throw new BadRequest(400, "INVALID_QUERY", "unsupported operator " + op,
                        JSON.createObjectNode().put("operator", op));
            };
        };
    }

    private static int compare(JsonNode v, String value) {
        return v.isNumber() ? v.decimalValue().compareTo(new BigDecimal(value)) : v.asText().compareTo(value);
    }

    private PageOf relatedNotes(String module, String parentId, Map<String, List<String>> query) {
        if (one(query, "fields") == null) {
            throw new BadRequest(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing",
                    JSON.createObjectNode().put("param_name", "fields"));
        }
        if (module.equals("Notes") || !modules.get(module).containsKey(parentId)) {
            throw new BadRequest(400, "INVALID_DATA", "the related id given seems to be invalid",
                    JSON.createObjectNode().put("api_name", "id"));
        }
        int perPage = intParam(query, "per_page", 200, 1, 200);
        int pageNo = intParam(query, "page", 1, 1, Integer.MAX_VALUE);
        List<ObjectNode> all;
        synchronized (this) {
            all = modules.get("Notes").values().stream()
                    .filter(n -> parentId.equals(n.path("Parent_Id").path("id").asText())
                            && module.equals(n.path("Parent_Id").path("module").path("api_name").asText()))
                    .map(ObjectNode::deepCopy)
                    .sorted(Comparator.comparing(r -> Long.parseLong(r.get("id").asText()))).toList();
        }
        int offset = (pageNo - 1) * perPage;
        List<ObjectNode> rows = all.subList(Math.min(offset, all.size()), Math.min(offset + perPage, all.size()));
        return new PageOf(rows, pageNo, null, offset + perPage < all.size(), perPage, null, null, null);
    }

    private Response records(Response response, String where, PageOf page) {
        if (page.rows().isEmpty()) {
            return noContent(response);
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode data = out.putArray("data");
        for (ObjectNode r : page.rows()) {
            if (page.fields() != null) {
                ObjectNode trimmed = JSON.createObjectNode().put("id", r.get("id").asText());
                for (String f : page.fields().split(",")) {
                    if (r.has(f.trim())) {
                        trimmed.set(f.trim(), r.get(f.trim()));
                    }
                }
                data.add(trimmed);
            } else {
                data.add(r);
            }
        }
        if (page.page() == null && page.sortBy() == null) {
            check(contract.response("records-response", where, out));
            return json(response, 200, out);
        }
        ObjectNode info = out.putObject("info");
        info.put("per_page", page.perPage()).put("count", page.rows().size());
        if (page.page() != null) {
            info.put("page", page.page());
        }
        if (page.sortBy() != null) {
            info.put("sort_by", page.sortBy()).put("sort_order", page.sortOrder());
        }
        info.put("more_records", page.more());
        if (page.sortBy() != null) {
            info.put("next_page_token", page.nextToken()).putNull("previous_page_token");
            info.put("page_token_expiry", page.nextToken() == null ? null
                    : TIME.format(clock.instant().plusSeconds(86400).atOffset(OFFSET)));
        }
        check(contract.response("records-response", where, out));
        return json(response, 200, out);
    }

    // ------------------------------------------------------------------ helpers

    private static Instant time(ObjectNode r, String field) {
        return OffsetDateTime.parse(r.get(field).asText()).toInstant();
    }

    private static Map<String, List<String>> query(Request request) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String raw = URI.create(request.getUrl()).getRawQuery();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    private void allowOnly(Map<String, List<String>> query, Set<String> allowed) {
        for (String k : query.keySet()) {
            if (!allowed.contains(k)) {
                throw violation("query parameter '" + k + "' is not documented here (allowed " + allowed + ")");
            }
        }
    }

    private static String one(Map<String, List<String>> query, String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static int intParam(Map<String, List<String>> query, String name, int dflt, int min, int max) {
        String v = one(query, name);
        if (v == null) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v);
            if (i < min || i > max) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException e) {
            throw new BadRequest(400, "INVALID_DATA", "invalid value for " + name,
                    JSON.createObjectNode().put("param_name", name).put("maximum_length", max));
        }
    }

    private BadRequest violation(String message) {
        violations.add(message);
        return new BadRequest(400, "INVALID_REQUEST", message);
    }

    private void check(List<String> problems) {
        violations.addAll(problems);
    }

    private Response error(Response base, int status, String code, String message, ObjectNode details) {
        if (status == 304) {
            return Response.Builder.like(base).but().status(304).headers(new HttpHeaders()).body("").build();
        }
        ObjectNode body = JSON.createObjectNode().put("code", code);
        body.set("details", details);
        body.put("message", message).put("status", "error");
        check(contract.response("error-response", "error " + status, body));
        return json(base, status, body);
    }

    private static Response noContent(Response base) {
        return Response.Builder.like(base).but().status(204).headers(new HttpHeaders()).body("").build();
    }

    private static Response json(Response base, int status, JsonNode body) {
        return Response.Builder.like(base).but().status(status)
                .headers(new HttpHeaders(new HttpHeader("Content-Type", "application/json;charset=UTF-8")))
                .body(body.toString()).build();
    }

    /** An error answer. */
    private static class BadRequest extends RuntimeException {
        final int status;
        final String code;
        final ObjectNode details;

        BadRequest(int status, String code, String message) {
            this(status, code, message, JSON.createObjectNode());
        }

        BadRequest(int status, String code, String message, ObjectNode details) {
            super(message);
            this.status = status;
            this.code = code;
            this.details = details;
        }
    }

    /** 304 for an {@code If-Modified-Since} list with nothing newer. */
    private static final class NotModified extends BadRequest {
        NotModified() {
            super(304, "NOT_MODIFIED", "not modified");
        }
    }
}
