package dev.salesagent.crm.hubspot.internal.client;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.hubspot.internal.api.Associations;
import dev.salesagent.crm.hubspot.internal.api.BatchReadRequest;
import dev.salesagent.crm.hubspot.internal.api.BatchResponse;
import dev.salesagent.crm.hubspot.internal.api.BatchUpsertRequest;
import dev.salesagent.crm.hubspot.internal.api.BatchWriteRequest;
import dev.salesagent.crm.hubspot.internal.api.CollectionResponse;
import dev.salesagent.crm.hubspot.internal.api.GdprDeleteInput;
import dev.salesagent.crm.hubspot.internal.api.ObjectCreateRequest;
import dev.salesagent.crm.hubspot.internal.api.ObjectCreateRequest.ObjectId;
import dev.salesagent.crm.hubspot.internal.api.Pipeline;
import dev.salesagent.crm.hubspot.internal.api.SearchRequest;
import dev.salesagent.crm.hubspot.internal.api.SimplePublicObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed HubSpot CRM endpoints (objects v3 or date-versioned, associations v4, pipelines) over a {@link HubSpotTransport}.
 *
 * @see <a href="https://developers.hubspot.com/docs/guides/api/crm/objects/contacts">Contacts</a>
 * @see <a href="https://developers.hubspot.com/docs/guides/api/crm/search">Search</a>
 * @see <a href="https://developers.hubspot.com/docs/guides/api/crm/associations/associations-v4">Associations v4</a>
 */
public final class HubSpotApi {

    /** HubSpot's maximum inputs per batch create/update/upsert/read call. */
    public static final int MAX_BATCH = 100;
    /** HubSpot's maximum results per v4 association list page. */
    public static final int MAX_ASSOCIATION_PAGE = 500;

    private static final TypeReference<SimplePublicObject> OBJECT = new TypeReference<>() {};
    private static final TypeReference<BatchResponse<SimplePublicObject>> BATCH = new TypeReference<>() {};
    private static final TypeReference<CollectionResponse<SimplePublicObject>> PAGE = new TypeReference<>() {};
    private static final TypeReference<CollectionResponse<Associations.AssociatedObject>> ASSOC_PAGE = new TypeReference<>() {};
    private static final TypeReference<BatchResponse<Associations.BatchReadResult>> ASSOC_BATCH = new TypeReference<>() {};
    private static final TypeReference<BatchResponse<Object>> ANY_BATCH = new TypeReference<>() {};
    private static final TypeReference<CollectionResponse<Pipeline>> PIPELINES = new TypeReference<>() {};

    private final HubSpotTransport transport;
    private final HubSpotPaths paths;

    public HubSpotApi(HubSpotTransport transport, HubSpotPaths paths) {
        this.transport = transport;
        this.paths = paths;
    }

    /** {@code POST /crm/v3/objects/{type}/batch/upsert}: 200 or 207 with per-input errors. Idempotent (natural key). */
    public BatchResponse<SimplePublicObject> batchUpsert(String type, List<BatchUpsertRequest.Input> inputs) {
        return transport.call("POST", paths.batchUpsert(type), Map.of(), new BatchUpsertRequest(inputs),
                type + ".batchUpsert", true, BATCH);
    }

    /**
     * {@code POST /crm/v3/objects/{type}/batch/create} (at most 100 inputs): 201, or 207 with per-input errors. Not
     * idempotent, so never retried after the request may have reached HubSpot.
     */
    public BatchResponse<SimplePublicObject> batchCreate(String type, List<BatchWriteRequest.Input> inputs) {
        return transport.call("POST", paths.batchCreate(type), Map.of(), new BatchWriteRequest(inputs),
                type + ".batchCreate", false, BATCH);
    }

    /** {@code POST /crm/v3/objects/{type}/batch/update} by record id (at most 100 inputs): 200 or 207. Idempotent. */
    public BatchResponse<SimplePublicObject> batchUpdate(String type, List<BatchWriteRequest.Input> inputs) {
        return transport.call("POST", paths.batchUpdate(type), Map.of(), new BatchWriteRequest(inputs),
                type + ".batchUpdate", true, BATCH);
    }

    /** {@code GET /crm/v3/objects/{type}/{id}}; throws {@link CrmNotFoundException} when absent. */
    public SimplePublicObject get(String type, String id, List<String> properties, List<String> associations) {
        return transport.call("GET", paths.object(type, id), query(properties, associations, null), null, type + ".get",
                true, OBJECT);
    }

    /** {@code GET /crm/v3/objects/{type}/{value}?idProperty=...}; empty when no record has that value. */
    public Optional<SimplePublicObject> getByProperty(String type, String idProperty, String value,
            List<String> properties, List<String> associations) {
        try {
            return Optional.of(transport.call("GET", paths.object(type, value),
                    query(properties, associations, idProperty), null, type + ".getByProperty", true, OBJECT));
        } catch (CrmNotFoundException e) {
            return Optional.empty();
        }
    }

    /** {@code POST /crm/v3/objects/{type}/search} (read-only, so retried like a GET). */
    public CollectionResponse<SimplePublicObject> search(String type, SearchRequest request) {
        return transport.call("POST", paths.search(type), Map.of(), request, type + ".search", true, PAGE);
    }

    /** {@code POST /crm/v3/objects/{type}} with optional associations. Not idempotent. */
    public SimplePublicObject create(String type, Map<String, String> properties,
            List<ObjectCreateRequest.AssociationInput> associations) {
        return transport.call("POST", paths.objects(type), Map.of(),
                new ObjectCreateRequest(properties, associations.isEmpty() ? null : associations), type + ".create", false, OBJECT);
    }

