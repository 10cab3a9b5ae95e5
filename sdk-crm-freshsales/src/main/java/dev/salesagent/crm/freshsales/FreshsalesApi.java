package dev.salesagent.crm.freshsales;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.http.CrmHttpClient;
import dev.salesagent.crm.http.CrmRequest;
import dev.salesagent.crm.http.CrmResponse;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Freshsales REST calls the operations share: record reads, the filtered search and value parsing.
 *
 * <p>Filtered search: {@code POST /filtered_search/<entity>?page=<n>&per_page=<m>} with
 * {@code {"filter_rule":[{"attribute":..,"operator":..,"value":..}],"sort":"updated_at","sort_type":"asc"}},
 * answered {@code {"<entities>":[...],"meta":{"total":<n>}}}; at most 100 per page.
 *
 * @see <a href="https://developers.freshworks.com/crm/api/#filtered_search">Filtered search</a>
 */
final class FreshsalesApi {

    /** Largest {@code per_page} Freshsales accepts. */
    static final int MAX_PAGE_SIZE = 100;

    final CrmHttpClient http;
    final ObjectMapper json;

    FreshsalesApi(CrmHttpClient http) {
        this.http = http;
        this.json = http.objectMapper();
    }

    ErrorDetails details() {
        return ErrorDetails.of(FreshsalesConfig.PROVIDER_ID);
    }

    CrmId id(JsonNode idNode) {
        return CrmId.of(FreshsalesConfig.PROVIDER_ID, idNode.asText());
    }

    /** {@code GET <path>}, the record under {@code key}. */
    JsonNode getRecord(String path, String key, String operation) {
        return http.execute(CrmRequest.get(path).operation(operation).build()).json().path(key);
    }

    /** {@code DELETE <path>}: 200 with the body {@code true}; 404 for an unknown id. Retried like every DELETE. */
    void delete(String path, String operation) {
        http.execute(CrmRequest.delete(path).operation(operation).build());
    }

    /** Checks that an id is a Freshsales id (a positive integer) so that it can go into a path. */
    String checkedId(String id, String field) {
        if (id == null || !id.matches("[0-9]{1,19}")) {
            throw new CrmValidationException("not a Freshsales id: " + id, details(),
                    List.of(new CrmValidationException.FieldError(field, "INVALID_ID", "Freshsales ids are numeric")));
        }
        return id;
    }

    /** One filter rule of the filtered search. */
    ObjectNode rule(String attribute, String operator, Object value) {
        ObjectNode r = json.createObjectNode().put("attribute", attribute).put("operator", operator);
        r.set("value", json.valueToTree(value));
        return r;
    }

    /**
     * One page of {@code POST /filtered_search/<entity>}, sorted by {@code updated_at} ascending.
     *
     * @param entity   {@code contact}, {@code sales_account} or {@code deal}
     * @param listKey  {@code contacts}, {@code sales_accounts} or {@code deals}
     * @param rules    the filter rules (AND)
     * @param page     cursor = 1-based page number
     * @param mapper   record mapping
     */
    <T> Page<T> search(String entity, String listKey, List<ObjectNode> rules, PageRequest page,
                       Function<JsonNode, T> mapper, String operation) {
        int size = Math.max(1, Math.min(page.size(), MAX_PAGE_SIZE));
        int number = 1;
        if (page.cursor() != null) {
            try {
                number = Integer.parseInt(page.cursor());
            } catch (NumberFormatException e) {
                throw new CrmValidationException("not a Freshsales page cursor: " + page.cursor(), details(),
                        List.of(new CrmValidationException.FieldError("cursor", "INVALID_CURSOR", page.cursor())));
            }
        }
        ObjectNode body = json.createObjectNode();
        ArrayNode filter = body.putArray("filter_rule");
        rules.forEach(filter::add);
        body.put("sort", "updated_at").put("sort_type", "asc");
        CrmResponse response = http.execute(CrmRequest.post("/filtered_search/" + entity)
                .query("page", number).query("per_page", size).jsonBody(body)
                .idempotent(true).operation(operation).build());
        JsonNode root = response.json();
        List<T> items = new ArrayList<>();
        root.path(listKey).forEach(n -> items.add(mapper.apply(n)));
        long total = root.path("meta").path("total").asLong(-1);
        boolean more = total >= 0 ? (long) number * size < total : items.size() == size;
        return new Page<>(items, more && !items.isEmpty() ? Integer.toString(number + 1) : null);
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    static Instant instant(JsonNode n, String field) {
        String s = text(n, field);
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.parse(s);
        }
    }

    static LocalDate date(JsonNode n, String field) {
        String s = text(n, field);
        if (s == null) {
            return null;
        }
        return s.length() > 10 ? OffsetDateTime.parse(s).toLocalDate() : LocalDate.parse(s);
    }

    static BigDecimal decimal(JsonNode n, String field) {
        String s = text(n, field);
        return s == null ? null : new BigDecimal(s);
    }

    static Long longValue(JsonNode n, String field) {
        String s = text(n, field);
        return s == null ? null : new BigDecimal(s).longValueExact();
    }

    /** The {@code custom_field} object as a map (values as JSON scalars become strings, numbers or booleans). */
    Map<String, Object> customFields(JsonNode n) {
        Map<String, Object> out = new LinkedHashMap<>();
        JsonNode cf = n.path("custom_field");
        if (cf.isObject()) {
            for (Map.Entry<String, JsonNode> e : cf.properties()) {
                if (!e.getValue().isNull()) {
                    out.put(e.getKey(), json.convertValue(e.getValue(), Object.class));
                }
            }
        }
        return out;
    }
}
