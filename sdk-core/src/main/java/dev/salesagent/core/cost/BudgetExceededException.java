package dev.salesagent.core.cost;

import dev.salesagent.core.model.ModelCallException;

import java.math.BigDecimal;

/**
 * Raised <em>before</em> a model call when reserving its worst-case cost would pass a hard limit
 * (a tenant {@code Budget} or a run's {@link CostScope} limit). Nothing was sent to any provider.
 */
public class BudgetExceededException extends ModelCallException {

    /** Name of the budget that refused the call, e.g. {@code tenant:acme/daily} or {@code run:abc}. */
    private final String budget;
    /** The refusing budget's hard limit, USD. */
    private final BigDecimal limitUsd;
    /** Spent plus already reserved at the time of refusal, USD. */
    private final BigDecimal committedUsd;
    /** The refused call's worst-case cost, USD. */
    private final BigDecimal requestedUsd;

    /**
     * @param budget       which budget refused (e.g. {@code tenant:acme/daily} or {@code run:abc})
     * @param limitUsd     the hard limit, USD
     * @param committedUsd spent plus already reserved, USD
     * @param requestedUsd the worst-case cost of the refused call, USD
     */
    public BudgetExceededException(String budget, BigDecimal limitUsd, BigDecimal committedUsd, BigDecimal requestedUsd) {
        super("Budget " + budget + " exceeded: limit " + limitUsd.toPlainString() + " USD, committed "
                + committedUsd.toPlainString() + " USD, this call needs up to " + requestedUsd.toPlainString() + " USD");
        this.budget = budget;
        this.limitUsd = limitUsd;
        this.committedUsd = committedUsd;
        this.requestedUsd = requestedUsd;
    }

    /** {@return which budget refused the call} */
    public String budget() {
        return budget;
    }

    /** {@return the hard limit in USD} */
    public BigDecimal limitUsd() {
        return limitUsd;
    }

    /** {@return spent plus reserved at the time of refusal, USD} */
    public BigDecimal committedUsd() {
        return committedUsd;
    }

    /** {@return the refused call's worst-case cost, USD} */
    public BigDecimal requestedUsd() {
        return requestedUsd;
    }
}
