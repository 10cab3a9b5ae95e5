package dev.salesagent.crm.tck;

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
import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.UpsertResult;
import dev.salesagent.crm.memory.InMemoryCrmClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small stateful HTTP CRM ("demo") inside WireMock, backed by the memory provider: an OAuth2
 * client-credentials token endpoint and a contacts REST API. It exists to prove both halves of the
 * kit against a real HTTP adapter ({@link DemoHttpCrmClient}) built on the shared HTTP support.
 */
final class DemoSimulator implements ResponseTransformerV2 {

    static final String NAME = "demo-simulator";
    private static final ObjectMapper JSON = new ObjectMapper();

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final InMemoryCrmClient backend = InMemoryCrmClient.builder().clock(clock).build();
    private final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokenCounter = new AtomicInteger();
    final WireMockServer server;

    DemoSimulator() {
        server = new WireMockServer(options().dynamicPort().extensions(this));
        server.start();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(NAME)));
    }

    String baseUrl() {
        return server.baseUrl();
    }

    int tokensIssued() {
        return tokenCounter.get();
    }

    void shutdown() {
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

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        URI uri = URI.create(request.getUrl());
        String path = uri.getPath();
        try {
            if (path.equals("/oauth/token")) {
                return token(response, request);
            }
            String auth = request.getHeader("Authorization");
            if (auth == null || !auth.startsWith("Bearer ") || !issuedTokens.contains(auth.substring(7))) {
                return json(response, 401, error("invalid or expired token", "UNAUTHENTICATED", List.of()));
            }
            String method = request.getMethod().getName();
            if (method.equals("POST") && path.equals("/api/contacts/upsert")) {
                UpsertResult<Contact> r = backend.contacts().upsert(fromJson(JSON.readTree(request.getBodyAsString())));
                return json(response, 200, upserted(r));
            }
            if (method.equals("POST") && path.equals("/api/contacts/batch")) {
                List<Contact> input = new ArrayList<>();
                JSON.readTree(request.getBodyAsString()).forEach(n -> input.add(fromJson(n)));
                ArrayNode results = JSON.createArrayNode();
                for (BatchItemResult<Contact> r : backend.contacts().upsertAll(input)) {
                    results.add(r.isSuccess() ? upserted(r.result())
                            : JSON.createObjectNode().set("error", errorNode(r.error())));
                }
                return json(response, 200, JSON.createObjectNode().set("results", results));
            }
            if (method.equals("GET") && path.equals("/api/contacts/by-email")) {
                String email = request.queryParameter("email").firstValue();
                return backend.contacts().findByEmail(email).map(c -> json(response, 200, toJson(c)))
                        .orElseGet(() -> json(response, 404, error("no contact " + email, "NOT_FOUND", List.of())));
            }
            if (method.equals("GET") && path.equals("/api/contacts/changed")) {
                Instant since = Instant.parse(request.queryParameter("since").firstValue());
                int size = Integer.parseInt(request.queryParameter("size").firstValue());
                String cursor = request.queryParameter("cursor").isPresent()
                        ? request.queryParameter("cursor").firstValue() : null;
                Page<Contact> page = backend.contacts().changedSince(since, new PageRequest(cursor, size));
                ArrayNode items = JSON.createArrayNode();
                page.items().forEach(c -> items.add(toJson(c)));
                ObjectNode body = JSON.createObjectNode().set("items", items);
                body.put("next", page.nextCursor());
                return json(response, 200, body);
            }
            if (method.equals("GET") && path.startsWith("/api/contacts/")) {
                return json(response, 200, toJson(backend.contacts().get(path.substring("/api/contacts/".length()))));
            }
            return json(response, 404, error("no route " + method + " " + path, "NO_ROUTE", List.of()));
        } catch (CrmException e) {
            return json(response, e instanceof CrmNotFoundException ? 404 : 400, errorNode(e));
        } catch (Exception e) {
            return json(response, 400, error("bad request: " + e.getMessage(), "BAD_REQUEST", List.of()));
        }
    }

    private Response token(Response response, Request request) {
        if (!request.getBodyAsString().contains("grant_type=client_credentials")
                || !"Basic ZGVtby1jbGllbnQ6ZGVtby1zZWNyZXQ=".equals(request.getHeader("Authorization"))) {
            ObjectNode err = JSON.createObjectNode().put("error", "invalid_client").put("error_description", "bad client");
            return json(response, 401, err);
        }
        String token = "tok-" + tokenCounter.incrementAndGet();
        issuedTokens.add(token);
        return json(response, 200, JSON.createObjectNode().put("access_token", token).put("token_type", "Bearer")
                .put("expires_in", 3600));
    }

    private static ObjectNode upserted(UpsertResult<Contact> r) {
        ObjectNode n = JSON.createObjectNode().put("created", r.created());
        n.set("contact", toJson(r.record()));
        return n;
    }

    private static ObjectNode errorNode(CrmException e) {
        List<CrmValidationException.FieldError> fields = e instanceof CrmValidationException v ? v.fieldErrors() : List.of();
        return error(e.getMessage(), e instanceof CrmNotFoundException ? "NOT_FOUND" : "VALIDATION", fields);
    }

    private static ObjectNode error(String message, String code, List<CrmValidationException.FieldError> fields) {
        ObjectNode n = JSON.createObjectNode().put("message", message).put("errorCode", code);
        ArrayNode arr = n.putArray("fieldErrors");
        fields.forEach(f -> arr.addObject().put("field", f.field()).put("code", f.code()).put("message", f.message()));
        return n;
    }

    static ObjectNode toJson(Contact c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", c.id().value()).put("email", c.email()).put("firstName", c.firstName()).put("lastName", c.lastName())
                .put("title", c.title()).put("phone", c.phone())
                .put("createdAt", c.createdAt().toString()).put("updatedAt", c.updatedAt().toString());
        return n;
    }

    private static Contact fromJson(JsonNode n) {
        return Contact.builder().email(text(n, "email")).firstName(text(n, "firstName")).lastName(text(n, "lastName"))
                .title(text(n, "title")).phone(text(n, "phone")).build();
    }

    private static String text(JsonNode n, String f) {
        JsonNode v = n.get(f);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Response json(Response base, int status, JsonNode body) {
        return Response.Builder.like(base).but().status(status)
                .headers(new HttpHeaders(new HttpHeader("Content-Type", "application/json"),
                        new HttpHeader("X-Request-Id", "demo-" + System.nanoTime())))
                .body(body.toString()).build();
    }
}
