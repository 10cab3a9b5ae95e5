package dev.salesagent.crm.hubspot.internal.client;

import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.UpsertResult;
import dev.salesagent.crm.hubspot.internal.api.BatchResponse;
import dev.salesagent.crm.hubspot.internal.api.BatchUpsertRequest;
import dev.salesagent.crm.hubspot.internal.api.HubSpotError;
import dev.salesagent.crm.hubspot.internal.api.SimplePublicObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Upserts records by natural key through HubSpot's batch upsert endpoint in the fewest calls: chunks of at most 100
 * inputs (a chunk also closes before a key repeats, since HubSpot rejects duplicate ids in one batch). Every input
 * carries {@code objectWriteTraceId} = its index, so a 207 multi-status answer puts each error on its own item only.
 * A 400 for a whole chunk (e.g. when HubSpot cannot attribute the error) fails the items of that chunk only.
 *
 * @param <T> record type
 */
final class BatchUpserter<T> {

    /** What one record contributes to a batch. */
    interface Codec<T> {
        /** The natural key value (e-mail, domain), or null when missing. */
        String key(T record);

        /** The {@code idProperty}, e.g. {@code email}. */
        String idProperty();

        /** Properties to write (non-null fields only). */
        Map<String, String> properties(T record);

        /** The stored record from the upsert result and the input. */
        T read(SimplePublicObject stored, T input);

        /** Client-side error when the key is missing. */
        CrmException missingKey(T record);
    }

    /** Runs after each chunk with the successful items (e.g. to create associations); may replace results. */
    interface AfterChunk<T> {
        void apply(List<Integer> indexes, List<T> inputs, Map<Integer, UpsertResult<T>> results,
                Map<Integer, CrmException> errors);
    }

    private final HubSpotApi api;
    private final HubSpotErrors errors;
    private final String type;
    private final Codec<T> codec;
    private final AfterChunk<T> after;

    BatchUpserter(HubSpotApi api, HubSpotErrors errors, String type, Codec<T> codec, AfterChunk<T> after) {
        this.api = api;
        this.errors = errors;
        this.type = type;
        this.codec = codec;
        this.after = after;
    }

    List<BatchItemResult<T>> upsertAll(List<T> records) {
        Map<Integer, UpsertResult<T>> results = new HashMap<>();
        Map<Integer, CrmException> failures = new HashMap<>();
        List<Integer> chunk = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            T record = records.get(i);
            String key = record == null ? null : codec.key(record);
            if (key == null) {
                failures.put(i, record == null
                        ? new CrmValidationException("record is null", ErrorDetails.of(errorsProvider()), List.of())
                        : codec.missingKey(record));
                continue;
            }
            String normalised = key.toLowerCase(Locale.ROOT);
            if (chunk.size() == HubSpotApi.MAX_BATCH || keys.contains(normalised)) {
                send(records, chunk, results, failures);
                chunk = new ArrayList<>();
                keys.clear();
            }
            chunk.add(i);
            keys.add(normalised);
        }
        send(records, chunk, results, failures);
        List<BatchItemResult<T>> out = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            UpsertResult<T> r = results.get(i);
            if (r != null) {
                out.add(BatchItemResult.success(i, r));
            } else {
                CrmException e = failures.get(i);
                out.add(BatchItemResult.failure(i, e != null ? e
                        : new CrmException("HubSpot returned no result for this input", ErrorDetails.of(errorsProvider()))));
            }
        }
        return out;
    }

    private String errorsProvider() {
        return errors.provider();
    }

    private void send(List<T> records, List<Integer> chunk, Map<Integer, UpsertResult<T>> results,
            Map<Integer, CrmException> failures) {
        if (chunk.isEmpty()) {
            return;
        }
        List<BatchUpsertRequest.Input> inputs = new ArrayList<>(chunk.size());
        Map<String, Integer> byKey = new HashMap<>();
        for (int i : chunk) {
            T r = records.get(i);
            String key = codec.key(r);
            inputs.add(new BatchUpsertRequest.Input(key, codec.idProperty(), String.valueOf(i), codec.properties(r)));
            byKey.put(key.toLowerCase(Locale.ROOT), i);
        }
        BatchResponse<SimplePublicObject> response;
        try {
            response = api.batchUpsert(type, inputs);
        } catch (CrmValidationException e) {
            chunk.forEach(i -> failures.put(i, e));
            return;
        }
        List<Integer> succeeded = new ArrayList<>();
        for (SimplePublicObject o : response.resultsOrEmpty()) {
            Integer index = index(o.objectWriteTraceId());
            if (index == null || !chunk.contains(index)) {
                String value = o.property(codec.idProperty());
                index = value == null ? null : byKey.get(value.toLowerCase(Locale.ROOT));
            }
            if (index == null) {
                continue;
            }
            T stored = codec.read(o, records.get(index));
            results.put(index, new UpsertResult<>(stored, Boolean.TRUE.equals(o.isNew())));
            succeeded.add(index);
        }
        int status = response.errorsOrEmpty().isEmpty() ? 200 : 207;
        for (HubSpotError e : response.errorsOrEmpty()) {
            Integer index = index(e.contextValue("objectWriteTraceId"));
            if (index != null && chunk.contains(index)) {
                failures.put(index, errors.itemError(e, status));
            }
        }
        if (after != null && !succeeded.isEmpty()) {
            after.apply(succeeded, records, results, failures);
        }
    }

    private static Integer index(String trace) {
        if (trace == null) {
            return null;
        }
        try {
            return Integer.valueOf(trace);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
