package dev.salesagent.crm.netsuite.internal.client;

import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.UpsertResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Per-item batch execution: one failing record never fails the others; results in input order. Items run on the
 * executor (the calling thread by default); the shared HTTP client's concurrency limit still bounds the requests in
 * flight.
 */
final class Batches {

    private final Executor executor;

    /** @param executor where items run; {@code null} runs them one after another on the calling thread */
    Batches(Executor executor) {
        this.executor = executor;
    }

    <T> List<BatchItemResult<T>> each(List<T> items, Function<T, UpsertResult<T>> upsert) {
        Objects.requireNonNull(items, "items");
        if (executor == null) {
            List<BatchItemResult<T>> out = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                out.add(one(i, items.get(i), upsert));
            }
            return out;
        }
        List<CompletableFuture<BatchItemResult<T>>> futures = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            int index = i;
            T item = items.get(i);
            futures.add(CompletableFuture.supplyAsync(() -> one(index, item, upsert), executor));
        }
        List<BatchItemResult<T>> out = new ArrayList<>(items.size());
        for (CompletableFuture<BatchItemResult<T>> f : futures) {
            try {
                out.add(f.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        return out;
    }

    private static <T> BatchItemResult<T> one(int index, T item, Function<T, UpsertResult<T>> upsert) {
        try {
            return BatchItemResult.success(index, upsert.apply(item));
        } catch (CrmException e) {
            return BatchItemResult.failure(index, e);
        }
    }
}
