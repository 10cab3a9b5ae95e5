package dev.salesagent.crm.close.sim;

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
import dev.salesagent.crm.close.internal.CloseApi;
import dev.salesagent.crm.spi.CrmConfig;
import dev.salesagent.crm.tck.MutableClock;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful Close organisation inside WireMock, following Close's documented API
 * (<a href="https://developer.close.com/api">developer.close.com</a>): leads, contacts (a contact without
 * {@code lead_id} gets a new lead named after it), opportunities with statuses, note activities, the Advanced Filtering
 * search ({@code POST /data/search/}: {@code and}/{@code or}, {@code object_type}, {@code field_condition} with
 * {@code text} ({@code exact_value}, {@code full_words}, {@code phrase}), {@code moment_range} and {@code term},
 * {@code has_related} contact e-mails, {@code sort}, {@code _fields}, {@code _limit} at most 200, {@code cursor}),
 * list endpoints with {@code _skip}/{@code _limit} and {@code has_more}, API-key Basic auth, Close's error JSON, and
 * rate limits per endpoint group with the {@code RateLimit} header, {@code Retry-After} and the 429 body's
 * {@code rate_reset}. Every request is checked against a {@link Contract} first (a violation is answered 400 and
 * recorded), every answer too.
 */
public final class CloseSimulator implements ResponseTransformerV2 {

    /** The API key the simulator accepts. */
    public static final String API_KEY = "api_sim_4f2b9c";
    /** The organization id of every object. */
    public static final String ORG = "orga_sim";
    /** The user that owns everything written through the API key. */
    public static final String USER = "user_sim";
    static final String NAME = "close-simulator";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/api/v1";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** Checks requests and responses against the documented shapes. */
    public interface Contract {
        /** Violations of one request (path without {@code /api/v1}). */
        List<String> request(String method, String path, List<String> queryNames, String contentType, String body);

        /** Violations of one answer. */
        List<String> response(String method, String path, List<String> queryNames, int status, String body);
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final WireMockServer server;
    private final Contract contract;
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong(1000);
    private final AtomicLong seq = new AtomicLong();
    private final Map<String, ObjectNode> leads = new LinkedHashMap<>();
    private final Map<String, ObjectNode> contacts = new LinkedHashMap<>();
    private final Map<String, ObjectNode> opportunities = new LinkedHashMap<>();
    private final Map<String, ObjectNode> notes = new LinkedHashMap<>();
    private final Map<String, ObjectNode> statuses = new LinkedHashMap<>();
    private final Map<String, long[]> windows = new HashMap<>();
    private volatile int rateLimit = 10_000;
    private volatile Duration rateWindow = Duration.ofSeconds(1);
    private volatile boolean retryAfterHeader = true;

