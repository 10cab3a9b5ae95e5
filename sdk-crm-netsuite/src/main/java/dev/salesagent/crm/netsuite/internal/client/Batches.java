package dev.salesagent.crm.netsuite.internal.client;

import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.UpsertResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Per-item batch execution: one failing record never fails the others; results in input order. */
final class Batches {

    private Batches() {
    }

    static <T> List<BatchItemResult<T>> each(List<T> items, Function<T, UpsertResult<T>> upsert) {
        List<BatchItemResult<T>> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            try {
                out.add(BatchItemResult.success(i, upsert.apply(items.get(i))));
            } catch (CrmException e) {
                out.add(BatchItemResult.failure(i, e));
            }
        }
        return out;
    }
}