    /** {@code PATCH /crm/v3/objects/{type}/{id}}: sets the given properties. Idempotent. */
    public SimplePublicObject update(String type, String id, Map<String, String> properties) {
        return transport.call("PATCH", paths.object(type, id), Map.of(), new ObjectCreateRequest(properties, null),
                type + ".update", true, OBJECT);
    }

    /**
     * {@code DELETE /crm/v3/objects/{type}/{id}}: archives the record (restorable for 90 days); 204 No Content, also for
     * an id that does not exist. Idempotent.
     */
    public void archive(String type, String id) {
        transport.send("DELETE", paths.object(type, id), null, type + ".archive", true);
    }

    /**
     * {@code POST /crm/v3/objects/contacts/gdpr-delete} with {@code {"objectId": id}}: permanently deletes the contact and
     * its associated content; 204 No Content. Repeating it has the same outcome, so it is retried like an idempotent call.
     *
     * @see <a href="https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/gdpr/post-crm-v3-objects-contacts-gdpr-delete">GDPR delete</a>
     */
    public void gdprDelete(String type, String id) {
        transport.send("POST", paths.gdprDelete(type), new GdprDeleteInput(id), type + ".gdprDelete", true);
    }

    /** {@code POST /crm/v3/objects/{type}/batch/read} for up to 100 ids; missing ids are simply absent. */
    public List<SimplePublicObject> batchRead(String type, List<String> ids, List<String> properties) {
        List<SimplePublicObject> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += MAX_BATCH) {
            List<ObjectId> chunk = ids.subList(i, Math.min(ids.size(), i + MAX_BATCH)).stream().map(ObjectId::new).toList();
            out.addAll(transport.call("POST", paths.batchRead(type), Map.of(), new BatchReadRequest(chunk, properties, null),
                    type + ".batchRead", true, BATCH).resultsOrEmpty());
        }
        return out;
    }

    /** {@code GET /crm/v4/objects/{from}/{id}/associations/{to}}: one page of associated ids. */
    public CollectionResponse<Associations.AssociatedObject> associations(String fromType, String id, String toType,
            int limit, String after) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("limit", String.valueOf(Math.min(limit, MAX_ASSOCIATION_PAGE)));
        if (after != null) {
            q.put("after", after);
        }
        return transport.call("GET", paths.associationsOf(fromType, id, toType), q, null,
                fromType + ".associations", true, ASSOC_PAGE);
    }

    /**
     * {@code POST /crm/v4/associations/{from}/{to}/batch/read}: first associated id per input id (ids without
     * associations are absent).
     */
    public Map<String, String> firstAssociated(String fromType, String toType, List<String> ids) {
        Map<String, String> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        for (int i = 0; i < ids.size(); i += 1000) {
            List<ObjectId> chunk = ids.subList(i, Math.min(ids.size(), i + 1000)).stream().map(ObjectId::new).toList();
            BatchResponse<Associations.BatchReadResult> r = transport.call("POST",
                    paths.associationsBatchRead(fromType, toType), Map.of(), new Associations.BatchReadInput(chunk),
                    fromType + ".associationsBatchRead", true, ASSOC_BATCH);
            for (Associations.BatchReadResult result : r.resultsOrEmpty()) {
                if (result.from() != null && result.to() != null && !result.to().isEmpty()) {
                    out.put(result.from().id(), result.to().get(0).toObjectId());
                }
            }
        }
        return out;
    }

    /** {@code POST /crm/v4/associations/{from}/{to}/batch/associate/default}: unlabeled default associations. */
    public void associateDefault(String fromType, String toType, List<Associations.Pair> pairs) {
        for (int i = 0; i < pairs.size(); i += MAX_BATCH) {
            transport.call("POST", paths.associateDefault(fromType, toType), Map.of(),
                    new Associations.DefaultAssociateInput(pairs.subList(i, Math.min(pairs.size(), i + MAX_BATCH))),
                    fromType + ".associate", true, ANY_BATCH);
        }
    }

    /**
     * {@code POST /crm/v3/objects/{type}/batch/read} by a property whose values are unique (HubSpot rejects any other
     * {@code idProperty}, e.g. a company's {@code domain}); unlike search, batch
     * reads see writes immediately. Values without a record are absent.
     */
    public List<SimplePublicObject> batchReadByProperty(String type, String idProperty, List<String> values,
            List<String> properties) {
        List<SimplePublicObject> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i += MAX_BATCH) {
            List<ObjectId> chunk = values.subList(i, Math.min(values.size(), i + MAX_BATCH)).stream().map(ObjectId::new)
                    .toList();
            out.addAll(transport.call("POST", paths.batchRead(type), Map.of(),
                    new BatchReadRequest(chunk, properties, idProperty), type + ".batchRead", true, BATCH).resultsOrEmpty());
        }
        return out;
    }

    /** {@code GET /crm/v3/pipelines/deals}. */
    public List<Pipeline> dealPipelines() {
        return transport.call("GET", paths.pipelines("deals"), Map.of(), null, "deals.pipelines", true, PIPELINES)
                .resultsOrEmpty();
    }

    private static Map<String, String> query(List<String> properties, List<String> associations, String idProperty) {
        Map<String, String> q = new LinkedHashMap<>();
        if (properties != null && !properties.isEmpty()) {
            q.put("properties", String.join(",", properties));
        }
        if (associations != null && !associations.isEmpty()) {
            q.put("associations", String.join(",", associations));
        }
        if (idProperty != null) {
            q.put("idProperty", idProperty);
        }
        return q;
    }
}
