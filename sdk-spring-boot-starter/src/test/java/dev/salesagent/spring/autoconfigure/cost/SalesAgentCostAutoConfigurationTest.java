package dev.salesagent.spring.autoconfigure.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesagent.core.cost.Budget;
import dev.salesagent.core.cost.BudgetExceededException;
import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.cost.PriceTable;
import dev.salesagent.core.cost.UsageRecord;
import dev.salesagent.core.cost.UsageStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

class SalesAgentCostAutoConfigurationTest {

    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SalesAgentCostAutoConfiguration.class));

    private static UsageRecord usage(String tenant, String usd) {
        return UsageRecord.builder().timestamp(NOW).tenant(tenant).provider("openai").model("gpt-4o-mini")
                .inputTokens(1000).outputTokens(200).costUsd(new BigDecimal(usd)).build();
    }

    @Test
    void defaultsAreBundledPricesAnInMemoryStoreAndATrackerWithoutBudgets() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(PriceTable.class).hasSingleBean(UsageStore.class).hasSingleBean(CostTracker.class);
            assertThat(context.getBean(PriceTable.class).find("openai", "gpt-4o-mini")).isPresent();
            CostTracker tracker = context.getBean(CostTracker.class);
            assertThat(tracker.budgets()).isEmpty();
            assertThat(tracker.store()).isSameAs(context.getBean(UsageStore.class));
            tracker.record(usage("acme", "0.25"));
            assertThat(tracker.spentUsd("acme", null, NOW, NOW.plusSeconds(1))).isEqualByComparingTo("0.25");
        });
    }

    @Test
    void budgetsPerTenantBecomeDailyAndMonthlyHardLimitsWithAlerts() {
        runner.withUserConfiguration(FixedClockAndAlerts.class)
                .withPropertyValues(
                        "salesagent.cost.budgets.acme.daily-limit=1.00",
                        "salesagent.cost.budgets.acme.monthly-limit=20",
                        "salesagent.cost.budgets.acme.alert-thresholds=50,100",
                        "salesagent.cost.budgets.globex.monthly-limit=5")
                .run(context -> {
                    CostTracker tracker = context.getBean(CostTracker.class);
                    assertThat(tracker.budgets()).extracting(Budget::id).containsExactlyInAnyOrder(
                            "tenant:acme/daily", "tenant:acme/monthly", "tenant:globex/monthly");
                    Budget acmeDaily = tracker.budgets().stream().filter(b -> b.id().equals("tenant:acme/daily")).findFirst().orElseThrow();
                    assertThat(acmeDaily.hardLimitUsd()).contains(new BigDecimal("1.00"));
                    assertThat(acmeDaily.alertPercents()).containsExactly(50, 100);

                    tracker.reserve("acme", null, new BigDecimal("0.60")).settle(usage("acme", "0.60"));
                    assertThat(context.getBean(FixedClockAndAlerts.class).alerts)
                            .extracting(a -> a.budget().id() + "@" + a.thresholdPercent())
                            .contains("tenant:acme/daily@50");
                    assertThatThrownBy(() -> tracker.reserve("acme", null, new BigDecimal("0.50")))
                            .isInstanceOf(BudgetExceededException.class);
                    tracker.reserve("globex", null, new BigDecimal("0.50")).release();
                });
    }

    @Test
    void aBudgetWithoutLimitFailsStartupNamingTheEntry() {
        runner.withPropertyValues("salesagent.cost.budgets.acme.alert-thresholds=80").run(context -> {
            assertThat(context).hasFailed();
            assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                    .hasMessageContaining("salesagent.cost.budgets.acme needs daily-limit and/or monthly-limit");
        });
    }

    @Test
    void aPricesFileOverridesTheBundledPrices(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.json");
        Files.writeString(file, """
                {"providers": {"openai": {"models": {
                  "gpt-4o-mini": {"input": "9.00", "output": "18.00"},
                  "in-house-model": {"input": "1", "output": "2"}}}}}
                """);
        runner.withPropertyValues("salesagent.cost.prices-file=" + file.toUri()).run(context -> {
            PriceTable prices = context.getBean(PriceTable.class);
            assertThat(prices.find("openai", "gpt-4o-mini").orElseThrow().inputPerMTok()).isEqualByComparingTo("9.00");
            assertThat(prices.find("openai", "in-house-model")).isPresent();
            assertThat(prices.find("anthropic", "claude-sonnet-4-5")).isPresent();
        });
    }

    @Test
    void aLiteLlmPricesFileIsReadWhenTheFormatSaysSo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model_prices_and_context_window.json");
        Files.writeString(file, """
                {"my-model": {"input_cost_per_token": 0.000002, "output_cost_per_token": 0.000004,
                              "litellm_provider": "openai", "max_input_tokens": 8000}}
                """);
        runner.withPropertyValues("salesagent.cost.prices-file=" + file.toUri(), "salesagent.cost.prices-format=litellm")
                .run(context -> assertThat(context.getBean(PriceTable.class).find("openai", "my-model").orElseThrow()
                        .outputPerMTok()).isEqualByComparingTo("4"));
    }

    @Test
    void anUnreadablePricesFileFailsStartup() {
        runner.withPropertyValues("salesagent.cost.prices-file=file:/nonexistent/prices.json").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("salesagent.cost.prices-file");
        });
    }

    @Test
    void jdbcStoreWritesToTheApplicationsDataSource() {
        runner.withUserConfiguration(H2DataSource.class).withPropertyValues("salesagent.cost.store=jdbc").run(context -> {
            CostTracker tracker = context.getBean(CostTracker.class);
            tracker.record(usage("acme", "0.10"));
            tracker.record(usage("acme", "0.15"));
            try (Connection c = context.getBean(DataSource.class).getConnection();
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from salesagent_usage where tenant = 'acme'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
            assertThat(tracker.spentUsd("acme", null, NOW, NOW.plusSeconds(1))).isEqualByComparingTo("0.25");
        });
    }

    @Test
    void jdbcStoreWithoutADataSourceFailsWithAClearMessage() {
        runner.withPropertyValues("salesagent.cost.store=jdbc").run(context -> {
            assertThat(context).hasFailed();
            assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                    .hasMessageContaining("salesagent.cost.store=jdbc needs exactly one DataSource bean");
        });
    }

    @Test
    void costIsCountedOnTheApplicationsMeterRegistry() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            CostTracker tracker = context.getBean(CostTracker.class);
            assertThat(tracker.meterRegistry()).isSameAs(context.getBean(MeterRegistry.class));
            tracker.record(usage("acme", "0.40"));
            assertThat(context.getBean(MeterRegistry.class).find("salesagent.ai.cost").meters()).isNotEmpty();
        });
    }

    @Test
    void applicationBeansReplaceTheDefaults() {
        UsageStore own = UsageStore.inMemory();
        runner.withBean(UsageStore.class, () -> own).withBean(PriceTable.class, PriceTable::empty).run(context -> {
            assertThat(context.getBean(CostTracker.class).store()).isSameAs(own);
            assertThat(context.getBean(PriceTable.class).size()).isZero();
        });
        CostTracker tracker = CostTracker.inMemory();
        runner.withBean(CostTracker.class, () -> tracker).run(context ->
                assertThat(context).getBean(CostTracker.class).isSameAs(tracker));
    }

    @Configuration(proxyBeanMethods = false)
    static class FixedClockAndAlerts {
        final List<Budget.Alert> alerts = new CopyOnWriteArrayList<>();

        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }

        @Bean
        Budget.AlertListener collectingAlertListener() {
            return alerts::add;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class H2DataSource {
        @Bean
        DataSource dataSource() {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:cost-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
            return ds;
        }
    }
}
