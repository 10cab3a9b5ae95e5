package dev.salesagent.crm.hubspot.sim;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful HubSpot CRM simulator running inside WireMock (a {@link ResponseTransformerV2} holding records in memory).
 *
 * <p>It speaks the documented shapes of the CRM objects v3 API (and the date-versioned {@code /crm/objects/2026-03/...}
 * form), associations v4, pipelines and the OAuth token endpoint, and enforces the documented limits: 100 inputs per
 * batch, 200 results per search page with {@code after} cursors, 65,536-character note bodies, e-mail and number
 * validation, the rolling 10-second limit and the daily limit (429 with {@code policyName}), bearer authentication
 * (401 {@code INVALID_AUTHENTICATION}/{@code EXPIRED_AUTHENTICATION}). Every response carries the
 * {@code X-HubSpot-RateLimit-*} headers and an {@code X-HubSpot-Correlation-Id}.
 */
public final class HubSpotSimulator implements ResponseTransformerV2 {

    public static final String NAME = "hubspot-simulator";
    public static final int MAX_BATCH = 100;
    public static final int MAX_SEARCH_LIMIT = 200;
    public static final int MAX_NOTE_BODY = 65_536;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DATED = Pattern.compile("^/crm/(objects|associations|pipelines)/\\d{4}-\\d{2}(?:-beta)?/(.*)$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Set<String> NUMERIC = Set.of("amount", "annualrevenue", "numberofemployees", "price");
    private static final Map<String, Integer> DEFAULT_TYPE_IDS = Map.ofEntries(
            Map.entry("contacts>companies", 279), Map.entry("companies>contacts", 280),
            Map.entry("deals>companies", 341), Map.entry("companies>deals", 342),
            Map.entry("deals>contacts", 3), Map.entry("contacts>deals", 4),
            Map.entry("notes>contacts", 202), Map.entry("contacts>notes", 201),
            Map.entry("notes>companies", 190), Map.entry("companies>notes", 189),
            Map.entry("notes>deals", 214), Map.entry("deals>notes", 213));

    /** HubSpot's object type ids, as they appear in its error messages ({@code 0-2} = companies). */
    private static final Map<String, String> OBJECT_TYPE_IDS = Map.of(
            "contacts", "0-1", "companies", "0-2", "deals", "0-3", "products", "0-7", "notes", "0-46");

    /**
     * Checks requests (and the simulator's own answers) against the vendor's documented shapes; see
     * {@link #enforce(Contract)}.
     */
    public interface Contract {
        /** Violations of one request; {@code path} is normalised to the v3/v4 form. */
        List<String> request(String method, String path, List<String> queryNames, String contentType, String body);

        /** Violations of one answer of the simulator. */
        List<String> response(String method, String path, int status, String body);
    }

    /** One stored record. */
    public static final class Obj {
        final String id;
        final Map<String, String> props = new LinkedHashMap<>();
        final Instant createdAt;
        Instant updatedAt;
        boolean archived;

        Obj(String id, Instant now) {
            this.id = id;
            this.createdAt = now;
            this.updatedAt = now;
        }

        public String id() {
            return id;
        }

        public Map<String, String> properties() {
            return Map.copyOf(props);
        }
    }

    record Assoc(String fromType, String fromId, String toType, String toId, int typeId) {}

    /** A call the simulator answered: method, normalised path, status, arrival time. */
    public record Call(String method, String path, int status, Instant at, String body) {}

    private record Reply(int status, Object body, Map<String, String> headers) {}

    private final Map<String, Map<String, Obj>> objects = new HashMap<>();
    private final List<Assoc> associations = new ArrayList<>();
    private final List<String> gdprDeleted = new ArrayList<>();
    private final Set<String> blocklist = new HashSet<>();
    private final List<Call> calls = new ArrayList<>();
    private final Deque<Instant> window = new ArrayDeque<>();
    private final AtomicLong ids = new AtomicLong(1000);
    private final Set<String> validTokens = new HashSet<>();
    private final Set<String> expiredTokens = new HashSet<>();
    private final Map<String, Set<String>> uniqueProperties = new HashMap<>(Map.of("contacts", new HashSet<>(Set.of("email"))));
    private Clock clock = Clock.systemUTC();
    private Duration offset = Duration.ZERO;
    private final List<String[]> dealStages = new ArrayList<>(List.of(
            new String[] {"appointmentscheduled", "Appointment Scheduled"}, new String[] {"qualifiedtobuy", "Qualified To Buy"},
            new String[] {"presentationscheduled", "Presentation Scheduled"},
            new String[] {"decisionmakerboughtin", "Decision Maker Bought-In"}, new String[] {"contractsent", "Contract Sent"},
            new String[] {"closedwon", "Closed Won"}, new String[] {"closedlost", "Closed Lost"}));
    private int tenSecondLimit = Integer.MAX_VALUE;
    private Duration rollingWindow = Duration.ofSeconds(10);
    private long dailyLimit = Long.MAX_VALUE;
    private long dailyUsed;
    private int rateLimitEvery;
    private long apiCalls;
    private boolean requireAuth;
    private String oauthClientId;
    private String oauthClientSecret;
    private String oauthRefreshToken;
    private long tokenLifetimeSeconds = 1800;
    private int tokensIssued;
    private WireMockServer server;
    private Contract contract;
    private final List<String> contractViolations = new ArrayList<>();

    /** Starts a WireMock server on a dynamic port whose every request is answered by a new simulator. */
    public static HubSpotSimulator launch() {
        HubSpotSimulator sim = new HubSpotSimulator();
        WireMockServer server = new WireMockServer(options().dynamicPort().extensions(sim, sim.new ContractListener()));
        server.start();
        server.stubFor(any(anyUrl()).atPriority(100).willReturn(aResponse().withStatus(200).withTransformers(NAME)));
        sim.server = server;
        return sim;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    public WireMockServer server() {
        return server;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public void stop() {
        server.stop();
    }

    // ---------------------------------------------------------------- configuration

    /** Accept this private-app token (and reject requests without a valid bearer token). */
    public synchronized HubSpotSimulator acceptToken(String token) {
        requireAuth = true;
        validTokens.add(token);
        return this;
    }

    /** Enable the OAuth refresh-token grant for this app; issued access tokens live {@code lifetime}. */
    public synchronized HubSpotSimulator oauthApp(String clientId, String clientSecret, String refreshToken, Duration lifetime) {
        requireAuth = true;
        oauthClientId = clientId;
        oauthClientSecret = clientSecret;
        oauthRefreshToken = refreshToken;
        tokenLifetimeSeconds = lifetime.toSeconds();
        return this;
    }

    /** Marks every issued or accepted token expired (the next API call with it gets 401 EXPIRED_AUTHENTICATION). */
    public synchronized void expireAllTokens() {
        expiredTokens.addAll(validTokens);
        validTokens.clear();
    }

    public synchronized int tokensIssued() {
        return tokensIssued;
    }

    /** Rolling 10-second request limit (HubSpot default 100 for private apps on Free/Starter). */
    public synchronized HubSpotSimulator tenSecondLimit(int limit) {
        tenSecondLimit = limit;
        return this;
    }

    /** Length of the rolling window of {@link #tenSecondLimit} (HubSpot: 10 s); shorter windows keep tests fast. */
    public synchronized HubSpotSimulator rollingWindow(Duration window) {
        rollingWindow = window;
        return this;
    }

    /** Daily request limit (resets never within a test). */
    public synchronized HubSpotSimulator dailyLimit(long limit) {
        dailyLimit = limit;
        return this;
    }

    /** Answer every n-th API call with 429 TEN_SECONDLY_ROLLING before touching state (0 = never). */
    public synchronized HubSpotSimulator rateLimitEvery(int n) {
        rateLimitEvery = n;
        return this;
    }

    /** Moves the simulator's clock forward (record timestamps, rolling window). */
    public synchronized void advanceClock(Duration by) {
        offset = offset.plus(by);
    }

    /**
     * Declares a property with unique values ({@code hasUniqueValue=true}), which may then be used as
     * {@code idProperty}. Built in: {@code hs_object_id} of every type and the contact {@code email}; a company's
     * {@code domain} is not unique, as in HubSpot.
     */
    public synchronized HubSpotSimulator uniqueProperty(String type, String property) {
        uniqueProperties.computeIfAbsent(type, t -> new HashSet<>()).add(property);
        return this;
    }

    /**
     * Validates every request against {@code contract}: a request that breaks it is answered 400
     * {@code VALIDATION_ERROR} and recorded in {@link #contractViolations()}, as is any answer of the simulator that
     * breaks the documented response shape.
     */
    public synchronized HubSpotSimulator enforce(Contract contract) {
        this.contract = contract;
        return this;
    }

    /** Every contract violation seen so far (requests and the simulator's own answers). */
    public synchronized List<String> contractViolations() {
        return List.copyOf(contractViolations);
    }

    /** Adds a stage to the default deal pipeline (what an admin does in HubSpot's settings). */
    public synchronized void addDealStage(String id, String label) {
        dealStages.add(new String[] {id, label});
    }

    private Instant now() {
        return clock.instant().plus(offset);
    }

    public synchronized HubSpotSimulator clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        return this;
    }

    // ---------------------------------------------------------------- inspection and seeding

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<Call> calls(String method, String pathPrefix) {
        return calls.stream().filter(c -> c.method().equals(method) && c.path().startsWith(pathPrefix)).toList();
    }

    public synchronized List<Obj> all(String type) {
        return objects.getOrDefault(type, Map.of()).values().stream().filter(o -> !o.archived).toList();
    }

    public synchronized Obj find(String type, String property, String value) {
        return all(type).stream().filter(o -> value.equalsIgnoreCase(o.props.get(property))).findFirst().orElse(null);
    }

    /** Creates a record directly (no HTTP call) and returns its id. */
    public synchronized String seed(String type, Map<String, String> properties) {
        Obj o = create(type, properties);
        return o.id;
    }

    public synchronized void associate(String fromType, String fromId, String toType, String toId) {
        associations.add(new Assoc(fromType, fromId, toType, toId, typeId(fromType, toType)));
    }

    public synchronized List<String> associatedIds(String fromType, String fromId, String toType) {
        return associated(fromType, fromId, toType);
    }

    // ---------------------------------------------------------------- WireMock hook

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        Reply reply;
        String path;
        synchronized (this) {
            String url = request.getUrl();
            int q = url.indexOf('?');
            path = normalise(q < 0 ? url : url.substring(0, q));
            List<String> violations = requestViolations(request);
            try {
                if (!violations.isEmpty()) {
                    throw new BadRequest("Request does not follow HubSpot's documented contract: " + violations);
                }
                reply = handle(request.getMethod().getName(), path, request);
            } catch (BadRequest e) {
                reply = new Reply(400, error("VALIDATION_ERROR", e.getMessage(), List.of(), null), Map.of());
            } catch (RuntimeException e) {
                reply = new Reply(500, error("INTERNAL_ERROR", String.valueOf(e), List.of(), null), Map.of());
            }
            calls.add(new Call(request.getMethod().getName(), path, reply.status, now(), request.getBodyAsString()));
        }
        List<HttpHeader> headers = new ArrayList<>();
        headers.add(new HttpHeader("Content-Type", "application/json;charset=utf-8"));
        String correlation = reply.headers.getOrDefault("X-HubSpot-Correlation-Id", UUID.randomUUID().toString());
        headers.add(new HttpHeader("X-HubSpot-Correlation-Id", correlation));
        reply.headers.forEach((k, v) -> {
            if (!k.equals("X-HubSpot-Correlation-Id")) {
                headers.add(new HttpHeader(k, v));
            }
        });
        String body;
        try {
            body = reply.body == null ? "" : reply.body instanceof String s ? s : JSON.writeValueAsString(reply.body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (contract != null) {
            List<String> bad = contract.response(request.getMethod().getName(), path, reply.status, body);
            if (!bad.isEmpty()) {
                synchronized (this) {
                    contractViolations.addAll(bad);
                }
            }
        }
        return Response.Builder.like(response).but().status(reply.status).headers(new HttpHeaders(headers)).body(body).build();
    }

    /** Contract violations of one request (none without a contract); recorded by {@link ContractListener}. */
    private synchronized List<String> requestViolations(Request request) {
        if (contract == null) {
            return List.of();
        }
        String url = request.getUrl();
        int q = url.indexOf('?');
        return contract.request(request.getMethod().getName(), normalise(q < 0 ? url : url.substring(0, q)),
                queryNames(q < 0 ? "" : url.substring(q + 1)), request.getHeader("Content-Type"), request.getBodyAsString());
    }

    /**
     * Checks every request that reaches the server, including those answered by fault stubs that never reach the
     * simulator's state, so retries after injected faults are validated too.
     */
    private final class ContractListener implements ServeEventListener {
        @Override
        public String getName() {
            return NAME + "-contract";
        }

        @Override
        public void beforeMatch(ServeEvent serveEvent, Parameters parameters) {
            List<String> violations = requestViolations(serveEvent.getRequest());
            if (!violations.isEmpty()) {
                synchronized (HubSpotSimulator.this) {
                    contractViolations.addAll(violations);
                }
            }
        }
    }

    private static List<String> queryNames(String query) {
        List<String> names = new ArrayList<>();
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                names.add(decode(eq < 0 ? pair : pair.substring(0, eq)));
            }
        }
        return names;
    }

    static String normalise(String path) {
        Matcher m = DATED.matcher(path);
        if (!m.matches()) {
            return path;
        }
        String rest = m.group(2);
        return switch (m.group(1)) {
            case "objects" -> rest.contains("/associations/") ? "/crm/v4/objects/" + rest : "/crm/v3/objects/" + rest;
            case "associations" -> "/crm/v4/associations/" + rest;
            default -> "/crm/v3/pipelines/" + rest;
        };
    }

    // ---------------------------------------------------------------- dispatch

    private Reply handle(String method, String path, Request request) {
        if (path.equals("/oauth/v1/token") && method.equals("POST")) {
            return token(request);
        }
        Reply auth = authenticate(request);
        if (auth != null) {
            return auth;
        }
        Reply limited = rateLimit();
        if (limited != null) {
            return limited;
        }
        Map<String, String> limitHeaders = limitHeaders();
        Reply r = route(method, path, request);
        Map<String, String> headers = new LinkedHashMap<>(limitHeaders);
        headers.putAll(r.headers);
        return new Reply(r.status, r.body, headers);
    }

    private Reply route(String method, String path, Request request) {
        String[] p = path.substring(1).split("/");
        // /crm/v3/objects/{type}[/...]
        if (p.length >= 4 && p[0].equals("crm") && p[1].equals("v3") && p[2].equals("objects")) {
            String type = p[3];
            if (p.length == 4 && method.equals("POST")) {
                return createOne(type, body(request));
            }
            if (p.length == 4 && method.equals("GET")) {
                return list(type, request);
            }
            if (p.length == 5 && p[4].equals("gdpr-delete") && type.equals("contacts") && method.equals("POST")) {
                return gdprDelete(type, body(request));
            }
            if (p.length == 5 && method.equals("DELETE")) {
                return archive(type, decode(p[4]));
            }
            if (p.length == 5 && p[4].equals("search") && method.equals("POST")) {
                return search(type, body(request));
            }
            if (p.length == 6 && p[4].equals("batch") && p[5].equals("upsert") && method.equals("POST")) {
                return batchUpsert(type, body(request));
            }
            if (p.length == 6 && p[4].equals("batch") && p[5].equals("create") && method.equals("POST")) {
                return batchCreate(type, body(request));
            }
            if (p.length == 6 && p[4].equals("batch") && p[5].equals("update") && method.equals("POST")) {
                return batchUpdate(type, body(request));
            }
            if (p.length == 6 && p[4].equals("batch") && p[5].equals("read") && method.equals("POST")) {
                return batchRead(type, body(request));
            }
            if (p.length == 5 && method.equals("GET")) {
                return getOne(type, decode(p[4]), request);
            }
            if (p.length == 5 && method.equals("PATCH")) {
                return patch(type, decode(p[4]), body(request));
            }
        }
        // /crm/v4/objects/{from}/{id}/associations/{to}
        if (p.length == 7 && p[1].equals("v4") && p[2].equals("objects") && p[5].equals("associations") && method.equals("GET")) {
            return listAssociations(p[3], p[4], p[6], request);
        }
        // /crm/v4/associations/{from}/{to}/batch/{read|associate/default}
        if (p.length >= 7 && p[1].equals("v4") && p[2].equals("associations") && p[5].equals("batch") && method.equals("POST")) {
            if (p[6].equals("read")) {
                return batchReadAssociations(p[3], p[4], body(request));
            }
            if (p[6].equals("associate") && p.length == 8 && p[7].equals("default")) {
                return batchAssociateDefault(p[3], p[4], body(request));
            }
        }
        if (path.equals("/crm/v3/pipelines/deals") && method.equals("GET")) {
            return new Reply(200, pipelines(), Map.of());
        }
        return new Reply(404, error("OBJECT_NOT_FOUND", "Unknown endpoint " + method + " " + path, List.of(), null), Map.of());
    }

    // ---------------------------------------------------------------- auth, limits

    private Reply token(Request request) {
        Map<String, String> form = new HashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        if (!"refresh_token".equals(form.get("grant_type"))
                || !Objects.equals(oauthClientId, form.get("client_id"))
                || !Objects.equals(oauthClientSecret, form.get("client_secret"))
                || !Objects.equals(oauthRefreshToken, form.get("refresh_token"))) {
            ObjectNode err = JSON.createObjectNode();
            err.put("status", "BAD_REFRESH_TOKEN");
            err.put("message", "missing or unknown refresh token");
            err.put("correlationId", UUID.randomUUID().toString());
            return new Reply(400, err, Map.of());
        }
        tokensIssued++;
        String token = "oauth-access-" + tokensIssued;
        validTokens.add(token);
        ObjectNode ok = JSON.createObjectNode();
        ok.put("token_type", "bearer");
        ok.put("refresh_token", oauthRefreshToken);
        ok.put("access_token", token);
        ok.put("expires_in", tokenLifetimeSeconds);
        return new Reply(200, ok, Map.of());
    }

    private Reply authenticate(Request request) {
        if (!requireAuth) {
            return null;
        }
        String header = request.getHeader("Authorization");
        String token = header != null && header.startsWith("Bearer ") ? header.substring(7) : null;
        if (token != null && validTokens.contains(token)) {
            return null;
        }
        if (token != null && expiredTokens.contains(token)) {
            return new Reply(401, error("EXPIRED_AUTHENTICATION",
                    "The OAuth token used to make this call expired 1 minute(s) ago.", List.of(), null), Map.of());
        }
        return new Reply(401, error("INVALID_AUTHENTICATION",
                "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details "
                        + "at https://developers.hubspot.com/docs/methods/auth/oauth-overview", List.of(), null), Map.of());
    }

    private Reply rateLimit() {
        Instant now = now();
        apiCalls++;
        if (dailyUsed >= dailyLimit) {
            return new Reply(429, rateLimitBody("DAILY", "You have reached your daily limit."), limitHeaders());
        }
        while (!window.isEmpty() && !window.peekFirst().isAfter(now.minus(rollingWindow))) {
            window.pollFirst();
        }
        if (window.size() >= tenSecondLimit || (rateLimitEvery > 0 && apiCalls % rateLimitEvery == 0)) {
            Map<String, String> h = new LinkedHashMap<>(limitHeaders());
            h.put("X-HubSpot-RateLimit-Remaining", "0");
            return new Reply(429, rateLimitBody("TEN_SECONDLY_ROLLING", "You have reached your ten_secondly_rolling limit."), h);
        }
        window.addLast(now);
        dailyUsed++;
        return null;
    }

    private Map<String, String> limitHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        if (tenSecondLimit != Integer.MAX_VALUE) {
            h.put("X-HubSpot-RateLimit-Interval-Milliseconds", String.valueOf(rollingWindow.toMillis()));
            h.put("X-HubSpot-RateLimit-Max", String.valueOf(tenSecondLimit));
            h.put("X-HubSpot-RateLimit-Remaining", String.valueOf(Math.max(0, tenSecondLimit - window.size())));
        }
        if (dailyLimit != Long.MAX_VALUE) {
            h.put("X-HubSpot-RateLimit-Daily", String.valueOf(dailyLimit));
            h.put("X-HubSpot-RateLimit-Daily-Remaining", String.valueOf(Math.max(0, dailyLimit - dailyUsed)));
        }
        return h;
    }

