package dev.salesagent.core.cost;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Behaviour every {@link UsageStore} must show; subclasses supply a fresh, empty store. */
abstract class UsageStoreContract {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    UsageStore store;

    abstract UsageStore newStore();

    @BeforeEach
    void setUp() {
        store = newStore();
    }

    static UsageRecord record(String tenant, String user, String feature, String model, Instant at, String cost) {
        return UsageRecord.builder().timestamp(at).tenant(tenant).user(user).feature(feature).provider("openai")
                .model(model).endpoint("ep-" + model).inputTokens(100).cachedInputTokens(20).cacheWriteTokens(5)
                .outputTokens(50).costUsd(cost == null ? null : new BigDecimal(cost))
                .costSource(cost == null ? UsageRecord.CostSource.UNPRICED : UsageRecord.CostSource.PROVIDER)
                .latency(Duration.ofMillis(123)).build();
    }

    @Test
    void roundTripsEveryField() {
        UsageRecord r = UsageRecord.builder().timestamp(T0).tenant("acme").user("u1").feature("proposal").runId("run-1")
                .provider("anthropic").model("claude-haiku-4-5").endpoint("claude").inputTokens(11).cachedInputTokens(12)
                .cacheWriteTokens(13).outputTokens(14).costUsd(new BigDecimal("0.000123456789"))
                .costSource(UsageRecord.CostSource.ESTIMATED).latency(Duration.ofNanos(1_234_567))
                .outcome(UsageRecord.Outcome.FAILURE).cacheHit(false).errorType("overloaded_error").build();

        store.save(r);

        assertThat(store.find(UsageStore.Query.all())).singleElement().satisfies(back -> {
            assertThat(back).usingRecursiveComparison().ignoringFields("costUsd").isEqualTo(r);
            assertThat(back.costUsd()).isEqualByComparingTo(r.costUsd());
        });
    }

    @Test
    void answersTenantFeatureWindowQuestionsExactly() {
        store.save(record("acme", "u1", "proposal", "gpt-4o", T0, "0.10"));
        store.save(record("acme", "u2", "proposal", "gpt-4o", T0.plusSeconds(3600), "0.20"));
        store.save(record("acme", "u1", "lead_scoring", "gpt-4o-mini", T0.plusSeconds(60), "0.01"));
        store.save(record("globex", "u9", "proposal", "gpt-4o", T0.plusSeconds(60), "5.00"));
        store.save(record("acme", "u1", "proposal", "gpt-4o", T0.plus(Duration.ofDays(1)), "0.40"));
        store.save(record("acme", "u1", "proposal", "mystery", T0.plusSeconds(120), null));

        UsageStore.Totals t = store.totals(UsageStore.Query.all().tenant("acme").feature("proposal")
                .between(T0, T0.plus(Duration.ofDays(1))));

        assertThat(t.costUsd()).isEqualByComparingTo("0.30");
        assertThat(t.calls()).isEqualTo(3);
        assertThat(t.unpricedCalls()).isEqualTo(1);
        assertThat(t.inputTokens()).isEqualTo(300);
        assertThat(t.cachedInputTokens()).isEqualTo(60);
        assertThat(t.cacheWriteTokens()).isEqualTo(15);
        assertThat(t.outputTokens()).isEqualTo(150);
        assertThat(store.totals(UsageStore.Query.all()).costUsd()).isEqualByComparingTo("5.71");
    }

    @Test
    void groupsByEveryDimension() {
        store.save(record("acme", "u1", "proposal", "gpt-4o", T0, "0.10"));
        store.save(record("acme", "u2", "lead_scoring", "gpt-4o-mini", T0.plusSeconds(60), "0.01"));
        store.save(record("acme", null, "proposal", "gpt-4o", T0.plus(Duration.ofDays(1)), "0.40"));
        store.save(record("globex", "u9", "proposal", "gpt-4o", T0, "1.00"));
        UsageStore.Query acme = UsageStore.Query.all().tenant("acme");

        Map<String, UsageStore.Totals> byFeature = store.totalsBy(UsageStore.Dimension.FEATURE, acme);
        assertThat(byFeature).containsOnlyKeys("lead_scoring", "proposal");
        assertThat(byFeature.get("proposal").costUsd()).isEqualByComparingTo("0.50");
        assertThat(store.totalsBy(UsageStore.Dimension.USER, acme)).containsOnlyKeys("", "u1", "u2");
        assertThat(store.totalsBy(UsageStore.Dimension.MODEL, acme).get("gpt-4o-mini").costUsd())
                .isEqualByComparingTo("0.01");
        Map<String, UsageStore.Totals> byDay = store.totalsBy(UsageStore.Dimension.DAY, acme);
        assertThat(byDay).containsOnlyKeys("2026-03-01", "2026-03-02");
        assertThat(byDay.get("2026-03-01").calls()).isEqualTo(2);
        assertThat(store.totalsBy(UsageStore.Dimension.TENANT, UsageStore.Query.all()).get("globex").costUsd())
                .isEqualByComparingTo("1.00");
    }
}
