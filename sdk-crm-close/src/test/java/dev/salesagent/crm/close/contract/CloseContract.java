package dev.salesagent.crm.close.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.salesagent.crm.close.sim.CloseSimulator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Close's documented request and response shapes as our own JSON Schemas ({@code src/test/resources/contract}, each
 * citing the developer.close.com page or the Close OpenAPI 3.1 schema it follows), checked with networknt's
 * json-schema-validator. Every request is matched to a route by method and path; a request without a route, with a
 * query parameter Close does not document for it, a wrong content type or a body that breaks its schema is a violation.
 */
public final class CloseContract implements CloseSimulator.Contract {

    private static final String BASE = "https://salesagent.dev/contract/close/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> OPPORTUNITY_QUERY = Set.of("_limit", "_skip", "_fields", "lead_id",
            "organization_id", "user_id", "user_id__in", "status_id", "status_id__in", "status_type", "status_type__in",
            "status_label", "status_label__in", "status", "status__in", "date_won", "date_won__gte", "date_won__gt",
            "date_won__lte", "date_won__lt", "date_created", "date_created__gte", "date_created__gt", "date_created__lte",
            "date_created__lt", "date_updated", "date_updated__gte", "date_updated__gt", "date_updated__lte",
            "date_updated__lt", "value_period", "value_period__in", "query", "lead_query", "lead_saved_search_id",
            "is_stalled", "_order_by", "_group_by");
    private static final Set<String> NOTE_QUERY = Set.of("_limit", "_skip", "id__in", "lead_id", "contact_id", "user_id",
            "organization_id", "_type", "date_created__gte", "date_created__lte", "date_created__gt", "date_created__lt",
            "activity_at__gte", "activity_at__lte", "activity_at__gt", "activity_at__lt");

    /** One documented operation: request schema (null = no body), allowed query parameters, 2xx response schema. */
    private record Route(String method, Pattern path, String request, Set<String> query, String response) {}

    private static final List<Route> ROUTES = List.of(
            new Route("POST", Pattern.compile("/data/search/"), "search-request", Set.of(), "search-response"),
            new Route("POST", Pattern.compile("/lead/"), "lead-write-request", Set.of(), "lead-full-response"),
            new Route("GET", Pattern.compile("/lead/[^/]+/"), null, Set.of("_fields"), "lead-response"),
            new Route("PUT", Pattern.compile("/lead/[^/]+/"), "lead-write-request", Set.of(), "lead-full-response"),
            new Route("POST", Pattern.compile("/contact/"), "contact-write-request", Set.of("_fields"),
                    "contact-full-response"),
            new Route("GET", Pattern.compile("/contact/"), null, Set.of("_limit", "_skip", "_fields", "lead_id"),
                    "contact-list-response"),
            new Route("GET", Pattern.compile("/contact/[^/]+/"), null, Set.of("_fields"), "contact-response"),
            new Route("PUT", Pattern.compile("/contact/[^/]+/"), "contact-write-request", Set.of("_fields"),
                    "contact-full-response"),
            new Route("DELETE", Pattern.compile("/contact/[^/]+/"), null, Set.of(), "empty-response"),
            new Route("GET", Pattern.compile("/opportunity/"), null, OPPORTUNITY_QUERY, "opportunity-list-response"),
            new Route("GET", Pattern.compile("/opportunity/[^/]+/"), null, Set.of("_fields"), "opportunity-response"),
            new Route("PUT", Pattern.compile("/opportunity/[^/]+/"), "opportunity-update-request", Set.of(),
                    "opportunity-response"),
            new Route("GET", Pattern.compile("/status/opportunity/"), null, Set.of("_fields"), "status-list-response"),
            new Route("POST", Pattern.compile("/activity/note/"), "note-create-request", Set.of(), "note-response"),
            new Route("GET", Pattern.compile("/activity/note/"), null, NOTE_QUERY, "note-list-response"));

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.schemaMappers(m -> m.mapPrefix(BASE, "classpath:contract/")));
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final AtomicLong requestsChecked = new AtomicLong();

    /** How many requests {@link #request} has checked. */
    public long requestsChecked() {
        return requestsChecked.get();
    }

    /** The schema of that name ({@code search-request}, ...). */
    public JsonSchema schema(String name) {
        return schemas.computeIfAbsent(name, n -> factory.getSchema(java.net.URI.create(BASE + n + ".json")));
    }

    @Override
    public List<String> request(String method, String path, List<String> queryNames, String contentType, String body) {
        requestsChecked.incrementAndGet();
        Route route = route(method, path);
        if (route == null) {
            return List.of("no documented Close operation " + method + " " + path);
        }
        List<String> out = new ArrayList<>();
        for (String q : queryNames) {
            if (!route.query().contains(q)) {
                out.add(method + " " + path + ": query parameter '" + q + "' is not documented for it");
            }
        }
        boolean hasBody = body != null && !body.isEmpty();
        if (route.request() == null) {
            if (hasBody) {
                out.add(method + " " + path + ": no request body is documented");
            }
            return out;
        }
        if (contentType == null || !contentType.startsWith("application/json")) {
            out.add(method + " " + path + ": Content-Type must be application/json but was " + contentType);
            return out;
        }
        try {
            out.addAll(check(route.request(), method + " " + path, JSON.readTree(hasBody ? body : "null")));
        } catch (IOException e) {
            out.add(method + " " + path + ": body is not JSON: " + e.getMessage());
        }
        return out;
    }

    @Override
    public List<String> response(String method, String path, List<String> queryNames, int status, String body) {
        Route route = route(method, path);
        if (route == null || body == null || body.isEmpty()) {
            return List.of();
        }
        String schema = status >= 400 ? "error-response" : route.response();
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
}