    private static ObjectNode rateLimitBody(String policy, String message) {
        ObjectNode n = JSON.createObjectNode();
        n.put("status", "error");
        n.put("message", message);
        n.put("errorType", "RATE_LIMIT");
        n.put("correlationId", UUID.randomUUID().toString());
        n.put("policyName", policy);
        n.put("requestId", UUID.randomUUID().toString());
        return n;
    }

    // ---------------------------------------------------------------- objects

    private Obj create(String type, Map<String, String> properties) {
        Instant now = now();
        Obj o = new Obj(String.valueOf(ids.incrementAndGet()), now);
        o.props.putAll(properties);
        stamp(type, o, true);
        objects.computeIfAbsent(type, t -> new LinkedHashMap<>()).put(o.id, o);
        return o;
    }

    private void stamp(String type, Obj o, boolean created) {
        o.updatedAt = now();
        o.props.put("hs_object_id", o.id);
        if (created) {
            o.props.put("createdate", o.createdAt.toString());
        }
        o.props.put(type.equals("contacts") ? "lastmodifieddate" : "hs_lastmodifieddate", o.updatedAt.toString());
    }

    private Obj get(String type, String id) {
        Obj o = objects.getOrDefault(type, Map.of()).get(id);
        return o == null || o.archived ? null : o;
    }

