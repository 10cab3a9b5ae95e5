package dev.salesagent.crm.freshsales.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Freshsales' documented request and response shapes as our own JSON Schemas ({@code src/test/resources/contract},
 * each citing the section of the Freshworks CRM API reference it follows), checked with networknt's
 * json-schema-validator. A request without a documented route, with an unexpected query parameter or content type,
 * or with a body that breaks its schema is a violation; so is a simulator answer that breaks its response schema.
 */
public final class FreshsalesContract {

    private static final String BASE = "https://salesagent.dev/contract/freshsales/";
    private static final String JSON_TYPE = "application/json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One documented operation: request schema (null = no body), allowed query parameters, 2xx response schema. */
    record Route(String method, Pattern path, String request, Set<String> query, String response) {}

    private static final List<Route> ROUTES = List.of(
            new Route("POST", Pattern.compile("/contacts/upsert"), "contact-upsert-request", Set.of(), "contact-response"),
            new Route("GET", Pattern.compile("/contacts/[0-9]+"), null, Set.of("include"), "contact-response"),
            new Route("DELETE", Pattern.compile("/contacts/[0-9]+"), null, Set.of(), "delete-response"),
            new Route("POST", Pattern.compile("/sales_accounts"), "sales-account-write-request", Set.of(),
                    "sales-account-response"),
            new Route("PUT", Pattern.compile("/sales_accounts/[0-9]+"), "sales-account-write-request", Set.of(),
                    "sales-account-response"),
            new Route("GET", Pattern.compile("/sales_accounts/[0-9]+"), null, Set.of("include"), "sales-account-response"),
            new Route("GET", Pattern.compile("/deals/[0-9]+"), null, Set.of("include"), "deal-response"),
            new Route("PUT", Pattern.compile("/deals/[0-9]+"), "deal-update-request", Set.of(), "deal-response"),
            new Route("GET", Pattern.compile("/selector/deal_stages"), null, Set.of(), "deal-stages-response"),
            new Route("POST", Pattern.compile("/notes"), "note-create-request", Set.of(), "note-response"),
            new Route("POST", Pattern.compile("/filtered_search/(contact|sales_account|deal)"), "filtered-search-request",
                    Set.of("page", "per_page"), "filtered-search-response"));

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.schemaMappers(m -> m.mapPrefix(BASE, "classpath:contract/")));
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    /** The schema of that name ({@code contact-upsert-request}, ...). */
    public JsonSchema schema(String name) {
        return schemas.computeIfAbsent(name, n -> factory.getSchema(URI.create(BASE + n + ".json")));
    }

    static Route route(String method, String path) {
        for (Route r : ROUTES) {
            if (r.method().equals(method) && r.path().matcher(path).matches()) {
                return r;
            }
        }
        return null;
    }

    /** Violations of one request (path relative to the API root). */
    public List<String> request(String method, String path, Set<String> queryNames, String contentType, String body) {
        Route route = route(method, path);
        if (route == null) {
            return List.of("no documented Freshsales operation " + method + " " + path);
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
        if (contentType == null || !contentType.startsWith(JSON_TYPE)) {
            out.add(method + " " + path + ": Content-Type must be " + JSON_TYPE + " but was " + contentType);
            return out;
        }
        try {
            out.addAll(check(route.request(), method + " " + path, JSON.readTree(hasBody ? body : "null")));
        } catch (IOException e) {
            out.add(method + " " + path + ": body is not JSON: " + e.getMessage());
        }
        return out;
    }

    /** Violations of one simulator answer. */
    public List<String> response(String method, String path, int status, String body) {
        Route route = route(method, path);
        if (body == null || body.isEmpty()) {
            return List.of();
        }
        String schema = status >= 400 ? "error-response" : route == null ? null : route.response();
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
}
