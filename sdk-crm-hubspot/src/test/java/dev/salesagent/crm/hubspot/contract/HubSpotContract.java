package dev.salesagent.crm.hubspot.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.salesagent.crm.hubspot.sim.HubSpotSimulator;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * HubSpot's documented request and response shapes as our own JSON Schemas ({@code src/test/resources/contract}, each
 * citing the spec file of {@code HubSpot/HubSpot-public-api-spec-collection} it follows; deviations in
 * {@code DEVIATIONS.md}), checked with networknt's json-schema-validator. Every request is matched to a route by
 * method and path (date-versioned paths arrive normalised to their v3/v4 form); a request without a route, with an
 * unexpected query parameter or content type, or with a body that breaks its schema is a violation.
 */
public final class HubSpotContract implements HubSpotSimulator.Contract {

    private static final String BASE = "https://salesagent.dev/contract/hubspot/";
    private static final String OBJ = "(contacts|companies|deals|notes|products)";
    private static final String JSON_TYPE = "application/json";
    private static final String FORM_TYPE = "application/x-www-form-urlencoded";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One documented operation: request schema (null = no body), allowed query parameters, 2xx response schema. */
    private record Route(String method, Pattern path, String contentType, String request, Set<String> query, String response) {}

    private static final List<Route> ROUTES = List.of(
            post("/crm/v3/objects/" + OBJ + "/batch/upsert", "batch-upsert-request", "batch-response"),
            post("/crm/v3/objects/" + OBJ + "/batch/create", "batch-create-request", "batch-response"),
            post("/crm/v3/objects/" + OBJ + "/batch/update", "batch-update-request", "batch-response"),
            post("/crm/v3/objects/" + OBJ + "/batch/read", "batch-read-request", "batch-response"),
            post("/crm/v3/objects/" + OBJ + "/search", "search-request", "collection-response"),
            post("/crm/v3/objects/contacts/gdpr-delete", "gdpr-delete-request", null),
            new Route("DELETE", Pattern.compile("/crm/v3/objects/" + OBJ + "/[0-9]+"), null, null, Set.of(), null),
            post("/crm/v3/objects/" + OBJ, "object-create-request", "object-response"),
            new Route("PATCH", Pattern.compile("/crm/v3/objects/" + OBJ + "/[0-9]+"), JSON_TYPE, "object-update-request",
                    Set.of("idProperty"), "object-response"),
            get("/crm/v3/objects/" + OBJ + "/[^/]+", Set.of("properties", "propertiesWithHistory", "associations",
                    "archived", "idProperty"), "object-response"),
            get("/crm/v3/objects/" + OBJ, Set.of("limit", "after", "properties", "associations", "archived"),
                    "collection-response"),
            get("/crm/v4/objects/" + OBJ + "/[0-9]+/associations/" + OBJ, Set.of("limit", "after"), "associations-response"),
            post("/crm/v4/associations/" + OBJ + "/" + OBJ + "/batch/read", "associations-batch-read-request",
                    "associations-response"),
            post("/crm/v4/associations/" + OBJ + "/" + OBJ + "/batch/associate/default", "associations-default-request",
                    null),
            get("/crm/v3/pipelines/deals", Set.of("archived"), "pipelines-response"),
            new Route("POST", Pattern.compile("/oauth/v1/token"), FORM_TYPE, "oauth-token-request", Set.of(),
                    "oauth-token-response"));

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.schemaMappers(m -> m.mapPrefix(BASE, "classpath:contract/")));
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong requestsChecked = new java.util.concurrent.atomic.AtomicLong();

    /** How many requests {@link #request} has checked. */
    public long requestsChecked() {
        return requestsChecked.get();
    }

    private static Route post(String path, String request, String response) {
        return new Route("POST", Pattern.compile(path), JSON_TYPE, request, Set.of(), response);
    }

    private static Route get(String path, Set<String> query, String response) {
        return new Route("GET", Pattern.compile(path), null, null, query, response);
    }

    /** The schema of that name ({@code batch-upsert-request}, ...). */
    public JsonSchema schema(String name) {
        return schemas.computeIfAbsent(name, n -> factory.getSchema(java.net.URI.create(BASE + n + ".json")));
    }

    @Override
    public List<String> request(String method, String path, List<String> queryNames, String contentType, String body) {
        requestsChecked.incrementAndGet();
        Route route = route(method, path);
        if (route == null) {
            return List.of("no documented HubSpot operation " + method + " " + path);
        }
        List<String> out = new ArrayList<>();
        for (String q : queryNames) {
            if (!route.query().contains(q)) {
                out.add(method + " " + path + ": query parameter '" + q + "' is not one of " + route.query());
            }
        }
        boolean hasBody = body != null && !body.isEmpty();
        if (route.request() == null) {
            if (hasBody) {
                out.add(method + " " + path + ": no request body is documented");
            }
            return out;
        }
        if (contentType == null || !contentType.startsWith(route.contentType())) {
            out.add(method + " " + path + ": Content-Type must be " + route.contentType() + " but was " + contentType);
            return out;
        }
        JsonNode node;
        try {
            node = route.contentType().equals(FORM_TYPE) ? form(body) : JSON.readTree(hasBody ? body : "null");
        } catch (IOException e) {
            return List.of(method + " " + path + ": body is not JSON: " + e.getMessage());
        }
        out.addAll(check(route.request(), method + " " + path, node));
        return out;
    }

    @Override
    public List<String> response(String method, String path, int status, String body) {
        Route route = route(method, path);
        if (route == null || body == null || body.isEmpty()) {
            return List.of();
        }
        String schema = status >= 400 ? "error-response" : route.response();
        if (schema == null) {
            return List.of();
        }
        try {
            return check(schema, "response " + status + " to " + method + " " + path, JSON.readTree(body));
        } catch (IOException e) {
            return List.of("response to " + method + " " + path + " is not JSON");
        }
    }

    /** Violations of one body against a named schema, each prefixed with {@code where}. */
    public List<String> check(String schemaName, String where, JsonNode node) {
        Set<ValidationMessage> messages = schema(schemaName).validate(node);
        return messages.stream().map(m -> where + " breaks " + schemaName + ": " + m.getMessage()).sorted().toList();
    }

    private static Route route(String method, String path) {
        for (Route r : ROUTES) {
            if (r.method().equals(method) && r.path().matcher(path).matches()) {
                return r;
            }
        }
        return null;
    }

    private static ObjectNode form(String body) {
        ObjectNode out = JSON.createObjectNode();
        if (body == null || body.isEmpty()) {
            return out;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }
}
