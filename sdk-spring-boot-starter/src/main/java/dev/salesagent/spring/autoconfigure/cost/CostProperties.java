package dev.salesagent.spring.autoconfigure.cost;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * Cost tracking, prices and budgets, prefix {@code salesagent.cost}.
 *
 * <pre>
 * salesagent.cost.store=jdbc
 * salesagent.cost.prices-file=file:/etc/app/prices.json
 * salesagent.cost.budgets.acme.monthly-limit=500
 * salesagent.cost.budgets.acme.daily-limit=40
 * salesagent.cost.budgets.acme.alert-thresholds=80,100
 * </pre>
 *
 * @param pricesFile Price file (Spring resource location, e.g. classpath:prices.json or file:/etc/prices.json) whose
 *     prices replace the bundled OpenAI and Anthropic prices of the same models. Default none: bundled prices only.
 * @param pricesFormat Format of the prices file: salesagent (the SDK's own JSON) or litellm (LiteLLM's
 *     model_prices_and_context_window.json). Default salesagent.
 * @param store Where usage records are kept: memory (this JVM's heap, lost on restart) or jdbc (table
 *     salesagent_usage in the application's DataSource, created if absent). Default memory.
 * @param budgets USD budgets by tenant id. Each entry takes daily-limit and monthly-limit (hard limits in USD per
 *     calendar day/month; a call that could pass one is refused with BudgetExceededException), alert-thresholds
 *     (percent of each limit, e.g. 80,100; reaching one notifies the Budget.AlertListener beans once per period)
 *     and zone (time zone of the calendar periods, default UTC).
 */
@ConfigurationProperties("salesagent.cost")
public record CostProperties(
        Resource pricesFile,
        @DefaultValue("salesagent") PricesFormat pricesFormat,
        @DefaultValue("memory") Store store,
        Map<String, TenantBudget> budgets) {

    /**
     * Binds; {@code budgets} defaults to none.
     *
     * @param pricesFile Price file (Spring resource location, e.g. classpath:prices.json or file:/etc/prices.json)
     *     whose prices replace the bundled OpenAI and Anthropic prices of the same models. Default none: bundled prices
     *     only.
     * @param pricesFormat Format of the prices file: salesagent (the SDK's own JSON) or litellm (LiteLLM's
     *     model_prices_and_context_window.json). Default salesagent.
     * @param store Where usage records are kept: memory (this JVM's heap, lost on restart) or jdbc (table
     *     salesagent_usage in the application's DataSource, created if absent). Default memory.
     * @param budgets USD budgets by tenant id. Each entry takes daily-limit and monthly-limit (hard limits in USD per
     *     calendar day/month; a call that could pass one is refused with BudgetExceededException), alert-thresholds
     *     (percent of each limit, e.g. 80,100; reaching one notifies the Budget.AlertListener beans once per period)
     *     and zone (time zone of the calendar periods, default UTC).
     */
    public CostProperties {
        budgets = budgets == null ? Map.of() : Map.copyOf(budgets);
    }

    /** Usage store kinds. */
    public enum Store {
        /** Records kept in the JVM heap. */
        MEMORY,
        /** Records kept in the application's {@code DataSource}. */
        JDBC
    }

    /** Price file formats. */
    public enum PricesFormat {
        /** The SDK's own JSON format (see {@code PriceTable}). */
        SALESAGENT,
        /** LiteLLM's {@code model_prices_and_context_window.json}. */
        LITELLM
    }

    /**
     * One tenant's budgets; at least one limit must be set.
     *
     * @param dailyLimit hard limit in USD per calendar day, or null for none
     * @param monthlyLimit hard limit in USD per calendar month, or null for none
     * @param alertThresholds alert thresholds in percent of each limit (each greater than 0); default none
     * @param zone time zone of the calendar periods; default UTC
     */
    public record TenantBudget(BigDecimal dailyLimit, BigDecimal monthlyLimit, List<Integer> alertThresholds,
                               @DefaultValue("UTC") ZoneId zone) {

        /**
         * Binds; {@code alertThresholds} defaults to none.
         *
         * @param dailyLimit hard limit in USD per calendar day, or null for none
         * @param monthlyLimit hard limit in USD per calendar month, or null for none
         * @param alertThresholds alert thresholds in percent of each limit (each greater than 0); default none
         * @param zone time zone of the calendar periods; default UTC
         */
        public TenantBudget {
            alertThresholds = alertThresholds == null ? List.of() : List.copyOf(alertThresholds);
        }
    }
}
