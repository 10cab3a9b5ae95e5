package dev.salesagent.crm.salesforce.internal.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.crm.CrmConfigurationException;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.http.CrmHttpClient;
import dev.salesagent.crm.http.CrmRequest;
import dev.salesagent.crm.http.CrmResponse;
import dev.salesagent.crm.salesforce.internal.api.CollectionRequest;
import dev.salesagent.crm.salesforce.internal.api.CompositeRequest;
import dev.salesagent.crm.salesforce.internal.api.CompositeResponse;
import dev.salesagent.crm.salesforce.internal.api.QueryResult;
import dev.salesagent.crm.salesforce.internal.api.SaveResult;
import dev.salesagent.crm.salesforce.internal.mapper.SObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The Salesforce REST resources the adapter uses, on the shared {@link CrmHttpClient} (which owns auth refresh,
 * retries, limits and metrics). URLs are absolute: the instance URL comes from the token's {@code instance_url}
 * unless {@code baseUrl} overrides it.
 */
public final class SalesforceRest {

    private static final Pattern ID = Pattern.compile("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?");
    private static final TypeReference<List<SaveResult>> SAVE_RESULTS = new TypeReference<>() { };

    private final String providerId;
    private final CrmHttpClient http;
    private final Supplier<String> instanceUrl;
    private final String apiVersion;
    private final int batchSize;
    private final ObjectMapper json;
    private final SalesforceErrors errors;
    private final Clock clock;
    private final boolean multiCurrency;
    private final boolean allowNonUniqueKeys;
    private final Consumer<CrmResponse> observer;
    /** {@code sObject.field} key fields whose describe has been checked (once per client). */
    private final Set<String> checkedKeys = ConcurrentHashMap.newKeySet();

    /**
     * @param instanceUrl supplies the instance URL without trailing slash (may fetch a token)
     * @param batchSize   {@code Sforce-Query-Options: batchSize} hint, 200..2000
     * @param allowNonUniqueKeys accept key fields marked External ID but not Unique (View All Data orgs)
     * @param observer    sees every successful response (limits header)
     */
    public SalesforceRest(String providerId, CrmHttpClient http, Supplier<String> instanceUrl, String apiVersion,
                          int batchSize, ObjectMapper json, SalesforceErrors errors, Clock clock,
                          boolean multiCurrency, boolean allowNonUniqueKeys, Consumer<CrmResponse> observer) {
        this.providerId = providerId;
        this.http = http;
        this.instanceUrl = instanceUrl;
        this.apiVersion = apiVersion;
        this.batchSize = batchSize;
        this.json = json;
        this.errors = errors;
        this.clock = clock;
        this.multiCurrency = multiCurrency;
        this.allowNonUniqueKeys = allowNonUniqueKeys;
        this.observer = observer;
    }

    String providerId() { return providerId; }
    ObjectMapper json() { return json; }
    SalesforceErrors errors() { return errors; }
    Clock clock() { return clock; }
    String apiVersion() { return apiVersion; }
    boolean multiCurrency() { return multiCurrency; }

    private String url(String rest) {
        return instanceUrl.get() + "/services/data/" + apiVersion + "/" + rest;
    }

    private CrmResponse execute(CrmRequest request) {
        CrmResponse response = http.execute(request);
        observer.accept(response);
        return response;
    }

    // ------------------------------------------------------------------ SOQL

    /**
     * Runs a SOQL query and follows {@code nextRecordsUrl} until {@code maxRows} rows or the end
     * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_query.htm).
     */
    List<ObjectNode> query(Soql soql, int maxRows, String operation) {
        String options = "batchSize=" + batchSize;
        QueryResult batch = execute(CrmRequest.get(url("query")).query("q", soql.toString())
                .header("Sforce-Query-Options", options).operation(operation).build()).as(QueryResult.class);
        List<ObjectNode> rows = new ArrayList<>(batch.records());
        while (!batch.done() && batch.nextRecordsUrl() != null && rows.size() < maxRows) {
            batch = execute(CrmRequest.get(instanceUrl.get() + batch.nextRecordsUrl())
                    .header("Sforce-Query-Options", options).operation(operation).build()).as(QueryResult.class);
            rows.addAll(batch.records());
        }
        return rows.size() > maxRows ? rows.subList(0, maxRows) : rows;
    }

