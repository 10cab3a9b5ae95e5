package dev.salesagent.core.cost;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Model prices in USD per 1M tokens, by provider and model. Immutable and thread-safe.
 *
 * <p>{@link #defaults()} loads the bundled {@code prices.json} (current OpenAI and Anthropic models, each provider
 * with the date its prices were taken and the page they came from). Override it from a file or from code with
 * {@link #overriddenBy(PriceTable)} / {@link #with(ModelPrice)}, or load LiteLLM's
 * <a href="https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json">
 * {@code model_prices_and_context_window.json}</a> with {@link #fromLiteLlm(InputStream)}.
 *
 * <p>Lookups ignore case and a trailing snapshot date ({@code gpt-4o-2024-08-06} and
 * {@code claude-sonnet-4-5-20250929} find {@code gpt-4o} and {@code claude-sonnet-4-5}). An unknown model has
 * no price: callers must record it as {@link UsageRecord.CostSource#UNPRICED}, never as $0.
 *
 * <p>Own JSON format: {@code {"providers": {"openai": {"takenOn": "YYYY-MM-DD", "source": "https://...",
 * "models": {"gpt-4o-mini": {"input": "0.15", "cachedInput": "0.075", "cacheWrite": "0.15", "output": "0.60",
 * "contextWindow": 128000}}}}}}; prices are strings or numbers in USD per 1M tokens, {@code cachedInput} and
 * {@code cacheWrite} default to {@code input}.
 */
public final class PriceTable {

    private static final String BUNDLED = "prices.json";
    private static final Pattern DATE_SUFFIX = Pattern.compile("-(\\d{4}-\\d{2}-\\d{2}|\\d{8})$");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Map<String, ModelPrice> prices;
    private final Map<String, ProviderSource> sources;

    private PriceTable(Map<String, ModelPrice> prices, Map<String, ProviderSource> sources) {
        this.prices = Map.copyOf(prices);
        this.sources = Map.copyOf(sources);
    }

    /** {@return an empty table: every model is unpriced} */
    public static PriceTable empty() {
        return new PriceTable(Map.of(), Map.of());
    }

    /**
     * The bundled prices of current OpenAI and Anthropic models.
     *
     * @return a table read from the bundled {@code prices.json}, with each provider's source page and date
     * @throws UncheckedIOException if the bundled resource is missing or unreadable
     */
    public static PriceTable defaults() {
        try (InputStream in = PriceTable.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("missing resource " + BUNDLED));
            }
            return fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@return a table of exactly these prices, without provider sources}
     *
     * @param prices the prices; a later price for the same provider and model replaces an earlier one
     */
    public static PriceTable of(ModelPrice... prices) {
        Map<String, ModelPrice> map = new LinkedHashMap<>();
        for (ModelPrice p : prices) {
            map.put(key(p.provider(), p.model()), p);
        }
        return new PriceTable(map, Map.of());
    }

    /**
     * Reads the SDK's own price format (see the class comment).
     *
     * @param json the JSON document, UTF-8; read fully, not closed
     * @return a table of the document's prices and provider sources
     * @throws UncheckedIOException     if the stream cannot be read or is not JSON
     * @throws IllegalArgumentException if a price is missing or negative (the message names the model)
     */
    public static PriceTable fromJson(InputStream json) {
        JsonNode root = read(json);
        Map<String, ModelPrice> map = new LinkedHashMap<>();
        Map<String, ProviderSource> sources = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("providers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> provider = it.next();
            String providerId = provider.getKey().toLowerCase(Locale.ROOT);
            JsonNode p = provider.getValue();
            LocalDate takenOn = p.hasNonNull("takenOn") ? LocalDate.parse(p.get("takenOn").asText()) : null;
            sources.put(providerId, new ProviderSource(takenOn, p.path("source").asText(null)));
            for (Iterator<Map.Entry<String, JsonNode>> models = p.path("models").fields(); models.hasNext(); ) {
                Map.Entry<String, JsonNode> m = models.next();
                JsonNode v = m.getValue();
                String where = providerId + "/" + m.getKey();
                BigDecimal input = decimal(v, "input", null, where);
                ModelPrice price = new ModelPrice(providerId, m.getKey(), input,
                        decimal(v, "cachedInput", input, where), decimal(v, "cacheWrite", input, where),
                        decimal(v, "output", null, where), v.path("contextWindow").asLong(0));
                map.put(key(providerId, m.getKey()), price);
            }
        }
        return new PriceTable(map, sources);
    }

    /**
     * Reads the SDK's own price format from a file.
     *
     * @param file the JSON file in the SDK's price format
     * @return a table of the file's prices and provider sources
     * @throws UncheckedIOException if the file cannot be read
     */
    public static PriceTable fromJson(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads LiteLLM's {@code model_prices_and_context_window.json}: per-token USD costs
     * ({@code input_cost_per_token}, {@code output_cost_per_token}, {@code cache_read_input_token_cost},
     * {@code cache_creation_input_token_cost}), {@code max_input_tokens} and {@code litellm_provider}.
     * Entries without {@code input_cost_per_token} or {@code output_cost_per_token} (e.g. {@code sample_spec},
     * image models) are skipped. A key prefixed with its provider ({@code anthropic/claude-...}) is stored
     * under the bare model name.
     *
     * @param json LiteLLM's JSON document; read fully, not closed
     * @return a table of the priced entries (USD per token converted to USD per 1M tokens), without provider sources
     * @throws UncheckedIOException if the stream cannot be read or is not JSON
     */
    public static PriceTable fromLiteLlm(InputStream json) {
        JsonNode root = read(json);
        Map<String, ModelPrice> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if ("sample_spec".equals(e.getKey()) || !v.path("input_cost_per_token").isNumber() || !v.path("output_cost_per_token").isNumber()
                    || !v.hasNonNull("litellm_provider")) {
                continue;
            }
            String provider = v.get("litellm_provider").asText().toLowerCase(Locale.ROOT);
            String model = e.getKey();
            if (model.toLowerCase(Locale.ROOT).startsWith(provider + "/")) {
                model = model.substring(provider.length() + 1);
            }
            BigDecimal input = perMillion(v.get("input_cost_per_token"));
            BigDecimal cached = v.path("cache_read_input_token_cost").isNumber()
                    ? perMillion(v.get("cache_read_input_token_cost")) : input;
            BigDecimal write = v.path("cache_creation_input_token_cost").isNumber()
                    ? perMillion(v.get("cache_creation_input_token_cost")) : input;
            map.put(key(provider, model), new ModelPrice(provider, model, input, cached, write,
                    perMillion(v.get("output_cost_per_token")), v.path("max_input_tokens").asLong(0)));
        }
        return new PriceTable(map, Map.of());
    }

    /**
     * Reads LiteLLM's catalogue from a file.
     *
     * @param file LiteLLM's {@code model_prices_and_context_window.json}
     * @return a table of the priced entries, as by {@link #fromLiteLlm(InputStream)}
     * @throws UncheckedIOException if the file cannot be read
     */
    public static PriceTable fromLiteLlm(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return fromLiteLlm(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@return a new table with {@code overrides}' prices (and provider sources) replacing this table's}
     *
     * @param overrides the prices that win, e.g. a deployment's negotiated prices; this table is unchanged
     */
    public PriceTable overriddenBy(PriceTable overrides) {
        Map<String, ModelPrice> map = new LinkedHashMap<>(prices);
        map.putAll(overrides.prices);
        Map<String, ProviderSource> src = new LinkedHashMap<>(sources);
        src.putAll(overrides.sources);
        return new PriceTable(map, src);
    }

    /**
     * {@return a new table with this price added or replaced}
     *
     * @param price the price to add, keyed by its provider and model; this table is unchanged
     */
    public PriceTable with(ModelPrice price) {
        return overriddenBy(of(price));
    }

    /**
     * The price of a model; tries the exact name, then the name without a trailing snapshot date.
     *
     * @param provider the provider id, e.g. {@code openai}; case-insensitive; null finds nothing
     * @param model the model name as the provider reports it, e.g. {@code gpt-4o-mini-2024-07-18}; null finds nothing
     * @return the price, or empty when the model is unknown (record it as unpriced)
     */
    public Optional<ModelPrice> find(String provider, String model) {
        if (provider == null || model == null) {
            return Optional.empty();
        }
        ModelPrice p = prices.get(key(provider, model));
        if (p == null) {
            String base = DATE_SUFFIX.matcher(model).replaceFirst("");
            p = prices.get(key(provider, base));
        }
        return Optional.ofNullable(p);
    }

    /**
     * {@return the date the provider's bundled prices were taken, if known}
     *
     * @param provider the provider id, e.g. {@code anthropic}; case-insensitive
     */
    public Optional<LocalDate> takenOn(String provider) {
        ProviderSource s = sources.get(provider.toLowerCase(Locale.ROOT));
        return Optional.ofNullable(s == null ? null : s.takenOn());
    }

    /**
     * {@return the provider page the prices came from, if known}
     *
     * @param provider the provider id, e.g. {@code anthropic}; case-insensitive
     */
    public Optional<String> source(String provider) {
        ProviderSource s = sources.get(provider.toLowerCase(Locale.ROOT));
        return Optional.ofNullable(s == null ? null : s.source());
    }

    /** {@return every price in the table} */
    public Collection<ModelPrice> prices() {
        return prices.values();
    }

    /** {@return number of priced models} */
    public int size() {
        return prices.size();
    }

    @Override
    public String toString() {
        return "PriceTable[" + prices.size() + " models, providers=" + sources.keySet() + "]";
    }

    private static String key(String provider, String model) {
        return provider.toLowerCase(Locale.ROOT) + '\u0000' + model.toLowerCase(Locale.ROOT);
    }

    private static JsonNode read(InputStream json) {
        Objects.requireNonNull(json, "json");
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BigDecimal perMillion(JsonNode perToken) {
        return new BigDecimal(perToken.asText()).movePointRight(6).stripTrailingZeros();
    }

    private static BigDecimal decimal(JsonNode node, String field, BigDecimal fallback, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (fallback == null) {
                throw new IllegalArgumentException("price '" + field + "' missing for " + where);
            }
            return fallback;
        }
        try {
            return new BigDecimal(v.asText());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("price '" + field + "' of " + where + " is not a number: " + v, e);
        }
    }

    private record ProviderSource(LocalDate takenOn, String source) {
    }
}
