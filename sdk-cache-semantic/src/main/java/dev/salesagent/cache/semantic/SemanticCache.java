package dev.salesagent.cache.semantic;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.salesagent.core.cache.ResponseCache;
import dev.salesagent.core.context.AiContext;
import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.cost.UsageRecord;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ChatModel} in front of another (typically the {@code ModelRouter}) that answers a request from an earlier
 * response when the prompt is <em>similar</em> rather than identical: the request's conversation text (user and
 * assistant messages) is embedded in-process (by default with LangChain4j's bundled all-MiniLM-L6-v2 ONNX model, 384
 * dimensions, nothing downloaded at run time) and compared by cosine similarity with the entries of the same scope.
 *
 * <p>Guards: opt-in per feature ({@link Builder#feature}); never for features marked exact-only; a scope is one
 * tenant, one feature and one <em>guard key</em>, a SHA-256 over the request without its user and assistant text
 * (system messages, tools, tool choice, response format and its JSON schema, model name, temperature and every other
 * parameter), so entries are never shared across tenants and never when tools or structured-output schemas differ.
 * Requests carrying tool results (an agent loop in progress) and requests without a feature pass through.
 *
 * <p>A prompt whose text is identical to a cached one of its scope is answered without computing an embedding
 * (similarity 1); only new texts pay for one (tens to hundreds of milliseconds on a busy CPU, see the benchmarks).
 * A hit is returned without calling the delegate and recorded on the {@link CostTracker} (and the context's
 * cost scope) as zero-cost usage with {@code cacheHit=true}, {@link UsageRecord.CacheKind#SEMANTIC} and the
 * similarity. Entries live in this JVM, at most {@link Builder#maxEntriesPerScope} per scope (oldest dropped first),
 * each for its feature's TTL on the injected {@link Clock}. Thread-safe.
 *
 * <pre>{@code
 * ChatModel model = SemanticCache.builder(router).costTracker(tracker)
 *         .feature("battle_card", 0.95, Duration.ofHours(6)).exactOnly("lead_scoring").build();
 * }</pre>
 */
public final class SemanticCache implements ChatModel {

    private final ChatModel delegate;
    private final EmbeddingModel embeddings;
    private final CostTracker tracker;
    private final Clock clock;
    private final Map<String, FeaturePolicy> features;
    private final Set<String> exactOnly;
    private final int maxEntriesPerScope;
    private final ConcurrentHashMap<ScopeKey, Scope> scopes = new ConcurrentHashMap<>();

    private SemanticCache(Builder b) {
        this.delegate = b.delegate;
        this.embeddings = b.embeddings != null ? b.embeddings : new AllMiniLmL6V2EmbeddingModel();
        this.tracker = b.tracker;
        this.clock = b.clock;
        this.features = Map.copyOf(b.features);
        this.exactOnly = Set.copyOf(b.exactOnly);
        this.maxEntriesPerScope = b.maxEntriesPerScope;
    }

    /**
     * Starts a cache in front of {@code delegate}.
     *
     * @param delegate the model that answers misses (typically the {@code ModelRouter}), not null
     * @return a builder with the defaults listed on {@link Builder}; no feature is cached until {@link Builder#feature} names it
     * @throws NullPointerException if {@code delegate} is null
     */
    public static Builder builder(ChatModel delegate) {
        return new Builder(delegate);
    }

    /**
     * Answers from the cache when the context's feature is cached and a similar enough prompt of the same scope was
     * answered within the TTL; otherwise calls the delegate and keeps its response.
     */
    @Override
    public ChatResponse chat(ChatRequest request) {
        AiContext ctx = AiContext.current();
        Optional<Lookup> lookup = lookup(ctx.tenant(), ctx.feature(), request);
        if (lookup.isEmpty()) {
            return delegate.chat(request);
        }
        Lookup l = lookup.get();
        if (l.hit().isPresent()) {
            Match m = l.hit().get();
            recordHit(ctx, m);
            return m.response();
        }
        ChatResponse response = delegate.chat(request);
        l.scope().add(l.text(), l.vector(), response, clock.instant().plus(l.policy().ttl()), maxEntriesPerScope);
        return response;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        return chat(request);
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return delegate.defaultRequestParameters();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return delegate.supportedCapabilities();
    }

    /**
     * The best entry of the request's scope and its similarity, whether or not it passes the threshold; empty when
     * the scope holds no live entry or the request is not cacheable (feature not opted in or exact-only, tool
     * results present, no text). Embeds the prompt: its cost is the semantic lookup's cost.
     *
     * @param tenant  tenant, e.g. {@link AiContext#tenant()}
     * @param feature feature, or null (then empty)
     * @param request the chat request whose user and assistant text is compared
     * @return the closest live entry with its cosine similarity (-1..1), or empty
     */
    public Optional<Match> nearest(String tenant, String feature, ChatRequest request) {
        return lookup(tenant, feature, request).flatMap(Lookup::best);
    }

    /**
     * Drops every entry of a tenant.
     *
     * @param tenant the tenant id, e.g. {@link AiContext#tenant()}; an unknown tenant is a no-op
     */
    public void invalidateTenant(String tenant) {
        scopes.keySet().removeIf(k -> k.tenant().equals(tenant));
    }

    /**
     * {@return cosine similarity of two prompts' embeddings (-1..1), as the cache compares them}
     *
     * @param a the first prompt text
     * @param b the second prompt text
     */
    public double similarity(String a, String b) {
        return dot(unit(embeddings.embed(a).content().vector()), unit(embeddings.embed(b).content().vector()));
    }

    private Optional<Lookup> lookup(String tenant, String feature, ChatRequest request) {
        FeaturePolicy policy = feature == null || exactOnly.contains(feature) ? null : features.get(feature);
        if (policy == null) {
            return Optional.empty();
        }
        String text = conversationText(request);
        if (text == null) {
            return Optional.empty();
        }
        ScopeKey key = new ScopeKey(tenant == null ? AiContext.DEFAULT_TENANT : tenant, feature, guardKey(request));
        Scope scope = scopes.computeIfAbsent(key, k -> new Scope());
        Instant now = clock.instant();
        Optional<Match> same = scope.sameText(text, now);
        if (same.isPresent()) {
            // the identical text was answered before: no embedding needed (similarity 1)
            return Optional.of(new Lookup(policy, scope, text, null, same, same));
        }
        float[] v = unit(embeddings.embed(text).content().vector());
        Optional<Match> best = scope.best(v, now);
        Optional<Match> hit = best.filter(m -> m.similarity() >= policy.threshold());
        return Optional.of(new Lookup(policy, scope, text, v, best, hit));
    }

    private void recordHit(AiContext ctx, Match m) {
        if (tracker == null && ctx.costScope() == null) {
            return;
        }
        UsageRecord record = UsageRecord.builder().timestamp(clock.instant()).tenant(ctx.tenant()).user(ctx.user())
                .feature(ctx.feature()).runId(ctx.runId()).model(m.response().modelName()).costUsd(BigDecimal.ZERO)
                .outcome(UsageRecord.Outcome.CACHE_HIT).semanticCacheHit(m.similarity()).build();
        if (ctx.costScope() != null) {
            ctx.costScope().record(record);
        }
        if (tracker != null) {
            tracker.record(record);
        }
    }

    /** The user and assistant text of the request, one message per line; null when there is none or tool results. */
    static String conversationText(ChatRequest request) {
        StringBuilder sb = new StringBuilder();
        for (ChatMessage m : request.messages()) {
            if (m instanceof ToolExecutionResultMessage) {
                return null;
            }
            if (m instanceof UserMessage u && u.hasSingleText()) {
                sb.append(u.singleText()).append('\n');
            } else if (m instanceof UserMessage) {
                return null; // images or other non-text content: no embedding of it, so no semantic match
            } else if (m instanceof AiMessage a && a.text() != null) {
                sb.append(a.text()).append('\n');
            }
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    /** The exact-cache key of the request without its user and assistant messages: everything else must be equal. */
    static String guardKey(ChatRequest request) {
        List<ChatMessage> fixed = new ArrayList<>();
        for (ChatMessage m : request.messages()) {
            if (m instanceof SystemMessage) {
                fixed.add(m);
            }
        }
        if (fixed.isEmpty()) {
            fixed.add(SystemMessage.from("\u0000"));
        }
        return ResponseCache.key("semantic", request.toBuilder().messages(fixed).build());
    }

    private static float[] unit(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        double norm = Math.sqrt(n);
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = (float) (v[i] / norm);
        }
        return u;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /**
     * The best entry found.
     *
     * @param response   the cached response
     * @param similarity cosine similarity of the prompts (-1..1)
     */
    public record Match(ChatResponse response, double similarity) {
    }

    private record FeaturePolicy(double threshold, Duration ttl) {
    }

    private record ScopeKey(String tenant, String feature, String guard) {
    }

    private record Lookup(FeaturePolicy policy, Scope scope, String text, float[] vector, Optional<Match> best,
                          Optional<Match> hit) {
    }

    private record Entry(String text, float[] vector, ChatResponse response, Instant expiresAt) {
    }

    /** One scope's entries, oldest first, and the same entries by their exact text. */
    private static final class Scope {
        private final ArrayDeque<Entry> entries = new ArrayDeque<>();
        private final Map<String, Entry> byText = new HashMap<>();

        synchronized Optional<Match> sameText(String text, Instant now) {
            Entry e = byText.get(text);
            return e == null || !e.expiresAt().isAfter(now) ? Optional.empty() : Optional.of(new Match(e.response(), 1));
        }

        synchronized Optional<Match> best(float[] v, Instant now) {
            Entry best = null;
            double bestSim = -2;
            for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
                Entry e = it.next();
                if (!e.expiresAt().isAfter(now)) {
                    it.remove();
                    byText.remove(e.text(), e);
                    continue;
                }
                double s = dot(v, e.vector());
                if (s > bestSim) {
                    bestSim = s;
                    best = e;
                }
            }
            return best == null ? Optional.empty() : Optional.of(new Match(best.response(), Math.min(1, bestSim)));
        }

        synchronized void add(String text, float[] v, ChatResponse response, Instant expiresAt, int max) {
            Entry previous = byText.get(text);
            if (previous != null) {
                entries.remove(previous);
            }
            while (entries.size() >= max) {
                Entry dropped = entries.removeFirst();
                byText.remove(dropped.text(), dropped);
            }
            Entry e = new Entry(text, v, response, expiresAt);
            entries.addLast(e);
            byText.put(text, e);
        }
    }

    /** Builds a {@link SemanticCache}; defaults: bundled all-MiniLM-L6-v2, system UTC clock, 1,000 entries per scope. */
    public static final class Builder {
        private final ChatModel delegate;
        private EmbeddingModel embeddings;
        private CostTracker tracker;
        private Clock clock = Clock.systemUTC();
        private final Map<String, FeaturePolicy> features = new HashMap<>();
        private final Set<String> exactOnly = new HashSet<>();
        private int maxEntriesPerScope = 1000;

        private Builder(ChatModel delegate) {
            this.delegate = Objects.requireNonNull(delegate, "delegate");
        }

        /**
         * Caches a feature semantically: a prompt whose cosine similarity to a cached one of its scope is at least
         * {@code threshold} gets that response, for {@code ttl} after it was stored.
         *
         * @param feature the feature name, as in {@link AiContext#feature()}, not null
         * @param threshold the lowest cosine similarity that counts as a hit, in (0, 1] (e.g. 0.95)
         * @param ttl how long an entry answers after it was stored, positive
         * @return this builder
         * @throws IllegalArgumentException if the threshold is not in (0, 1] or the TTL is not positive
         */
        public Builder feature(String feature, double threshold, Duration ttl) {
            Objects.requireNonNull(feature, "feature");
            if (!(threshold > 0 && threshold <= 1)) {
                throw new IllegalArgumentException("similarity threshold of feature " + feature
                        + " must be in (0, 1] but was " + threshold);
            }
            if (ttl == null || ttl.isZero() || ttl.isNegative()) {
                throw new IllegalArgumentException("TTL of feature " + feature + " must be > 0 but was " + ttl);
            }
            features.put(feature, new FeaturePolicy(threshold, ttl));
            return this;
        }

        /**
         * Never answers this feature semantically, even if {@link #feature} named it (e.g. lead scoring).
         *
         * @param featureNames feature names, as in {@link AiContext#feature()}
         * @return this builder
         */
        public Builder exactOnly(String... featureNames) {
            exactOnly.addAll(List.of(featureNames));
            return this;
        }

        /**
         * The embedding model; default LangChain4j's in-process all-MiniLM-L6-v2.
         *
         * @param model the model that embeds prompt texts, not null
         * @return this builder
         */
        public Builder embeddingModel(EmbeddingModel model) {
            this.embeddings = Objects.requireNonNull(model, "model");
            return this;
        }

        /**
         * Where hits are recorded as zero-cost usage; default none (hits still go to the context's cost scope).
         *
         * @param tracker the tracker that records each hit, not null
         * @return this builder
         */
        public Builder costTracker(CostTracker tracker) {
            this.tracker = Objects.requireNonNull(tracker, "tracker");
            return this;
        }

        /**
         * Clock for TTLs; default {@link Clock#systemUTC()}.
         *
         * @param clock the clock that stamps entries and checks their TTL, not null
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Most entries kept per tenant, feature and guard key (default 1,000); the oldest is dropped first.
         *
         * @param max the most entries per scope (> 0)
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxEntriesPerScope(int max) {
            if (max <= 0) {
                throw new IllegalArgumentException("maxEntriesPerScope must be > 0 but was " + max);
            }
            this.maxEntriesPerScope = max;
            return this;
        }

        /**
         * Builds the cache (loading the embedding model if none was given: about a second).
         *
         * @return the cache, ready to use as a {@link ChatModel}
         */
        public SemanticCache build() {
            return new SemanticCache(this);
        }
    }
}
