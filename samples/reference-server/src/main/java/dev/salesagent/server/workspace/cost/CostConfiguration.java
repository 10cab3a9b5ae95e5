package dev.salesagent.server.workspace.cost;

import dev.salesagent.core.cost.Budget;
import dev.salesagent.core.cost.BudgetStore;
import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.cost.UsageListener;
import dev.salesagent.core.cost.UsageStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The server's cost tracking: usage records in the server's PostgreSQL ({@link UsageStore#jdbc}, table
 * {@code salesagent_usage}), budget ledgers there too ({@link BudgetStore#jdbc}, shared by every instance, so together
 * they never pass a hard limit), and the {@link CostTracker} the model router reserves against before each call. The
 * budgets come from {@link TenantBudgets} (set by the tenants' administrators) and are re-read while the server runs.
 * Tenant and user of each record come from the SDK's {@code AiContext}, which {@code TenantGuardFilter} sets per
 * request.
 */
@Configuration(proxyBeanMethods = false)
class CostConfiguration {

    @Bean
    UsageStore salesAgentUsageStore(DataSource dataSource) {
        return UsageStore.jdbc(dataSource);
    }

    @Bean
    BudgetStore salesAgentBudgetStore(DataSource dataSource) {
        return BudgetStore.jdbc(dataSource);
    }

    @Bean
    CostTracker salesAgentCostTracker(UsageStore usage, BudgetStore budgetStore, TenantBudgets budgets, Clock clock,
                                      ObjectProvider<MeterRegistry> meters, ObjectProvider<UsageListener> usageListeners,
                                      ObjectProvider<Budget.AlertListener> alertListeners) {
        CostTracker.Builder builder = CostTracker.builder().store(usage).budgetStore(budgetStore).clock(clock)
                .budgetSource(budgets::current);
        meters.ifUnique(builder::meterRegistry);
        usageListeners.orderedStream().forEach(builder::usageListener);
        alertListeners.orderedStream().forEach(builder::alertListener);
        return builder.build();
    }
}
