package dev.salesagent.crm.salesforce.internal.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.salesforce.internal.api.CollectionRequest;
import dev.salesagent.crm.salesforce.internal.api.SaveResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Upserts up to 200 records through sObject Collections
 * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_upsert.htm)
 * with two Salesforce rules handled: a key may appear only once per call (repeats fail with
 * {@code DUPLICATE_EXTERNAL_ID}), so repeats go out in later calls in input order (the last one wins, as with single
 * upserts); and a new record lacking a required field (Contact {@code LastName}, Account {@code Name}) is sent once more
 * with its placeholder, which never reaches an existing record.
 */
final class CollectionUpsert {

    /**
     * One record.
     *
     * @param key           external-id value
     * @param record        the collection record ({@code attributes.type}, fields, key field)
     * @param requiredField our name of the field Salesforce requires on insert, or {@code null}
     * @param fill          fields to add when the insert is refused for lacking {@code requiredField}, or {@code null}
     */
    record Item(String key, ObjectNode record, String requiredField, ObjectNode fill) { }

    private final SalesforceRest rest;

    CollectionUpsert(SalesforceRest rest) {
        this.rest = rest;
    }

    /** One result per item, in order. */
    List<SaveResult> upsert(String sObject, String keyField, List<Item> items, String operation) {
        if (items.size() > CollectionRequest.MAX_RECORDS) {
            throw new IllegalArgumentException("at most " + CollectionRequest.MAX_RECORDS + " records per call");
        }
        SaveResult[] results = new SaveResult[items.size()];
        Map<Integer, List<Integer>> rounds = new TreeMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            int round = seen.merge(items.get(i).key().toLowerCase(Locale.ROOT), 1, Integer::sum) - 1;
            rounds.computeIfAbsent(round, r -> new ArrayList<>()).add(i);
        }
        for (List<Integer> round : rounds.values()) {
            send(sObject, keyField, items, round, results, operation, false);
        }
        return List.of(results);
    }

    private void send(String sObject, String keyField, List<Item> items, List<Integer> indexes, SaveResult[] results,
                      String operation, boolean filled) {
        List<ObjectNode> records = new ArrayList<>();
        for (int i : indexes) {
            ObjectNode r = items.get(i).record();
            if (filled) {
                r = r.deepCopy();
                r.setAll(items.get(i).fill());
            }
            records.add(r);
        }
        List<SaveResult> saved = rest.upsertCollection(sObject, keyField, new CollectionRequest(false, records),
                operation);
        List<Integer> retry = new ArrayList<>();
        for (int k = 0; k < indexes.size(); k++) {
            int i = indexes.get(k);
            SaveResult r = saved.get(k);
            results[i] = r;
            Item item = items.get(i);
            if (!filled && !r.success() && item.fill() != null
                    && rest.errors().itemError(sObject, r.errors()) instanceof CrmValidationException v
                    && "REQUIRED_FIELD_MISSING".equals(v.vendorCode())
                    && v.fieldErrors().stream().anyMatch(f -> item.requiredField().equals(f.field()))) {
                retry.add(i);
            }
        }
        if (!retry.isEmpty()) {
            send(sObject, keyField, items, retry, results, operation, true);
        }
    }
}
