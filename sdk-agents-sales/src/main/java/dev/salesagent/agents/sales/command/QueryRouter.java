package dev.salesagent.agents.sales.command;

import dev.langchain4j.model.chat.ChatModel;
import dev.salesagent.agents.sales.ModelOptions;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Turns a question into {@link Intent}s and {@link QueryEntities}. Implementations are thread-safe.
 *
 * <p>Two implementations: {@link #rules(EntityCatalog)} works offline (patterns for intents, periods, amounts,
 * statuses, limits and metrics; names resolved against the catalog); {@link #model(ChatModel, ModelOptions,
 * QueryRouter)} asks a chat model for the same JSON with a JSON schema (structured output) and falls back to the
 * rules router when the model's answer is invalid or the call fails. {@link RoutedQuery#method()} says which one
 * produced a result.
 */
public interface QueryRouter {

    /**
     * Routes one question.
     *
     * @param question the user's words (any text; garbage yields {@code [unknown]}, never an exception)
     * @param context  the as-of date for relative periods and the previous turn for follow-ups
     * @return the routed question; {@link RoutedQuery#needsClarification()} when a name was ambiguous
     * @throws IllegalArgumentException if {@code question} is null
     */
    RoutedQuery route(String question, RoutingContext context);

    /**
     * The offline rules router over a fixed catalog.
     *
     * @param catalog the names mentions resolve against, not null
     * @return a thread-safe router whose results have method {@code rules}
     * @throws NullPointerException if {@code catalog} is null
     */
    static QueryRouter rules(EntityCatalog catalog) {
        Objects.requireNonNull(catalog, "catalog");
        return new RulesQueryRouter(() -> catalog);
    }

    /**
     * The offline rules router over a catalog re-read on every question (e.g. refreshed after a CRM sync).
     *
     * @param catalog supplies the current catalog; called once per question, must not return null
     * @return a thread-safe router whose results have method {@code rules}
     * @throws NullPointerException if {@code catalog} is null
     */
    static QueryRouter rules(Supplier<EntityCatalog> catalog) {
        return new RulesQueryRouter(Objects.requireNonNull(catalog, "catalog"));
    }

    /**
     * A router that asks {@code model} (structured output, JSON schema {@code routed_query}) and resolves the names it
     * returns against the catalog through {@code fallback}'s rules; any invalid answer or failed call falls back to
     * {@code fallback}.
     *
     * @param model    any LangChain4j chat model (sdk-core's router, OpenAI, ...)
     * @param options  temperature, output tokens, model name for the result
     * @param fallback the rules router (also used for name resolution, follow-ups and injection screening)
     * @return a thread-safe router; its results have method {@code model} and the model's name, or the fallback's
     *         (method {@code rules}) when the model's answer was unusable
     * @throws NullPointerException if an argument is null
     */
    static QueryRouter model(ChatModel model, ModelOptions options, QueryRouter fallback) {
        return new ModelQueryRouter(model, options, fallback);
    }
}
