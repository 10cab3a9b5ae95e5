package dev.salesagent.crm.salesforce.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.UpsertResult;
import dev.salesagent.crm.salesforce.internal.api.CollectionRequest;
import dev.salesagent.crm.salesforce.internal.api.SaveResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The upsert-by-external-id path shared by {@link AccountsApi} and {@link ContactsApi}: one record or many through
 * sObject Collections upsert (the key travels in the body, never in a URL path) in chunks of
 * {@link CollectionRequest#MAX_RECORDS}, each chunk read back with one SOQL query.
 *
 * @param <T> the SPI record type (read and written)
 */
final class ExternalIdUpsert<T> {

    private final SalesforceRest rest;
    private final CollectionUpsert collections;
    private final String sObject;
    private final String operationPrefix;
    private final Supplier<String> keyField;
    private final Supplier<Soql> select;
    private final Function<JsonNode, T> fromRow;
    private final Function<T, CrmId> id;

    /**
     * @param sObject         {@code Account} or {@code Contact}
     * @param operationPrefix metric operation prefix, e.g. {@code accounts}
     * @param keyField        the external-id field of {@code sObject}
     * @param select          the SOQL select of the record's fields
     * @param fromRow         maps a SOQL row to the record
     * @param id              the record's id
     */
    ExternalIdUpsert(SalesforceRest rest, String sObject, String operationPrefix, Supplier<String> keyField,
            Supplier<Soql> select, Function<JsonNode, T> fromRow, Function<T, CrmId> id) {
        this.rest = rest;
        this.collections = new CollectionUpsert(rest);
        this.sObject = sObject;
        this.operationPrefix = operationPrefix;
        this.keyField = keyField;
        this.select = select;
        this.fromRow = fromRow;
        this.id = id;
    }

    /**
     * Upserts one record by its key through sObject Collections (as the batch path), never through
     * {@code PATCH /sobjects/{type}/{keyField}/{key}}: in that URL form Salesforce reads a key ending in a
     * file-extension-like suffix ({@code .json}, {@code .xml}, a domain such as {@code acme.inc}) as a response format
     * and answers 404. A {@code REQUIRED_FIELD_MISSING} for the item's required field (only a new record can lack it)
     * sends the record once more with its fill, so the placeholder never overwrites a stored value. The record is then
     * read back with {@code get}.
     *
     * @throws CrmValidationException (or another {@code CrmException}) when Salesforce refuses the record
     */
    UpsertResult<T> upsert(CollectionUpsert.Item item, Function<String, T> get) {
        rest.requireUpsertKey(sObject, keyField.get(), operationPrefix + ".upsert");
        SaveResult saved = collections.upsert(sObject, keyField.get(), List.of(item), operationPrefix + ".upsert")
                .get(0);
        if (!saved.success()) {
            throw rest.errors().itemError(sObject, saved.errors());
        }
        return new UpsertResult<>(get.apply(saved.id()), Boolean.TRUE.equals(saved.created()));
    }

    /**
     * Upserts {@code records} in chunks of {@link CollectionRequest#MAX_RECORDS}: each record {@code invalid} rejects
     * (non-null result) fails locally, the rest go out through {@code items} (called once per chunk with the valid
     * records, in order) and come back read with one SOQL query per chunk. Results keep the input positions.
     */
    List<BatchItemResult<T>> upsertAll(List<T> records, Function<T, CrmValidationException> invalid,
            Function<List<T>, List<CollectionUpsert.Item>> items) {
        List<BatchItemResult<T>> results = new ArrayList<>(records.size());
        for (int start = 0; start < records.size(); start += CollectionRequest.MAX_RECORDS) {
            List<T> chunk = records.subList(start, Math.min(records.size(), start + CollectionRequest.MAX_RECORDS));
            results.addAll(upsertChunk(start, chunk, invalid, items));
        }
        return results;
    }

    private List<BatchItemResult<T>> upsertChunk(int offset, List<T> chunk, Function<T, CrmValidationException> invalid,
            Function<List<T>, List<CollectionUpsert.Item>> items) {
        List<BatchItemResult<T>> out = new ArrayList<>(chunk.size());
        List<Integer> sent = new ArrayList<>();
        List<T> valid = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            T record = chunk.get(i);
            CrmValidationException problem = invalid.apply(record);
            out.add(problem == null ? null : BatchItemResult.failure(offset + i, problem));
            if (problem == null) {
                valid.add(record);
                sent.add(i);
            }
        }
        if (valid.isEmpty()) {
            return List.copyOf(out);
        }
        rest.requireUpsertKey(sObject, keyField.get(), operationPrefix + ".upsertAll");
        List<SaveResult> saved = collections.upsert(sObject, keyField.get(), items.apply(valid),
                operationPrefix + ".upsertAll");
        Map<String, T> stored = readBack(saved);
        for (int k = 0; k < sent.size(); k++) {
            int i = sent.get(k);
            SaveResult r = saved.get(k);
            out.set(i, r.success()
                    ? BatchItemResult.success(offset + i,
                            new UpsertResult<>(stored.get(r.id()), Boolean.TRUE.equals(r.created())))
                    : BatchItemResult.failure(offset + i, rest.errors().itemError(sObject, r.errors())));
        }
        return List.copyOf(out);
    }

    /** The saved records by id, read with one SOQL query. */
    private Map<String, T> readBack(List<SaveResult> saved) {
        List<String> ids = saved.stream().filter(SaveResult::success).map(SaveResult::id).distinct().toList();
        Map<String, T> map = new HashMap<>();
        if (!ids.isEmpty()) {
            for (JsonNode row : rest.query(select.get().where("Id IN " + Soql.inList(ids)), ids.size(),
                    operationPrefix + ".read")) {
                T record = fromRow.apply(row);
                map.put(id.apply(record).value(), record);
            }
        }
        return map;
    }
}