    private Reply createOne(String type, JsonNode body) {
        Map<String, String> props = props(body.get("properties"));
        List<Map<String, Object>> problems = validate(type, props);
        if (!problems.isEmpty()) {
            return new Reply(400, validationError(problems, null), Map.of());
        }
        List<Assoc> pending = new ArrayList<>();
        for (JsonNode a : body.path("associations")) {
            String toId = a.path("to").path("id").asText();
            String toType = typeFor(type, a.path("types").path(0).path("associationTypeId").asInt());
            if (toType == null || get(toType, toId) == null) {
                return new Reply(400, error("VALIDATION_ERROR", "One or more associations are invalid: " + a, List.of(), null),
                        Map.of());
            }
            pending.add(new Assoc(type, null, toType, toId, a.path("types").path(0).path("associationTypeId").asInt()));
        }
        Obj o = create(type, props);
        for (Assoc a : pending) {
            associations.add(new Assoc(type, o.id, a.toType, a.toId, a.typeId));
        }
        return new Reply(201, render(type, o, null, null), Map.of());
    }

    private String typeFor(String fromType, int typeId) {
        for (Map.Entry<String, Integer> e : DEFAULT_TYPE_IDS.entrySet()) {
            if (e.getValue() == typeId && e.getKey().startsWith(fromType + ">")) {
                return e.getKey().substring(fromType.length() + 1);
            }
        }
        return null;
    }

