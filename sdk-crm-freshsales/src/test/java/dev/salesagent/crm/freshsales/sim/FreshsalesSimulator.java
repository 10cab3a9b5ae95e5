package dev.salesagent.crm.freshsales.sim;

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
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.spi.CrmConfig;
import dev.salesagent.crm.tck.MutableClock;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful Freshsales (Freshworks CRM) inside WireMock, serving the documented shapes under
 * {@code /crm/sales/api}: contacts (upsert by e-mail, unique e-mails), sales accounts (name required and unique),
 * deals with stages ({@code /selector/deal_stages}), notes on the three record types, the filtered search (at most
 * 100 per page, {@code meta.total}), the {@code Token token=} API key, Freshsales' error JSON, a per-minute and a
 * per-hour request limit per account answered 429 with {@code Retry-After}, and an {@code X-Request-Id} on every
 * answer. Every request is checked against {@link FreshsalesContract}; a violation is answered 400 and recorded in
 * {@link #violations()}, as are response-schema violations of the simulator's own answers.
 */
public final class FreshsalesSimulator implements ResponseTransformerV2 {

    /** The API key the simulator accepts. */
    public static final String API_KEY = "sim-api-key-0123456789";
    /** API root path, as on {@code <bundle>.myfreshworks.com}. */
    public static final String ROOT = "/crm/sales/api";
    private static final String NAME = "freshsales-simulator";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern RECORD = Pattern.compile("/(contacts|sales_accounts|deals)/([0-9]+)");

    private final MutableClock clock;
    private final WireMockServer server;
    private final FreshsalesContract contract = new FreshsalesContract();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong(1000);
    private final AtomicLong requestIds = new AtomicLong();
    private final Map<Long, ObjectNode> contacts = new LinkedHashMap<>();
    private final Map<Long, ObjectNode> accounts = new LinkedHashMap<>();
    private final Map<Long, ObjectNode> deals = new LinkedHashMap<>();
    private final Map<Long, ObjectNode> notes = new LinkedHashMap<>();
    private final Map<Long, String> stages = new LinkedHashMap<>();
    private final Map<Long, Integer> perMinute = new HashMap<>();
    private final Map<Long, Integer> perHour = new HashMap<>();
    private volatile int minuteLimit = 400;
    private volatile int hourLimit = 5000;

    private FreshsalesSimulator(MutableClock clock) {
        this.clock = clock;
        for (String s : List.of("New", "Won", "Lost")) {
            stages.put(ids.incrementAndGet(), s);
        }
        server = new WireMockServer(options().dynamicPort().extensions(this));
        server.start();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(NAME)));
    }

    /** A running simulator whose clock starts at 2026-01-01T00:00:00Z. */
    public static FreshsalesSimulator launch() {
        return new FreshsalesSimulator(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
    }

    /** The simulator's clock (timestamps and rate-limit windows); advance it instead of sleeping. */
    public MutableClock clock() {
        return clock;
    }

    /** The WireMock server (for fault injection and request journals). */
    public WireMockServer server() {
        return server;
    }

    /** {@code http://localhost:<port>/crm/sales/api}. */
    public String baseUrl() {
        return server.baseUrl() + ROOT;
    }

    /** Provider configuration pointing at this simulator with the valid API key. */
    public CrmConfig config() {
        return CrmConfig.of(Map.of("apiKey", API_KEY, "baseUrl", baseUrl()));
    }

    /** Contract violations seen so far (requests and the simulator's own answers). */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** {@code METHOD path?query} of every request served, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Sets the account's per-minute and per-hour limits (Freshsales: 400/min; 1,000 to 5,000/h by plan). */
    public void limits(int perMinuteLimit, int perHourLimit) {
        this.minuteLimit = perMinuteLimit;
        this.hourLimit = perHourLimit;
    }

    /** Stops the server. */
    public void stop() {
        server.stop();
    }

    /** Adds a deal stage (as an administrator would in Admin Settings) unless one has that name; returns its id. */
    public synchronized long seedStage(String name) {
        for (Map.Entry<Long, String> e : stages.entrySet()) {
            if (e.getValue().equals(name)) {
                return e.getKey();
            }
        }
        long id = ids.incrementAndGet();
        stages.put(id, name);
        return id;
    }

    /** Stores a deal (the SPI has no deal create) and returns it with its id. */
    public synchronized Opportunity seedDeal(Opportunity o) {
        long id = ids.incrementAndGet();
        ObjectNode d = JSON.createObjectNode().put("id", id).put("name", o.name());
        d.put("amount", o.amount() == null ? null : o.amount());
        d.put("deal_stage_id", seedStage(o.stage() == null ? "New" : o.stage()));
        if (o.ownerId() != null) {
            d.put("owner_id", Long.parseLong(o.ownerId()));
        } else {
            d.putNull("owner_id");
        }
        if (o.accountId() != null) {
            d.put("sales_account_id", Long.parseLong(o.accountId().value()));
        } else {
            d.putNull("sales_account_id");
        }
        d.put("expected_close", o.closeDate() == null ? null : o.closeDate().toString());
        stamp(d, true);
        deals.put(id, d);
        return o.toBuilder().id(CrmId.of("freshsales", Long.toString(id))).build();
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        URI uri = URI.create(request.getUrl());
        String method = request.getMethod().getName();
        String fullPath = uri.getPath();
        requests.add(method + " " + request.getUrl());
        Answer answer = answer(request, method, fullPath, uri);
        String path = fullPath.startsWith(ROOT) ? fullPath.substring(ROOT.length()) : fullPath;
        String body = answer.body == null ? "" : answer.body.toString();
        violations.addAll(contract.response(method, path, answer.status, body));
        List<HttpHeader> headers = new ArrayList<>();
        headers.add(new HttpHeader("Content-Type", "application/json; charset=utf-8"));
        headers.add(new HttpHeader("X-Request-Id", "sim-" + requestIds.incrementAndGet()));
        headers.addAll(answer.headers);
        return Response.Builder.like(response).but().status(answer.status).headers(new HttpHeaders(headers))
                .body(body).build();
    }

    private record Answer(int status, JsonNode body, List<HttpHeader> headers) {
        Answer(int status, JsonNode body) {
            this(status, body, List.of());
        }
    }

    private static Answer error(int status, String... messages) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode errors = root.putObject("errors").put("code", status);
        ArrayNode m = errors.putArray("message");
        for (String s : messages) {
            m.add(s);
        }
        return new Answer(status, root);
    }

    private Answer answer(Request request, String method, String fullPath, URI uri) {
        if (!fullPath.startsWith(ROOT + "/")) {
            violations.add("request outside the API root: " + method + " " + fullPath);
            return error(404, "Not found");
        }
        String auth = request.getHeader("Authorization");
        if (!("Token token=" + API_KEY).equals(auth)) {
            return new Answer(401, JSON.createObjectNode().put("login", "failed")
                    .put("message", "Incorrect or expired API key"));
        }
        Answer limited = rateLimit();
        if (limited != null) {
            return limited;
        }
        String path = fullPath.substring(ROOT.length());
        Map<String, String> query = query(uri);
        String contentType = request.getHeader("Content-Type");
        String body = request.getBodyAsString();
        List<String> problems = contract.request(method, path, query.keySet(), contentType, body);
        if (!problems.isEmpty()) {
            violations.addAll(problems);
            return error(400, problems.toArray(String[]::new));
        }
        try {
            JsonNode json = body == null || body.isEmpty() ? null : JSON.readTree(body);
            synchronized (this) {
                return route(method, path, query, json);
            }
        } catch (Exception e) {
            return error(400, "Invalid request: " + e.getMessage());
        }
    }

    private synchronized Answer rateLimit() {
        long epoch = clock.instant().getEpochSecond();
        long minute = epoch / 60;
        long hour = epoch / 3600;
        int m = perMinute.merge(minute, 1, Integer::sum);
        int h = perHour.merge(hour, 1, Integer::sum);
        if (h > hourLimit) {
            return limited("Hourly API limit exceeded", (hour + 1) * 3600 - epoch);
        }
        if (m > minuteLimit) {
            return limited("Per minute API limit exceeded", (minute + 1) * 60 - epoch);
        }
        return null;
    }

    private static Answer limited(String message, long retryAfterSeconds) {
        Answer e = error(429, message);
        return new Answer(429, e.body, List.of(new HttpHeader("Retry-After", Long.toString(retryAfterSeconds))));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String k = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
                        java.nio.charset.StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1),
                        java.nio.charset.StandardCharsets.UTF_8);
                out.put(k, v);
            }
        }
        return out;
    }

    private Answer route(String method, String path, Map<String, String> query, JsonNode body) {
        if (method.equals("POST") && path.equals("/contacts/upsert")) {
            return upsertContact(body);
        }
        if (method.equals("POST") && path.equals("/sales_accounts")) {
            return writeAccount(null, body.path("sales_account"));
        }
        if (method.equals("POST") && path.equals("/notes")) {
            return createNote(body.path("note"));
        }
        if (method.equals("POST") && path.startsWith("/filtered_search/")) {
            return search(path.substring("/filtered_search/".length()), query, body);
        }
        if (method.equals("GET") && path.equals("/selector/deal_stages")) {
            ObjectNode root = JSON.createObjectNode();
            ArrayNode list = root.putArray("deal_stages");
            int position = 1;
            for (Map.Entry<Long, String> e : stages.entrySet()) {
                list.addObject().put("id", e.getKey()).put("name", e.getValue()).put("position", position++)
                        .put("deal_pipeline_id", 1);
            }
            return new Answer(200, root);
        }
        Matcher m = RECORD.matcher(path);
        if (m.matches()) {
            String kind = m.group(1);
            long id = Long.parseLong(m.group(2));
            Map<Long, ObjectNode> table = table(kind);
            ObjectNode rec = table.get(id);
            if (rec == null) {
                return error(404, "Record not found");
            }
            if (method.equals("DELETE") && kind.equals("contacts")) {
                table.remove(id);
                return new Answer(200, JSON.getNodeFactory().booleanNode(true));
            }
            if (method.equals("PUT") && kind.equals("sales_accounts")) {
                return writeAccount(rec, body.path("sales_account"));
            }
            if (method.equals("PUT") && kind.equals("deals")) {
                return updateDeal(rec, body.path("deal"));
            }
            ObjectNode root = JSON.createObjectNode();
            root.set(singular(kind), rec.deepCopy());
            if (query.getOrDefault("include", "").contains("notes")) {
                ArrayNode list = root.putArray("notes");
                String type = targetType(kind);
                notes.values().stream().filter(n -> n.path("targetable_type").asText().equals(type)
                        && n.path("targetable_id").asLong() == id).forEach(n -> list.add(n.deepCopy()));
            }
            return new Answer(200, root);
        }
        return error(404, "Not found");
    }

    private Map<Long, ObjectNode> table(String kind) {
        return switch (kind) {
            case "contacts", "contact" -> contacts;
            case "sales_accounts", "sales_account" -> accounts;
            default -> deals;
        };
    }

    private static String singular(String kind) {
        return switch (kind) {
            case "contacts" -> "contact";
            case "sales_accounts" -> "sales_account";
            default -> "deal";
        };
    }

    private static String targetType(String kind) {
        return switch (kind) {
            case "contacts" -> "Contact";
            case "sales_accounts" -> "SalesAccount";
            default -> "Deal";
        };
    }

    private void stamp(ObjectNode rec, boolean created) {
        String now = OffsetDateTime.ofInstant(clock.instant(), IST).toString();
        if (created) {
            rec.put("created_at", now);
        }
        rec.put("updated_at", now);
    }

    private Answer upsertContact(JsonNode body) {
        String key = body.path("unique_identifier").path("emails").asText("");
        if (!EMAIL.matcher(key).matches()) {
            return error(400, "Emails is invalid");
        }
        JsonNode fields = body.path("contact");
        String email = fields.path("email").asText(key);
        if (!email.equalsIgnoreCase(key) || !EMAIL.matcher(email).matches()) {
            return error(400, "Email is invalid");
        }
        ArrayNode links = JSON.createArrayNode();
        for (JsonNode a : fields.path("sales_accounts")) {
            ObjectNode acc = accounts.get(a.path("id").asLong());
            if (acc == null) {
                return error(400, "Sales accounts is invalid: no sales account " + a.path("id").asText());
            }
            links.addObject().put("id", acc.path("id").asLong()).put("name", acc.path("name").asText())
                    .put("is_primary", a.path("is_primary").asBoolean());
        }
        if (links.size() > 0 && countPrimary(links) != 1) {
            return error(400, "Sales accounts must have exactly one primary account");
        }
        String lower = key.toLowerCase(Locale.ROOT);
        ObjectNode existing = contacts.values().stream().filter(c -> hasEmail(c, lower)).findFirst().orElse(null);
        boolean created = existing == null;
        ObjectNode rec = existing;
        if (created) {
            long id = ids.incrementAndGet();
            rec = JSON.createObjectNode().put("id", id);
            for (String f : List.of("first_name", "last_name", "job_title", "work_number", "mobile_number")) {
                rec.putNull(f);
            }
            rec.put("email", key);
            rec.putArray("emails").addObject().put("id", ids.incrementAndGet()).put("value", key).put("is_primary", true);
            rec.putArray("sales_accounts");
            rec.putObject("custom_field");
            contacts.put(id, rec);
        }
        for (String f : List.of("first_name", "last_name", "job_title", "work_number", "mobile_number")) {
            if (fields.hasNonNull(f)) {
                rec.put(f, fields.get(f).asText());
            }
        }
        if (fields.has("sales_accounts")) {
            rec.set("sales_accounts", links);
        }
        if (fields.path("custom_field").isObject()) {
            ((ObjectNode) rec.get("custom_field")).setAll((ObjectNode) fields.get("custom_field"));
        }
        stamp(rec, created);
        ObjectNode root = JSON.createObjectNode();
        root.set("contact", rec.deepCopy());
        return new Answer(created ? 201 : 200, root);
    }

    private static int countPrimary(ArrayNode links) {
        int n = 0;
        for (JsonNode l : links) {
            n += l.path("is_primary").asBoolean() ? 1 : 0;
        }
        return n;
    }

    private static boolean hasEmail(JsonNode contact, String lower) {
        for (JsonNode e : contact.path("emails")) {
            if (e.path("value").asText().toLowerCase(Locale.ROOT).equals(lower)) {
                return true;
            }
        }
        return false;
    }

    private Answer writeAccount(ObjectNode existing, JsonNode fields) {
        boolean created = existing == null;
        String name = fields.hasNonNull("name") ? fields.get("name").asText().trim() : null;
        if (created && (name == null || name.isEmpty())) {
            return error(400, "Name can't be blank");
        }
        if (name != null) {
            String lower = name.toLowerCase(Locale.ROOT);
            boolean taken = accounts.values().stream().anyMatch(a -> a != existing
                    && a.path("name").asText().toLowerCase(Locale.ROOT).equals(lower));
            if (taken) {
                return error(400, "Name has already been taken");
            }
        }
        ObjectNode rec = existing;
        if (created) {
            long id = ids.incrementAndGet();
            rec = JSON.createObjectNode().put("id", id);
            for (String f : List.of("website", "number_of_employees", "annual_revenue", "country", "phone")) {
                rec.putNull(f);
            }
            rec.putObject("custom_field");
            accounts.put(id, rec);
        }
        for (String f : List.of("name", "website", "number_of_employees", "annual_revenue", "country", "phone")) {
            if (fields.hasNonNull(f)) {
                rec.set(f, fields.get(f));
            }
        }
        if (fields.path("custom_field").isObject()) {
            ((ObjectNode) rec.get("custom_field")).setAll((ObjectNode) fields.get("custom_field"));
        }
        stamp(rec, created);
        ObjectNode root = JSON.createObjectNode();
        root.set("sales_account", rec.deepCopy());
        return new Answer(created ? 201 : 200, root);
    }

    private Answer updateDeal(ObjectNode rec, JsonNode fields) {
        if (fields.has("deal_stage_id") && !stages.containsKey(fields.get("deal_stage_id").asLong())) {
            return error(400, "Deal stage is invalid");
        }
        if (fields.has("deal_stage_id")) {
            rec.put("deal_stage_id", fields.get("deal_stage_id").asLong());
        }
        if (fields.has("amount")) {
            rec.put("amount", fields.get("amount").decimalValue());
        }
        stamp(rec, false);
        ObjectNode root = JSON.createObjectNode();
        root.set("deal", rec.deepCopy());
        return new Answer(200, root);
    }

    private Answer createNote(JsonNode fields) {
        String type = fields.path("targetable_type").asText();
        long target = fields.path("targetable_id").asLong();
        Map<Long, ObjectNode> table = switch (type) {
            case "Contact" -> contacts;
            case "SalesAccount" -> accounts;
            default -> deals;
        };
        if (!table.containsKey(target)) {
            return error(404, "Targetable not found");
        }
        if (fields.path("description").asText().isBlank()) {
            return error(400, "Description can't be blank");
        }
        long id = ids.incrementAndGet();
        ObjectNode rec = JSON.createObjectNode().put("id", id).put("description", fields.path("description").asText())
                .put("targetable_type", type).put("targetable_id", target);
        stamp(rec, true);
        notes.put(id, rec);
        ObjectNode root = JSON.createObjectNode();
        root.set("note", rec.deepCopy());
        return new Answer(201, root);
    }

    private Answer search(String entity, Map<String, String> query, JsonNode body) {
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        int perPage = Integer.parseInt(query.getOrDefault("per_page", "25"));
        if (page < 1 || perPage < 1 || perPage > 100) {
            return error(400, "per_page must be between 1 and 100 and page at least 1");
        }
        Predicate<ObjectNode> filter = r -> true;
        for (JsonNode rule : body.path("filter_rule")) {
            Predicate<ObjectNode> p = rule(entity, rule);
            if (p == null) {
                return error(400, "Invalid filter_rule " + rule);
            }
            filter = filter.and(p);
        }
        Comparator<ObjectNode> order = Comparator.comparingLong(r -> r.path("id").asLong());
        if ("updated_at".equals(body.path("sort").asText(null))) {
            order = Comparator.<ObjectNode, Instant>comparing(r -> instant(r.path("updated_at").asText())).thenComparing(order);
            if ("desc".equals(body.path("sort_type").asText("asc"))) {
                order = order.reversed();
            }
        }
        List<ObjectNode> all = table(entity).values().stream().filter(filter).sorted(order).toList();
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray(entity + "s");
        all.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(r -> list.add(r.deepCopy()));
        root.putObject("meta").put("total", all.size());
        return new Answer(200, root);
    }

    private static Instant instant(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (RuntimeException e) {
            return Instant.parse(s);
        }
    }

    private Predicate<ObjectNode> rule(String entity, JsonNode rule) {
        String attribute = rule.path("attribute").asText();
        String operator = rule.path("operator").asText();
        JsonNode value = rule.path("value");
        Set<String> values = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        if (value.isArray()) {
            value.forEach(v -> values.add(v.asText()));
        } else {
            values.add(value.asText());
        }
        if (attribute.equals("updated_at") && (operator.equals("is_after") || operator.equals("is_before"))) {
            Instant bound = instant(value.asText());
            return operator.equals("is_after") ? r -> instant(r.path("updated_at").asText()).isAfter(bound)
                    : r -> instant(r.path("updated_at").asText()).isBefore(bound);
        }
        if (!operator.equals("is_in")) {
            return null;
        }
        return switch (entity + "." + attribute) {
            case "contact.contact_email.email" -> r -> {
                for (JsonNode e : r.path("emails")) {
                    if (values.contains(e.path("value").asText())) {
                        return true;
                    }
                }
                return false;
            };
            case "sales_account.website" -> r -> !r.path("website").isNull() && values.contains(r.path("website").asText());
            case "deal.deal_stage_id" -> r -> values.contains(r.path("deal_stage_id").asText());
            case "deal.owner_id" -> r -> values.contains(r.path("owner_id").asText());
            default -> null;
        };
    }

    /** How long until the current per-minute window ends. */
    public Duration untilNextMinute() {
        long epoch = clock.instant().getEpochSecond();
        return Duration.ofSeconds((epoch / 60 + 1) * 60 - epoch);
    }

    /** A deal's stored amount (for assertions). */
    public synchronized BigDecimal dealAmount(String id) {
        return deals.get(Long.parseLong(id)).path("amount").decimalValue();
    }
}
