package dev.salesagent.crm.salesforce.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A stateful Salesforce org on WireMock, following the REST API Developer Guide
 * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/): OAuth token endpoint (JWT bearer and
 * client credentials), sObject rows (create, read, update, upsert by external id with 201/200/300), sObject Collections
 * upsert (max 200 records, per-item results, always 200), SOQL with {@code nextRecordsUrl} batches (default 2,000
 * rows, {@code Sforce-Query-Options: batchSize}), Composite (max 25 subrequests, {@code allOrNone}, {@code @{ref.id}}
 * references), {@code Sforce-Limit-Info} on every API response, {@code 401 INVALID_SESSION_ID} after sessions expire
 * and {@code 403 REQUEST_LIMIT_EXCEEDED} when the daily allocation is used up. Errors are Salesforce's array shape.
 *
 * <p>Only a catch-all stub carries the simulator's transformer, so tests can stub higher-priority faults on
 * {@link #server()} without it interfering.
 */
public final class SalesforceSimulator implements AutoCloseable {

    public static final String API_VERSION = "v62.0";
    public static final String CONTACT_KEY_FIELD = "SalesAgent_Email__c";
    public static final String ACCOUNT_KEY_FIELD = "SalesAgent_Domain__c";
    public static final String ORDER_KEY_FIELD = "SalesAgent_Idempotency_Key__c";
    public static final String ORG_ID = "00DSIM0000000001";
    private static final String TRANSFORMER = "salesforce-simulator";
    private static final int COLLECTION_LIMIT = 200;
    private static final int COMPOSITE_LIMIT = 25;
    private static final Pattern DATA_PATH = Pattern.compile("/services/data/(v\\d+\\.\\d)/(.*)");
    /**
     * Key suffixes Salesforce reads as a response format in a URL path (so {@code .../Domain__c/acme.inc} is not the
     * record {@code acme.inc} but an unknown resource: 404).
     */
    private static final Pattern FORMAT_SUFFIX = Pattern.compile("(?i).*\\.(json|xml|inc|csv|txt|html?)$");
    private static final Pattern REF = Pattern.compile("@\\{([A-Za-z0-9_]+)\\.([A-Za-z0-9_]+)}");

    private final ObjectMapper json = new ObjectMapper();
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private final SimSchema schema;
    /** {@code Object.Field} external-id fields the describe reports as not Unique (test hook). */
    private final Set<String> nonUniqueKeys = ConcurrentHashMap.newKeySet();
    private final boolean multiCurrency;
    private final WireMockServer server;
    private final Clock baseClock;
    private volatile Duration clockOffset = Duration.ZERO;
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return baseClock.instant().plus(clockOffset);
        }
    };

    private Map<String, LinkedHashMap<String, ObjectNode>> data = new HashMap<>();
    private final Map<String, List<ObjectNode>> queryLocators = new HashMap<>();
    private final Map<String, Long> idCounters = new HashMap<>();
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private final Map<String, JwtClient> jwtClients = new HashMap<>();
    private final Map<String, String> secretClients = new HashMap<>();
    private final Deque<InjectedFault> faults = new ArrayDeque<>();
    private final List<JWTClaimsSet> acceptedAssertions = new ArrayList<>();
    private long apiUsage;
    private long apiLimit = 15_000;
    private long orderNumber = 100;
    private long locatorCounter;
    private String integrationUserId;
    private String standardPricebookId;

    private record JwtClient(String username, RSAPublicKey key) { }

    private record InjectedFault(String pathContains, int status, String body, Duration delayAfterProcessing) { }

    /** A response the dispatcher produced: status, JSON body (may be null) and extra headers. */
    private record Result(int status, JsonNode body, Map<String, String> headers) {
        Result(int status, JsonNode body) {
            this(status, body, Map.of());
        }
    }

    public SalesforceSimulator() {
        this(Clock.systemUTC(), false);
    }

    /**
     * @param multiCurrency a multi-currency org (corporate currency USD): {@code CurrencyIsoCode} exists, price book
     *                      entries are per currency and order items must use entries in the order's currency
     */
    public SalesforceSimulator(Clock clock, boolean multiCurrency) {
        this.baseClock = clock;
        this.multiCurrency = multiCurrency;
        SimSchema s = new SimSchema(CONTACT_KEY_FIELD, ACCOUNT_KEY_FIELD, ORDER_KEY_FIELD);
        this.schema = multiCurrency ? s.multiCurrency() : s;
        this.server = new WireMockServer(wireMockConfig().dynamicPort().extensions(new Transformer()));
        server.start();
        server.stubFor(any(anyUrl()).atPriority(100).willReturn(aResponse().withTransformers(TRANSFORMER)));
        ObjectNode user = nodes.objectNode();
        user.put("Name", "Integration User");
        user.put("Username", "integration@salesagent.example");
        user.put("Email", "integration@salesagent.example");
        integrationUserId = insert(schema.require("User"), user).get("Id").asText();
        ObjectNode pricebook = nodes.objectNode();
        pricebook.put("Name", "Standard Price Book");
        pricebook.put("IsActive", true);
        ObjectNode pb = insert(schema.require("Pricebook2"), pricebook);
        pb.put("IsStandard", true);
        standardPricebookId = pb.get("Id").asText();
    }

    // ------------------------------------------------------------------ control API for tests

    /** Moves the org's record clock forward (CreatedDate, SystemModstamp), so later writes get later timestamps. */
    public void advanceClock(Duration duration) {
        clockOffset = clockOffset.plus(duration);
    }

    public WireMockServer server() {
        return server;
    }

    /** Base URL of the simulated org; the token endpoint returns it as {@code instance_url}. */
    public String baseUrl() {
        return server.baseUrl();
    }

    public synchronized SalesforceSimulator registerJwtClient(String clientId, String username, RSAPublicKey key) {
        jwtClients.put(clientId, new JwtClient(username, key));
        return this;
    }

    public synchronized SalesforceSimulator registerClientCredentials(String clientId, String clientSecret) {
        secretClients.put(clientId, clientSecret);
        return this;
    }

    /** Issues a session without the OAuth dance, for tests that configure a static token. */
    public String issueSession() {
        String token = ORG_ID + "!AQ" + UUID.randomUUID().toString().replace("-", "");
        sessions.add(token);
        return token;
    }

    /** Expires every session, as a session timeout does; the next API call answers 401 INVALID_SESSION_ID. */
    public void expireSessions() {
        sessions.clear();
    }

    public synchronized List<JWTClaimsSet> acceptedAssertions() {
        return List.copyOf(acceptedAssertions);
    }

    public synchronized long apiUsage() {
        return apiUsage;
    }

    /** Sets the org's daily API request allocation; calls beyond it answer 403 REQUEST_LIMIT_EXCEEDED. */
    public synchronized SalesforceSimulator apiLimit(long limit) {
        this.apiLimit = limit;
        return this;
    }

    /** The next {@code count} API calls answer 403 REQUEST_LIMIT_EXCEEDED for the concurrent long-running limit. */
    public synchronized SalesforceSimulator failNextWithConcurrencyLimit(int count) {
        for (int i = 0; i < count; i++) {
            faults.add(new InjectedFault("", 403, "[{\"message\":\"ConcurrentPerOrgLongTxn Limit exceeded.\","
                    + "\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]", null));
        }
        return this;
    }

    /** The next API call whose path contains {@code pathContains} answers {@code status} with {@code body}. */
    public synchronized SalesforceSimulator failNext(String pathContains, int status, String body) {
        faults.add(new InjectedFault(pathContains, status, body, null));
        return this;
    }

    /**
     * The next API call whose path contains {@code pathContains} is processed normally, but its response is delayed by
     * {@code delay} — longer than the client's read timeout, this is "the server did it but the client timed out".
     */
    public synchronized SalesforceSimulator delayNextResponse(String pathContains, Duration delay) {
        faults.add(new InjectedFault(pathContains, 0, null, delay));
        return this;
    }

    public synchronized List<ObjectNode> records(String sObject) {
        return table(schema.require(sObject).name).values().stream().map(ObjectNode::deepCopy).toList();
    }

    public synchronized Optional<ObjectNode> record(String id) {
        return schema.byKeyPrefix(id).map(o -> table(o.name).get(id)).map(ObjectNode::deepCopy);
    }

    public String integrationUserId() {
        return integrationUserId;
    }

    public String standardPricebookId() {
        return standardPricebookId;
    }

    /** Inserts a record directly (no API usage), validating like the API does; returns the stored record. */
    public synchronized ObjectNode put(String sObject, Map<String, ?> fields) {
        return insert(schema.require(sObject), json.valueToTree(fields)).deepCopy();
    }

    /** Adds a price in another currency to the standard price book (multi-currency orgs). */
    public synchronized String addPrice(String productId, String currency, BigDecimal price) {
        ObjectNode entry = nodes.objectNode();
        entry.put("Pricebook2Id", standardPricebookId);
        entry.put("Product2Id", productId);
        entry.put("UnitPrice", price);
        entry.put("IsActive", true);
        entry.put("CurrencyIsoCode", currency);
        return insert(schema.require("PricebookEntry"), entry).get("Id").asText();
    }

    /** Adds a product to the standard price book (Product2 + PricebookEntry). */
    public synchronized String addProduct(String code, String name, BigDecimal price, boolean active) {
        ObjectNode product = nodes.objectNode();
        product.put("Name", name);
        product.put("ProductCode", code);
        product.put("IsActive", active);
        String productId = insert(schema.require("Product2"), product).get("Id").asText();
        ObjectNode entry = nodes.objectNode();
        entry.put("Pricebook2Id", standardPricebookId);
        entry.put("Product2Id", productId);
        entry.put("UnitPrice", price);
        entry.put("IsActive", true);
        insert(schema.require("PricebookEntry"), entry);
        return productId;
    }

    /** Loads the CC0 sObject-tree sample data (apex-recipes and ebikes) into the org. */
    public SalesforceSimulator seedSampleData() {
        new SampleData(this).load();
        return this;
    }

    @Override
    public void close() {
        server.stop();
    }

    // ------------------------------------------------------------------ WireMock glue

    private final class Transformer implements ResponseDefinitionTransformerV2 {
        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            return handle(serveEvent.getRequest());
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return TRANSFORMER;
        }
    }

    private synchronized ResponseDefinition handle(Request request) {
        URI uri = URI.create(request.getUrl());
        String path = uri.getRawPath();
        if (path.equals("/services/oauth2/token")) {
            return respond(token(request), false, null);
        }
        Matcher m = DATA_PATH.matcher(path);
        if (!m.matches()) {
            return respond(error(SfError.notFound()), false, null);
        }
        String auth = request.getHeader("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !sessions.contains(auth.substring(7))) {
            return respond(error(new SfError(401, "INVALID_SESSION_ID", "Session expired or invalid", List.of())),
                    false, null);
        }
        Duration delay = null;
        for (Iterator<InjectedFault> it = faults.iterator(); it.hasNext(); ) {
            InjectedFault f = it.next();
            if (path.contains(f.pathContains())) {
                it.remove();
                if (f.delayAfterProcessing() != null) {
                    delay = f.delayAfterProcessing();
                    break;
                }
                apiUsage++;
                return respond(new Result(f.status(), readTree(f.body())), true, null);
            }
        }
        apiUsage++;
        if (apiUsage > apiLimit) {
            return respond(error(new SfError(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.",
                    List.of())), true, null);
        }
        Result result;
        try {
            JsonNode body = request.getBodyAsString() == null || request.getBodyAsString().isBlank()
                    ? null : readTree(request.getBodyAsString());
            rejectExponentNumbers(request.getBodyAsString());
            result = route(request.getMethod().getName(), m.group(1), m.group(2), query(uri.getRawQuery()), body,
                    batchSize(request.getHeader("Sforce-Query-Options")));
        } catch (SfError e) {
            result = error(e);
        }
        return respond(result, true, delay);
    }

    private ResponseDefinition respond(Result result, boolean limitHeader, Duration delay) {
        ResponseDefinitionBuilder b = aResponse().withStatus(result.status());
        if (result.body() != null) {
            b.withHeader("Content-Type", "application/json;charset=UTF-8").withBody(result.body().toString());
        }
        result.headers().forEach(b::withHeader);
        if (limitHeader) {
            b.withHeader("Sforce-Limit-Info", "api-usage=" + apiUsage + "/" + apiLimit);
        }
        if (delay != null) {
            b.withFixedDelay((int) delay.toMillis());
        }
        return b.build();
    }

    /**
     * The adapter's contract (issue 25): money and quantities go out as plain decimals ({@code 1000}, not
     * {@code 1E+3}), the digits the user gave, so no field ever receives a number in exponent form.
     */
    private void rejectExponentNumbers(String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        try (com.fasterxml.jackson.core.JsonParser p = json.getFactory().createParser(text)) {
            for (var t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_FLOAT
                        && p.getText().toLowerCase(Locale.ROOT).contains("e")) {
                    throw SfError.badRequest("JSON_PARSER_ERROR", "Cannot deserialize instance of number from "
                            + "exponent form " + p.getText() + " at " + p.currentName(), p.currentName());
                }
            }
        } catch (java.io.IOException e) {
            throw SfError.badRequest("JSON_PARSER_ERROR", e.getMessage());
        }
    }

    /** Test hook: the describe of {@code sObject} reports {@code field} as External ID but not Unique. */
    public void markKeyNotUnique(String sObject, String field) {
        nonUniqueKeys.add((sObject + "." + field).toLowerCase(Locale.ROOT));
    }

    /**
     * {@code GET /sobjects/{sObject}/describe}, the slice the adapter reads: {@code name}, {@code keyPrefix} and per
     * field {@code name}, {@code type}, {@code externalId}, {@code unique}, {@code idLookup}, {@code nillable},
     * {@code createable}, {@code updateable}, {@code length}, {@code referenceTo} (the DescribeSObjectResult shape,
     * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm and
     * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_describesobjects_describesobjectresult.htm).
     */
    private ObjectNode describe(SimSchema.SObject object) {
        ObjectNode out = nodes.objectNode();
        out.put("name", object.name);
        out.put("keyPrefix", object.keyPrefix);
        ArrayNode fields = out.putArray("fields");
        for (SimSchema.Field f : object.fields.values()) {
            ObjectNode d = fields.addObject();
            d.put("name", f.name());
            d.put("type", f.type() == SimSchema.Type.ID ? "id" : f.type().name().toLowerCase(Locale.ROOT));
            d.put("externalId", f.externalId());
            d.put("unique", f.externalId()
                    && !nonUniqueKeys.contains((object.name + "." + f.name()).toLowerCase(Locale.ROOT)));
            d.put("idLookup", f.externalId() || f.type() == SimSchema.Type.ID);
            d.put("nillable", !f.required() && f.type() != SimSchema.Type.BOOLEAN);
            d.put("createable", !f.readOnly());
            d.put("updateable", !f.readOnly());
            d.put("length", f.maxLength());
            ArrayNode refs = d.putArray("referenceTo");
            if (f.referenceTo() != null) {
                refs.add(f.referenceTo());
            }
        }
        return out;
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw SfError.badRequest("JSON_PARSER_ERROR", "Unexpected character: " + e.getMessage());
        }
    }

    private static int batchSize(String header) {
        if (header != null) {
            Matcher m = Pattern.compile("batchSize=(\\d+)").matcher(header);
            if (m.find()) {
                return Math.max(200, Math.min(2000, Integer.parseInt(m.group(1))));
            }
        }
        return 2000;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    private Result error(SfError e) {
        ArrayNode array = nodes.arrayNode();
        ObjectNode err = array.addObject();
        err.put("message", e.getMessage());
        err.put("errorCode", e.code);
        if (!e.fields.isEmpty()) {
            ArrayNode f = err.putArray("fields");
            e.fields.forEach(f::add);
        }
        return new Result(e.httpStatus, array);
    }

    // ------------------------------------------------------------------ OAuth 2.0 token endpoint

    private Result token(Request request) {
        Map<String, String> form = query(request.getBodyAsString());
        String grant = form.getOrDefault("grant_type", "");
        try {
            if (grant.equals("urn:ietf:params:oauth:grant-type:jwt-bearer")) {
                verifyAssertion(form.get("assertion"));
            } else if (grant.equals("client_credentials")) {
                String id = form.get("client_id");
                String secret = form.get("client_secret");
                if (id == null || secret == null || !secret.equals(secretClients.get(id))) {
                    return oauthError("invalid_client", "invalid client credentials");
                }
            } else {
                return oauthError("unsupported_grant_type", "grant type not supported");
            }
            String token = issueSession();
            ObjectNode body = nodes.objectNode();
            body.put("access_token", token);
            body.put("signature", Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
            body.put("scope", "api");
            body.put("instance_url", baseUrl());
            body.put("id", baseUrl() + "/id/" + ORG_ID + "/" + integrationUserId);
            body.put("token_type", "Bearer");
            body.put("issued_at", String.valueOf(clock.millis()));
            return new Result(200, body);
        } catch (OAuthFailure f) {
            return oauthError("invalid_grant", f.getMessage());
        }
    }

    private static final class OAuthFailure extends Exception {
        OAuthFailure(String message) {
            super(message, null, false, false);
        }
    }

    private String verifyAssertion(String assertion) throws OAuthFailure {
        if (assertion == null) {
            throw new OAuthFailure("invalid assertion");
        }
        try {
            SignedJWT jwt = SignedJWT.parse(assertion);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
                throw new OAuthFailure("invalid assertion");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            JwtClient client = jwtClients.get(claims.getIssuer());
            if (client == null) {
                throw new OAuthFailure("invalid client_id");
            }
            if (!jwt.verify(new RSASSAVerifier(client.key()))) {
                throw new OAuthFailure("invalid assertion");
            }
            if (claims.getAudience() == null || !claims.getAudience().contains(baseUrl())) {
                throw new OAuthFailure("audience is invalid");
            }
            if (!client.username().equals(claims.getSubject())) {
                throw new OAuthFailure("user hasn't approved this consumer");
            }
            Instant now = baseClock.instant();
            if (claims.getExpirationTime() == null || !claims.getExpirationTime().toInstant().isAfter(now)
                    || claims.getExpirationTime().toInstant().isAfter(now.plus(Duration.ofMinutes(5)))) {
                throw new OAuthFailure("expired authorization code");
            }
            acceptedAssertions.add(claims);
            return claims.getSubject();
        } catch (java.text.ParseException | com.nimbusds.jose.JOSEException e) {
            throw new OAuthFailure("invalid assertion");
        }
    }

    private Result oauthError(String error, String description) {
        ObjectNode body = nodes.objectNode();
        body.put("error", error);
        body.put("error_description", description);
        return new Result(400, body);
    }

    // ------------------------------------------------------------------ REST routing

    private Result route(String method, String version, String rest, Map<String, String> params, JsonNode body,
                         int batchSize) {
        String[] seg = rest.split("/");
        for (int i = 0; i < seg.length; i++) {
            seg[i] = URLDecoder.decode(seg[i], StandardCharsets.UTF_8);
        }
        if (seg[0].equals("query") && method.equals("GET")) {
            if (seg.length == 1) {
                String q = params.get("q");
                if (q == null) {
                    throw SfError.badRequest("MALFORMED_QUERY", "A query string has to be specified");
                }
                return new Result(200, runQuery(version, q, batchSize));
            }
            return new Result(200, nextBatch(version, seg[1], batchSize));
        }
        if (seg[0].equals("sobjects") && seg.length >= 2) {
            SimSchema.SObject object = schema.require(seg[1]);
            if (seg.length == 2 && method.equals("POST")) {
                ObjectNode created = insert(object, requireObject(body));
                return new Result(201, saveResult(created.get("Id").asText(), null),
                        Map.of("Location", "/services/data/" + version + "/sobjects/" + object.name + "/"
                                + created.get("Id").asText()));
            }
            if (seg.length == 3 && seg[2].equals("describe") && method.equals("GET")) {
                return new Result(200, describe(object));
            }
            if (seg.length == 3) {
                ObjectNode record = find(object, seg[2]);
                return switch (method) {
                    case "GET" -> new Result(200, present(version, object, record, null));
                    case "PATCH" -> {
                        update(object, record, requireObject(body));
                        yield new Result(204, null);
                    }
                    case "DELETE" -> {
                        String id = record.get("Id").asText();
                        table(object.name).remove(id);
                        recycleBin.add(id);
                        yield new Result(204, null);
                    }
                    default -> throw new SfError(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + method
                            + "' not allowed. Allowed are HEAD,GET,PATCH,DELETE", List.of());
                };
            }
            if (seg.length == 4) {
                SimSchema.Field field = object.field(seg[2]).filter(SimSchema.Field::externalId)
                        .orElseThrow(SfError::notFound);
                if (FORMAT_SUFFIX.matcher(seg[3]).matches()) {
                    throw SfError.notFound(); // the suffix is taken as a format: the key never reaches the lookup
                }
                return switch (method) {
                    case "PATCH" -> upsert(version, object, field, seg[3], requireObject(body));
                    case "GET" -> {
                        List<ObjectNode> matches = matchesByKey(object, field, seg[3]);
                        if (matches.isEmpty()) {
                            throw SfError.notFound();
                        }
                        if (matches.size() > 1) {
                            yield multipleChoices(version, object, matches);
                        }
                        yield new Result(200, present(version, object, matches.get(0), null));
                    }
                    default -> throw new SfError(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + method
                            + "' not allowed. Allowed are HEAD,GET,PATCH,DELETE", List.of());
                };
            }
        }
        if (seg[0].equals("composite")) {
            if (seg.length == 1 && method.equals("POST")) {
                return composite(version, requireObject(body));
            }
            if (seg.length == 4 && seg[1].equals("sobjects") && method.equals("PATCH")) {
                SimSchema.SObject object = schema.require(seg[2]);
                SimSchema.Field field = object.field(seg[3]).filter(SimSchema.Field::externalId)
                        .orElseThrow(() -> new SfError(404, "NOT_FOUND", "Provided external ID field does not exist "
                                + "or is not accessible: " + seg[3], List.of()));
                return collectionUpsert(object, field, requireObject(body));
            }
        }
        throw SfError.notFound();
    }

    private ObjectNode requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw SfError.badRequest("JSON_PARSER_ERROR", "The request body must be a JSON object");
        }
        return (ObjectNode) body;
    }

    private ObjectNode saveResult(String id, Boolean created) {
        ObjectNode r = nodes.objectNode();
        r.put("id", id);
        r.put("success", true);
        r.putArray("errors");
        if (created != null) {
            r.put("created", created);
        }
        return r;
    }

    private Result upsert(String version, SimSchema.SObject object, SimSchema.Field key, String value,
                          ObjectNode body) {
        if (body.has("Id") || body.properties().stream().anyMatch(e -> e.getKey().equalsIgnoreCase(key.name()))) {
            throw SfError.badRequest("INVALID_FIELD", "Id or the external ID field " + key.name()
                    + " can't be specified in the request body when upserting by external ID", key.name());
        }
        List<ObjectNode> matches = matchesByKey(object, key, value);
        if (matches.size() > 1) {
            return multipleChoices(version, object, matches);
        }
        if (matches.isEmpty()) {
            ObjectNode withKey = body.deepCopy();
            withKey.put(key.name(), value);
            ObjectNode created = insert(object, withKey);
            return new Result(201, saveResult(created.get("Id").asText(), true));
        }
        update(object, matches.get(0), body);
        return new Result(200, saveResult(matches.get(0).get("Id").asText(), false));
    }

    private Result multipleChoices(String version, SimSchema.SObject object, List<ObjectNode> matches) {
        ArrayNode urls = nodes.arrayNode();
        matches.forEach(r -> urls.add("/services/data/" + version + "/sobjects/" + object.name + "/"
                + r.get("Id").asText()));
        return new Result(300, urls);
    }

    private List<ObjectNode> matchesByKey(SimSchema.SObject object, SimSchema.Field key, String value) {
        return table(object.name).values().stream()
                .filter(r -> r.hasNonNull(key.name()) && r.get(key.name()).asText().equalsIgnoreCase(value))
                .toList();
    }

    /** Test hook: make two records share a key, which a unique index would refuse, to provoke a 300. */
    public synchronized void forceKey(String id, String field, String value) {
        ObjectNode r = schema.byKeyPrefix(id).map(o -> table(o.name).get(id)).orElseThrow();
        r.put(schema.byKeyPrefix(id).orElseThrow().field(field).orElseThrow().name(), value);
    }

    private Result collectionUpsert(SimSchema.SObject object, SimSchema.Field key, ObjectNode body) {
        JsonNode records = body.get("records");
        if (records == null || !records.isArray()) {
            throw SfError.badRequest("JSON_PARSER_ERROR", "records is required");
        }
        if (records.size() > COLLECTION_LIMIT) {
            throw SfError.badRequest("EXCEEDED_ID_LIMIT",
                    "record limit reached. cannot submit more than 200 records into this call");
        }
        boolean allOrNone = body.path("allOrNone").asBoolean(false);
        Map<String, LinkedHashMap<String, ObjectNode>> snapshot = allOrNone ? snapshot() : null;
        ArrayNode results = nodes.arrayNode();
        boolean failed = false;
        Map<String, Integer> keyCounts = new HashMap<>();
        for (JsonNode rec : records) {
            String v = rec.path(key.name()).asText("");
            if (!v.isEmpty()) {
                keyCounts.merge(v.toLowerCase(Locale.ROOT), 1, Integer::sum);
            }
        }
        for (JsonNode rec : records) {
            try {
                String keyValue = rec.path(key.name()).asText("");
                if (keyCounts.getOrDefault(keyValue.toLowerCase(Locale.ROOT), 0) > 1) {
                    throw SfError.badRequest("DUPLICATE_EXTERNAL_ID", "Duplicate external id specified: " + keyValue,
                            key.name());
                }
                if (!rec.path("attributes").path("type").asText().equalsIgnoreCase(object.name)) {
                    throw SfError.badRequest("INVALID_TYPE", "The type attribute of each record must be "
                            + object.name);
                }
                String value = rec.path(key.name()).asText(null);
                if (value == null || value.isEmpty()) {
                    throw SfError.badRequest("MISSING_ARGUMENT", key.name() + " not specified", key.name());
                }
                ObjectNode fields = ((ObjectNode) rec).deepCopy();
                fields.remove("attributes");
                List<ObjectNode> matches = matchesByKey(object, key, value);
                if (matches.size() > 1) {
                    throw SfError.badRequest("DUPLICATE_EXTERNAL_ID", key.name() + ": more than one record found "
                            + "for external id field: " + matches.stream().map(r -> r.get("Id").asText())
                            .collect(Collectors.joining(", ", "[", "]")), key.name());
                }
                if (matches.isEmpty()) {
                    results.add(saveResult(insert(object, fields).get("Id").asText(), true));
                } else {
                    fields.remove(key.name());
                    update(object, matches.get(0), fields);
                    results.add(saveResult(matches.get(0).get("Id").asText(), false));
                }
            } catch (SfError e) {
                failed = true;
                ObjectNode r = results.addObject();
                r.put("success", false);
                ObjectNode err = r.putArray("errors").addObject();
                err.put("statusCode", e.code);
                err.put("message", e.getMessage());
                ArrayNode f = err.putArray("fields");
                e.fields.forEach(f::add);
            }
        }
        if (allOrNone && failed) {
            data = snapshot;
            for (JsonNode r : results) {
                if (r.path("success").asBoolean()) {
                    ObjectNode o = (ObjectNode) r;
                    o.removeAll();
                    o.put("success", false);
                    ObjectNode err = o.putArray("errors").addObject();
                    err.put("statusCode", "ALL_OR_NONE_OPERATION_ROLLED_BACK");
                    err.put("message", "Record rolled back because not all records were valid and the request "
                            + "was using AllOrNone header");
                    err.putArray("fields");
                }
            }
        }
        return new Result(200, results);
    }

    private Result composite(String version, ObjectNode body) {
        JsonNode subrequests = body.get("compositeRequest");
        if (subrequests == null || !subrequests.isArray()) {
            throw SfError.badRequest("JSON_PARSER_ERROR", "compositeRequest is required");
        }
        if (subrequests.size() > COMPOSITE_LIMIT) {
            throw SfError.badRequest("INVALID_BATCH_REQUEST",
                    "Limit Exceeded. The number of subrequests exceeded 25");
        }
        boolean allOrNone = body.path("allOrNone").asBoolean(false);
        // API 49.0+: collateSubrequests defaults to true, and then "the order of execution is not guaranteed (unless
        // there is an explicit dependency between the subrequests)"
        // (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/requests_composite.htm).
        // The simulator takes the worst order that documentation allows: reads before writes they do not reference.
        boolean collate = body.path("collateSubrequests").asBoolean(true);
        List<Integer> order = executionOrder(subrequests, collate);
        Map<String, LinkedHashMap<String, ObjectNode>> snapshot = snapshot();
        Map<String, JsonNode> refs = new HashMap<>();
        ObjectNode[] slots = new ObjectNode[subrequests.size()];
        boolean failed = false;
        for (int index : order) {
            JsonNode sub = subrequests.get(index);
            String referenceId = sub.path("referenceId").asText();
            Result result;
            if (failed && allOrNone) {
                result = error(SfError.badRequest("PROCESSING_HALTED",
                        "The transaction was rolled back since another operation in the same transaction failed."));
            } else {
                try {
                    String url = resolveRefs(sub.path("url").asText(), refs);
                    JsonNode subBody = sub.has("body") ? json.readTree(resolveRefs(sub.get("body").toString(), refs))
                            : null;
                    URI uri = URI.create(url);
                    Matcher m = DATA_PATH.matcher(uri.getRawPath());
                    if (!m.matches()) {
                        throw SfError.notFound();
                    }
                    result = route(sub.path("method").asText(), m.group(1), m.group(2), query(uri.getRawQuery()),
                            subBody, 2000);
                } catch (SfError e) {
                    result = error(e);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    result = error(SfError.badRequest("JSON_PARSER_ERROR", e.getOriginalMessage()));
                }
                failed |= result.status() >= 400;
                if (result.body() != null) {
                    refs.put(referenceId, result.body());
                }
            }
            ObjectNode r = nodes.objectNode();
            r.set("body", result.body());
            ObjectNode headers = r.putObject("httpHeaders");
            result.headers().forEach(headers::put);
            r.put("httpStatusCode", result.status());
            r.put("referenceId", referenceId);
            slots[index] = r;
        }
        if (allOrNone && failed) {
            data = snapshot;
            for (ObjectNode r : slots) {
                if (r.path("httpStatusCode").asInt() < 400) {
                    r.set("body", error(SfError.badRequest("PROCESSING_HALTED", "The transaction was rolled back "
                            + "since another operation in the same transaction failed.")).body());
                    r.putObject("httpHeaders");
                    r.put("httpStatusCode", 400);
                }
            }
        }
        ArrayNode responses = nodes.arrayNode();
        for (ObjectNode r : slots) {
            responses.add(r);
        }
        ObjectNode out = nodes.objectNode();
        out.set("compositeResponse", responses);
        return new Result(200, out);
    }

    /**
     * Subrequest indexes in execution order: as sent when not collated; when collated, each subrequest still after
     * the ones it references ({@code @{ref.field}} in its url or body), but GETs as early as that allows.
     */
    private static List<Integer> executionOrder(JsonNode subrequests, boolean collate) {
        List<Integer> order = new ArrayList<>();
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < subrequests.size(); i++) {
            pending.add(i);
        }
        if (!collate) {
            return pending;
        }
        Set<String> done = new java.util.HashSet<>();
        while (!pending.isEmpty()) {
            Integer next = null;
            for (boolean getsFirst : new boolean[] {true, false}) {
                for (int i : pending) {
                    JsonNode sub = subrequests.get(i);
                    boolean isGet = sub.path("method").asText().equals("GET");
                    Matcher m = REF.matcher(sub.path("url").asText() + " " + sub.path("body"));
                    boolean ready = true;
                    while (m.find()) {
                        ready &= done.contains(m.group(1));
                    }
                    if (ready && (isGet || !getsFirst)) {
                        next = i;
                        break;
                    }
                }
                if (next != null) {
                    break;
                }
            }
            int chosen = next == null ? pending.get(0) : next; // an unresolvable reference fails when it runs
            pending.remove(Integer.valueOf(chosen));
            order.add(chosen);
            done.add(subrequests.get(chosen).path("referenceId").asText());
        }
        return order;
    }

    private String resolveRefs(String text, Map<String, JsonNode> refs) {
        Matcher m = REF.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            JsonNode ref = refs.get(m.group(1));
            if (ref == null || !ref.has(m.group(2))) {
                throw SfError.badRequest("INVALID_REFERENCE", "Invalid reference specified. No value for "
                        + m.group(1) + "." + m.group(2) + " found in " + m.group(1));
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(ref.get(m.group(2)).asText()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private Map<String, LinkedHashMap<String, ObjectNode>> snapshot() {
        Map<String, LinkedHashMap<String, ObjectNode>> copy = new HashMap<>();
        data.forEach((k, v) -> {
            LinkedHashMap<String, ObjectNode> t = new LinkedHashMap<>();
            v.forEach((id, r) -> t.put(id, r.deepCopy()));
            copy.put(k, t);
        });
        return copy;
    }

    // ------------------------------------------------------------------ SOQL

    private ObjectNode runQuery(String version, String soql, int batchSize) {
        Soql.Query q = Soql.parse(soql);
        SimSchema.SObject object = schema.object(q.from()).orElseThrow(() -> SfError.badRequest("INVALID_TYPE",
                "sObject type '" + q.from() + "' is not supported."));
        Soql.Resolver resolver = (record, path) -> resolve(object, record, path);
        q.fields().forEach(f -> resolve(object, null, f));
        List<ObjectNode> rows = table(object.name).values().stream()
                .filter(r -> Soql.matches(q.where(), r, resolver))
                .sorted(Soql.comparator(q.orderBy(), resolver))
                .skip(q.offset() == null ? 0 : q.offset())
                .limit(q.limit() == null ? Long.MAX_VALUE : q.limit())
                .map(r -> present(version, object, r, q.fields()))
                .toList();
        String locator = "01gSIM" + String.format("%010d", ++locatorCounter);
        queryLocators.put(locator, rows);
        return batch(version, locator, rows, 0, batchSize);
    }

    private ObjectNode nextBatch(String version, String locatorAndOffset, int batchSize) {
        int dash = locatorAndOffset.lastIndexOf('-');
        List<ObjectNode> rows = dash < 0 ? null : queryLocators.get(locatorAndOffset.substring(0, dash));
        if (rows == null) {
            throw SfError.badRequest("INVALID_QUERY_LOCATOR", "invalid query locator");
        }
        return batch(version, locatorAndOffset.substring(0, dash), rows,
                Integer.parseInt(locatorAndOffset.substring(dash + 1)), batchSize);
    }

    private ObjectNode batch(String version, String locator, List<ObjectNode> rows, int offset, int batchSize) {
        int end = Math.min(rows.size(), offset + batchSize);
        ObjectNode out = nodes.objectNode();
        out.put("totalSize", rows.size());
        out.put("done", end >= rows.size());
        if (end < rows.size()) {
            out.put("nextRecordsUrl", "/services/data/" + version + "/query/" + locator + "-" + end);
        }
        ArrayNode records = out.putArray("records");
        rows.subList(offset, end).forEach(r -> records.add(r.deepCopy()));
        return out;
    }

    private Soql.Typed resolve(SimSchema.SObject object, JsonNode record, String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            SimSchema.Field f = object.field(path).orElseThrow(() -> noSuchColumn(object, path));
            return new Soql.Typed(f.type(), record == null ? null : record.get(f.name()));
        }
        SimSchema.Field rel = object.relationship(path.substring(0, dot))
                .orElseThrow(() -> noSuchColumn(object, path));
        if (rel.referenceTo().equals("*")) {
            throw SfError.badRequest("INVALID_FIELD", "polymorphic relationship paths are not simulated: " + path);
        }
        SimSchema.SObject target = schema.require(rel.referenceTo());
        String rest = path.substring(dot + 1);
        if (record == null) {
            return resolve(target, null, rest);
        }
        JsonNode refId = record.get(rel.name());
        ObjectNode parent = refId == null || refId.isNull() ? null : table(target.name).get(refId.asText());
        if (parent == null) {
            return new Soql.Typed(resolve(target, null, rest).type(), null);
        }
        return resolve(target, parent, rest);
    }

    private static SfError noSuchColumn(SimSchema.SObject object, String path) {
        return SfError.badRequest("INVALID_FIELD", "No such column '" + path + "' on entity '" + object.name
                + "'. If you are attempting to use a custom field, be sure to append the '__c' after the custom "
                + "field name. Please reference your WSDL or the describe call for the appropriate names.");
    }

    /** Renders a record as the API does: attributes first, then the selected (or all) fields. */
    private ObjectNode present(String version, SimSchema.SObject object, ObjectNode record, List<String> fields) {
        ObjectNode out = nodes.objectNode();
        ObjectNode attributes = out.putObject("attributes");
        attributes.put("type", object.name);
        attributes.put("url", "/services/data/" + version + "/sobjects/" + object.name + "/"
                + record.get("Id").asText());
        if (fields == null) {
            object.fields.values().forEach(f -> out.set(f.name(), record.path(f.name()).isMissingNode()
                    ? nodes.nullNode() : record.get(f.name())));
            return out;
        }
        for (String path : fields) {
            int dot = path.indexOf('.');
            if (dot < 0) {
                SimSchema.Field f = object.field(path).orElseThrow();
                out.set(f.name(), record.path(f.name()).isMissingNode() ? nodes.nullNode() : record.get(f.name()));
            } else {
                SimSchema.Field rel = object.relationship(path.substring(0, dot)).orElseThrow();
                SimSchema.SObject target = schema.require(rel.referenceTo());
                JsonNode refId = record.get(rel.name());
                ObjectNode parent = refId == null || refId.isNull() ? null : table(target.name).get(refId.asText());
                String relName = rel.relationshipName();
                if (parent == null) {
                    out.putNull(relName);
                    continue;
                }
                ObjectNode nested = out.has(relName) && out.get(relName).isObject() ? (ObjectNode) out.get(relName)
                        : present(version, target, parent, List.of());
                ObjectNode inner = present(version, target, parent, List.of(path.substring(dot + 1)));
                inner.properties().forEach(e -> {
                    if (!e.getKey().equals("attributes")) {
                        nested.set(e.getKey(), e.getValue());
                    }
                });
                out.set(relName, nested);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ storage and validation

    /** Ids of deleted records (Salesforce keeps them in the Recycle Bin: a second DELETE is ENTITY_IS_DELETED). */
    private final java.util.Set<String> recycleBin = new java.util.HashSet<>();

    LinkedHashMap<String, ObjectNode> table(String name) {
        return data.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new LinkedHashMap<>());
    }

    private ObjectNode find(SimSchema.SObject object, String id) {
        ObjectNode r = table(object.name).get(id);
        if (r == null && id.length() == 15) {
            r = table(object.name).values().stream().filter(x -> x.get("Id").asText().startsWith(id))
                    .findFirst().orElse(null);
        }
        if (r == null && recycleBin.contains(id)) {
            throw new SfError(404, "ENTITY_IS_DELETED", "entity is deleted", List.of());
        }
        if (r == null) {
            if (!id.matches("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?")) {
                throw SfError.badRequest("MALFORMED_ID", object.name + " ID: id value of incorrect type: " + id);
            }
            throw SfError.notFound();
        }
        return r;
    }

    String nextId(SimSchema.SObject object) {
        long n = idCounters.merge(object.name, 1L, Long::sum);
        String base = object.keyPrefix + "SIM" + String.format("%09d", n);
        return base + checksum(base);
    }

    /** The 3-character case-safe suffix of an 18-character Salesforce id. */
    static String checksum(String id15) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
        StringBuilder sb = new StringBuilder();
        for (int chunk = 0; chunk < 3; chunk++) {
            int flags = 0;
            for (int i = 0; i < 5; i++) {
                char c = id15.charAt(chunk * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    flags |= 1 << i;
                }
            }
            sb.append(alphabet.charAt(flags));
        }
        return sb.toString();
    }

    String now() {
        return Soql.SF_DATETIME.format(clock.instant().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }

    ObjectNode insert(SimSchema.SObject object, ObjectNode body) {
        ObjectNode record = nodes.objectNode();
        String id = nextId(object);
        record.put("Id", id);
        record.put("IsDeleted", false);
        apply(object, record, body, true);
        List<String> missing = object.fields.values().stream()
                .filter(f -> f.required() && (!record.hasNonNull(f.name()) || record.get(f.name()).asText().isEmpty()))
                .map(SimSchema.Field::name).toList();
        if (!missing.isEmpty()) {
            throw SfError.badRequest("REQUIRED_FIELD_MISSING", "Required fields are missing: " + missing,
                    missing.toArray(String[]::new));
        }
        if (multiCurrency && object.field("CurrencyIsoCode").isPresent() && !record.hasNonNull("CurrencyIsoCode")) {
            ObjectNode parentOrder = object.name.equals("OrderItem") ? table("Order").get(record.path("OrderId").asText())
                    : null;
            record.put("CurrencyIsoCode", parentOrder != null ? parentOrder.path("CurrencyIsoCode").asText("USD") : "USD");
        }
        if (object.field("OwnerId").isPresent() && !record.hasNonNull("OwnerId") && integrationUserId != null) {
            record.put("OwnerId", integrationUserId);
        }
        String ts = now();
        record.put("CreatedDate", ts);
        record.put("LastModifiedDate", ts);
        record.put("SystemModstamp", ts);
        beforeSave(object, record, true);
        table(object.name).put(id, record);
        afterSave(object, record);
        return record;
    }

    private void update(SimSchema.SObject object, ObjectNode record, ObjectNode body) {
        ObjectNode copy = record.deepCopy();
        apply(object, copy, body, false);
        beforeSave(object, copy, false);
        String ts = now();
        copy.put("LastModifiedDate", ts);
        copy.put("SystemModstamp", ts);
        record.setAll(copy);
        afterSave(object, record);
    }

    private void apply(SimSchema.SObject object, ObjectNode record, ObjectNode body, boolean insert) {
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            if (e.getKey().equals("attributes")) {
                continue;
            }
            SimSchema.Field f = object.field(e.getKey()).orElseThrow(() -> SfError.badRequest("INVALID_FIELD",
                    "No such column '" + e.getKey() + "' on sobject of type " + object.name));
            if (f.readOnly()) {
                throw SfError.badRequest("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: "
                        + f.name() + ". Please check the security settings of this field and verify that it is "
                        + "read/write for your profile or permission set.", f.name());
            }
            JsonNode v = e.getValue();
            if (v == null || v.isNull()) {
                if (f.required()) {
                    throw SfError.badRequest("REQUIRED_FIELD_MISSING", "Required fields are missing: [" + f.name()
                            + "]", f.name());
                }
                record.putNull(f.name());
                continue;
            }
            record.set(f.name(), coerce(object, f, v));
        }
        for (SimSchema.Field f : object.fields.values()) {
            if (f.externalId() && record.hasNonNull(f.name())) {
                String value = record.get(f.name()).asText();
                table(object.name).values().stream()
                        .filter(r -> !r.get("Id").equals(record.get("Id")) && r.hasNonNull(f.name())
                                && r.get(f.name()).asText().equalsIgnoreCase(value))
                        .findFirst().ifPresent(dup -> {
                            throw SfError.badRequest("DUPLICATE_VALUE", "duplicate value found: " + f.name()
                                    + " duplicates value on record with id: " + dup.get("Id").asText());
                        });
            }
        }
    }

    private JsonNode coerce(SimSchema.SObject object, SimSchema.Field f, JsonNode v) {
        switch (f.type()) {
            case INT, DOUBLE, CURRENCY -> {
                if (!v.isNumber()) {
                    throw SfError.badRequest("JSON_PARSER_ERROR", "Cannot deserialize instance of "
                            + (f.type() == SimSchema.Type.INT ? "int" : "double") + " from VALUE_STRING value "
                            + v.asText() + " or request may be missing a required field", f.name());
                }
                return v;
            }
            case BOOLEAN -> {
                if (!v.isBoolean()) {
                    throw SfError.badRequest("JSON_PARSER_ERROR", "Cannot deserialize instance of boolean from "
                            + v.asText(), f.name());
                }
                return v;
            }
            case DATE -> {
                try {
                    LocalDate.parse(v.asText());
                } catch (RuntimeException ex) {
                    throw SfError.badRequest("JSON_PARSER_ERROR", "Cannot deserialize instance of date from "
                            + "VALUE_STRING value " + v.asText(), f.name());
                }
                return v;
            }
            case REFERENCE -> {
                String id = v.asText();
                if (!id.matches("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?")) {
                    throw SfError.badRequest("MALFORMED_ID", f.name() + ": id value of incorrect type: " + id,
                            f.name());
                }
                Optional<SimSchema.SObject> target = schema.byKeyPrefix(id)
                        .filter(t -> f.referenceTo().equals("*") || t.name.equals(f.referenceTo()));
                if (target.isEmpty() || !table(target.get().name).containsKey(id)) {
                    throw SfError.badRequest("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", f.name());
                }
                return v;
            }
            default -> {
                String text = v.isTextual() ? v.asText() : v.toString();
                if (f.maxLength() > 0 && text.length() > f.maxLength()) {
                    throw SfError.badRequest("STRING_TOO_LONG", f.name().replace("__c", "") + ": data value too "
                            + "large: " + text.substring(0, Math.min(20, text.length())) + "... (max length="
                            + f.maxLength() + ")", f.name());
                }
                if (f.type() == SimSchema.Type.EMAIL && !text.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                    throw SfError.badRequest("INVALID_EMAIL_ADDRESS", "Email: invalid email address: " + text,
                            f.name());
                }
                return nodes.textNode(text);
            }
        }
    }

    private void beforeSave(SimSchema.SObject object, ObjectNode record, boolean insert) {
        switch (object.name) {
            case "Order" -> {
                String status = record.path("Status").asText();
                if (!status.equals("Draft") && !status.equals("Activated")) {
                    throw SfError.badRequest("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                            "Status: bad value for restricted picklist field: " + status, "Status");
                }
                if (insert) {
                    if (!status.equals("Draft")) {
                        throw SfError.badRequest("FIELD_INTEGRITY_EXCEPTION",
                                "Choose a Draft status for a new order.", "Status");
                    }
                    record.put("OrderNumber", String.format("%08d", ++orderNumber));
                    record.put("TotalAmount", BigDecimal.ZERO);
                }
            }
            case "OrderItem" -> {
                ObjectNode order = table("Order").get(record.path("OrderId").asText());
                ObjectNode entry = table("PricebookEntry").get(record.path("PricebookEntryId").asText());
                if (order == null || entry == null) {
                    throw SfError.badRequest("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id");
                }
                if (!entry.path("Pricebook2Id").asText().equals(order.path("Pricebook2Id").asText())) {
                    throw SfError.badRequest("FIELD_INTEGRITY_EXCEPTION", "field integrity exception: "
                            + "PricebookEntryId (pricebook entry is in a different pricebook than the one assigned "
                            + "to the order, or order has no pricebook assigned)", "PricebookEntryId");
                }
                if (multiCurrency && !entry.path("CurrencyIsoCode").asText().equals(order.path("CurrencyIsoCode").asText())) {
                    throw SfError.badRequest("FIELD_INTEGRITY_EXCEPTION", "field integrity exception: "
                            + "PricebookEntryId (pricebook entry currency code does not match order currency code)",
                            "PricebookEntryId");
                }
                if (!entry.path("IsActive").asBoolean(true)) {
                    throw SfError.badRequest("FIELD_INTEGRITY_EXCEPTION",
                            "field integrity exception: PricebookEntryId (pricebook entry is inactive)",
                            "PricebookEntryId");
                }
                record.put("Product2Id", entry.get("Product2Id").asText());
                record.put("TotalPrice", record.get("Quantity").decimalValue()
                        .multiply(record.get("UnitPrice").decimalValue()));
            }
            default -> { }
        }
    }

    private void afterSave(SimSchema.SObject object, ObjectNode record) {
        if (object.name.equals("OrderItem")) {
            String orderId = record.get("OrderId").asText();
            BigDecimal total = table("OrderItem").values().stream()
                    .filter(i -> i.get("OrderId").asText().equals(orderId))
                    .map(i -> i.get("TotalPrice").decimalValue()).reduce(BigDecimal.ZERO, BigDecimal::add);
            ObjectNode order = table("Order").get(orderId);
            order.put("TotalAmount", total);
            order.put("SystemModstamp", record.get("SystemModstamp").asText());
        }
    }

    SimSchema schema() {
        return schema;
    }

    ObjectMapper json() {
        return json;
    }
}
