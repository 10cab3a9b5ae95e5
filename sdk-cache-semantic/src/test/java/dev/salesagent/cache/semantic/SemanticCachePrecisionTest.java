package dev.salesagent.cache.semantic;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Precision of the semantic cache on a labelled set of prompt pairs built from the sales prompts
 * ({@code labelled-pairs.tsv}: lead-scoring data envelopes with S&amp;P 500 companies, battle-card requests,
 * conversation and command-center questions; label 1 when one answer serves both prompts). A pair is a hit when
 * the similarity reaches the threshold; a hit on a pair labelled 0 is a false hit. The table for each threshold
 * and every pair's similarity are written to {@code target/semantic-cache-precision.md}.
 */
class SemanticCachePrecisionTest {

    /** The threshold the README recommends for battle-card requests, the feature the semantic cache suits. */
    static final double RECOMMENDED = 0.85;

    record Pair(boolean same, String feature, String a, String b) {
    }

    static List<Pair> pairs() throws Exception {
        List<Pair> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                SemanticCachePrecisionTest.class.getResourceAsStream("labelled-pairs.tsv")), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                out.add(new Pair(f[0].equals("1"), f[1], f[2], f[3]));
            }
        }
        return out;
    }

    @Test
    void precisionOnTheLabelledSalesPairs() throws Exception {
        ChatModel unused = new ChatModel() {
            @Override
            public ChatResponse doChat(dev.langchain4j.model.chat.request.ChatRequest request) {
                return ChatResponse.builder().aiMessage(AiMessage.from("x")).build();
            }
        };
        SemanticCache cache = SemanticCache.builder(unused).feature("any", 0.9, Duration.ofHours(1)).build();
        List<Pair> pairs = pairs();
        assertThat(pairs).hasSizeGreaterThanOrEqualTo(40);
        double[] sim = new double[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            sim[i] = cache.similarity(pairs.get(i).a(), pairs.get(i).b());
        }

        StringBuilder report = new StringBuilder("# Semantic cache precision (all-MiniLM-L6-v2)\n\n")
                .append(pairs.size()).append(" labelled pairs, ")
                .append(pairs.stream().filter(Pair::same).count()).append(" paraphrases.\n\n")
                .append("| threshold | scope | hits | false hits | precision | recall |\n|---|---|---|---|---|---|\n");
        for (String scope : new String[] {null, "battle_card", "conversation_analysis", "lead_scoring"}) {
            for (double t : new double[] {0.80, RECOMMENDED, 0.90, 0.92, 0.94, 0.95, 0.96, 0.97, 0.98, 0.99}) {
                row(report, t, scope, pairs, sim);
            }
        }
        report.append("\n## Pairs (similarity, label)\n\n");
        for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            report.append(String.format(Locale.ROOT, "- %.4f %s %s: `%s` / `%s`%n", sim[i], p.same() ? "same" : "DIFFERENT",
                    p.feature(), abbreviate(p.a()), abbreviate(p.b())));
        }
        Path out = Path.of("target", "semantic-cache-precision.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);

        // battle-card requests at the recommended threshold: no false hit, at least 3 of 4 paraphrases found
        int[] cards = counts(RECOMMENDED, pairs, sim, "battle_card");
        assertThat(cards[1]).as("false hits on battle-card pairs at %s", RECOMMENDED).isZero();
        assertThat((double) cards[0] / cards[2]).as("recall on battle-card pairs at %s", RECOMMENDED)
                .isGreaterThanOrEqualTo(0.75);
    }

    private static String abbreviate(String s) {
        return s.length() <= 140 ? s : s.substring(0, 137) + "...";
    }

    /** {hits, false hits, true paraphrases} of the pairs in scope. */
    private static int[] counts(double t, List<Pair> pairs, double[] sim, String feature) {
        int hits = 0;
        int falseHits = 0;
        int same = 0;
        for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            if (feature != null && !feature.equals(p.feature())) {
                continue;
            }
            same += p.same() ? 1 : 0;
            if (sim[i] >= t) {
                hits++;
                falseHits += p.same() ? 0 : 1;
            }
        }
        return new int[] {hits, falseHits, same};
    }

    private static void row(StringBuilder sb, double t, String feature, List<Pair> pairs, double[] sim) {
        int[] c = counts(t, pairs, sim, feature);
        String scope = feature == null ? "all" : feature;
        int trueHits = c[0] - c[1];
        sb.append(String.format(Locale.ROOT, "| %.2f | %s | %d | %d | %s | %.2f |%n", t, scope, c[0], c[1],
                c[0] == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", (double) trueHits / c[0]),
                c[2] == 0 ? 0.0 : (double) trueHits / c[2]));
    }
}
