/**
 * Vendor batch APIs: submit many chat requests as one asynchronous batch at the vendor's batch price (50% of the
 * standard input and output price, results within 24 hours) and get one {@link dev.salesagent.core.model.batch.BatchResult}
 * per {@code custom_id}. {@link dev.salesagent.core.model.batch.BatchChatModel} does the shared work (validation,
 * bounded retries of 429/5xx, polling with an injected {@code Sleeper} and {@code Clock}, usage recorded at
 * {@link dev.salesagent.core.cost.ModelPrice#batch() batch prices}); {@code sdk-model-anthropic}
 * ({@code AnthropicBatches}, Message Batches API) and {@code sdk-model-openai} ({@code OpenAiBatches}, Batch API)
 * implement the vendor calls. For work that is not interactive (e.g. analysing recorded conversations overnight).
 *
 * <p>Nullness: parameters and return values are non-null unless their Javadoc says {@code null} is allowed or
 * returned.
 */
package dev.salesagent.core.model.batch;
