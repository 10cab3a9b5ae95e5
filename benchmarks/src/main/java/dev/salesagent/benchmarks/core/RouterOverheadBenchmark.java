package dev.salesagent.benchmarks.core;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.salesagent.core.cache.ResponseCache;
import dev.salesagent.core.context.AiContext;
import dev.salesagent.core.cost.Budget;
import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.cost.UsageRecord;
import dev.salesagent.core.cost.UsageStore;
import dev.salesagent.core.model.ModelEndpoint;
import dev.salesagent.core.model.ModelRouter;
import dev.salesagent.core.model.ModelTier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-call overhead of {@link ModelRouter} over a no-op {@link ChatModel}: a direct call to the model, the router with
 * cost tracking, a tenant budget reservation, meters and a response-cache miss (each request unique), the router
 * without a cache lookup, and a cache hit.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RouterOverhead -f 1 -wi 3 -i 5 -w 2s -r 2s -t 1} (and
 * {@code -t 2}). Usage records go to a store that only counts them, so the heap does not grow with the run; a JDBC
 * store's insert is not part of this figure.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RouterOverheadBenchmark {

    static final ChatRequest REQUEST = ChatRequest.builder()
            .messages(SystemMessage.from("You are a sales assistant. Answer in one sentence."),
                    UserMessage.from("Which of ACME's open opportunities is most likely to close this quarter?"))
            .build();

    /** Answers at once with a fixed response and provider usage. */
    static final class NoOpChatModel implements ChatModel {
        private static final ChatResponse RESPONSE = ChatResponse.builder()
                .aiMessage(AiMessage.from("The ACME renewal.")).modelName("gpt-4o-mini-2024-07-18")
                .tokenUsage(new TokenUsage(42, 6)).finishReason(FinishReason.STOP).build();

        @Override
        public ChatResponse doChat(ChatRequest request) {
            return RESPONSE;
        }
    }

    /** Counts records instead of keeping them. */
    static final class CountingStore implements UsageStore {
        final LongAdder saved = new LongAdder();

        @Override
        public void save(UsageRecord record) {
            saved.increment();
        }

        @Override
        public List<UsageRecord> find(Query query) {
            return List.of();
        }
    }

    ChatModel direct;
    ModelRouter router;

    @Setup(Level.Trial)
    public void setUp() {
        direct = new NoOpChatModel();
        CostTracker tracker = CostTracker.builder().store(new CountingStore()).meterRegistry(new SimpleMeterRegistry())
                .budget(Budget.forTenant("acme").monthly().hardLimitUsd(new BigDecimal("1000000000")).build())
                .build();
        router = ModelRouter.builder()
                .endpoint(ModelEndpoint.of("gpt-mini", "openai", "gpt-4o-mini", ModelTier.ECONOMY, 128_000, direct))
                .costTracker(tracker)
                .responseCache(ResponseCache.inMemory(10_000), ResponseCache.Policy.builder()
                        .feature("cached", Duration.ofHours(1)).feature("miss", Duration.ofHours(1)).build())
                .build();
        AiContext.builder().tenant("acme").feature("cached").build().run(() -> router.chat(REQUEST));
    }

    /** Binds the calling benchmark thread's {@link AiContext}. */
    @State(Scope.Thread)
    public static class Caller {
        final AiContext miss = AiContext.builder().tenant("acme").user("u-1").feature("miss").build();
        final AiContext uncached = AiContext.builder().tenant("acme").user("u-1").feature("uncached").build();
        AiContext.Scope cached;
        long n;
        final String prefix = Thread.currentThread().getName() + "-" + System.nanoTime() + "-";

        @Setup(Level.Trial)
        public void bind() {
            cached = AiContext.builder().tenant("acme").user("u-1").feature("cached").build().makeCurrent();
        }

        @TearDown(Level.Trial)
        public void unbind() {
            cached.close();
        }

        ChatRequest unique() {
            return ChatRequest.builder().messages(REQUEST.messages().get(0),
                    UserMessage.from("Which of ACME's open opportunities is most likely to close? #" + prefix + n++))
                    .build();
        }
    }

    @Benchmark
    public ChatResponse direct() {
        return direct.chat(REQUEST);
    }

    /** A unique request built the same way as {@link #routerCacheMiss}, called directly (baseline for it). */
    @Benchmark
    public ChatResponse directUniqueRequest(Caller caller) {
        return direct.chat(caller.unique());
    }

    @Benchmark
    public ChatResponse routerCacheMiss(Caller caller) {
        ChatRequest request = caller.unique();
        try (AiContext.Scope ignored = caller.miss.makeCurrent()) {
            return router.chat(request);
        }
    }

    @Benchmark
    public ChatResponse routerNoCache(Caller caller) {
        try (AiContext.Scope ignored = caller.uncached.makeCurrent()) {
            return router.chat(REQUEST);
        }
    }

    @Benchmark
    public ChatResponse routerCacheHit(Caller caller) {
        return router.chat(REQUEST);
    }
}