    private Reply getOne(String type, String idOrValue, Request request) {
        QueryParameter idProperty = request.queryParameter("idProperty");
        Obj o;
        if (idProperty.isPresent()) {
            requireUnique(type, idProperty.firstValue(), "read");
            o = find(type, idProperty.firstValue(), idOrValue);
        } else {
            o = get(type, idOrValue);
        }
        if (o == null) {
            return notFound();
        }
        List<String> wanted = csv(request.queryParameter("properties"));
        List<String> assoc = csv(request.queryParameter("associations"));
        return new Reply(200, render(type, o, wanted.isEmpty() ? null : wanted, assoc), Map.of());
    }

    private Reply list(String type, Request request) {
        int limit = request.queryParameter("limit").isPresent() ? Integer.parseInt(request.queryParameter("limit").firstValue()) : 10;
        int offset = request.queryParameter("after").isPresent() ? Integer.parseInt(request.queryParameter("after").firstValue()) : 0;
        List<Obj> all = all(type);
        return new Reply(200, page(type, all, offset, Math.min(limit, 100), null, null), Map.of());
    }

    private Reply patch(String type, String id, JsonNode body) {
        Obj o = get(type, id);
        if (o == null) {
            return notFound();
        }
        Map<String, String> props = props(body.get("properties"));
        List<Map<String, Object>> problems = validate(type, props);
        if (!problems.isEmpty()) {
            return new Reply(400, validationError(problems, null), Map.of());
        }
        o.props.putAll(props);
        stamp(type, o, false);
        return new Reply(200, render(type, o, null, null), Map.of());
    }

    /** Archive: 204 No Content, also for an unknown id (HubSpot's archive is idempotent). */
    private Reply archive(String type, String id) {
        Obj o = get(type, id);
        if (o != null) {
            o.archived = true;
        }
        return new Reply(204, null, Map.of());
    }

