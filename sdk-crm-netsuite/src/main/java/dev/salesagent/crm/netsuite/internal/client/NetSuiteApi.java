package dev.salesagent.crm.netsuite.internal.client;

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
import dev.salesagent.crm.netsuite.internal.api.SuiteQlRequest;
import dev.salesagent.crm.netsuite.internal.api.SuiteQlResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NetSuite REST calls this adapter makes, on top of the shared {@link CrmHttpClient} (which owns retries,
 * throttling back-off, the concurrency limit, authentication and error mapping):
 * <ul>
 *   <li>record API {@code /services/rest/record/v1/{type}}: create ({@code POST}, answered {@code 204} with the new
 *       record's URL in {@code Location}), upsert by external id ({@code PUT .../eid:{externalId}},
 *       <a href="https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156335203191.html">doc</a>),
 *       update ({@code PATCH}), read ({@code GET});</li>
 *   <li>SuiteQL {@code POST /services/rest/query/v1/suiteql} with {@code Prefer: transient}, {@code limit} (at most
 *       1000) and {@code offset}, following {@code hasMore} and the {@code next} link
 *       (<a href="https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157909186990.html">doc</a>).
 *       Queries are read-only, so they are marked idempotent and retried like GETs.</li>
 * </ul>
 */
public final class NetSuiteApi {

    static final String RECORD = "/services/rest/record/v1/";
    static final String SUITEQL = "/services/rest/query/v1/suiteql";
    /** NetSuite's largest SuiteQL page. */
    public static final int MAX_SUITEQL_LIMIT = 1000;
    /**
     * The most rows one SuiteQL query can return through REST paging: NetSuite refuses offsets past 100,000
     * (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157909186990.html).
     */
    public static final int MAX_SUITEQL_ROWS = 100_000;
    private static final Pattern LOCATION_ID = Pattern.compile("/record/v1/[A-Za-z]+/([0-9]+)/?$");
    private static final Pattern OFFSET = Pattern.compile("[?&]offset=([0-9]+)");

    private final String providerId;
    private final CrmHttpClient http;

    public NetSuiteApi(String providerId, CrmHttpClient http) {
        this.providerId = providerId;
        this.http = http;
    }

    public String providerId() {
        return providerId;
    }

    /**
     * {@code POST /record/v1/{type}}; the new internal id from {@code Location}. Not repeated after an ambiguous
     * failure (5xx, timeout), since NetSuite may have created the record; throttling (429,
     * {@code SSS_REQUEST_LIMIT_EXCEEDED}) proves it did not, and is retried.
     */
    public String create(String type, Object body, String operation) {
        CrmResponse response = http.execute(CrmRequest.post(RECORD + type).jsonBody(body).operation(operation)
                .build());
        return idFromLocation(response);
    }

    /**
     * {@code PUT /record/v1/{type}/eid:{externalId}}: creates the record or updates the one with this external id,
     * so repeating it never creates a second record. The internal id from {@code Location}.
     */
    public String upsertByExternalId(String type, String externalId, Object body, String operation) {
        return upsertByExternalId(type, externalId, body, null, operation);
    }

    /**
     * As {@link #upsertByExternalId(String, String, Object, String)}, with {@code ?replace=<sublists>}: when the PUT
     * lands on an existing record (a retry after a lost response), the named sublists are replaced by the request's
     * lines instead of having them appended, which NetSuite does for non-keyed sublists
     * (<a href="https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545297048.html">Replacing a
     * Sublist</a>).
     */
    public String upsertByExternalId(String type, String externalId, Object body, String replaceSublists,
                                     String operation) {
        CrmResponse response = http.execute(CrmRequest.put(RECORD + type + "/" + eid(externalId))
                .query("replace", replaceSublists).jsonBody(body).operation(operation).build());
        return idFromLocation(response);
    }

    /**
     * {@code PATCH /record/v1/{type}/{id}}; only the fields in {@code body} change. Marked idempotent: our bodies set
     * absolute values (never increments), so repeating the PATCH after a timeout has the same effect.
     */
    public void update(String type, String id, Object body, String operation) {
        http.execute(CrmRequest.patch(RECORD + type + "/" + id).jsonBody(body).idempotent(true).operation(operation)
                .build());
    }

    /**
     * {@code DELETE /record/v1/{type}/{id}}: 204; a record that does not exist is 404 {@code NONEXISTENT_ID}
     * ({@code CrmNotFoundException}). Retried like every DELETE; a retry after the first attempt landed answers 404.
     */
    public void delete(String type, String id, String operation) {
        http.execute(CrmRequest.delete(RECORD + type + "/" + id).operation(operation).build());
    }

