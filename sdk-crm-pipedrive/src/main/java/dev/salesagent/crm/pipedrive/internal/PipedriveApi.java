package dev.salesagent.crm.pipedrive.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.http.CrmHttpClient;
import dev.salesagent.crm.http.CrmRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What every Pipedrive operation shares: the HTTP client, the envelope {@code {"success":true,"data":...,
 * "additional_data":{...}}}, ids and timestamps. Paths: {@code /api/v2/...} (cursor paging,
 * {@code additional_data.next_cursor}, at most 500 per page) and {@code /api/v1/notes} (offset paging).
 */
public final class PipedriveApi {

    /** The provider id. */
    public static final String ID = "pipedrive";
    /** Largest {@code limit} Pipedrive accepts on list and search endpoints. */
    public static final int MAX_PAGE = 500;

    private static final Pattern NUMERIC_ID = Pattern.compile("[1-9][0-9]{0,17}");
    private static final DateTimeFormatter V1_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    final CrmHttpClient http;
    final Clock clock;

    /**
     * @param http  the configured HTTP client
     * @param clock the client's clock
     */
    public PipedriveApi(CrmHttpClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** Executes and returns {@code data} of the envelope (a {@code MissingNode} when absent). */
    JsonNode data(CrmRequest request) {
        return http.execute(request).json().path("data");
    }

    /** Executes and returns the whole envelope. */
    JsonNode envelope(CrmRequest request) {
        return http.execute(request).json();
    }

    static CrmId id(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull() ? null : CrmId.of(ID, n.asText());
    }

    /**
     * Checks an id given by a caller: Pipedrive ids are positive integers, so anything else is a
     * {@link CrmValidationException} before any request.
     */
    static String checkId(String id, String what) {
        if (id == null || !NUMERIC_ID.matcher(id).matches()) {
            throw new CrmValidationException(what + " id must be a positive integer but was '" + id + "'",
                    ErrorDetails.of(ID), List.of(new CrmValidationException.FieldError("id", "INVALID", "not a Pipedrive id")));
        }
        return id;
    }

    /** Parses v2 RFC 3339 ({@code 2025-01-01T10:20:00Z}) and v1 ({@code 2025-01-01 10:20:00}, UTC) timestamps. */
    static Instant time(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode() || n.asText().isBlank()) {
            return null;
        }
        String v = n.asText();
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException notRfc3339) {
            try {
                return LocalDateTime.parse(v, V1_TIME).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new CrmException("Pipedrive sent an unreadable timestamp '" + v + "'", ErrorDetails.of(ID), e);
            }
        }
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.isMissingNode() ? null : v.asText();
    }

    /** The primary (else first) {@code value} of a Pipedrive {@code emails}/{@code phones} array. */
    static String primary(JsonNode array) {
        String first = null;
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            JsonNode e = it.next();
            String v = e.isObject() ? text(e, "value") : e.asText(null);
            if (v == null || v.isBlank()) {
                continue;
            }
            if (e.path("primary").asBoolean(false)) {
                return v;
            }
            if (first == null) {
                first = v;
            }
        }
        return first;
    }

    static Map<String, Object> customFields(JsonNode n) {
        Map<String, Object> out = new java.util.TreeMap<>();
        n.path("custom_fields").properties().forEach(e -> {
            if (!e.getValue().isNull()) {
                out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
            }
        });
        return out;
    }
}