    /**
     * GDPR delete: the record and its associations are removed for good (204). By {@code idProperty=email}, an unknown
     * address is blocklisted (204, as HubSpot documents); an unknown record id is 404.
     */
    private Reply gdprDelete(String type, JsonNode body) {
        if (!body.hasNonNull("objectId")) {
            throw new BadRequest("objectId is required");
        }
        String objectId = body.get("objectId").asText();
        String idProperty = body.hasNonNull("idProperty") ? body.get("idProperty").asText() : null;
        if (idProperty != null) {
            requireUnique(type, idProperty, "gdpr-delete");
        }
        Obj o = idProperty == null ? get(type, objectId) : find(type, idProperty, objectId);
        if (o == null) {
            if (idProperty == null) {
                return notFound();
            }
            blocklist.add(objectId.toLowerCase(Locale.ROOT));
            return new Reply(204, null, Map.of());
        }
        objects.get(type).remove(o.id);
        associations.removeIf(a -> a.fromType().equals(type) && a.fromId().equals(o.id)
                || a.toType().equals(type) && a.toId().equals(o.id));
        gdprDeleted.add(o.id);
        return new Reply(204, null, Map.of());
    }

    /** {@return the record ids removed by GDPR delete, in order} */
    public synchronized List<String> gdprDeleted() {
        return List.copyOf(gdprDeleted);
    }

    /** {@return whether a record (archived ones included) with this id is still stored} */
    public synchronized boolean stored(String type, String id) {
        return objects.getOrDefault(type, Map.of()).containsKey(id);
    }

    private Reply batchUpsert(String type, JsonNode body) {
        JsonNode inputs = body.path("inputs");
        if (inputs.size() > MAX_BATCH) {
            throw new BadRequest("Too many inputs: " + inputs.size() + " (the limit is " + MAX_BATCH + ")");
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode in : inputs) {
            if (!in.hasNonNull("idProperty") || !in.hasNonNull("id")) {
                throw new BadRequest("idProperty and id are required for every upsert input");
            }
            requireUnique(type, in.get("idProperty").asText(), "update/upsert");
            if (!seen.add(in.get("idProperty").asText() + "=" + in.get("id").asText().toLowerCase(Locale.ROOT))) {
                throw new BadRequest("Duplicate IDs found in batch input: [" + in.get("id").asText() + "]");
            }
        }
        ArrayNode results = JSON.createArrayNode();
        ArrayNode errors = JSON.createArrayNode();
        List<ObjectNode> deferred = new ArrayList<>();
        for (JsonNode in : inputs) {
            String idProperty = in.get("idProperty").asText();
            String value = in.get("id").asText();
            String trace = in.hasNonNull("objectWriteTraceId") ? in.get("objectWriteTraceId").asText() : null;
            Map<String, String> props = props(in.get("properties"));
            props.put(idProperty, value);
            List<Map<String, Object>> problems = validate(type, props);
            if (!problems.isEmpty()) {
                if (trace == null) {
                    return new Reply(400, validationError(problems, null), Map.of());
                }
                errors.add(validationError(problems, trace));
                continue;
            }
            Obj existing = find(type, idProperty, value);
            ObjectNode rendered;
            if (existing == null) {
                Obj o = create(type, props);
                rendered = render(type, o, null, null);
                rendered.put("new", true);
            } else {
                existing.props.putAll(props);
                stamp(type, existing, false);
                rendered = render(type, existing, null, null);
                rendered.put("new", false);
            }
            if (trace != null) {
                rendered.put("objectWriteTraceId", trace);
            }
            deferred.add(rendered);
        }
        deferred.forEach(results::add);
        ObjectNode out = batchEnvelope(results);
        if (!errors.isEmpty()) {
            out.set("errors", errors);
            out.put("numErrors", errors.size());
        }
        return new Reply(errors.isEmpty() ? 200 : 207, out, Map.of());
    }

    /**
     * HubSpot accepts only {@code hs_object_id} and properties with unique values as {@code idProperty}; anything else
     * is a 400 VALIDATION_ERROR for the whole request, e.g. "Unable to perform update/upsert by non-unique 0-2
     * property domain".
     */
    private void requireUnique(String type, String idProperty, String operation) {
        if (idProperty.equals("hs_object_id") || uniqueProperties.getOrDefault(type, Set.of()).contains(idProperty)) {
            return;
        }
        throw new BadRequest("Unable to perform " + operation + " by non-unique " + OBJECT_TYPE_IDS.getOrDefault(type, type)
                + " property " + idProperty);
    }

    private Reply batchCreate(String type, JsonNode body) {
        JsonNode inputs = body.path("inputs");
        if (inputs.size() > MAX_BATCH) {
            throw new BadRequest("Too many inputs: " + inputs.size() + " (the limit is " + MAX_BATCH + ")");
        }
        ArrayNode results = JSON.createArrayNode();
        ArrayNode errors = JSON.createArrayNode();
        for (JsonNode in : inputs) {
            String trace = in.hasNonNull("objectWriteTraceId") ? in.get("objectWriteTraceId").asText() : null;
            Map<String, String> props = props(in.get("properties"));
            List<Map<String, Object>> problems = validate(type, props);
            if (!problems.isEmpty()) {
                if (trace == null) {
                    return new Reply(400, validationError(problems, null), Map.of());
                }
                errors.add(validationError(problems, trace));
                continue;
            }
            ObjectNode rendered = render(type, create(type, props), null, null);
            if (trace != null) {
                rendered.put("objectWriteTraceId", trace);
            }
            results.add(rendered);
        }
        ObjectNode out = batchEnvelope(results);
        if (!errors.isEmpty()) {
            out.set("errors", errors);
            out.put("numErrors", errors.size());
        }
        return new Reply(errors.isEmpty() ? 201 : 207, out, Map.of());
    }

