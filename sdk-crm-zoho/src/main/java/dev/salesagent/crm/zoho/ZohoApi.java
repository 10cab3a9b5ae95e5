package dev.salesagent.crm.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.http.CrmHttpClient;
import dev.salesagent.crm.http.CrmRequest;
import dev.salesagent.crm.http.CrmResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The Zoho CRM v8 record endpoints the operations share (all paths relative to the API domain):
 * <ul>
 * <li>{@code GET /crm/v8/{module}/{id}} — one record, {@code {"data":[record]}}; 204 when there is none
 * (<a href="https://www.zoho.com/crm/developer/docs/api/v8/get-records.html">get records</a>)</li>
 * <li>{@code GET /crm/v8/{module}?fields=..&sort_by=Modified_Time&sort_order=asc&per_page&page|page_token} with
 * {@code If-Modified-Since} — changed records; {@code per_page} at most 200, {@code page_token} beyond 2,000 records</li>
 * <li>{@code GET /crm/v8/{module}/search?criteria|email|word=..&page&per_page} — at most 2,000 results per query,
 * 204 when none match (<a href="https://www.zoho.com/crm/developer/docs/api/v8/search-records.html">search</a>)</li>
 * <li>{@code POST /crm/v8/{module}}, {@code PUT /crm/v8/{module}}, {@code POST /crm/v8/{module}/upsert} — at most
 * 100 records per call, one {@code {"code","details","message","status"}} item per record, in input order
 * (<a href="https://www.zoho.com/crm/developer/docs/api/v8/insert-records.html">insert</a>,
 * <a href="https://www.zoho.com/crm/developer/docs/api/v8/update-records.html">update</a>,
 * <a href="https://www.zoho.com/crm/developer/docs/api/v8/upsert-records.html">upsert</a>)</li>
 * </ul>
 */
final class ZohoApi {

    static final int MAX_WRITE = 100;
    static final int MAX_PER_PAGE = 200;
    static final DateTimeFormatter ZOHO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    final CrmHttpClient http;
    final ZohoConfig config;
    final ObjectMapper json;
    private final String root;

    ZohoApi(CrmHttpClient http, ZohoConfig config) {
        this.http = http;
        this.config = config;
        this.json = http.objectMapper();
        this.root = "/crm/" + config.apiVersion() + "/";
    }

    String path(String module, String... segments) {
        StringBuilder sb = new StringBuilder(root).append(module);
        for (String s : segments) {
            sb.append('/').append(s);
        }
        return sb.toString();
    }

    /** One outcome per record of a write: the success item or the failure. */
    record Outcome(JsonNode item, CrmException error) {
        boolean ok() {
            return error == null;
        }
    }

    /** Sends up to {@link #MAX_WRITE} records; returns one outcome per record, in input order. */
    List<Outcome> write(String method, String module, String suffix, List<ObjectNode> records, String operation,
                        Function<ObjectNode, ObjectNode> bodyExtras) {
        return write(method, module, suffix, records, operation, bodyExtras, false);
    }