    /** The row with this id, or empty when the id cannot be one of {@code sObject} or no such record exists. */
    Optional<ObjectNode> getById(Soql select, String sObject, String id, String operation) {
        if (!isIdOf(id, keyPrefix(sObject))) {
            return Optional.empty();
        }
        return query(select.where("Id = " + Soql.literal(id)).limit(1), 1, operation).stream().findFirst();
    }

    private static String keyPrefix(String sObject) {
        return switch (sObject) {
            case "Account" -> "001";
            case "Contact" -> "003";
            case "Opportunity" -> "006";
            case "Note" -> "002";
            case "Product2" -> "01t";
            case "Order" -> "801";
            default -> "";
        };
    }

    static boolean isIdOf(String id, String prefix) {
        return id != null && ID.matcher(id).matches() && id.startsWith(prefix);
    }

    /** @throws CrmNotFoundException if {@code id} cannot be a record id with this key prefix */
    void requireIdOf(String id, String prefix, String what) {
        if (!isIdOf(id, prefix)) {
            throw notFound(what, id);
        }
    }

    CrmNotFoundException notFound(String what, String id) {
        return new CrmNotFoundException(what + " '" + id + "' not found", ErrorDetails.of(providerId));
    }

    /**
     * A keyset page: {@code sortField} ascending then {@code Id} ({@code null} sorts by {@code Id} only), fetching
     * one row more than the page to know whether another page follows.
     */
    <T> Page<T> page(Soql q, String sortField, PageRequest page, String operation, Function<ObjectNode, T> map) {
        if (page.cursor() != null) {
            Keyset last = Keyset.decode(providerId, page.cursor());
            if (sortField != null && last.sortValue() == null) {
                throw Keyset.malformed(providerId, page.cursor());
            }
            if (sortField == null) {
                q.where("Id > " + Soql.literal(last.id()));
            } else {
                q.where(sortField + " > " + last.sortValue() + " OR (" + sortField + " = " + last.sortValue()
                        + " AND Id > " + Soql.literal(last.id()) + ")");
            }
        }
        q.orderBy(sortField == null ? "Id ASC" : sortField + " ASC, Id ASC").limit(page.size() + 1);
        List<ObjectNode> rows = query(q, page.size() + 1, operation);
        boolean more = rows.size() > page.size();
        List<ObjectNode> items = more ? rows.subList(0, page.size()) : rows;
        String cursor = null;
        if (more) {
            ObjectNode lastRow = items.get(items.size() - 1);
            Instant sort = sortField == null ? null : SObjectMapper.instant(lastRow, sortField);
            cursor = (sort == null ? new Keyset(null, lastRow.path("Id").asText())
                    : Keyset.ofTime(sort, lastRow.path("Id").asText())).encode();
        }
        return new Page<>(items.stream().map(map).toList(), cursor);
    }

    /**
     * Records whose {@code SystemModstamp} (the reported {@code updatedAt}) is strictly after {@code since}, oldest
     * first. Salesforce keeps whole seconds, so this is {@code SystemModstamp > floor(since)}: a change in the same
     * second as {@code since} (its {@code updatedAt} equals the floor) is not returned.
     */
    <T> Page<T> changedSince(Soql q, Instant since, PageRequest page, String operation, Function<ObjectNode, T> map) {
        q.where("SystemModstamp > " + Soql.dateTime(since));
        return page(q, "SystemModstamp", page, operation, map);
    }

    // ------------------------------------------------------------------ writes

