/**
 * Internal: LangChain4j's {@code HttpClient} SPI on OkHttp ({@link dev.salesagent.model.http.OkHttpClientAdapter})
 * whose non-2xx responses become {@link dev.salesagent.model.http.ProviderHttpException}s (a
 * {@link dev.salesagent.core.model.ProviderError} with status, headers and body). Used by {@code sdk-model-openai}
 * and {@code sdk-model-anthropic}; not API, may change without notice.
 *
 * <p>Nullness: parameters and return values are non-null unless their Javadoc says otherwise.
 */
package dev.salesagent.model.http;
