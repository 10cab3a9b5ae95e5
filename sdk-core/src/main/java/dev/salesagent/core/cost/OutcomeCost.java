package dev.salesagent.core.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * What a feature's outcomes cost: the feature's settled spend divided by the outcomes it produced in a period
 * (e.g. USD per scored lead for {@code lead_scoring}, per proposal for {@code proposal}).
 *
 * @param feature  the feature
 * @param outcomes outcomes reported with {@link CostTracker#recordOutcomes} in the period
 * @param costUsd  the feature's settled spend in the period, USD (cache hits count as zero)
 * @param calls    usage records of the feature in the period (calls, failed attempts and cache hits)
 */
public record OutcomeCost(String feature, long outcomes, BigDecimal costUsd, long calls) {

    /**
     * {@return USD per outcome ({@code costUsd / outcomes}) rounded half-up to 8 decimal places, or empty when no
     * outcome was reported}
     */
    public Optional<BigDecimal> usdPerOutcome() {
        return outcomes == 0 ? Optional.empty()
                : Optional.of(costUsd.divide(BigDecimal.valueOf(outcomes), 8, RoundingMode.HALF_UP));
    }
}