    /**
     * Checks once per client, from {@code GET /sobjects/{sObject}/describe}
     * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm, field
     * properties {@code externalId} and {@code unique} as in the SOAP {@code DescribeSObjectResult.Field}), that
     * {@code keyField} can carry an upsert: it exists, is marked External ID and, unless non-unique keys are allowed,
     * Unique. Salesforce upserts by a non-unique external id only for users with "View All Data".
     *
     * @throws CrmConfigurationException if the field is missing, not an external id, or not unique (and not allowed)
     */
    void requireUpsertKey(String sObject, String keyField, String operation) {
        String key = sObject + "." + keyField;
        if (checkedKeys.contains(key)) {
            return;
        }
        ObjectNode describe = execute(CrmRequest.get(url("sobjects/" + sObject + "/describe"))
                .operation(operation + ".describe").build()).as(ObjectNode.class);
        ObjectNode field = null;
        for (var f : describe.path("fields")) {
            if (f.path("name").asText().equalsIgnoreCase(keyField)) {
                field = (ObjectNode) f;
            }
        }
        String problem = null;
        if (field == null) {
            problem = sObject + " has no field " + keyField + " visible to the integration user";
        } else if (!field.path("externalId").asBoolean(false)) {
            problem = sObject + "." + keyField + " is not marked External ID, so Salesforce cannot upsert by it";
        } else if (!field.path("unique").asBoolean(false) && !allowNonUniqueKeys) {
            problem = sObject + "." + keyField + " is marked External ID but not Unique: Salesforce upserts by it only "
                    + "when the integration user has \"View All Data\". Mark the field Unique, or grant View All "
                    + "Data and set allowNonUniqueKeyFields=true";
        }
        if (problem != null) {
            throw new CrmConfigurationException(providerId, List.of(problem));
        }
        checkedKeys.add(key);
    }

    /** POST {@code /sobjects/{sObject}}; not retried after ambiguous failures (no natural key). */
    String create(String sObject, ObjectNode body, String operation) {
        return execute(CrmRequest.post(url("sobjects/" + sObject)).jsonBody(body).operation(operation).build())
                .as(SaveResult.class).id();
    }

    /** PATCH {@code /sobjects/{sObject}/{id}} (204). Idempotent. */
    void update(String sObject, String id, ObjectNode body, String operation) {
        execute(CrmRequest.patch(url("sobjects/" + sObject + "/" + id)).jsonBody(body).idempotent(true)
                .operation(operation).build());
    }

    /**
     * DELETE {@code /sobjects/{sObject}/{id}} (204): the record goes to the org's Recycle Bin (kept 15 days, then purged).
     * An unknown id is 404 {@code NOT_FOUND}, a deleted one 404 {@code ENTITY_IS_DELETED} (both
     * {@code CrmNotFoundException}). Retried like every DELETE.
     */
    void delete(String sObject, String id, String operation) {
        execute(CrmRequest.delete(url("sobjects/" + sObject + "/" + id)).operation(operation).build());
    }

    /** PATCH {@code /composite/sobjects/{sObject}/{keyField}}: one result per record, in order, HTTP 200. */
    List<SaveResult> upsertCollection(String sObject, String keyField, CollectionRequest request, String operation) {
        if (request.records().size() > CollectionRequest.MAX_RECORDS) {
            throw new IllegalArgumentException("at most " + CollectionRequest.MAX_RECORDS + " records per call");
        }
        List<SaveResult> results;
        try {
            results = execute(CrmRequest.patch(url("composite/sobjects/" + sObject + "/" + keyField))
                    .jsonBody(request).idempotent(true).operation(operation).build()).as(SAVE_RESULTS);
        } catch (CrmNotFoundException e) {
            // The resource itself is missing (no such object, or the field is not an accessible external id):
            // a configuration problem, not a missing record. Record-level failures come back inside a 200.
            throw new CrmConfigurationException(providerId, List.of("Salesforce has no upsert resource "
                    + sObject + "/" + keyField + " (" + e.getMessage() + "): check that the field exists, is marked "
                    + "External ID and is visible to the integration user"));
        }
        if (results.size() != request.records().size()) {
            throw new dev.salesagent.crm.CrmException("Salesforce returned " + results.size() + " results for "
                    + request.records().size() + " records", ErrorDetails.of(providerId));
        }
        return results;
    }

    /** POST {@code /composite}; retried after ambiguous failures only because it carries an idempotency key. */
    CompositeResponse composite(CompositeRequest request, String operation, String idempotencyKey) {
        if (request.compositeRequest().size() > CompositeRequest.MAX_SUBREQUESTS) {
            throw new IllegalArgumentException("at most " + CompositeRequest.MAX_SUBREQUESTS + " subrequests");
        }
        return execute(CrmRequest.post(url("composite")).jsonBody(request).idempotencyKey(idempotencyKey)
                .operation(operation).build()).as(CompositeResponse.class);
    }
}
