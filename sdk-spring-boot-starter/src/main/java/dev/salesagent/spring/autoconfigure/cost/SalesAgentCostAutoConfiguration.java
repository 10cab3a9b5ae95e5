package dev.salesagent.spring.autoconfigure.cost;

import dev.salesagent.core.cost.Budget;
import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.cost.PriceTable;
import dev.salesagent.core.cost.UsageListener;
import dev.salesagent.core.cost.UsageStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Prices, usage store and the {@link CostTracker} from {@code salesagent.cost.*}.
 *
 * <ul>
 *   <li>{@link PriceTable}: the bundled prices, overridden by {@code salesagent.cost.prices-file}.</li>
 *   <li>{@link UsageStore}: in memory, or with {@code salesagent.cost.store=jdbc} on the application's
 *       {@link DataSource} (table {@code salesagent_usage}, created if absent).</li>
 *   <li>{@link CostTracker}: with the budgets of {@code salesagent.cost.budgets}, the application's
 *       {@link MeterRegistry} (meter {@code salesagent.ai.cost}), {@link Clock} (if one bean), and every
 *       {@link UsageListener} and {@link Budget.AlertListener} bean. Without an alert listener bean, alerts are
 *       logged at WARN.</li>
 * </ul>
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass(CostTracker.class)
@EnableConfigurationProperties(CostProperties.class)
public final class SalesAgentCostAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SalesAgentCostAutoConfiguration.class);

    /** Created by Spring. */
    SalesAgentCostAutoConfiguration() {
    }

    /**
     * The bundled prices, overridden by the configured prices file.
     *
     * @throws UncheckedIOException if the prices file cannot be read or parsed
     */
    @Bean
    @ConditionalOnMissingBean
    PriceTable salesAgentPriceTable(CostProperties properties) {
        PriceTable table = PriceTable.defaults();
        if (properties.pricesFile() == null) {
            return table;
        }
        try (InputStream in = properties.pricesFile().getInputStream()) {
            PriceTable overrides = properties.pricesFormat() == CostProperties.PricesFormat.LITELLM
                    ? PriceTable.fromLiteLlm(in) : PriceTable.fromJson(in);
            return table.overriddenBy(overrides);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read salesagent.cost.prices-file " + properties.pricesFile(), e);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "salesagent.cost.store", havingValue = "memory", matchIfMissing = true)
    static class MemoryStore {
        @Bean
        @ConditionalOnMissingBean
        UsageStore salesAgentUsageStore() {
            return UsageStore.inMemory();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "salesagent.cost.store", havingValue = "jdbc")
    static class JdbcStore {
        /** @throws IllegalStateException if the application has no single {@link DataSource} */
        @Bean
        @ConditionalOnMissingBean
        UsageStore salesAgentUsageStore(ObjectProvider<DataSource> dataSource) {
            DataSource ds = dataSource.getIfUnique();
            if (ds == null) {
                throw new IllegalStateException("salesagent.cost.store=jdbc needs exactly one DataSource bean "
                        + "(add spring-boot-starter-jdbc and spring.datasource.*), or set salesagent.cost.store=memory");
            }
            return UsageStore.jdbc(ds);
        }
    }

    /** Logs budget alerts when the application registers no listener of its own. */
    @Bean
    @ConditionalOnMissingBean
    Budget.AlertListener salesAgentBudgetAlertLogger() {
        return alert -> log.warn("Budget {} reached {}% ({} USD): spent {} USD since {}", alert.budget().id(),
                alert.thresholdPercent(), alert.thresholdUsd().toPlainString(), alert.spentUsd().toPlainString(),
                alert.periodStart());
    }

    @Bean
    @ConditionalOnMissingBean
    CostTracker salesAgentCostTracker(CostProperties properties, UsageStore store, ObjectProvider<MeterRegistry> meters,
                                      ObjectProvider<Clock> clock, ObjectProvider<UsageListener> usageListeners,
                                      ObjectProvider<Budget.AlertListener> alertListeners) {
        CostTracker.Builder builder = CostTracker.builder().store(store);
        meters.ifUnique(builder::meterRegistry);
        clock.ifUnique(builder::clock);
        budgets(properties).forEach(builder::budget);
        usageListeners.orderedStream().forEach(builder::usageListener);
        alertListeners.orderedStream().forEach(builder::alertListener);
        return builder.build();
    }

    /**
     * The budgets of {@code salesagent.cost.budgets}: per tenant one daily and/or one monthly budget.
     *
     * @throws IllegalArgumentException if a tenant entry has no limit, a negative limit or a non-positive threshold
     */
    static List<Budget> budgets(CostProperties properties) {
        List<Budget> budgets = new ArrayList<>();
        for (Map.Entry<String, CostProperties.TenantBudget> e : properties.budgets().entrySet()) {
            String tenant = e.getKey();
            CostProperties.TenantBudget b = e.getValue();
            if (b.dailyLimit() == null && b.monthlyLimit() == null) {
                throw new IllegalArgumentException("salesagent.cost.budgets." + tenant
                        + " needs daily-limit and/or monthly-limit (USD)");
            }
            int[] thresholds = b.alertThresholds().stream().mapToInt(Integer::intValue).toArray();
            if (b.dailyLimit() != null) {
                budgets.add(Budget.forTenant(tenant).daily().hardLimitUsd(b.dailyLimit()).alertAtPercent(thresholds)
                        .zone(b.zone()).build());
            }
            if (b.monthlyLimit() != null) {
                budgets.add(Budget.forTenant(tenant).monthly().hardLimitUsd(b.monthlyLimit()).alertAtPercent(thresholds)
                        .zone(b.zone()).build());
            }
        }
        return budgets;
    }
}