    private Reply batchUpdate(String type, JsonNode body) {
        JsonNode inputs = body.path("inputs");
        if (inputs.size() > MAX_BATCH) {
            throw new BadRequest("Too many inputs: " + inputs.size() + " (the limit is " + MAX_BATCH + ")");
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode in : inputs) {
            if (!in.hasNonNull("id")) {
                throw new BadRequest("id is required for every update input");
            }
            if (in.hasNonNull("idProperty")) {
                requireUnique(type, in.get("idProperty").asText(), "update/upsert");
            }
            if (!seen.add(in.get("id").asText())) {
                throw new BadRequest("Duplicate IDs found in batch input: [" + in.get("id").asText() + "]");
            }
        }
        ArrayNode results = JSON.createArrayNode();
        ArrayNode errors = JSON.createArrayNode();
        for (JsonNode in : inputs) {
            String id = in.get("id").asText();
            String trace = in.hasNonNull("objectWriteTraceId") ? in.get("objectWriteTraceId").asText() : null;
            Obj o = in.hasNonNull("idProperty") ? find(type, in.get("idProperty").asText(), id) : get(type, id);
            if (o == null) {
                ObjectNode e = error("OBJECT_NOT_FOUND", "Object not found.  objectId are usually numeric.", List.of(), null);
                ObjectNode ctx = e.putObject("context");
                ctx.putArray("ids").add(id);
                if (trace == null) {
                    return new Reply(404, e, Map.of());
                }
                ctx.putArray("objectWriteTraceId").add(trace);
                errors.add(e);
                continue;
            }
            Map<String, String> props = props(in.get("properties"));
            List<Map<String, Object>> problems = validate(type, props);
            if (!problems.isEmpty()) {
                if (trace == null) {
                    return new Reply(400, validationError(problems, null), Map.of());
                }
                errors.add(validationError(problems, trace));
                continue;
            }
            o.props.putAll(props);
            stamp(type, o, false);
            ObjectNode rendered = render(type, o, null, null);
            if (trace != null) {
                rendered.put("objectWriteTraceId", trace);
            }
            results.add(rendered);
        }
        ObjectNode out = batchEnvelope(results);
        if (!errors.isEmpty()) {
            out.set("errors", errors);
            out.put("numErrors", errors.size());
        }
        return new Reply(errors.isEmpty() ? 200 : 207, out, Map.of());
    }

    private Reply batchRead(String type, JsonNode body) {
        JsonNode inputs = body.path("inputs");
        if (inputs.size() > MAX_BATCH) {
            throw new BadRequest("Too many inputs: " + inputs.size() + " (the limit is " + MAX_BATCH + ")");
        }
        List<String> wanted = new ArrayList<>();
        body.path("properties").forEach(n -> wanted.add(n.asText()));
        String idProperty = body.hasNonNull("idProperty") ? body.get("idProperty").asText() : null;
        if (idProperty != null) {
            requireUnique(type, idProperty, "read");
        }
        ArrayNode results = JSON.createArrayNode();
        ArrayNode errors = JSON.createArrayNode();
        for (JsonNode in : inputs) {
            String id = in.path("id").asText();
            Obj o = idProperty == null ? get(type, id) : find(type, idProperty, id);
            if (o == null) {
                ObjectNode e = error("OBJECT_NOT_FOUND", "Could not get some " + type + " objects, they may be deleted or not exist.",
                        List.of(), null);
                e.putObject("context").putArray("ids").add(id);
                errors.add(e);
            } else {
                results.add(render(type, o, wanted.isEmpty() ? null : wanted, null));
            }
        }
        ObjectNode out = batchEnvelope(results);
        if (!errors.isEmpty()) {
            out.set("errors", errors);
            out.put("numErrors", errors.size());
        }
        return new Reply(errors.isEmpty() ? 200 : 207, out, Map.of());
    }

    private Reply search(String type, JsonNode body) {
        int limit = body.path("limit").asInt(10);
        if (limit > MAX_SEARCH_LIMIT) {
            throw new BadRequest("limit must be at most " + MAX_SEARCH_LIMIT + " but was " + limit);
        }
        int offset = body.hasNonNull("after") ? Integer.parseInt(body.get("after").asText()) : 0;
        if (offset + limit > 10_000) {
            throw new BadRequest("The search API returns at most 10,000 results");
        }
        Predicate<Obj> match = o -> true;
        JsonNode groups = body.path("filterGroups");
        if (groups.size() > 0) {
            match = o -> {
                for (JsonNode g : groups) {
                    boolean all = true;
                    for (JsonNode f : g.path("filters")) {
                        all &= matches(o, f);
                    }
                    if (all) {
                        return true;
                    }
                }
                return false;
            };
        }
        if (body.hasNonNull("query") && !body.get("query").asText().isBlank()) {
            String q = body.get("query").asText().toLowerCase(Locale.ROOT);
            match = match.and(o -> o.props.values().stream().anyMatch(v -> v != null && v.toLowerCase(Locale.ROOT).contains(q)));
        }
        List<Obj> found = new ArrayList<>(all(type).stream().filter(match).toList());
        JsonNode sort = body.path("sorts").path(0);
        Comparator<Obj> order = Comparator.comparing(o -> Long.parseLong(o.id));
        if (!sort.isMissingNode()) {
            String prop = sort.isTextual() ? sort.asText().replaceFirst("^-", "") : sort.path("propertyName").asText();
            boolean desc = sort.isTextual() ? sort.asText().startsWith("-") : "DESCENDING".equals(sort.path("direction").asText());
            Comparator<Obj> byProp = Comparator.comparing(o -> sortKey(o.props.get(prop)), Comparator.nullsLast(Comparator.naturalOrder()));
            order = (desc ? byProp.reversed() : byProp).thenComparing(order);
        }
        found.sort(order);
        List<String> wanted = new ArrayList<>();
        body.path("properties").forEach(n -> wanted.add(n.asText()));
        ObjectNode out = page(type, found, offset, limit, wanted.isEmpty() ? null : wanted, null);
        out.put("total", found.size());
        return new Reply(200, out, Map.of());
    }

    private static Comparable<Object> sortKey(String v) {
        Object key;
        BigDecimal n = number(v);
        key = n != null ? n : v;
        @SuppressWarnings("unchecked")
        Comparable<Object> c = (Comparable<Object>) (Comparable<?>) (key instanceof BigDecimal b ? b : key == null ? null : key.toString());
        return c;
    }

    private boolean matches(Obj o, JsonNode f) {
        String prop = f.path("propertyName").asText();
        String actual = o.props.get(prop);
        String op = f.path("operator").asText("EQ");
        String value = f.hasNonNull("value") ? f.get("value").asText() : null;
        switch (op) {
            case "HAS_PROPERTY":
                return actual != null && !actual.isEmpty();
            case "NOT_HAS_PROPERTY":
                return actual == null || actual.isEmpty();
            case "EQ":
                return actual != null && compare(actual, value) == 0;
            case "NEQ":
                return actual == null || compare(actual, value) != 0;
            case "IN":
                for (JsonNode v : f.path("values")) {
                    if (actual != null && compare(actual, v.asText()) == 0) {
                        return true;
                    }
                }
                return false;
            case "CONTAINS_TOKEN":
                return actual != null && actual.toLowerCase(Locale.ROOT).contains(value.replace("*", "").toLowerCase(Locale.ROOT));
            case "GT":
                return actual != null && compare(actual, value) > 0;
            case "GTE":
                return actual != null && compare(actual, value) >= 0;
            case "LT":
                return actual != null && compare(actual, value) < 0;
            case "LTE":
                return actual != null && compare(actual, value) <= 0;
            case "BETWEEN":
                return actual != null && compare(actual, value) >= 0 && compare(actual, f.path("highValue").asText()) <= 0;
            default:
                throw new BadRequest("Unsupported operator " + op);
        }
    }