    /**
     * As {@link #write(String, String, String, List, String, Function)}; {@code retrySafe} marks a POST insert that a
     * unique key field makes safe to repeat after an ambiguous failure.
     */
    List<Outcome> write(String method, String module, String suffix, List<ObjectNode> records, String operation,
                        Function<ObjectNode, ObjectNode> bodyExtras, boolean retrySafe) {
        if (records.size() > MAX_WRITE) {
            throw new IllegalArgumentException("at most " + MAX_WRITE + " records per call: " + records.size());
        }
        ObjectNode body = json.createObjectNode();
        ArrayNode data = body.putArray("data");
        records.forEach(data::add);
        if (bodyExtras != null) {
            bodyExtras.apply(body);
        }
        JsonNode items;
        CrmResponse response;
        try {
            response = http.execute(CrmRequest.builder(method, suffix == null ? path(module) : path(module, suffix))
                    .jsonBody(body).idempotent(retrySafe || !"POST".equals(method) || "upsert".equals(suffix))
                    .operation(operation).build());
            items = response.json().path("data");
        } catch (ZohoErrors.RecordErrors e) {
            items = e.data();
            response = null;
        }
        List<Outcome> out = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            JsonNode item = items.path(i);
            if ("success".equals(item.path("status").asText())) {
                out.add(new Outcome(item, null));
            } else if (item.isMissingNode()) {
                out.add(new Outcome(null, new CrmException("Zoho returned no result for record " + i,
                        ErrorDetails.of(ZohoCrmClientProvider.ID))));
            } else {
                out.add(new Outcome(null, ZohoErrors.record(itemResponse(response), item)));
            }
        }
        return out;
    }

    private CrmResponse itemResponse(CrmResponse response) {
        return response != null ? response
                : CrmResponse.of(ZohoCrmClientProvider.ID, 400, okhttp3.Headers.of(), "", Instant.EPOCH);
    }

    /**
     * {@code DELETE /{module}?ids={id}}: Zoho moves the record to its Recycle Bin (kept 60 days). The answer is one item
     * per id; an id Zoho calls invalid ({@code INVALID_DATA}, HTTP 400) is {@link CrmNotFoundException}.
     *
     * @see <a href="https://www.zoho.com/crm/developer/docs/api/v8/delete-records.html">Delete Records</a>
     */
    void delete(String module, String id, String operation) {
        requireNumericId(module, id);
        CrmResponse response;
        JsonNode item;
        try {
            response = http.execute(CrmRequest.delete(path(module)).query("ids", id).operation(operation).build());
            item = response.json().path("data").path(0);
        } catch (ZohoErrors.RecordErrors e) {
            response = null;
            item = e.data().path(0);
        }
        if ("success".equals(item.path("status").asText())) {
            return;
        }
        CrmException error = ZohoErrors.record(itemResponse(response), item);
        if ("INVALID_DATA".equals(error.vendorCode())) {
            throw new CrmNotFoundException("no " + module + " record " + id + ": " + error.getMessage(),
                    error.details(), error);
        }
        throw error;
    }

    private static void requireNumericId(String module, String id) {
        if (id == null || !id.matches("[0-9]{1,25}")) {
            throw new CrmNotFoundException("no " + module + " record " + id + " (Zoho ids are numeric)",
                    ErrorDetails.of(ZohoCrmClientProvider.ID));
        }
    }

    /** {@code GET /{module}/{id}}; 204 or an id Zoho calls invalid is {@link CrmNotFoundException}. */
    JsonNode get(String module, String id, String operation) {
        requireNumericId(module, id);
        CrmResponse r;
        try {
            r = http.execute(CrmRequest.get(path(module, id)).operation(operation).build());
        } catch (CrmValidationException e) {
            if ("INVALID_DATA".equals(e.vendorCode())) {
                throw new CrmNotFoundException("no " + module + " record " + id + ": " + e.getMessage(), e.details(), e);
            }
            throw e;
        }
        JsonNode rec = r.json().path("data").path(0);
        if (r.status() == 204 || rec.isMissingNode()) {
            throw new CrmNotFoundException("no " + module + " record " + id,
                    ErrorDetails.http(ZohoCrmClientProvider.ID, r.status(), null, r.requestId()));
        }
        return rec;
    }

    /** One page of {@code GET /{module}/search}; {@code param} is {@code criteria}, {@code email} or {@code word}. */
    Page<JsonNode> search(String module, String param, String value, PageRequest page, String operation) {
        int perPage = Math.min(page.size(), MAX_PER_PAGE);
        int pageNo = page.cursor() == null ? 1 : Integer.parseInt(page.cursor());
        CrmResponse r = http.execute(CrmRequest.get(path(module, "search")).query(param, value)
                .query("page", pageNo).query("per_page", perPage).operation(operation).build());
        return page(r, p -> Integer.toString(pageNo + 1), (pageNo + 1L) * perPage <= 2000);
    }

    /**
     * One page of records modified after {@code since} (oldest change first, {@code If-Modified-Since}), or of all
     * records by id when {@code since} is null: {@code GET /{module}}; the cursor is Zoho's {@code next_page_token}.
     * Zoho answers 304 Not Modified when nothing changed since {@code If-Modified-Since}: an empty last page.
     */
    Page<JsonNode> list(String module, String fields, Instant since, PageRequest page, String operation) {
        CrmRequest.Builder b = CrmRequest.get(path(module)).query("fields", fields)
                .query("sort_by", since == null ? "id" : "Modified_Time").query("sort_order", "asc")
                .query("per_page", Math.min(page.size(), MAX_PER_PAGE))
                .operation(operation);
        if (since != null) {
            b.header("If-Modified-Since", ZOHO_TIME.format(since.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)));
        }
        if (page.cursor() != null) {
            b.query("page_token", page.cursor());
        }
        CrmResponse r;
        try {
            r = http.execute(b.build());
        } catch (CrmException e) {
            if (e.httpStatus() == 304) {
                return Page.last(List.of());
            }
            throw e;
        }
        Page<JsonNode> p = page(r, info -> info.path("next_page_token").asText(null), true);
        if (since == null) {
            return p;
        }
        List<JsonNode> newer = p.items().stream().filter(n -> ZohoMapper.time(n, "Modified_Time") != null
                && ZohoMapper.time(n, "Modified_Time").isAfter(since)).toList();
        return new Page<>(newer, p.nextCursor());
    }

    /** One page of a related list, e.g. {@code GET /Contacts/{id}/Notes?fields=..&page&per_page}. */
    Page<JsonNode> related(String module, String id, String related, String fields, PageRequest page, String operation) {
        int perPage = Math.min(page.size(), MAX_PER_PAGE);
        int pageNo = page.cursor() == null ? 1 : Integer.parseInt(page.cursor());
        CrmResponse r = http.execute(CrmRequest.get(path(module, id, related)).query("fields", fields)
                .query("page", pageNo).query("per_page", perPage).operation(operation).build());
        return page(r, info -> Integer.toString(pageNo + 1), true);
    }

    private static Page<JsonNode> page(CrmResponse r, Function<JsonNode, String> next, boolean mayContinue) {
        if (r.status() == 204) {
            return Page.last(List.of());
        }
        JsonNode body = r.json();
        List<JsonNode> items = new ArrayList<>();
        body.path("data").forEach(items::add);
        JsonNode info = body.path("info");
        boolean more = info.path("more_records").asBoolean(false) && mayContinue;
        return new Page<>(items, more ? next.apply(info) : null);
    }

    /** A criteria value escaped as Zoho asks: backslash before {@code (}, {@code )} and {@code ,}. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace(",", "\\,");
    }
}