    /** {@code GET /record/v1/{type}/{key}} with sublists expanded; empty on 404. */
    public <T> Optional<T> get(String type, String key, Class<T> as, String operation) {
        try {
            return Optional.of(http.execute(CrmRequest.get(RECORD + type + "/" + key)
                    .query("expandSubResources", "true").operation(operation).build(), as));
        } catch (CrmNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The path segment that addresses a record by external id: {@code eid:} + the percent-encoded id. */
    public static String eid(String externalId) {
        return "eid:" + TbaSignature.encode(externalId);
    }

    /**
     * One SuiteQL page. NetSuite takes {@code offset} only as a multiple of {@code limit} (a page number times the
     * page size), so the limit sent is the largest size up to {@code limit} that divides {@code offset}: a caller who
     * changes the page size between pages gets a shorter page, never rows skipped or repeated.
     *
     * @param limit  rows wanted, 1..{@value #MAX_SUITEQL_LIMIT} (larger values are capped)
     * @param offset rows to skip, 0..{@value #MAX_SUITEQL_ROWS}
     * @throws CrmException if {@code offset} reaches NetSuite's {@value #MAX_SUITEQL_ROWS}-row window
     */
    public SuiteQlResponse suiteQl(String query, int limit, int offset, String operation) {
        if (offset >= MAX_SUITEQL_ROWS) {
            throw tooManyRows(operation);
        }
        return http.execute(CrmRequest.post(SUITEQL)
                .query("limit", pageLimit(limit, offset))
                .query("offset", offset)
                .header("Prefer", "transient")
                .jsonBody(new SuiteQlRequest(query))
                .idempotent(true)
                .operation(operation)
                .build(), SuiteQlResponse.class);
    }

    /** The largest limit up to {@code wanted} (and 1000) that {@code offset} is a multiple of. */
    static int pageLimit(int wanted, int offset) {
        int limit = Math.max(1, Math.min(wanted, MAX_SUITEQL_LIMIT));
        while (offset % limit != 0) {
            limit--;
        }
        return limit;
    }

    private CrmException tooManyRows(String operation) {
        return new CrmException("NetSuite returns at most " + MAX_SUITEQL_ROWS + " rows of one SuiteQL query ("
                + operation + "); narrow the query (e.g. a later changedSince or more filters)",
                ErrorDetails.of(providerId));
    }

    /**
     * Every row of a query, following {@code hasMore} page by page (1000 rows per call).
     *
     * @throws CrmException if the query has more than {@value #MAX_SUITEQL_ROWS} rows (NetSuite serves no more)
     */
    public List<ObjectNode> suiteQlAll(String query, String operation) {
        List<ObjectNode> rows = new ArrayList<>();
        int offset = 0;
        while (true) {
            SuiteQlResponse page = suiteQl(query, MAX_SUITEQL_LIMIT, offset, operation);
            rows.addAll(page.items());
            if (!page.hasMore() || page.items().isEmpty()) {
                return rows;
            }
            offset = nextOffset(page, offset);
            if (offset >= MAX_SUITEQL_ROWS) {
                throw tooManyRows(operation);
            }
        }
    }

    /** The first row, if any. */
    public Optional<ObjectNode> suiteQlFirst(String query, String operation) {
        List<ObjectNode> items = suiteQl(query, 1, 0, operation).items();
        return items.isEmpty() ? Optional.empty() : Optional.of(items.get(0));
    }

    /**
     * A page of mapped rows; the cursor is the SuiteQL offset of the next page (from its {@code next} link).
     *
     * @throws CrmException if the cursor is at NetSuite's {@value #MAX_SUITEQL_ROWS}-row limit
     */
    public <T> Page<T> page(String query, PageRequest page, Function<ObjectNode, T> mapper, String operation) {
        int offset = offset(page.cursor());
        SuiteQlResponse response = suiteQl(query, page.size(), offset, operation);
        List<T> items = response.items().stream().map(mapper).toList();
        String next = response.hasMore() && !response.items().isEmpty()
                ? Integer.toString(nextOffset(response, offset)) : null;
        return new Page<>(items, next);
    }

    private int offset(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(cursor);
            if (offset < 0) {
                throw new NumberFormatException(cursor);
            }
            return offset;
        } catch (NumberFormatException e) {
            throw new CrmValidationException("not a NetSuite page cursor: '" + cursor + "'",
                    ErrorDetails.of(providerId), List.of(new CrmValidationException.FieldError("cursor",
                    "INVALID_CURSOR", "expected the cursor of a previous page")));
        }
    }

    private static int nextOffset(SuiteQlResponse page, int offset) {
        return page.nextHref().map(OFFSET::matcher).filter(Matcher::find).map(m -> Integer.parseInt(m.group(1)))
                .orElse(offset + page.items().size());
    }

    private String idFromLocation(CrmResponse response) {
        String location = response.header("Location").orElseThrow(() -> new CrmException(
                "NetSuite answered HTTP " + response.status() + " without a Location header",
                response.errorDetails(null)));
        Matcher m = LOCATION_ID.matcher(location);
        if (!m.find()) {
            throw new CrmException("unexpected Location header from NetSuite: " + location,
                    response.errorDetails(null));
        }
        return m.group(1);
    }
}
