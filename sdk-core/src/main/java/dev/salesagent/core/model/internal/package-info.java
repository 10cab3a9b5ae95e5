/**
 * Internal: the router's failure classification ({@code Failures}) and its fallback tokenizer. Not API.
 *
 * <p>Nullness: parameters and return values are non-null unless their Javadoc says otherwise.
 */
package dev.salesagent.core.model.internal;