    private CloseSimulator(Contract contract) {
        this.contract = contract;
        server = new WireMockServer(options().dynamicPort().extensions(this));
        server.start();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(NAME)));
        addStatus("Active", "active");
        addStatus("Won", "won");
        addStatus("Lost", "lost");
    }

    /** A started simulator checking traffic with {@code contract}. */
    public static CloseSimulator start(Contract contract) {
        return new CloseSimulator(contract);
    }

    /** The WireMock server (for fault injection and the request journal). */
    public WireMockServer server() {
        return server;
    }

    /** The simulator's clock: timestamps of writes and the rate-limit windows. */
    public MutableClock clock() {
        return clock;
    }

    /** {@code http://localhost:<port>/api/v1}. */
    public String baseUrl() {
        return server.baseUrl() + PREFIX;
    }

    /** A configuration for the {@code close} provider against this simulator. */
    public CrmConfig config() {
        return CrmConfig.of(Map.of("apiKey", API_KEY, "baseUrl", baseUrl()));
    }

    /** Contract violations seen so far (requests and responses). */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** Forgets violations seen so far. */
    public void clearViolations() {
        violations.clear();
    }

    /** Stops the server. */
    public void stop() {
        server.stop();
    }

    /**
     * Limits every endpoint group (method + first path segment) to {@code limit} requests per {@code window} of the
     * simulator clock; {@code retryAfter} says whether 429s carry {@code Retry-After} next to {@code RateLimit}.
     */
    public synchronized void rateLimit(int limit, Duration window, boolean retryAfter) {
        this.rateLimit = limit;
        this.rateWindow = window;
        this.retryAfterHeader = retryAfter;
        windows.clear();
    }

    /** Adds an opportunity status (as an administrator would in Settings); returns its id. */
    public synchronized String addStatus(String label, String type) {
        String id = "stat_" + ids.incrementAndGet();
        statuses.put(id, JSON.createObjectNode().put("id", id).put("label", label).put("type", type)
                .put("pipeline_id", "pipe_sim").put("organization_id", ORG));
        return id;
    }

    /** Creates an opportunity on a new lead (tests seed with it; the SPI has no opportunity create). */
    public synchronized ObjectNode addOpportunity(String note, String statusLabel, long valueCents, String currency,
                                                  LocalDate dateWon, String userId) {
        ObjectNode lead = newLead(JSON.createObjectNode().put("name", "Lead of " + note));
        ObjectNode status = statuses.values().stream().filter(s -> s.path("label").asText().equals(statusLabel))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no status " + statusLabel));
        ObjectNode o = base("oppo");
        o.put("lead_id", lead.path("id").asText()).put("lead_name", lead.path("name").asText())
                .put("note", note).put("confidence", 50).put("value", valueCents).put("value_currency", currency)
                .put("value_period", "one_time").put("user_id", userId == null ? USER : userId)
                .put("contact_id", (String) null).put("date_lost", (String) null)
                .put("date_won", dateWon == null ? null : dateWon.toString());
        applyStatus(o, status);
        values(o);
        opportunities.put(o.path("id").asText(), o);
        return o.deepCopy();
    }

    /** Number of requests answered so far whose method and path (without {@code /api/v1}) match. */
    public long count(String method, String pathRegex) {
        return server.getAllServeEvents().stream().filter(e -> e.getRequest().getMethod().getName().equals(method)
                && URI.create(e.getRequest().getUrl()).getPath().substring(PREFIX.length()).matches(pathRegex)).count();
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
        String method = request.getMethod().getName();
        String path = uri.getPath().startsWith(PREFIX) ? uri.getPath().substring(PREFIX.length()) : uri.getPath();
        Map<String, String> query = query(uri.getRawQuery());
        List<String> queryNames = new ArrayList<>(query.keySet());
        String body = request.getBodyAsString();
        String auth = request.getHeader("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString((API_KEY + ":").getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(auth)) {
            return answer(response, method, path, queryNames, 401, error("Unauthorized: invalid API key"), List.of());
        }
        List<HttpHeader> extra = new ArrayList<>();
        synchronized (this) {
            String group = method + " " + path.replaceAll("^/([^/]*).*", "$1");
            long windowMillis = rateWindow.toMillis();
            long now = clock.millis();
            long[] w = windows.computeIfAbsent(group, g -> new long[] {now - now % windowMillis, 0});
            if (now >= w[0] + windowMillis) {
                w[0] = now - now % windowMillis;
                w[1] = 0;
            }
            w[1]++;
            double reset = Math.max(0.001, (w[0] + windowMillis - now) / 1000.0);
            long resetHeader = (long) Math.ceil(reset);
            extra.add(new HttpHeader("RateLimit", "limit=" + rateLimit + ", remaining=" + Math.max(0, rateLimit - w[1])
                    + ", reset=" + resetHeader));
            if (w[1] > rateLimit) {
                if (retryAfterHeader) {
                    extra.add(new HttpHeader("Retry-After", Long.toString(resetHeader)));
                }
                ObjectNode e = JSON.createObjectNode();
                e.putObject("error").put("message", "API call count exceeded for this " + rateWindow.toSeconds()
                        + " second window").put("rate_reset", reset).put("rate_limit", rateLimit)
                        .put("rate_window", rateWindow.toSeconds()).put("rate_limit_type", "key");
                return answer(response, method, path, queryNames, 429, e, extra);
            }
        }
        List<String> problems = contract.request(method, path, queryNames, request.getHeader("Content-Type"), body);
        if (!problems.isEmpty()) {
            violations.addAll(problems);
            return answer(response, method, path, queryNames, 400, error("contract: " + problems), extra);
        }
        try {
            JsonNode in = body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
            Result r;
            synchronized (this) {
                r = route(method, path, query, in);
            }
            return answer(response, method, path, queryNames, r.status, r.body, extra);
        } catch (Exception e) {
            return answer(response, method, path, queryNames, 400, error("bad request: " + e.getMessage()), extra);
        }
    }

    private record Result(int status, JsonNode body) {}

    private Result route(String method, String path, Map<String, String> q, JsonNode in) {
        String p = path.replaceAll("^/|/$", "");
        Matcher m = Pattern.compile("^(lead|contact|opportunity|activity/note)/([^/]+)$").matcher(p);
        String key = m.matches() ? method + " " + m.group(1) + "/{id}" : method + " " + p;
        String id = m.matches() ? m.group(2) : null;
        return switch (key) {
            case "POST data/search" -> search(in);
            case "POST lead" -> created(newLead(in));
            case "GET lead/{id}" -> find(leads, id, "Lead").map(o -> ok(fields(o, q))).orElseGet(() -> notFound("Lead"));
            case "PUT lead/{id}" -> find(leads, id, "Lead").map(o -> updateLead(o, in)).orElseGet(() -> notFound("Lead"));
            case "POST contact" -> createContact(in);
            case "GET contact" -> list(contacts.values(), q, o -> !q.containsKey("lead_id")
                    || q.get("lead_id").equals(o.path("lead_id").asText()), null);
            case "GET contact/{id}" -> find(contacts, id, "Contact").map(o -> ok(fields(o, q)))
                    .orElseGet(() -> notFound("Contact"));
            case "PUT contact/{id}" -> find(contacts, id, "Contact").map(o -> updateContact(o, in))
                    .orElseGet(() -> notFound("Contact"));
            case "DELETE contact/{id}" -> contacts.remove(id) != null ? ok(JSON.createObjectNode())
                    : notFound("Contact");
            case "GET opportunity" -> list(opportunities.values(), q, opportunityFilter(q), q.get("_order_by"));
            case "GET opportunity/{id}" -> find(opportunities, id, "Opportunity").map(o -> ok(fields(o, q)))
                    .orElseGet(() -> notFound("Opportunity"));
            case "PUT opportunity/{id}" -> find(opportunities, id, "Opportunity").map(o -> updateOpportunity(o, in))
                    .orElseGet(() -> notFound("Opportunity"));
            case "GET status/opportunity" -> {
                ObjectNode out = JSON.createObjectNode();
                statuses.values().forEach(out.putArray("data")::add);
                yield ok(out);
            }
            case "POST activity/note" -> createNote(in);
            case "GET activity/note" -> list(notes.values().stream()
                    .sorted(Comparator.comparing((ObjectNode n) -> n.path("date_created").asText())
                            .thenComparing(n -> n.path("_seq").asLong()).reversed()).toList(), q,
                    n -> (!q.containsKey("lead_id") || q.get("lead_id").equals(n.path("lead_id").asText()))
                            && (!q.containsKey("contact_id") || q.get("contact_id").equals(n.path("contact_id").asText())),
                    null);
            default -> new Result(404, error("no route " + method + " " + path));
        };
    }

    // ------------------------------------------------------------------ objects

    private ObjectNode base(String prefix) {
        String now = CloseApi.format(clock.instant());
        ObjectNode o = JSON.createObjectNode().put("id", prefix + "_" + Long.toString(ids.incrementAndGet(), 36) + "sim")
                .put("organization_id", ORG).put("created_by", USER).put("updated_by", USER)
                .put("date_created", now).put("date_updated", now).put("_seq", seq.incrementAndGet());
        return o;
    }

    private void touch(ObjectNode o) {
        o.put("date_updated", CloseApi.format(clock.instant())).put("updated_by", USER).put("_seq", seq.incrementAndGet());
    }

    private ObjectNode newLead(JsonNode in) {
        ObjectNode o = base("lead");
        o.put("name", in.path("name").isTextual() ? in.path("name").asText() : null);
        o.put("display_name", in.path("name").asText("Untitled"));
        o.put("url", in.path("url").isTextual() ? in.path("url").asText() : null);
        o.put("description", in.path("description").isTextual() ? in.path("description").asText() : "");
        o.put("status_id", "stat_lead_potential").put("status_label", "Potential");
        o.put("html_url", "https://app.close.com/lead/" + o.path("id").asText() + "/");
        o.set("addresses", in.path("addresses").isArray() ? in.path("addresses").deepCopy() : JSON.createArrayNode());
        o.putArray("contact_ids");
        in.properties().forEach(e -> {
            if (e.getKey().startsWith("custom.")) {
                o.set(e.getKey(), e.getValue());
            }
        });
        leads.put(o.path("id").asText(), o);
        return o;
    }

    private Result updateLead(ObjectNode o, JsonNode in) {
        in.properties().forEach(e -> {
            switch (e.getKey()) {
                case "name" -> {
                    o.set("name", e.getValue());
                    o.put("display_name", e.getValue().asText());
                }
                case "url", "description", "addresses" -> o.set(e.getKey(), e.getValue());
                default -> {
                    if (e.getKey().startsWith("custom.")) {
                        o.set(e.getKey(), e.getValue());
                    }
                }
            }
        });
        touch(o);
        return ok(o);
    }

    private Result createContact(JsonNode in) {
        Map<String, String> fieldErrors = contactErrors(in);
        String leadId = in.path("lead_id").isTextual() ? in.path("lead_id").asText() : null;
        if (leadId != null && !leads.containsKey(leadId)) {
            fieldErrors.put("lead_id", "Object does not exist.");
        }
        if (!fieldErrors.isEmpty()) {
            return invalid(fieldErrors);
        }
        ObjectNode o = base("cont");
        if (leadId == null) {
            String name = in.path("name").asText(in.path("emails").path(0).path("email").asText("Untitled"));
            leadId = newLead(JSON.createObjectNode().put("name", name)).path("id").asText();
        }
        o.put("lead_id", leadId);
        o.put("name", in.path("name").isTextual() ? in.path("name").asText() : "");
        o.put("display_name", in.path("name").asText(""));
        o.put("title", in.path("title").isTextual() ? in.path("title").asText() : "");
        o.set("emails", emails(in.path("emails")));
        o.set("phones", in.path("phones").isArray() ? in.path("phones").deepCopy() : JSON.createArrayNode());
        o.putArray("urls");
        contacts.put(o.path("id").asText(), o);
        ((ArrayNode) leads.get(leadId).withArray("contact_ids")).add(o.path("id").asText());
        return ok(o);
    }

    private Result updateContact(ObjectNode o, JsonNode in) {
        Map<String, String> fieldErrors = contactErrors(in);
        if (in.has("lead_id") && !leads.containsKey(in.path("lead_id").asText())) {
            fieldErrors.put("lead_id", "Object does not exist.");
        }
        if (!fieldErrors.isEmpty()) {
            return invalid(fieldErrors);
        }
        in.properties().forEach(e -> {
            switch (e.getKey()) {
                case "name" -> {
                    o.set("name", e.getValue());
                    o.put("display_name", e.getValue().asText());
                }
                case "title", "phones", "lead_id" -> o.set(e.getKey(), e.getValue());
                case "emails" -> o.set("emails", emails(e.getValue()));
                default -> { }
            }
        });
        touch(o);
        return ok(o);
    }

    private static Map<String, String> contactErrors(JsonNode in) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (JsonNode e : in.path("emails")) {
            if (!EMAIL.matcher(e.path("email").asText()).matches()) {
                errors.put("emails", "Invalid email address: " + e.path("email").asText());
            }
        }
        return errors;
    }

    private static ArrayNode emails(JsonNode in) {
        ArrayNode out = JSON.createArrayNode();
        for (JsonNode e : in) {
            out.addObject().put("email", e.path("email").asText()).put("type", e.path("type").asText("office"))
                    .put("is_unsubscribed", false);
        }
        return out;
    }

    private Result updateOpportunity(ObjectNode o, JsonNode in) {
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        if (in.has("status_id") && !statuses.containsKey(in.path("status_id").asText())) {
            fieldErrors.put("status_id", "Object does not exist.");
        }
        if (in.has("value") && !in.path("value").isIntegralNumber()) {
            fieldErrors.put("value", "Value must be an integer (cents).");
        }
        if (!fieldErrors.isEmpty()) {
            return invalid(fieldErrors);
        }
        if (in.has("status_id")) {
            applyStatus(o, statuses.get(in.path("status_id").asText()));
        }
        if (in.has("value")) {
            o.put("value", in.path("value").asLong());
        }
        if (in.has("note")) {
            o.set("note", in.path("note"));
        }
        values(o);
        touch(o);
        return ok(o);
    }

    private void applyStatus(ObjectNode o, JsonNode status) {
        o.put("status_id", status.path("id").asText()).put("status_label", status.path("label").asText())
                .put("status_display_name", status.path("label").asText()).put("status_type", status.path("type").asText());
        if (status.path("type").asText().equals("won") && o.path("date_won").isNull()) {
            o.put("date_won", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString());
        }
    }

    private static void values(ObjectNode o) {
        long v = o.path("value").asLong();
        long expected = v * o.path("confidence").asLong() / 100;
        o.put("expected_value", expected).put("annualized_value", v).put("annualized_expected_value", expected);
    }

    private Result createNote(JsonNode in) {
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        String leadId = in.path("lead_id").asText(null);
        if (leadId == null) {
            fieldErrors.put("lead_id", "This field is required.");
        } else if (!leads.containsKey(leadId)) {
            fieldErrors.put("lead_id", "Object does not exist.");
        }
        String contactId = in.path("contact_id").isTextual() ? in.path("contact_id").asText() : null;
        if (contactId != null && (!contacts.containsKey(contactId)
                || !contacts.get(contactId).path("lead_id").asText().equals(leadId))) {
            fieldErrors.put("contact_id", "Contact does not belong to the lead.");
        }
        if (!fieldErrors.isEmpty()) {
            return invalid(fieldErrors);
        }
        ObjectNode o = base("acti");
        String text = in.path("note").asText("");
        o.put("_type", "Note").put("lead_id", leadId).put("contact_id", contactId).put("user_id", USER)
                .put("user_name", "Sim User").put("note", text)
                .put("note_html", "<p>" + text.replace("&", "&amp;").replace("<", "&lt;") + "</p>")
                .put("activity_at", o.path("date_created").asText());
        o.putArray("users");
        notes.put(o.path("id").asText(), o);
        return ok(o);
    }

    // ------------------------------------------------------------------ lists and search

    private Predicate<ObjectNode> opportunityFilter(Map<String, String> q) {
        return o -> eq(q, "lead_id", o) && eq(q, "user_id", o) && eq(q, "status_id", o) && eq(q, "status_label", o)
                && eq(q, "status_type", o)
                && (!q.containsKey("date_won__gte") || (!o.path("date_won").isNull()
                    && o.path("date_won").asText().compareTo(q.get("date_won__gte")) >= 0))
                && (!q.containsKey("date_won__lte") || (!o.path("date_won").isNull()
                    && o.path("date_won").asText().compareTo(q.get("date_won__lte")) <= 0))
                && (!q.containsKey("date_updated__gt") || CloseApi.instant(o.path("date_updated"))
                    .isAfter(CloseApi.instant(JSON.getNodeFactory().textNode(q.get("date_updated__gt")))));
    }

    private static boolean eq(Map<String, String> q, String key, JsonNode o) {
        return !q.containsKey(key) || q.get(key).equals(o.path(key).asText());
    }

    private Result list(java.util.Collection<ObjectNode> all, Map<String, String> q, Predicate<ObjectNode> filter,
                        String orderBy) {
        int skip = Integer.parseInt(q.getOrDefault("_skip", "0"));
        int limit = Integer.parseInt(q.getOrDefault("_limit", "100"));
        if (limit < 1 || limit > 100 || skip < 0) {
            return new Result(400, error("_limit must be 1..100 and _skip not negative"));
        }
        List<ObjectNode> matching = new ArrayList<>(all.stream().filter(filter).toList());
        if (orderBy != null) {
            boolean desc = orderBy.startsWith("-");
            String f = desc ? orderBy.substring(1) : orderBy;
            Comparator<ObjectNode> c = Comparator.comparing((ObjectNode o) -> o.path(f).asText())
                    .thenComparing(o -> o.path("_seq").asLong());
            matching.sort(desc ? c.reversed() : c);
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode data = out.putArray("data");
        matching.stream().skip(skip).limit(limit).forEach(o -> data.add(fields(o, q)));
        out.put("has_more", skip + limit < matching.size());
        out.put("total_results", matching.size());
        return ok(out);
    }

    private Result search(JsonNode in) {
        int limit = in.path("_limit").asInt(100);
        if (limit < 1 || limit > 200) {
            return new Result(400, error("_limit must be between 1 and 200"));
        }
        JsonNode query = in.path("query");
        List<ObjectNode> all = new ArrayList<>();
        all.addAll(leads.values());
        all.addAll(contacts.values());
        List<ObjectNode> matching = new ArrayList<>(all.stream().filter(o -> matches(query, type(o), o)).toList());
        Comparator<ObjectNode> order = Comparator.comparing(o -> o.path("_seq").asLong());
        List<JsonNode> sorts = new ArrayList<>();
        in.path("sort").forEach(sorts::add);
        for (int i = sorts.size() - 1; i >= 0; i--) {
            JsonNode s = sorts.get(i);
            String f = s.path("field").path("field_name").asText();
            Comparator<ObjectNode> c = Comparator.comparing(o -> o.path(f).asText());
            c = s.path("direction").asText("asc").equals("desc") ? c.reversed() : c;
            order = c.thenComparing(order);
        }
        matching.sort(order);
        int skip = in.path("cursor").isTextual() ? Integer.parseInt(new String(Base64.getUrlDecoder()
                .decode(in.path("cursor").asText()), StandardCharsets.UTF_8)) : 0;
        if (in.path("results_limit").isInt()) {
            matching = matching.subList(0, Math.min(matching.size(), in.path("results_limit").asInt()));
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode data = out.putArray("data");
        for (ObjectNode o : matching.stream().skip(skip).limit(limit).toList()) {
            String type = type(o);
            ObjectNode item = JSON.createObjectNode().put("__object_type", type).put("id", o.path("id").asText());
            JsonNode wanted = in.path("_fields").path(type);
            if (wanted.isArray()) {
                wanted.forEach(f -> {
                    if (o.has(f.asText())) {
                        item.set(f.asText(), o.get(f.asText()));
                    }
                });
            }
            data.add(item);
        }
        int next = skip + limit;
        out.put("cursor", next < matching.size()
                ? Base64.getUrlEncoder().encodeToString(Integer.toString(next).getBytes(StandardCharsets.UTF_8)) : null);
        return ok(out);
    }

    private static String type(JsonNode o) {
        String id = o.path("id").asText();
        return id.startsWith("lead_") ? "lead" : id.startsWith("cont_") ? "contact" : "other";
    }

    private boolean matches(JsonNode q, String type, ObjectNode o) {
        switch (q.path("type").asText()) {
            case "and": {
                for (JsonNode sub : q.path("queries")) {
                    if (!matches(sub, type, o)) {
                        return false;
                    }
                }
                return true;
            }
            case "or": {
                for (JsonNode sub : q.path("queries")) {
                    if (matches(sub, type, o)) {
                        return true;
                    }
                }
                return false;
            }
            case "match_all":
                return true;
            case "object_type":
                return q.path("object_type").asText().equals(type);
            case "has_related": {
                if (!q.path("this_object_type").asText().equals(type)
                        || !q.path("related_object_type").asText().equals("contact_email")) {
                    return false;
                }
                for (JsonNode e : o.path("emails")) {
                    if (matches(q.path("related_query"), "contact_email", (ObjectNode) e)) {
                        return true;
                    }
                }
                return false;
            }
            case "field_condition": {
                JsonNode field = q.path("field");
                if (!field.path("object_type").asText().equals(type)) {
                    return false;
                }
                return condition(q.path("condition"), o.path(field.path("field_name").asText()));
            }
            default:
                throw new IllegalArgumentException("unsupported query type " + q.path("type").asText());
        }
    }

    private static boolean condition(JsonNode c, JsonNode value) {
        switch (c.path("type").asText()) {
            case "text": {
                if (!value.isTextual()) {
                    return false;
                }
                String v = value.asText().toLowerCase(Locale.ROOT);
                String want = c.path("value").asText().toLowerCase(Locale.ROOT);
                return switch (c.path("mode").asText()) {
                    case "exact_value" -> v.equals(want);
                    case "phrase" -> v.contains(want);
                    case "full_words" -> List.of(v.split("[^a-z0-9]+")).containsAll(List.of(want.split("[^a-z0-9]+")));
                    default -> throw new IllegalArgumentException("unsupported text mode " + c.path("mode").asText());
                };
            }
            case "term": {
                for (JsonNode t : c.path("values")) {
                    if (t.asText().equals(value.asText())) {
                        return true;
                    }
                }
                return false;
            }
            case "moment_range": {
                Instant at = CloseApi.instant(value);
                if (at == null) {
                    return false;
                }
                JsonNode from = c.path("on_or_after");
                JsonNode before = c.path("before");
                return (from.isMissingNode() || from.isNull() || !at.isBefore(CloseApi.instant(from.path("value"))))
                        && (before.isMissingNode() || before.isNull() || at.isBefore(CloseApi.instant(before.path("value"))));
            }
            default:
                throw new IllegalArgumentException("unsupported condition " + c.path("type").asText());
        }
    }

    // ------------------------------------------------------------------ helpers

    private static java.util.Optional<ObjectNode> find(Map<String, ObjectNode> table, String id, String what) {
        return java.util.Optional.ofNullable(table.get(id));
    }

    private static ObjectNode fields(ObjectNode o, Map<String, String> q) {
        if (!q.containsKey("_fields")) {
            return o;
        }
        ObjectNode out = JSON.createObjectNode();
        for (String f : q.get("_fields").split(",")) {
            if (o.has(f)) {
                out.set(f, o.get(f));
            }
        }
        return out;
    }

    private static Result ok(JsonNode body) {
        return new Result(200, body);
    }

    private static Result created(ObjectNode body) {
        return new Result(200, body);
    }

    private static Result notFound(String what) {
        return new Result(404, error("Empty query: " + what + " matching query does not exist."));
    }

    private static Result invalid(Map<String, String> fieldErrors) {
        ObjectNode e = JSON.createObjectNode().put("error", "");
        e.putArray("errors");
        ObjectNode fe = e.putObject("field-errors");
        fieldErrors.forEach(fe::put);
        return new Result(400, e);
    }

    private static ObjectNode error(String message) {
        ObjectNode e = JSON.createObjectNode().put("error", message);
        e.putArray("errors");
        e.putObject("field-errors");
        return e;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private Response answer(Response base, String method, String path, List<String> queryNames, int status,
                            JsonNode body, List<HttpHeader> extra) {
        JsonNode clean = strip(body);
        String text = clean.toString();
        violations.addAll(contract.response(method, path, queryNames, status, text));
        List<HttpHeader> headers = new ArrayList<>(extra);
        headers.add(new HttpHeader("Content-Type", "application/json"));
        return Response.Builder.like(base).but().status(status).headers(new HttpHeaders(headers)).body(text).build();
    }

    /** Drops the simulator's own bookkeeping ({@code _seq}) from answers. */
    private static JsonNode strip(JsonNode n) {
        if (n.isObject()) {
            ObjectNode copy = ((ObjectNode) n).deepCopy();
            copy.remove("_seq");
            copy.properties().forEach(e -> e.setValue(strip(e.getValue())));
            return copy;
        }
        if (n.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            n.forEach(c -> copy.add(strip(c)));
            return copy;
        }
        return n;
    }
}
