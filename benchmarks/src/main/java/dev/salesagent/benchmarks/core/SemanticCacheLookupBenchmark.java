package dev.salesagent.benchmarks.core;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.salesagent.cache.semantic.SemanticCache;
import dev.salesagent.core.context.AiContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Cost of a semantic-cache lookup (kept apart from {@link RouterOverheadBenchmark}, whose router has no semantic
 * cache): embedding a battle-card request with the in-process all-MiniLM-L6-v2 model plus the cosine scan of a
 * tenant's scope holding {@code entries} cached prompts ({@link SemanticCache#nearest}), and the embedding alone.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SemanticCacheLookup -f 1 -wi 3 -i 5 -w 2s -r 2s -t 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SemanticCacheLookupBenchmark {

    private static final String SYSTEM = "You build competitive battle cards for the seller described in the data.";
    private static final String[] COMPETITORS = {"Salesforce", "HubSpot", "Microsoft Dynamics", "Oracle NetSuite",
            "Zoho CRM", "Pipedrive", "SAP Sales Cloud", "Freshsales"};

    @Param({"100", "1000"})
    public int entries;

    SemanticCache cache;
    AllMiniLmL6V2EmbeddingModel embeddings;
    ChatRequest probe;

    @Setup(Level.Trial)
    public void setUp() {
        embeddings = new AllMiniLmL6V2EmbeddingModel();
        cache = SemanticCache.builder(new RouterOverheadBenchmark.NoOpChatModel()).embeddingModel(embeddings)
                .feature("battle_card", 0.85, Duration.ofHours(24)).maxEntriesPerScope(entries).build();
        AiContext ctx = AiContext.builder().tenant("acme").feature("battle_card").build();
        for (int i = 0; i < entries; i++) {
            ChatRequest r = request("Build a battle card against " + COMPETITORS[i % COMPETITORS.length]
                    + " for our deal with prospect number " + i + ".");
            ctx.run(() -> cache.chat(r));
        }
        probe = request("Create a competitive battle card versus HubSpot for the opportunity with prospect number 7.");
    }

    static ChatRequest request(String text) {
        return ChatRequest.builder().messages(SystemMessage.from(SYSTEM), UserMessage.from(text)).build();
    }

    /** Embedding plus scan of the scope: what a semantic lookup adds to a call (hit or miss). */
    @Benchmark
    public Optional<SemanticCache.Match> lookup() {
        return cache.nearest("acme", "battle_card", probe);
    }

    /** The embedding alone. */
    @Benchmark
    public float[] embedOnly() {
        return embeddings.embed("Create a competitive battle card versus HubSpot for the opportunity with prospect"
                + " number 7.").content().vector();
    }
}
