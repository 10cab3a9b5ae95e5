package dev.salesagent.crm.pipedrive.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Pipedrive's documented routes, query parameters and shapes as our own JSON Schemas
 * ({@code src/test/resources/contract}, each citing the {@code pipedrive/client-nodejs} file it follows; see
 * {@code DEVIATIONS.md}). The simulator answers 400 to a request off the contract and records every violation.
 */
public final class PipedriveContract {

    private static final String BASE = "https://salesagent.dev/contract/pipedrive/";
    private static final Set<String> PAGING = Set.of("limit", "cursor");
    private static final Set<String> LIST = Set.of("limit", "cursor", "updated_since", "updated_until", "sort_by",
            "sort_direction", "ids", "owner_id", "filter_id", "include_fields", "custom_fields");
    private static final Set<String> SEARCH = Set.of("term", "fields", "exact_match", "limit", "cursor", "include_fields",
            "organization_id", "person_id");

    /** One documented route: method, path pattern, allowed query names, request body schema (or null), response schema. */
    record Route(String method, Pattern path, Set<String> query, String request, String response) {
    }

    static final List<Route> ROUTES = List.of(
            new Route("GET", Pattern.compile("/api/v2/(persons|organizations|products)/search"), SEARCH, null, "search-response"),
            new Route("GET", Pattern.compile("/api/v2/persons"), LIST, null, "person-list"),
            new Route("POST", Pattern.compile("/api/v2/persons"), Set.of(), "person-write", "person-response"),
            new Route("GET", Pattern.compile("/api/v2/persons/[0-9]+"), Set.of("include_fields", "custom_fields"), null, "person-response"),
            new Route("PATCH", Pattern.compile("/api/v2/persons/[0-9]+"), Set.of(), "person-write", "person-response"),
            new Route("DELETE", Pattern.compile("/api/v2/persons/[0-9]+"), Set.of(), null, "person-delete-response"),
            new Route("GET", Pattern.compile("/api/v2/organizations"), LIST, null, "organization-list"),
            new Route("POST", Pattern.compile("/api/v2/organizations"), Set.of(), "organization-write", "organization-response"),
            new Route("GET", Pattern.compile("/api/v2/organizations/[0-9]+"), Set.of("include_fields", "custom_fields"), null, "organization-response"),
            new Route("PATCH", Pattern.compile("/api/v2/organizations/[0-9]+"), Set.of(), "organization-write", "organization-response"),
            new Route("GET", Pattern.compile("/api/v2/deals"), union(LIST, Set.of("person_id", "org_id", "pipeline_id", "stage_id", "status")), null, "deal-list"),
            new Route("GET", Pattern.compile("/api/v2/deals/[0-9]+"), Set.of("include_fields", "custom_fields"), null, "deal-response"),
            new Route("PATCH", Pattern.compile("/api/v2/deals/[0-9]+"), Set.of(), "deal-update", "deal-response"),
            new Route("GET", Pattern.compile("/api/v2/stages"), union(PAGING, Set.of("pipeline_id", "sort_by", "sort_direction")), null, "stage-list"),
            new Route("GET", Pattern.compile("/api/v2/products"), union(LIST, Set.of()), null, "product-list"),
            new Route("GET", Pattern.compile("/api/v2/products/[0-9]+"), Set.of(), null, "product-response"),
            new Route("POST", Pattern.compile("/api/v1/notes"), Set.of(), "note-create", "note-response"),
            new Route("GET", Pattern.compile("/api/v1/notes"), Set.of("user_id", "lead_id", "deal_id", "person_id", "org_id",
                    "project_id", "start", "limit", "sort", "start_date", "end_date", "updated_since"), null, "note-list"));

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.schemaMappers(m -> m.mapPrefix(BASE, "classpath:contract/")));
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new java.util.HashSet<>(a);
        s.addAll(b);
        return Set.copyOf(s);
    }

    /** The documented route of a request, or null. */
    static Route route(String method, String path) {
        for (Route r : ROUTES) {
            if (r.method().equals(method) && r.path().matcher(path).matches()) {
                return r;
            }
        }
        return null;
    }

    /** A schema by file name (without {@code .json}). */
    public JsonSchema schema(String name) {
        return schemas.computeIfAbsent(name, n -> factory.getSchema(SchemaLocation.of(BASE + n + ".json")));
    }

    /** Violations of {@code node} against schema {@code name}, each prefixed with {@code where}. */
    public List<String> check(String name, String where, JsonNode node) {
        Set<ValidationMessage> messages = schema(name).validate(node);
        return messages.stream().map(m -> where + ": " + m.getMessage()).toList();
    }
}
