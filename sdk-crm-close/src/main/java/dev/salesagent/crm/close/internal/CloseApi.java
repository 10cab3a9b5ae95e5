package dev.salesagent.crm.close.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.crm.close.CloseConfig;
import dev.salesagent.crm.http.CrmHttpClient;
import dev.salesagent.crm.http.CrmRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Close REST calls the operations share, on one {@link CrmHttpClient} (base {@code https://api.close.com/api/v1}),
 * and builders of Advanced Filtering queries ({@code POST /data/search/},
 * <a href="https://developer.close.com/api/resources/advanced-filtering">Advanced Filtering</a>; request and cursor
 * shapes as Close's own {@code closeio/close-api-scripts} {@code scripts/CloseApiWrapper.py} sends them).
 */
public final class CloseApi {

    /** Largest {@code _limit} of {@code /data/search/} (Close: "Maximum 200"). */
    public static final int SEARCH_MAX_LIMIT = 200;
    /** Largest {@code _limit} the adapter asks of list endpoints (Close's default page, 100). */
    public static final int LIST_MAX_LIMIT = 100;

    private static final DateTimeFormatter UTC_MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    final CrmHttpClient http;
    final CloseConfig config;
    final Clock clock;
    final ObjectMapper json;

    /** @param http the configured client; {@code clock} for cache lifetimes */
    public CloseApi(CrmHttpClient http, CloseConfig config, Clock clock) {
        this.http = http;
        this.config = config;
        this.clock = clock;
        this.json = http.objectMapper();
    }

    JsonNode get(String path, String operation, Map<String, ?> query) {
        CrmRequest.Builder b = CrmRequest.get(path).operation(operation);
        query.forEach(b::query);
        return http.execute(b.build()).json();
    }

    JsonNode post(String path, String operation, JsonNode body) {
        return http.execute(CrmRequest.post(path).operation(operation).jsonBody(body).build()).json();
    }

    JsonNode put(String path, String operation, JsonNode body) {
        return http.execute(CrmRequest.put(path).operation(operation).jsonBody(body).build()).json();
    }

    /** {@code DELETE {path}}: 200 with an empty object; 404 for an unknown id. Retried like every DELETE. */
    void delete(String path, String operation) {
        http.execute(CrmRequest.delete(path).operation(operation).build());
    }

    /** {@code POST /data/search/}: a read, so it is retried like a GET after 5xx and timeouts. */
    JsonNode search(String operation, ObjectNode payload) {
        return http.execute(CrmRequest.post("/data/search/").operation(operation).jsonBody(payload).idempotent(true)
                .build()).json();
    }

    /**
     * Every {@code objectType} record matching one of {@code keys}' conditions (a single condition, or an {@code or}
     * of one per key), through every page of {@code POST /data/search/}, oldest first by {@code date_created}: one
     * request per {@link #SEARCH_MAX_LIMIT} matches.
     */
    List<JsonNode> searchOldestFirst(String operation, String objectType, Collection<String> keys,
                                     Function<String, ? extends JsonNode> condition, List<String> fields) {
        JsonNode query = keys.size() == 1 ? condition.apply(keys.iterator().next())
                : or(keys.stream().map(condition).toList());
        List<JsonNode> found = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = search(operation, searchPayload(objectType, query, fields, SEARCH_MAX_LIMIT, cursor,
                    "date_created"));
            page.path("data").forEach(found::add);
            cursor = text(page.path("cursor"));
        } while (cursor != null);
        found.sort(Comparator.comparing(n -> instant(n.path("date_created")),
                Comparator.nullsLast(Comparator.naturalOrder())));
        return found;
    }

    ObjectNode object() {
        return json.createObjectNode();
    }

    ArrayNode array() {
        return json.createArrayNode();
    }

    // ------------------------------------------------------------------ advanced filtering

    ObjectNode searchPayload(String objectType, JsonNode condition, List<String> fields, int limit, String cursor,
                             String sortField) {
        ObjectNode q = object().put("type", "and");
        q.withArray("queries").add(object().put("type", "object_type").put("object_type", objectType));
        q.withArray("queries").add(condition);
        ObjectNode payload = object();
        payload.set("query", q);
        if (sortField != null) {
            ObjectNode sort = object().put("direction", "asc");
            sort.set("field", field(objectType, sortField));
            payload.withArray("sort").add(sort);
        }
        ArrayNode f = payload.putObject("_fields").putArray(objectType);
        fields.forEach(f::add);
        payload.put("_limit", limit);
        if (cursor != null) {
            payload.put("cursor", cursor);
        }
        return payload;
    }

    ObjectNode field(String objectType, String name) {
        return object().put("type", "regular_field").put("object_type", objectType).put("field_name", name);
    }

    ObjectNode or(List<? extends JsonNode> queries) {
        ObjectNode or = object().put("type", "or");
        queries.forEach(or.withArray("queries")::add);
        return or;
    }

    /** A contact having an e-mail address equal to {@code email} (lower case, Close's {@code exact_value} mode). */
    ObjectNode contactEmail(String email) {
        ObjectNode related = object().put("type", "field_condition");
        related.set("field", field("contact_email", "email"));
        related.putObject("condition").put("type", "text").put("mode", "exact_value").put("value", email);
        ObjectNode q = object().put("type", "has_related").put("this_object_type", "contact")
                .put("related_object_type", "contact_email");
        q.set("related_query", related);
        return q;
    }

    /** A lead whose {@code url} contains all words of {@code domain} (exact domain equality is checked afterwards). */
    ObjectNode leadUrl(String domain) {
        ObjectNode q = object().put("type", "field_condition");
        q.set("field", field("lead", "url"));
        q.putObject("condition").put("type", "text").put("mode", "full_words").put("value", domain);
        return q;
    }

    /** {@code date_updated} on or after {@code since} (the adapter then keeps only strictly later records). */
    ObjectNode updatedOnOrAfter(String objectType, Instant since) {
        ObjectNode q = object().put("type", "field_condition");
        q.set("field", field(objectType, "date_updated"));
        ObjectNode c = q.putObject("condition").put("type", "moment_range");
        c.putObject("on_or_after").put("type", "fixed_utc").put("value", format(since));
        return q;
    }

    // ------------------------------------------------------------------ time

    /** Close's timestamp form, e.g. {@code 2013-02-01T00:54:51.331000+00:00}. */
    public static String format(Instant instant) {
        return UTC_MICROS.format(instant.atOffset(ZoneOffset.UTC));
    }

    /** A Close timestamp ({@code 2013-02-01T00:54:51.331000+00:00}; without offset read as UTC), or null. */
    public static Instant instant(JsonNode node) {
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            return null;
        }
        String s = node.asText();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException noOffset) {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        }
    }

    static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || node.asText().isEmpty() ? null : node.asText();
    }
}
