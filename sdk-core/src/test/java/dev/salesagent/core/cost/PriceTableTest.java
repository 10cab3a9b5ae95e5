package dev.salesagent.core.cost;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PriceTableTest {

    @Test
    void bundledTableCoversCurrentOpenAiAndAnthropicModelsWithDateAndSource() {
        PriceTable table = PriceTable.defaults();

        ModelPrice mini = table.find("openai", "gpt-4o-mini").orElseThrow();
        assertThat(mini.inputPerMTok()).isEqualByComparingTo("0.15");
        assertThat(mini.cachedInputPerMTok()).isEqualByComparingTo("0.075");
        assertThat(mini.outputPerMTok()).isEqualByComparingTo("0.60");
        ModelPrice sonnet = table.find("anthropic", "claude-sonnet-4-5").orElseThrow();
        assertThat(sonnet.cacheWritePerMTok()).isEqualByComparingTo("3.75");
        assertThat(sonnet.cachedInputPerMTok()).isEqualByComparingTo("0.30");
        assertThat(table.takenOn("openai")).isPresent();
        assertThat(table.source("anthropic")).hasValueSatisfying(s -> assertThat(s).startsWith("https://"));
        assertThat(table.prices()).allSatisfy(p -> assertThat(p.maxInputTokens()).isPositive());
    }

    @Test
    void lookupIgnoresCaseAndSnapshotDates() {
        PriceTable table = PriceTable.defaults();

        assertThat(table.find("openai", "gpt-4o-2024-08-06")).isEqualTo(table.find("openai", "gpt-4o"));
        assertThat(table.find("anthropic", "claude-haiku-4-5-20251001")).isEqualTo(table.find("anthropic", "claude-haiku-4-5"));
        assertThat(table.find("OpenAI", "GPT-4o-mini")).isPresent();
        assertThat(table.find("openai", "gpt-unknown-9")).isEmpty();
        assertThat(table.find("anthropic", "gpt-4o")).isEmpty();
    }

    @Test
    void costIsExactPriceTableArithmetic() {
        ModelPrice p = new ModelPrice("anthropic", "m", new BigDecimal("3"), new BigDecimal("0.30"),
                new BigDecimal("3.75"), new BigDecimal("15"), 200_000);

        // 1000*3 + 2000*0.30 + 500*3.75 + 700*15 = 3000 + 600 + 1875 + 10500 = 15975 per 1M tokens
        assertThat(p.cost(1000, 2000, 500, 700)).isEqualByComparingTo("0.015975");
        assertThat(p.cost(1, 0, 0, 0)).isEqualByComparingTo("0.000003");
        assertThat(p.cost(0, 0, 0, 0)).isEqualByComparingTo("0");
    }

    @Test
    void readsLiteLlmCatalogue() throws Exception {
        PriceTable table;
        try (InputStream in = getClass().getResourceAsStream("/litellm-sample.json")) {
            table = PriceTable.fromLiteLlm(in);
        }

        assertThat(table.size()).isEqualTo(3);
        ModelPrice mini = table.find("openai", "gpt-4o-mini").orElseThrow();
        assertThat(mini.inputPerMTok()).isEqualByComparingTo("0.15");
        assertThat(mini.cachedInputPerMTok()).isEqualByComparingTo("0.075");
        assertThat(mini.cacheWritePerMTok()).isEqualByComparingTo("0.15");
        assertThat(mini.outputPerMTok()).isEqualByComparingTo("0.6");
        assertThat(mini.maxInputTokens()).isEqualTo(128_000);
        ModelPrice sonnet = table.find("anthropic", "claude-sonnet-4-5-20250929").orElseThrow();
        assertThat(sonnet.cacheWritePerMTok()).isEqualByComparingTo("3.75");
        assertThat(sonnet.cachedInputPerMTok()).isEqualByComparingTo("0.3");
        assertThat(table.find("mistral", "mistral-large-latest")).isPresent();
        assertThat(table.find("openai", "dall-e-3")).isEmpty();
    }

    @Test
    void overridesFromFileAndCodeReplaceBundledPrices(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.json");
        Files.writeString(file, """
                {"providers": {"openai": {"takenOn": "2030-01-02", "source": "https://example.test/negotiated",
                  "models": {"gpt-4o-mini": {"input": "0.10", "output": "0.50"}}}}}
                """);

        PriceTable table = PriceTable.defaults().overriddenBy(PriceTable.fromJson(file))
                .with(ModelPrice.of("acme-llm", "house-model", "1", "2"));

        ModelPrice mini = table.find("openai", "gpt-4o-mini").orElseThrow();
        assertThat(mini.inputPerMTok()).isEqualByComparingTo("0.10");
        assertThat(mini.cachedInputPerMTok()).isEqualByComparingTo("0.10");
        assertThat(table.takenOn("openai")).hasValueSatisfying(d -> assertThat(d).hasToString("2030-01-02"));
        assertThat(table.find("openai", "gpt-4o")).isPresent();
        assertThat(table.find("acme-llm", "house-model")).isPresent();
    }

    @Test
    void rejectsMissingAndNegativePricesNamingTheModel() {
        assertThatThrownBy(() -> PriceTable.fromJson(stream("""
                {"providers": {"x": {"models": {"m1": {"input": "1"}}}}}""")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output").hasMessageContaining("x/m1");
        assertThatThrownBy(() -> ModelPrice.of("x", "m", "-1", "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    private static InputStream stream(String s) {
        return new java.io.ByteArrayInputStream(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