    /** Compares numbers numerically, dates (ISO or epoch millis) by instant, text case-insensitively. */
    static int compare(String actual, String expected) {
        Long a = millis(actual);
        Long e = millis(expected);
        if (a != null && e != null && (!isPlainNumber(actual) || !isPlainNumber(expected))) {
            return Long.compare(a, e);
        }
        BigDecimal na = number(actual);
        BigDecimal ne = number(expected);
        if (na != null && ne != null) {
            return na.compareTo(ne);
        }
        return actual.toLowerCase(Locale.ROOT).compareTo(expected == null ? "" : expected.toLowerCase(Locale.ROOT));
    }

    private static boolean isPlainNumber(String s) {
        return number(s) != null;
    }

    private static Long millis(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException e) {
            // fall through
        }
        if (s.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return Instant.parse(s + "T00:00:00Z").toEpochMilli();
        }
        if (s.matches("\\d{10,}")) {
            return Long.parseLong(s);
        }
        return null;
    }

    private static BigDecimal number(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- associations

    private int typeId(String from, String to) {
        Integer id = DEFAULT_TYPE_IDS.get(from + ">" + to);
        if (id == null) {
            throw new BadRequest("No default association type from " + from + " to " + to);
        }
        return id;
    }

    private List<String> associated(String fromType, String fromId, String toType) {
        List<String> out = new ArrayList<>();
        for (Assoc a : associations) {
            if (a.fromType.equals(fromType) && a.fromId.equals(fromId) && a.toType.equals(toType) && get(toType, a.toId) != null) {
                out.add(a.toId);
            } else if (a.toType.equals(fromType) && a.toId.equals(fromId) && a.fromType.equals(toType)
                    && get(toType, a.fromId) != null) {
                out.add(a.fromId);
            }
        }
        return out.stream().distinct().sorted(Comparator.comparing(Long::parseLong)).toList();
    }

    private Reply listAssociations(String from, String id, String to, Request request) {
        if (get(from, id) == null) {
            return notFound();
        }
        int limit = request.queryParameter("limit").isPresent() ? Integer.parseInt(request.queryParameter("limit").firstValue()) : 500;
        if (limit > 500) {
            throw new BadRequest("limit must be at most 500");
        }
        int offset = request.queryParameter("after").isPresent() ? Integer.parseInt(request.queryParameter("after").firstValue()) : 0;
        List<String> all = associated(from, id, to);
        ArrayNode results = JSON.createArrayNode();
        for (String toId : all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()))) {
            results.add(associatedObject(toId, typeId(from, to)));
        }
        ObjectNode out = JSON.createObjectNode();
        out.set("results", results);
        if (offset + limit < all.size()) {
            out.putObject("paging").putObject("next").put("after", String.valueOf(offset + limit));
        }
        return new Reply(200, out, Map.of());
    }

    private ObjectNode associatedObject(String toId, int typeId) {
        ObjectNode r = JSON.createObjectNode();
        r.put("toObjectId", Long.parseLong(toId));
        ObjectNode t = r.putArray("associationTypes").addObject();
        t.put("category", "HUBSPOT_DEFINED");
        t.put("typeId", typeId);
        t.putNull("label");
        return r;
    }

    private Reply batchReadAssociations(String from, String to, JsonNode body) {
        JsonNode inputs = body.path("inputs");
        if (inputs.size() > 1000) {
            throw new BadRequest("Too many inputs: " + inputs.size() + " (the limit is 1000)");
        }
        ArrayNode results = JSON.createArrayNode();
        ArrayNode errors = JSON.createArrayNode();
        for (JsonNode in : inputs) {
            String id = in.path("id").asText();
            List<String> ids = associated(from, id, to);
            if (ids.isEmpty()) {
                ObjectNode e = error("NO_ASSOCIATIONS_FOUND", "No " + to + " is associated with " + from + " " + id + ".", List.of(), null);
                e.putObject("context").putArray("fromObjectId").add(id);
                errors.add(e);
                continue;
            }
            ObjectNode r = results.addObject();
            r.putObject("from").put("id", id);
            ArrayNode tos = r.putArray("to");
            ids.forEach(t -> tos.add(associatedObject(t, typeId(from, to))));
        }
        ObjectNode out = batchEnvelope(results);
        if (!errors.isEmpty()) {
            out.set("errors", errors);
            out.put("numErrors", errors.size());
        }
        return new Reply(errors.isEmpty() ? 200 : 207, out, Map.of());
    }

    private Reply batchAssociateDefault(String from, String to, JsonNode body) {
        JsonNode inputs = body.path("inputs");
        if (inputs.size() > 2000) {
            throw new BadRequest("Too many inputs: " + inputs.size() + " (the limit is 2000)");
        }
        int typeId = typeId(from, to);
        ArrayNode results = JSON.createArrayNode();
        for (JsonNode in : inputs) {
            String fromId = in.path("from").path("id").asText();
            String toId = in.path("to").path("id").asText();
            if (get(from, fromId) == null || get(to, toId) == null) {
                throw new BadRequest("One or more objects do not exist: " + fromId + " -> " + toId);
            }
            if (!associated(from, fromId, to).contains(toId)) {
                associations.add(new Assoc(from, fromId, to, toId, typeId));
            }
            ObjectNode r = results.addObject();
            r.putObject("from").put("id", fromId);
            r.putObject("to").put("id", toId);
            ObjectNode spec = r.putObject("associationSpec");
            spec.put("associationCategory", "HUBSPOT_DEFINED");
            spec.put("associationTypeId", typeId);
        }
        return new Reply(200, batchEnvelope(results), Map.of());
    }

    private ObjectNode pipelines() {
        ObjectNode out = JSON.createObjectNode();
        ObjectNode p = out.putArray("results").addObject();
        p.put("id", "default");
        p.put("label", "Sales Pipeline");
        p.put("displayOrder", 0);
        ArrayNode stages = p.putArray("stages");
        for (int i = 0; i < dealStages.size(); i++) {
            ObjectNode st = stages.addObject();
            st.put("id", dealStages.get(i)[0]);
            st.put("label", dealStages.get(i)[1]);
            st.put("displayOrder", i);
            st.putObject("metadata").put("isClosed", String.valueOf(dealStages.get(i)[0].startsWith("closed")));
        }
        return out;
    }

    // ---------------------------------------------------------------- validation, rendering, errors

    private List<Map<String, Object>> validate(String type, Map<String, String> props) {
        List<Map<String, Object>> problems = new ArrayList<>();
        if (type.equals("contacts") && props.containsKey("email") && !EMAIL.matcher(props.get("email")).matches()) {
            problems.add(problem("email", "INVALID_EMAIL", "Email address " + props.get("email") + " is invalid"));
        }
        for (String n : NUMERIC) {
            String v = props.get(n);
            if (v != null && !v.isEmpty() && number(v) == null) {
                problems.add(problem(n, "INVALID_DECIMAL", n + " was not a valid number: " + v));
            }
        }
        if (type.equals("deals") && props.get("dealstage") != null
                && dealStages.stream().noneMatch(st -> st[0].equals(props.get("dealstage")))) {
            problems.add(problem("dealstage", "INVALID_OPTION",
                    props.get("dealstage") + " was not one of the allowed options of dealstage"));
        }
        if (type.equals("notes")) {
            String body = props.get("hs_note_body");
            if (body != null && body.length() > MAX_NOTE_BODY) {
                problems.add(problem("hs_note_body", "INVALID_LENGTH",
                        "hs_note_body exceeds the maximum length of " + MAX_NOTE_BODY + " characters (was " + body.length() + ")"));
            }
            if (!props.containsKey("hs_timestamp")) {
                problems.add(problem("hs_timestamp", "REQUIRED", "hs_timestamp is required"));
            }
        }
        return problems;
    }

    private static Map<String, Object> problem(String name, String code, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("isValid", false);
        m.put("message", message);
        m.put("error", code);
        m.put("name", name);
        return m;
    }

    private ObjectNode validationError(List<Map<String, Object>> problems, String trace) {
        String json;
        try {
            json = JSON.writeValueAsString(problems);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<ObjectNode> details = new ArrayList<>();
        for (Map<String, Object> p : problems) {
            ObjectNode d = JSON.createObjectNode();
            d.put("message", (String) p.get("message"));
            d.put("code", (String) p.get("error"));
            d.put("in", (String) p.get("name"));
            details.add(d);
        }
        ObjectNode e = error("VALIDATION_ERROR", "Property values were not valid: " + json, details, null);
        if (trace != null) {
            e.putObject("context").putArray("objectWriteTraceId").add(trace);
        }
        return e;
    }

    private static ObjectNode error(String category, String message, List<ObjectNode> details, String subCategory) {
        ObjectNode e = JSON.createObjectNode();
        e.put("status", "error");
        e.put("message", message);
        e.put("correlationId", UUID.randomUUID().toString());
        e.put("category", category);
        if (subCategory != null) {
            e.put("subCategory", subCategory);
        }
        if (!details.isEmpty()) {
            ArrayNode arr = e.putArray("errors");
            details.forEach(arr::add);
        }
        return e;
    }

    private static Reply notFound() {
        return new Reply(404, error("OBJECT_NOT_FOUND", "resource not found", List.of(), null), Map.of());
    }

    private ObjectNode batchEnvelope(ArrayNode results) {
        ObjectNode out = JSON.createObjectNode();
        out.put("status", "COMPLETE");
        out.set("results", results);
        String now = now().toString();
        out.put("requestedAt", now);
        out.put("startedAt", now);
        out.put("completedAt", now);
        return out;
    }

    private ObjectNode page(String type, List<Obj> all, int offset, int limit, List<String> wanted, List<String> assoc) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode results = out.putArray("results");
        for (Obj o : all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()))) {
            results.add(render(type, o, wanted, assoc));
        }
        if (offset + limit < all.size()) {
            ObjectNode next = out.putObject("paging").putObject("next");
            next.put("after", String.valueOf(offset + limit));
            next.put("link", "?after=" + (offset + limit));
        }
        return out;
    }

    private ObjectNode render(String type, Obj o, List<String> wanted, List<String> assoc) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", o.id);
        ObjectNode props = n.putObject("properties");
        for (Map.Entry<String, String> e : o.props.entrySet()) {
            boolean always = e.getKey().equals("hs_object_id") || e.getKey().equals("createdate")
                    || e.getKey().equals("lastmodifieddate") || e.getKey().equals("hs_lastmodifieddate");
            if (wanted == null || always || wanted.contains(e.getKey())) {
                props.put(e.getKey(), e.getValue());
            }
        }
        if (wanted != null) {
            for (String w : wanted) {
                if (!props.has(w)) {
                    props.putNull(w);
                }
            }
        }
        n.put("createdAt", o.createdAt.toString());
        n.put("updatedAt", o.updatedAt.toString());
        n.put("archived", false);
        if (assoc != null && !assoc.isEmpty()) {
            ObjectNode a = n.putObject("associations");
            for (String toType : assoc) {
                List<String> toIds = associated(type, o.id, toType);
                if (!toIds.isEmpty()) {
                    ArrayNode arr = a.putObject(toType).putArray("results");
                    for (String t : toIds) {
                        arr.addObject().put("id", t).put("type", singular(type) + "_to_" + singular(toType));
                    }
                }
            }
        }
        return n;
    }

    private static String singular(String type) {
        return switch (type) {
            case "companies" -> "company";
            case "line_items" -> "line_item";
            default -> type.endsWith("s") ? type.substring(0, type.length() - 1) : type;
        };
    }

    private static Map<String, String> props(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node != null) {
            node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        }
        return out;
    }

    private static List<String> csv(QueryParameter p) {
        if (p == null || !p.isPresent()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String v : p.values()) {
            for (String s : v.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    private static JsonNode body(Request request) {
        try {
            String s = request.getBodyAsString();
            return s == null || s.isBlank() ? JSON.createObjectNode() : JSON.readTree(s);
        } catch (IOException e) {
            throw new BadRequest("Invalid input JSON: " + e.getMessage());
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }
}
