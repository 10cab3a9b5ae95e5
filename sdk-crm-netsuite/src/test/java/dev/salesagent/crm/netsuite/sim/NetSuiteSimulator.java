package dev.salesagent.crm.netsuite.sim;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

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
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A stateful NetSuite SuiteTalk REST simulator on WireMock. Records live in an in-memory H2 database (Oracle mode), so
 * SuiteQL queries run for real against the same rows the record API writes. It follows the documented shapes:
 * <ul>
 *   <li>{@code POST /services/rest/auth/oauth2/v1/token}: client credentials with a JWT assertion; verifies header
 *       ({@code typ}, {@code alg=PS256}, {@code kid}), signature and claims ({@code iss}, {@code scope},
 *       {@code aud}, {@code iat}, {@code exp <= iat + 1 h}).</li>
 *   <li>every other call needs a valid bearer token (401 {@code WWW-Authenticate: Bearer error="invalid_token"} when
 *       expired) or a TBA OAuth 1.0a HMAC-SHA256 header verified independently here (wrong signature, realm, or a
 *       replayed nonce: 401 {@code INVALID_LOGIN_ATTEMPT}).</li>
 *   <li>record API: POST (204 + {@code Location}), GET, PATCH, PUT {@code eid:} upsert, DELETE; unknown body fields
 *       are rejected with 400 {@code INVALID_CONTENT} like NetSuite, invalid references with
 *       {@code INVALID_KEY_OR_REF}.</li>
 *   <li>SuiteQL ({@code Prefer: transient} required, {@code limit} at most 1000, {@code hasMore} + {@code next}
 *       link, null columns omitted, values as strings). Stricter than NetSuite: a query without {@code ORDER BY} is
 *       rejected, because paging without a unique order loses rows.</li>
 *   <li>a concurrency limit: more than {@link #concurrencyLimit(int)} requests in flight get 429
 *       {@code CONCURRENCY_LIMIT_EXCEEDED}.</li>
 * </ul>
 */
public final class NetSuiteSimulator implements ResponseTransformerV2, AutoCloseable {

    public static final String TOKEN_PATH = "/services/rest/auth/oauth2/v1/token";
    private static final String RECORD_PREFIX = "/services/rest/record/v1/";
    /** SuiteQL over REST serves at most this many rows of one query. */
    static final int MAX_SUITEQL_ROWS = 100_000;
    private static final String SUITEQL_PATH = "/services/rest/query/v1/suiteql";
    private static final Pattern CUSTOM_FIELD = Pattern.compile("cust(entity|body|col|event|item)[a-z0-9_]*");

    private final ObjectMapper json = new ObjectMapper();
    private final Object lock = new Object();
    private final Connection db;
    private final WireMockServer server;
    private final Clock clock;
    private final java.util.UUID catchAllStub;

    private volatile String clientId;
    private volatile String certificateId;
    private volatile RSAPublicKey publicKey;
    private volatile String[] tba; // consumerKey, consumerSecret, tokenId, tokenSecret, realm
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final Set<String> usedNonces = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokenRequests = new AtomicInteger();

    private volatile int concurrencyLimit;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile long processingDelayMillis;
    private final AtomicInteger rejectedForConcurrency = new AtomicInteger();
    private final ConcurrentLinkedQueue<Injection> injections = new ConcurrentLinkedQueue<>();

    private record Injection(String method, String pathContains, int status, String errorCode, Duration delayAfterStore,
                             AtomicInteger remaining) {
    }

    public NetSuiteSimulator() {
        this(Clock.systemUTC());
    }

    public NetSuiteSimulator(Clock clock) {
        this.clock = clock;
        try {
            db = DriverManager.getConnection("jdbc:h2:mem:ns" + UUID.randomUUID().toString().replace("-", "")
                    + ";MODE=Oracle;DB_CLOSE_DELAY=-1");
            createSchema();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        server = new WireMockServer(wireMockConfig().dynamicPort().extensions(this).containerThreads(40)
                .jettyAcceptors(2));
        server.start();
        catchAllStub = server.stubFor(any(anyUrl()).atPriority(10).willReturn(ok())).getId();
    }

    // ------------------------------------------------------------------ configuration and inspection

    public WireMockServer server() {
        return server;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** Trust an M2M client: JWT assertions must be signed by {@code publicKey}'s private key. */
    public NetSuiteSimulator trustM2m(String clientId, String certificateId, RSAPublicKey publicKey) {
        this.clientId = clientId;
        this.certificateId = certificateId;
        this.publicKey = publicKey;
        return this;
    }

    /** Trust a TBA integration + token. */
    public NetSuiteSimulator trustTba(String consumerKey, String consumerSecret, String tokenId, String tokenSecret,
                                      String realm) {
        this.tba = new String[] {consumerKey, consumerSecret, tokenId, tokenSecret, realm};
        return this;
    }

    /** Issue an access token directly (for tests that do not exercise the token endpoint). */
    public String issueToken() {
        String token = "ns-at-" + UUID.randomUUID();
        tokens.put(token, clock.instant().plus(Duration.ofHours(1)));
        return token;
    }

    /** Invalidate every issued access token (the next call with one gets 401 invalid_token). */
    public void expireAllTokens() {
        tokens.replaceAll((k, v) -> Instant.EPOCH);
    }

    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** Requests beyond this many in flight get 429 (0 = unlimited, the default). */
    public NetSuiteSimulator concurrencyLimit(int limit) {
        this.concurrencyLimit = limit;
        return this;
    }

    /** Extra processing time per record/SuiteQL request so that concurrent requests overlap. */
    public NetSuiteSimulator processingDelay(Duration delay) {
        this.processingDelayMillis = delay.toMillis();
        return this;
    }

    public int maxObservedInFlight() {
        return maxInFlight.get();
    }

    public int rejectedForConcurrency() {
        return rejectedForConcurrency.get();
    }

    /** The next {@code times} matching requests fail before processing with this status and error code. */
    public void failNext(String method, String pathContains, int times, int status, String errorCode) {
        injections.add(new Injection(method, pathContains, status, errorCode, null, new AtomicInteger(times)));
    }

    /** The next {@code times} matching requests are processed and stored, then answered only after {@code delay}. */
    public void delayAfterStoring(String method, String pathContains, int times, Duration delay) {
        injections.add(new Injection(method, pathContains, 0, null, delay, new AtomicInteger(times)));
    }

    @Override
    public void close() {
        server.stop();
        try {
            db.close();
        } catch (SQLException ignored) {
            // in-memory
        }
    }

    // ------------------------------------------------------------------ seeding and direct reads

    /** A company customer with only a name. */
    public long seedCompany(String name) {
        Map<String, Object> cols = new LinkedHashMap<>();
        cols.put("companyname", name);
        cols.put("isperson", "F");
        cols.put("datecreated", now());
        cols.put("lastmodifieddate", now());
        return insert("customer", cols);
    }

    /** The id of the row of {@code table} whose {@code column} equals {@code value}, inserting it when missing. */
    public long findOrSeed(String table, String column, String value) {
        synchronized (lock) {
            List<Map<String, String>> rows = query("SELECT id FROM " + table + " WHERE " + column + " = '"
                    + value.replace("'", "''") + "'");
            return rows.isEmpty() ? insert(table, Map.of(column, value)) : Long.parseLong(rows.get(0).get("id"));
        }
    }

    public long seedCurrency(String symbol, String name) {
        return insert("currency", Map.of("symbol", symbol, "name", name));
    }

    public long seedSubsidiary(String name) {
        return insert("subsidiary", Map.of("name", name));
    }

    public long seedLocation(String name) {
        return insert("location", Map.of("name", name));
    }

    public long seedEntityStatus(String name) {
        return insert("entitystatus", Map.of("name", name));
    }

    public long seedEmployee(String name) {
        return insert("employee", Map.of("entityid", name));
    }

    /** An inventory item with a base price (price level 1) in {@code currencyId}. */
    public long seedItem(String sku, String displayName, String description, BigDecimal basePrice, long currencyId,
                         boolean inactive) {
        Map<String, Object> cols = new LinkedHashMap<>();
        cols.put("itemid", sku);
        cols.put("displayname", displayName);
        if (description != null) {
            cols.put("description", description);
        }
        cols.put("isinactive", inactive ? "T" : "F");
        cols.put("itemtype", "InvtPart");
        cols.put("createddate", now());
        cols.put("lastmodifieddate", now());
        long id = insert("item", cols);
        insert("pricing", Map.of("item", id, "pricelevel", 1L, "currency", currencyId, "unitprice", basePrice));
        return id;
    }

    public void seedInventory(long itemId, long locationId, BigDecimal available, BigDecimal onHand) {
        insert("inventoryitemlocations", Map.of("item", itemId, "location", locationId,
                "quantityavailable", available, "quantityonhand", onHand));
    }

    public long seedOpportunity(String title, long customerId, long entityStatusId, Long salesRepId,
                                BigDecimal projectedTotal, Long currencyId, LocalDate expectedClose) {
        Map<String, Object> cols = new LinkedHashMap<>();
        cols.put("type", "Opprtnty");
        cols.put("title", title);
        cols.put("entity", customerId);
        cols.put("entitystatus", entityStatusId);
        if (salesRepId != null) {
            cols.put("employee", salesRepId);
        }
        if (projectedTotal != null) {
            cols.put("projectedtotal", projectedTotal);
        }
        if (currencyId != null) {
            cols.put("currency", currencyId);
        }
        if (expectedClose != null) {
            cols.put("expectedclosedate", expectedClose);
        }
        cols.put("createddate", now());
        cols.put("lastmodifieddate", now());
        long id = insert("transaction", cols);
        update("transaction", id, Map.of("tranid", "OPP" + id));
        return id;
    }

    public void setCustomerCredit(long customerId, BigDecimal creditLimit, BigDecimal balance, Long currencyId) {
        setCustomerCredit(customerId, creditLimit, balance, null, null, currencyId);
    }

    /**
     * Credit columns as SuiteQL names them on {@code customer}: {@code creditlimit}, {@code balancesearch},
     * {@code overduebalancesearch}, {@code unbilledorderssearch} (there is no {@code balance} column).
     */
    public void setCustomerCredit(long customerId, BigDecimal creditLimit, BigDecimal balance, BigDecimal overdue,
                                  BigDecimal unbilledOrders, Long currencyId) {
        Map<String, Object> cols = new LinkedHashMap<>();
        cols.put("creditlimit", creditLimit);
        cols.put("balancesearch", balance);
        if (overdue != null) {
            cols.put("overduebalancesearch", overdue);
        }
        if (unbilledOrders != null) {
            cols.put("unbilledorderssearch", unbilledOrders);
        }
        if (currencyId != null) {
            cols.put("currency", currencyId);
        }
        update("customer", customerId, cols);
    }

    /** Sets a sales order's status letter (A pending approval ... H closed). */
    public void setOrderStatus(long orderId, String statusLetter) {
        update("transaction", orderId, Map.of("status", statusLetter));
    }

    /** Rows of a SQL query run directly against the simulator's tables (for assertions). */
    public List<Map<String, String>> query(String sql) {
        synchronized (lock) {
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                return rows(rs);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public int count(String sqlWhereOnTable) {
        return Integer.parseInt(query("SELECT COUNT(*) AS n FROM " + sqlWhereOnTable).get(0).get("n"));
    }

    // ------------------------------------------------------------------ WireMock plumbing

    @Override
    public String getName() {
        return "netsuite-simulator";
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
        if (serveEvent.getStubMapping() == null || !catchAllStub.equals(serveEvent.getStubMapping().getId())) {
            return response; // a test's own stub (e.g. an injected fault) answers as written
        }
        Request request = serveEvent.getRequest();
        URI uri = URI.create(request.getUrl());
        String path = uri.getRawPath();
        String method = request.getMethod().getName();
        try {
            if (path.equals(TOKEN_PATH) && method.equals("POST")) {
                return token(request);
            }
            Reply auth = authenticate(request, method);
            if (auth != null) {
                return auth.toResponse();
            }
            Injection injection = takeInjection(method, path);
            if (injection != null && injection.status() > 0) {
                return error(injection.status(), injection.errorCode(),
                        "Injected failure " + injection.errorCode(), null).toResponse();
            }
            int current = inFlight.incrementAndGet();
            try {
                maxInFlight.accumulateAndGet(current, Math::max);
                if (concurrencyLimit > 0 && current > concurrencyLimit) {
                    rejectedForConcurrency.incrementAndGet();
                    return error(429, "CONCURRENCY_LIMIT_EXCEEDED",
                            "Concurrent request limit exceeded. Request blocked.", null).toResponse();
                }
                if (processingDelayMillis > 0) {
                    Thread.sleep(processingDelayMillis);
                }
                Reply reply = route(request, method, uri, path);
                Response out = reply.toResponse();
                if (injection != null && injection.delayAfterStore() != null) {
                    out = Response.Builder.like(out).but().incrementInitialDelay(injection.delayAfterStore().toMillis())
                            .build();
                }
                return out;
            } finally {
                inFlight.decrementAndGet();
            }
        } catch (SimError e) {
            return error(e.status, e.code, e.getMessage(), e.path).toResponse();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(500, "UNEXPECTED_ERROR", "interrupted", null).toResponse();
        } catch (RuntimeException | SQLException e) {
            return error(500, "UNEXPECTED_ERROR", "simulator failure: " + e, null).toResponse();
        }
    }

    private Injection takeInjection(String method, String path) {
        for (Injection i : injections) {
            if (i.method().equals(method) && path.contains(i.pathContains())) {
                if (i.remaining().getAndDecrement() > 0) {
                    return i;
                }
                injections.remove(i);
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ authentication

    private Response token(Request request) {
        tokenRequests.incrementAndGet();
        Map<String, String> form = parseForm(request.getBodyAsString());
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return oauthError("unsupported_grant_type");
        }
        if (!"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(form.get("client_assertion_type"))) {
            return oauthError("invalid_request");
        }
        try {
            SignedJWT jwt = SignedJWT.parse(form.get("client_assertion"));
            var header = jwt.getHeader();
            if (!JWSAlgorithm.PS256.equals(header.getAlgorithm()) || !JOSEObjectType.JWT.equals(header.getType())
                    || certificateId == null || !certificateId.equals(header.getKeyID())) {
                return oauthError("invalid_client");
            }
            if (!jwt.verify(new RSASSAVerifier(publicKey))) {
                return oauthError("invalid_client");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Object scope = claims.getClaim("scope");
            boolean scopeOk = scope != null && List.of(scope.toString().replaceAll("[\\[\\]\" ]", "").split(","))
                    .contains("rest_webservices");
            Instant iat = claims.getIssueTime() == null ? null : claims.getIssueTime().toInstant();
            Instant exp = claims.getExpirationTime() == null ? null : claims.getExpirationTime().toInstant();
            Instant now = clock.instant();
            boolean timesOk = iat != null && exp != null && !exp.isAfter(iat.plus(Duration.ofHours(1)))
                    && exp.isAfter(now) && !iat.isAfter(now.plusSeconds(60));
            if (!clientId.equals(claims.getIssuer()) || !scopeOk || !timesOk
                    || !claims.getAudience().equals(List.of(baseUrl() + TOKEN_PATH))) {
                return oauthError("invalid_grant");
            }
        } catch (java.text.ParseException | com.nimbusds.jose.JOSEException | RuntimeException e) {
            return oauthError("invalid_request");
        }
        String token = issueToken();
        ObjectNode body = json.createObjectNode().put("access_token", token).put("expires_in", "3600")
                .put("token_type", "bearer");
        return new Reply(200, body, Map.of()).toResponse();
    }

    private Response oauthError(String code) {
        return new Reply(400, json.createObjectNode().put("error", code), Map.of()).toResponse();
    }

    private Reply authenticate(Request request, String method) {
        String header = request.getHeader("Authorization");
        if (header != null && header.startsWith("Bearer ")) {
            Instant expiry = tokens.get(header.substring(7));
            if (expiry != null && expiry.isAfter(clock.instant())) {
                return null;
            }
            return error(401, "INVALID_LOGIN", "Invalid login attempt. The access token is invalid or expired.", null)
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"The access token"
                            + " expired\"");
        }
        if (header != null && header.startsWith("OAuth ") && tba != null && verifyTba(request, method, header)) {
            return null;
        }
        return error(401, "INVALID_LOGIN_ATTEMPT", "Invalid login attempt.", null)
                .header("WWW-Authenticate", "OAuth realm=\"" + (tba == null ? "" : tba[4]) + "\"");
    }

    /** Independent RFC 5849 verification (does not reuse the adapter's signer). */
    private boolean verifyTba(Request request, String method, String header) {
        Map<String, String> p = new TreeMap<>();
        Matcher m = Pattern.compile("([a-z_]+)=\"([^\"]*)\"").matcher(header.substring(6));
        while (m.find()) {
            p.put(m.group(1), URLDecoder.decode(m.group(2), StandardCharsets.UTF_8));
        }
        if (!tba[4].equals(p.get("realm")) || !tba[0].equals(p.get("oauth_consumer_key"))
                || !tba[2].equals(p.get("oauth_token")) || !"HMAC-SHA256".equals(p.get("oauth_signature_method"))
                || !"1.0".equals(p.get("oauth_version")) || p.get("oauth_nonce") == null) {
            return false;
        }
        long ts = Long.parseLong(p.get("oauth_timestamp"));
        if (Math.abs(clock.instant().getEpochSecond() - ts) > 300) {
            return false;
        }
        URI uri = URI.create(request.getAbsoluteUrl());
        List<String> pairs = new ArrayList<>();
        if (uri.getRawQuery() != null) {
            for (String kv : uri.getRawQuery().split("&")) {
                int eq = kv.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
                pairs.add(pct(k) + "=" + pct(v));
            }
        }
        for (Map.Entry<String, String> e : p.entrySet()) {
            if (e.getKey().startsWith("oauth_") && !e.getKey().equals("oauth_signature")) {
                pairs.add(pct(e.getKey()) + "=" + pct(e.getValue()));
            }
        }
        pairs.sort(null);
        String base = method + "&" + pct(uri.getScheme() + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (uri.getPort() > 0 && uri.getPort() != 443 && uri.getPort() != 80 ? ":" + uri.getPort() : "")
                + uri.getRawPath()) + "&" + pct(String.join("&", pairs));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec((pct(tba[1]) + "&" + pct(tba[3])).getBytes(StandardCharsets.UTF_8),
                    "HmacSHA256"));
            String expected = Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
            if (!expected.equals(p.get("oauth_signature"))) {
                return false;
            }
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
        return usedNonces.add(p.get("oauth_nonce") + ":" + ts);
    }

    private static String pct(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    // ------------------------------------------------------------------ routing

    private Reply route(Request request, String method, URI uri, String path) throws SQLException {
        if (path.equals(SUITEQL_PATH)) {
            if (!method.equals("POST")) {
                throw new SimError(405, "INVALID_REQUEST", "SuiteQL needs POST", null);
            }
            return suiteQl(request, uri);
        }
        if (!path.startsWith(RECORD_PREFIX)) {
            throw new SimError(404, "INVALID_URL", "Unknown resource " + path, null);
        }
        String[] parts = path.substring(RECORD_PREFIX.length()).split("/");
        RecordType type = RecordType.byName(parts[0]);
        if (type == null) {
            throw new SimError(404, "INVALID_RCRD_TYPE", "Record type '" + parts[0] + "' does not exist.", null);
        }
        String key = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
        synchronized (lock) {
            switch (method) {
                case "POST":
                    if (key != null) {
                        throw new SimError(405, "INVALID_REQUEST", "POST needs the collection URL", null);
                    }
                    return created(type, write(type, null, body(request), true, replaces(uri)));
                case "GET": {
                    Long id = resolve(type, key);
                    if (id == null) {
                        throw notFound(type, key);
                    }
                    boolean expand = "true".equals(queryParams(uri).get("expandSubResources"));
                    return new Reply(200, render(type, id, expand), Map.of());
                }
                case "PATCH": {
                    Long id = resolve(type, key);
                    if (id == null) {
                        throw notFound(type, key);
                    }
                    write(type, id, body(request), false, replaces(uri));
                    return new Reply(204, null, Map.of());
                }
                case "PUT": {
                    if (key == null || !key.startsWith("eid:")) {
                        throw new SimError(405, "INVALID_REQUEST", "PUT (upsert) needs eid:<externalId>", null);
                    }
                    ObjectNode body = body(request);
                    body.put("externalId", key.substring(4));
                    Long id = resolve(type, key);
                    long written = write(type, id, body, id == null, replaces(uri));
                    return created(type, written);
                }
                case "DELETE": {
                    Long id = resolve(type, key);
                    if (id == null) {
                        throw notFound(type, key);
                    }
                    exec("DELETE FROM " + type.table + " WHERE id = " + id);
                    return new Reply(204, null, Map.of());
                }
                default:
                    throw new SimError(405, "INVALID_REQUEST", "Unsupported method " + method, null);
            }
        }
    }

    private Reply created(RecordType type, long id) {
        return new Reply(204, null, Map.of("Location", baseUrl() + RECORD_PREFIX + type.name + "/" + id));
    }

    private SimError notFound(RecordType type, String key) {
        return new SimError(404, "NONEXISTENT_ID",
                "The record instance does not exist. Provide a valid record instance ID.", null);
    }

    private Long resolve(RecordType type, String key) throws SQLException {
        if (key == null) {
            return null;
        }
        String where;
        Object arg;
        if (key.startsWith("eid:")) {
            where = "externalid = ?";
            arg = key.substring(4);
        } else {
            try {
                arg = Long.parseLong(key);
            } catch (NumberFormatException e) {
                throw new SimError(400, "INVALID_ID", "Invalid record ID " + key, null);
            }
            where = "id = ?";
        }
        try (PreparedStatement ps = db.prepareStatement("SELECT id FROM " + type.table + " WHERE " + where
                + type.typeFilter())) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    // ------------------------------------------------------------------ record writes

    private static boolean replaces(URI uri) {
        String replace = queryParams(uri).get("replace");
        return replace != null && List.of(replace.split(",")).contains("item");
    }

    /**
     * @param replaceItems {@code ?replace=item}: the item sublist is replaced; otherwise an update appends the
     *                     request's lines to the existing ones (NetSuite's rule for non-keyed sublists)
     */
    private long write(RecordType type, Long id, ObjectNode body, boolean create, boolean replaceItems)
            throws SQLException {
        Map<String, Object> cols = new LinkedHashMap<>();
        List<JsonNode> lines = null;
        for (var e : body.properties()) {
            String name = e.getKey();
            JsonNode value = e.getValue();
            if (type == RecordType.SALES_ORDER && name.equals("item")) {
                JsonNode items = value.get("items");
                if (items == null || !items.isArray()) {
                    throw new SimError(400, "INVALID_CONTENT", "item must contain items[]", "item");
                }
                lines = new ArrayList<>();
                items.forEach(lines::add);
                continue;
            }
            Field f = type.field(name);
            if (f == null) {
                if (CUSTOM_FIELD.matcher(name).matches()) {
                    exec("ALTER TABLE " + type.table + " ADD COLUMN IF NOT EXISTS " + name + " VARCHAR");
                    cols.put(name, value.isNull() ? null : value.isTextual() ? value.asText() : value.toString());
                    continue;
                }
                throw new SimError(400, "INVALID_CONTENT", "Invalid content in the request body: unknown field '"
                        + name + "'.", name);
            }
            if (f.readOnly) {
                throw new SimError(400, "INVALID_CONTENT", "Field '" + name + "' is read-only.", name);
            }
            cols.put(f.column, convert(f, value, name));
        }
        type.validate(cols, create);
        Timestamp now = now();
        if (create) {
            cols.put(type.createdColumn, now);
            if (type.typeValue != null) {
                cols.put("type", type.typeValue);
            }
            if (type == RecordType.SALES_ORDER) {
                cols.putIfAbsent("status", "B");
            }
            if (type == RecordType.CUSTOMER) {
                cols.putIfAbsent("isperson", "F");
            }
        }
        cols.put("lastmodifieddate", now);
        long target;
        if (create) {
            target = insert(type.table, cols);
            if (type == RecordType.SALES_ORDER) {
                update("transaction", target, Map.of("tranid", "SO" + target));
            }
        } else {
            update(type.table, id, cols);
            target = id;
        }
        if (type == RecordType.SALES_ORDER) {
            if (create && (lines == null || lines.isEmpty())) {
                throw new SimError(400, "USER_ERROR", "You must enter at least one line item for this transaction.",
                        "item");
            }
            if (lines != null) {
                writeLines(target, lines, create || replaceItems);
            }
        }
        return target;
    }

    private void writeLines(long orderId, List<JsonNode> lines, boolean replace) throws SQLException {
        if (replace) {
            exec("DELETE FROM transactionline WHERE transaction = " + orderId);
        }
        BigDecimal total = BigDecimal.ZERO;
        int seq = 0;
        for (Map<String, String> existing : rawQuery("SELECT quantity, rate, linesequencenumber FROM transactionline"
                + " WHERE transaction = " + orderId)) {
            total = total.add(new BigDecimal(existing.get("quantity")).negate().multiply(new BigDecimal(
                    existing.get("rate"))));
            seq = Math.max(seq, Integer.parseInt(existing.get("linesequencenumber")));
        }
        for (int index = 0; index < lines.size(); index++) {
            JsonNode line = lines.get(index);
            String path = "item.items[" + index + "]";
            Long item = refId(line.get("item"), "item", path + ".item");
            if (item == null) {
                throw new SimError(400, "USER_ERROR", "Please enter value(s) for: Item", path + ".item");
            }
            BigDecimal quantity = line.hasNonNull("quantity") ? line.get("quantity").decimalValue() : BigDecimal.ONE;
            if (quantity.signum() <= 0) {
                throw new SimError(400, "USER_ERROR", "Quantity must be positive.", path + ".quantity");
            }
            BigDecimal rate = line.hasNonNull("rate") ? line.get("rate").decimalValue() : basePrice(item);
            seq++;
            // SuiteQL stores sales quantities as negative numbers on transaction lines, like NetSuite does.
            insert("transactionline", Map.of("transaction", orderId, "linesequencenumber", (long) seq, "item", item,
                    "quantity", quantity.negate(), "rate", rate, "mainline", "F"));
            total = total.add(quantity.multiply(rate));
        }
        update("transaction", orderId, Map.of("foreigntotal", total));
    }

    private BigDecimal basePrice(long item) throws SQLException {
        List<Map<String, String>> rows = rawQuery("SELECT unitprice FROM pricing WHERE item = " + item
                + " AND pricelevel = 1");
        return rows.isEmpty() ? BigDecimal.ZERO : new BigDecimal(rows.get(0).get("unitprice"));
    }

    private Object convert(Field f, JsonNode v, String path) throws SQLException {
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            switch (f.kind) {
                case TEXT:
                    if (!v.isValueNode()) {
                        throw new IllegalArgumentException("expected text");
                    }
                    if (f.json.equals("email") && !v.asText().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                        throw new SimError(400, "INVALID_FLD_VALUE", "Invalid email reference key " + v.asText()
                                + ".", path);
                    }
                    return v.asText();
                case BOOL:
                    if (!v.isBoolean()) {
                        throw new IllegalArgumentException("expected boolean");
                    }
                    return v.booleanValue() ? "T" : "F";
                case DECIMAL:
                    return new BigDecimal(v.asText());
                case DATE:
                    return LocalDate.parse(v.asText());
                case REF:
                    return refId(v, f.refTable, path);
                case SELECT:
                    // Oracle, "Format of Selects and References": a select is written as a reference {"id": ...}
                    // (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545142037.html).
                    if (!v.isObject() || !v.hasNonNull("id")) {
                        throw new SimError(400, "INVALID_CONTENT", "Invalid value for field '" + path
                                + "': a select field takes a reference object {\"id\": ...}.", path);
                    }
                    return v.get("id").asText();
                default:
                    throw new IllegalArgumentException("read-only");
            }
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new SimError(400, "INVALID_CONTENT", "Invalid value for field '" + path + "': " + e.getMessage(),
                    path);
        }
    }

    private Long refId(JsonNode ref, String table, String path) throws SQLException {
        if (ref == null || ref.isNull()) {
            return null;
        }
        if (!ref.isObject() || !ref.hasNonNull("id")) {
            throw new SimError(400, "INVALID_CONTENT", "A reference must be an object with an id.", path);
        }
        long id;
        try {
            id = Long.parseLong(ref.get("id").asText());
        } catch (NumberFormatException e) {
            throw new SimError(400, "INVALID_KEY_OR_REF", "Invalid " + path + " reference key "
                    + ref.get("id").asText() + ".", path);
        }
        if (rawQuery("SELECT id FROM " + table + " WHERE id = " + id).isEmpty()) {
            throw new SimError(400, "INVALID_KEY_OR_REF", "Invalid " + path + " reference key " + id + ".", path);
        }
        return id;
    }

    // ------------------------------------------------------------------ record reads

    private ObjectNode render(RecordType type, long id, boolean expand) throws SQLException {
        Map<String, String> row = rawQuery("SELECT * FROM " + type.table + " WHERE id = " + id).get(0);
        ObjectNode out = json.createObjectNode();
        out.putArray("links").addObject().put("rel", "self").put("href", baseUrl() + RECORD_PREFIX + type.name + "/"
                + id);
        out.put("id", Long.toString(id));
        for (Field f : type.fields) {
            String raw = row.get(f.column);
            if (raw == null) {
                continue;
            }
            switch (f.kind) {
                case TEXT -> out.put(f.json, raw);
                case BOOL -> out.put(f.json, raw.equals("T"));
                case DECIMAL -> out.put(f.json, new BigDecimal(raw));
                case DATE -> out.put(f.json, raw.substring(0, 10));
                case DATETIME -> out.put(f.json, Timestamp.valueOf(raw).toLocalDateTime().toInstant(ZoneOffset.UTC)
                        .truncatedTo(ChronoUnit.SECONDS).toString());
                case REF -> out.set(f.json, ref(f.refTable, f.refName, raw));
                case STATUS -> out.set(f.json, json.createObjectNode().put("id", raw).put("refName", statusName(raw)));
                case SELECT -> out.set(f.json, json.createObjectNode().put("id", raw).put("refName", raw));
                default -> {
                }
            }
        }
        for (Map.Entry<String, String> e : row.entrySet()) {
            if (CUSTOM_FIELD.matcher(e.getKey()).matches() && e.getValue() != null) {
                out.put(e.getKey(), e.getValue());
            }
        }
        if (type == RecordType.SALES_ORDER) {
            ObjectNode item = out.putObject("item");
            item.putArray("links").addObject().put("rel", "self").put("href", baseUrl() + RECORD_PREFIX
                    + "salesOrder/" + id + "/item");
            if (expand) {
                ArrayNode items = item.putArray("items");
                for (Map<String, String> line : rawQuery("SELECT * FROM transactionline WHERE transaction = " + id
                        + " ORDER BY linesequencenumber")) {
                    BigDecimal qty = new BigDecimal(line.get("quantity")).negate();
                    BigDecimal rate = new BigDecimal(line.get("rate"));
                    ObjectNode l = items.addObject();
                    l.put("line", Integer.parseInt(line.get("linesequencenumber")));
                    l.set("item", ref("item", "itemid", line.get("item")));
                    l.put("quantity", qty);
                    l.put("rate", rate);
                    l.put("amount", qty.multiply(rate));
                }
                item.put("totalResults", items.size());
            }
        }
        return out;
    }

    private ObjectNode ref(String table, String nameColumn, String id) throws SQLException {
        ObjectNode ref = json.createObjectNode();
        ref.putArray("links");
        ref.put("id", id);
        List<Map<String, String>> rows = rawQuery("SELECT " + nameColumn + " AS n FROM " + table + " WHERE id = " + id);
        if (!rows.isEmpty() && rows.get(0).get("n") != null) {
            ref.put("refName", rows.get(0).get("n"));
        }
        return ref;
    }

    private static String statusName(String letter) {
        return switch (letter) {
            case "A" -> "Pending Approval";
            case "B" -> "Pending Fulfillment";
            case "C" -> "Cancelled";
            case "D" -> "Partially Fulfilled";
            case "E" -> "Pending Billing/Partially Fulfilled";
            case "F" -> "Pending Billing";
            case "G" -> "Billed";
            case "H" -> "Closed";
            default -> letter;
        };
    }

    // ------------------------------------------------------------------ SuiteQL

    private Reply suiteQl(Request request, URI uri) throws SQLException {
        String prefer = request.getHeader("Prefer");
        if (prefer == null || !prefer.toLowerCase(Locale.ROOT).contains("transient")) {
            throw new SimError(400, "INVALID_HEADER", "The request header 'Prefer: transient' is required.", null);
        }
        Map<String, String> params = queryParams(uri);
        int limit = params.containsKey("limit") ? Integer.parseInt(params.get("limit")) : 1000;
        int offset = params.containsKey("offset") ? Integer.parseInt(params.get("offset")) : 0;
        if (limit < 1 || limit > 1000) {
            throw new SimError(400, "INVALID_PARAMETER", "The limit query parameter must be between 1 and 1000.",
                    null);
        }
        // SuiteQL over REST pages by page number: offset must be a multiple of limit, and no query yields rows past
        // the 100,000th (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157909186990.html).
        if (offset % limit != 0) {
            throw new SimError(400, "INVALID_PARAMETER", "The offset query parameter must be a multiple of the limit "
                    + "query parameter.", null);
        }
        if (offset >= MAX_SUITEQL_ROWS) {
            throw new SimError(400, "INVALID_PARAMETER", "The offset query parameter must be less than "
                    + MAX_SUITEQL_ROWS + ".", null);
        }
        ObjectNode body = body(request);
        String q = body.path("q").asText(null);
        if (q == null || q.isBlank()) {
            throw new SimError(400, "INVALID_CONTENT", "The request body must contain q.", "q");
        }
        if (!q.toUpperCase(Locale.ROOT).contains("ORDER BY")) {
            throw new SimError(400, "INVALID_PARAMETER", "Simulator rule: paged SuiteQL needs a unique ORDER BY.", "q");
        }
        List<Map<String, String>> rows;
        synchronized (lock) {
            try {
                rows = rawQuery(q);
            } catch (SQLException e) {
                throw new SimError(400, "INVALID_PARAMETER", "Invalid search query. Detailed unprocessed description"
                        + " follows. " + e.getMessage(), "q");
            }
        }
        int total = Math.min(rows.size(), MAX_SUITEQL_ROWS);
        int end = Math.min(total, offset + limit);
        ArrayNode items = json.createArrayNode();
        for (Map<String, String> row : rows.subList(Math.min(offset, total), end)) {
            ObjectNode item = items.addObject();
            item.putArray("links");
            row.forEach((k, v) -> {
                if (v != null) {
                    item.put(k, v);
                }
            });
        }
        boolean hasMore = end < total;
        ObjectNode out = json.createObjectNode();
        ArrayNode links = out.putArray("links");
        String self = baseUrl() + SUITEQL_PATH;
        if (hasMore) {
            links.addObject().put("rel", "next").put("href", self + "?limit=" + limit + "&offset=" + end);
        }
        links.addObject().put("rel", "self").put("href", self + "?limit=" + limit + "&offset=" + offset);
        out.put("count", items.size());
        out.put("hasMore", hasMore);
        out.set("items", items);
        out.put("offset", offset);
        out.put("totalResults", total);
        return new Reply(200, out, Map.of());
    }

    // ------------------------------------------------------------------ helpers

    private ObjectNode body(Request request) {
        String s = request.getBodyAsString();
        if (s == null || s.isBlank()) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(s);
            if (!node.isObject()) {
                throw new SimError(400, "INVALID_CONTENT", "The request body must be a JSON object.", null);
            }
            return (ObjectNode) node;
        } catch (java.io.IOException e) {
            throw new SimError(400, "INVALID_CONTENT", "Invalid JSON: " + e.getMessage(), null);
        }
    }

    private static Map<String, String> queryParams(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String kv : uri.getRawQuery().split("&")) {
                int eq = kv.indexOf('=');
                out.put(URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        if (body != null) {
            for (String kv : body.split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    out.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private Timestamp now() {
        return Timestamp.valueOf(LocalDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS),
                ZoneOffset.UTC));
    }

    private long insert(String table, Map<String, Object> cols) {
        synchronized (lock) {
            String names = String.join(", ", cols.keySet());
            String marks = String.join(", ", cols.keySet().stream().map(k -> "?").toList());
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO " + table + " (" + names + ") VALUES ("
                    + marks + ")", Statement.RETURN_GENERATED_KEYS)) {
                int i = 1;
                for (Object v : cols.values()) {
                    ps.setObject(i++, v);
                }
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    return keys.next() ? keys.getLong(1) : 0L;
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private void update(String table, long id, Map<String, Object> cols) {
        if (cols.isEmpty()) {
            return;
        }
        synchronized (lock) {
            String sets = String.join(", ", cols.keySet().stream().map(k -> k + " = ?").toList());
            try (PreparedStatement ps = db.prepareStatement("UPDATE " + table + " SET " + sets + " WHERE id = ?")) {
                int i = 1;
                for (Object v : cols.values()) {
                    ps.setObject(i++, v);
                }
                ps.setLong(i, id);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private void exec(String sql) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute(sql);
        }
    }

    private List<Map<String, String>> rawQuery(String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rows(rs);
        }
    }

    private static List<Map<String, String>> rows(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<Map<String, String>> out = new ArrayList<>();
        while (rs.next()) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                Object v = rs.getObject(i);
                String s;
                if (v == null) {
                    s = null;
                } else if (v instanceof BigDecimal d) {
                    s = d.stripTrailingZeros().scale() < 0 ? d.setScale(0).toPlainString()
                            : d.stripTrailingZeros().toPlainString();
                } else {
                    s = v.toString();
                }
                row.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), s);
            }
            out.add(row);
        }
        return out;
    }

    private Reply error(int status, String code, String detail, String path) {
        ObjectNode body = json.createObjectNode();
        body.put("type", "https://www.rfc-editor.org/rfc/rfc9110.html#section-15." + (status >= 500 ? "6.1"
                : status == 429 ? "5.1" : "5." + Math.max(1, status - 399)));
        body.put("title", switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Record Not Found";
            case 429 -> "Too Many Requests";
            default -> "Error";
        });
        body.put("status", status);
        ObjectNode d = body.putArray("o:errorDetails").addObject();
        d.put("detail", detail);
        if (path != null) {
            d.put("o:errorPath", path);
        }
        d.put("o:errorCode", code);
        return new Reply(status, body, Map.of());
    }

    private void createSchema() throws SQLException {
        String id = "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, ";
        String stamps = ", createddate TIMESTAMP, lastmodifieddate TIMESTAMP";
        exec("CREATE TABLE currency (" + id + "symbol VARCHAR, name VARCHAR)");
        exec("CREATE TABLE location (" + id + "name VARCHAR)");
        exec("CREATE TABLE entitystatus (" + id + "name VARCHAR)");
        exec("CREATE TABLE subsidiary (" + id + "name VARCHAR)");
        exec("CREATE TABLE employee (" + id + "entityid VARCHAR)");
        exec("CREATE TABLE customer (" + id + "externalid VARCHAR UNIQUE, companyname VARCHAR, email VARCHAR, "
                + "phone VARCHAR, url VARCHAR, isperson VARCHAR(1), creditlimit DECIMAL(20,2), balancesearch DECIMAL(20,2), "
                + "overduebalancesearch DECIMAL(20,2), unbilledorderssearch DECIMAL(20,2), "
                + "currency BIGINT, subsidiary BIGINT, datecreated TIMESTAMP, lastmodifieddate TIMESTAMP)");
        exec("CREATE TABLE contact (" + id + "externalid VARCHAR UNIQUE, firstname VARCHAR, lastname VARCHAR, "
                + "email VARCHAR, title VARCHAR, phone VARCHAR, company BIGINT, datecreated TIMESTAMP, "
                + "lastmodifieddate TIMESTAMP)");
        exec("CREATE TABLE transaction (" + id + "type VARCHAR, tranid VARCHAR, externalid VARCHAR, entity BIGINT, "
                + "trandate DATE, status VARCHAR(1), foreigntotal DECIMAL(20,2), currency BIGINT, memo VARCHAR, "
                + "title VARCHAR, entitystatus BIGINT, projectedtotal DECIMAL(20,2), expectedclosedate DATE, "
                + "employee BIGINT" + stamps + ")");
        exec("CREATE TABLE transactionline (" + id + "transaction BIGINT, linesequencenumber BIGINT, item BIGINT, "
                + "quantity DECIMAL(20,4), rate DECIMAL(20,4), mainline VARCHAR(1))");
        exec("CREATE TABLE item (" + id + "itemid VARCHAR, displayname VARCHAR, description VARCHAR, "
                + "isinactive VARCHAR(1), itemtype VARCHAR" + stamps + ")");
        exec("CREATE TABLE pricing (" + id + "item BIGINT, pricelevel BIGINT, currency BIGINT, "
                + "unitprice DECIMAL(20,4))");
        exec("CREATE TABLE inventoryitemlocations (" + id + "item BIGINT, location BIGINT, "
                + "quantityavailable DECIMAL(20,4), quantityonhand DECIMAL(20,4))");
        for (String activity : List.of("phonecall", "task")) {
            exec("CREATE TABLE " + activity + " (" + id + "title VARCHAR, message VARCHAR, status VARCHAR, "
                    + "startdate DATE, company BIGINT, contact BIGINT, transaction BIGINT, externalid VARCHAR"
                    + stamps + ")");
        }
    }

    // ------------------------------------------------------------------ record type specs

    enum Kind { TEXT, BOOL, DECIMAL, DATE, DATETIME, REF, STATUS, SELECT }

    record Field(String json, String column, Kind kind, String refTable, String refName, boolean readOnly) {
        static Field text(String json) {
            return new Field(json, json.toLowerCase(Locale.ROOT), Kind.TEXT, null, null, false);
        }

        static Field of(String json, Kind kind) {
            return new Field(json, json.toLowerCase(Locale.ROOT), kind, null, null, false);
        }

        static Field ref(String json, String column, String table, String refName) {
            return new Field(json, column, Kind.REF, table, refName, false);
        }

        static Field readOnly(String json, String column, Kind kind) {
            return new Field(json, column, kind, null, null, true);
        }
    }

    enum RecordType {
        CUSTOMER("customer", "customer", null, "datecreated", List.of(Field.text("companyName"), Field.text("email"),
                Field.text("phone"), Field.text("url"), Field.of("isPerson", Kind.BOOL), Field.text("externalId"),
                Field.of("creditLimit", Kind.DECIMAL), Field.readOnly("balance", "balancesearch", Kind.DECIMAL),
                Field.ref("currency", "currency", "currency", "name"),
                Field.ref("subsidiary", "subsidiary", "subsidiary", "name"),
                Field.readOnly("dateCreated", "datecreated", Kind.DATETIME),
                Field.readOnly("lastModifiedDate", "lastmodifieddate", Kind.DATETIME))),
        CONTACT("contact", "contact", null, "datecreated", List.of(Field.text("firstName"), Field.text("lastName"),
                Field.text("email"), Field.text("title"), Field.text("phone"),
                Field.ref("company", "company", "customer", "companyname"), Field.text("externalId"),
                Field.readOnly("dateCreated", "datecreated", Kind.DATETIME),
                Field.readOnly("lastModifiedDate", "lastmodifieddate", Kind.DATETIME))),
        SALES_ORDER("salesOrder", "transaction", "SalesOrd", "createddate", List.of(
                Field.readOnly("tranId", "tranid", Kind.TEXT), Field.text("externalId"),
                Field.ref("entity", "entity", "customer", "companyname"), Field.of("tranDate", Kind.DATE),
                Field.readOnly("orderStatus", "status", Kind.STATUS),
                Field.readOnly("total", "foreigntotal", Kind.DECIMAL),
                Field.ref("currency", "currency", "currency", "name"), Field.text("memo"),
                Field.readOnly("createdDate", "createddate", Kind.DATETIME),
                Field.readOnly("lastModifiedDate", "lastmodifieddate", Kind.DATETIME))),
        OPPORTUNITY("opportunity", "transaction", "Opprtnty", "createddate", List.of(
                Field.readOnly("tranId", "tranid", Kind.TEXT), Field.text("externalId"), Field.text("title"),
                Field.ref("entity", "entity", "customer", "companyname"),
                Field.ref("entityStatus", "entitystatus", "entitystatus", "name"),
                Field.of("projectedTotal", Kind.DECIMAL), Field.of("expectedCloseDate", Kind.DATE),
                Field.ref("salesRep", "employee", "employee", "entityid"),
                Field.ref("currency", "currency", "currency", "name"),
                Field.readOnly("createdDate", "createddate", Kind.DATETIME),
                Field.readOnly("lastModifiedDate", "lastmodifieddate", Kind.DATETIME))),
        PHONE_CALL("phoneCall", "phonecall", null, "createddate", activityFields()),
        TASK("task", "task", null, "createddate", activityFields());

        final String name;
        final String table;
        final String typeValue;
        final String createdColumn;
        final List<Field> fields;

        RecordType(String name, String table, String typeValue, String createdColumn, List<Field> fields) {
            this.name = name;
            this.table = table;
            this.typeValue = typeValue;
            this.createdColumn = createdColumn;
            this.fields = fields;
        }

        private static List<Field> activityFields() {
            return List.of(Field.text("title"), Field.text("message"), Field.of("status", Kind.SELECT),
                    Field.of("startDate", Kind.DATE), Field.ref("company", "company", "customer", "companyname"),
                    Field.ref("contact", "contact", "contact", "email"),
                    Field.ref("transaction", "transaction", "transaction", "tranid"), Field.text("externalId"),
                    Field.readOnly("createdDate", "createddate", Kind.DATETIME),
                    Field.readOnly("lastModifiedDate", "lastmodifieddate", Kind.DATETIME));
        }

        static RecordType byName(String name) {
            for (RecordType t : values()) {
                if (t.name.equals(name)) {
                    return t;
                }
            }
            return null;
        }

        Field field(String json) {
            return fields.stream().filter(f -> f.json.equals(json)).findFirst().orElse(null);
        }

        String typeFilter() {
            return typeValue == null ? "" : " AND type = '" + typeValue + "'";
        }

        void validate(Map<String, Object> cols, boolean create) {
            Set<String> missing = new HashSet<>();
            switch (this) {
                case CUSTOMER -> {
                    if (create && cols.get("companyname") == null) {
                        missing.add("companyName");
                    }
                }
                case CONTACT -> {
                    if (create && cols.get("firstname") == null && cols.get("lastname") == null) {
                        missing.add("firstName");
                    }
                }
                case SALES_ORDER -> {
                    if (create && cols.get("entity") == null) {
                        missing.add("entity");
                    }
                }
                case PHONE_CALL, TASK -> {
                    if (create && cols.get("title") == null) {
                        missing.add("title");
                    }
                }
                default -> {
                }
            }
            if (!missing.isEmpty()) {
                String field = missing.iterator().next();
                throw new SimError(400, "USER_ERROR", "Please enter value(s) for: " + field, field);
            }
        }
    }

    static final class SimError extends RuntimeException {
        final int status;
        final String code;
        final String path;

        SimError(int status, String code, String message, String path) {
            super(message);
            this.status = status;
            this.code = code;
            this.path = path;
        }
    }

    private final class Reply {
        final int status;
        final JsonNode body;
        final Map<String, String> headers = new LinkedHashMap<>();

        Reply(int status, JsonNode body, Map<String, String> headers) {
            this.status = status;
            this.body = body;
            this.headers.putAll(headers);
        }

        Reply header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Response toResponse() {
            List<HttpHeader> list = new ArrayList<>();
            headers.forEach((k, v) -> list.add(new HttpHeader(k, v)));
            list.add(new HttpHeader("X-N-OperationId", UUID.randomUUID().toString()));
            Response.Builder b = new Response.Builder().status(status);
            if (body != null) {
                list.add(new HttpHeader("Content-Type", status >= 400 && body.has("o:errorDetails")
                        ? "application/vnd.oracle.resource+json; type=error; charset=UTF-8"
                        : "application/vnd.oracle.resource+json; type=singular; charset=UTF-8"));
                b.body(body.toString());
            }
            return b.headers(new HttpHeaders(list)).configured(true).build();
        }
    }
}
