package dev.salesagent.core.cost;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A spending budget in USD for one tenant, or one tenant and feature, per calendar day or month.
 *
 * <p>A budget may have a <em>hard limit</em>: the {@link CostTracker} then reserves each call's worst-case cost
 * against it atomically and refuses, with {@link BudgetExceededException}, any call whose reservation would make
 * spent + reserved pass the limit, so concurrent calls never overshoot it. Alert thresholds are percentages of the
 * <em>expected</em> spend (default: the hard limit); when settled spend first reaches one, each registered
 * {@link AlertListener} receives one {@link Alert} for that threshold and period.
 *
 * <pre>{@code
 * Budget.forTenant("acme").daily().hardLimitUsd(new BigDecimal("50")).expectedUsd(new BigDecimal("40"))
 *       .alertAtPercent(80, 100, 150).build();
 * }</pre>
 */
public final class Budget {

    private final String tenant;
    private final String feature;
    private final Period period;
    private final BigDecimal hardLimitUsd;
    private final BigDecimal expectedUsd;
    private final List<Integer> alertPercents;
    private final ZoneId zone;
    private final String id;

    private Budget(Builder b) {
        this.tenant = b.tenant;
        this.feature = b.feature;
        this.period = b.period;
        this.hardLimitUsd = b.hardLimitUsd;
        this.expectedUsd = b.expectedUsd != null ? b.expectedUsd : b.hardLimitUsd;
        this.alertPercents = b.alertPercents.stream().sorted().distinct().toList();
        this.zone = b.zone;
        this.id = "tenant:" + tenant + (feature == null ? "" : "/feature:" + feature) + "/" + period.name().toLowerCase();
    }

    /** Starts a budget for all of a tenant's calls. */
    public static Builder forTenant(String tenant) {
        return new Builder(tenant);
    }

    /** Identifier used in errors and alerts, e.g. {@code tenant:acme/feature:proposal/daily}. */
    public String id() {
        return id;
    }

    public String tenant() {
        return tenant;
    }

    /** The feature this budget is limited to, or empty for all of the tenant's features. */
    public Optional<String> feature() {
        return Optional.ofNullable(feature);
    }

    public Period period() {
        return period;
    }

    /** The hard limit in USD, or empty for an alert-only budget. */
    public Optional<BigDecimal> hardLimitUsd() {
        return Optional.ofNullable(hardLimitUsd);
    }

    /** Expected spend per period in USD that alert percentages refer to; defaults to the hard limit. */
    public Optional<BigDecimal> expectedUsd() {
        return Optional.ofNullable(expectedUsd);
    }

    /** Alert thresholds in percent of {@link #expectedUsd()}, ascending. */
    public List<Integer> alertPercents() {
        return alertPercents;
    }

    /** Time zone of the calendar periods; default UTC. */
    public ZoneId zone() {
        return zone;
    }

    /** True if a call of this tenant and feature counts against this budget. */
    public boolean appliesTo(String tenant, String feature) {
        return this.tenant.equals(tenant) && (this.feature == null || this.feature.equals(feature));
    }

    /** The start of the period containing {@code instant}. */
    public Instant periodStart(Instant instant) {
        LocalDate day = instant.atZone(zone).toLocalDate();
        LocalDate start = period == Period.DAILY ? day : day.withDayOfMonth(1);
        return start.atStartOfDay(zone).toInstant();
    }

    /** The end (exclusive) of the period starting at {@code periodStart}. */
    public Instant periodEnd(Instant periodStart) {
        ZonedDateTime start = periodStart.atZone(zone);
        return (period == Period.DAILY ? start.plusDays(1) : start.plusMonths(1)).toInstant();
    }

    @Override
    public String toString() {
        return "Budget[" + id() + ", hardLimit=" + (hardLimitUsd == null ? "none" : hardLimitUsd.toPlainString())
                + " USD, expected=" + (expectedUsd == null ? "none" : expectedUsd.toPlainString()) + " USD, alerts="
                + alertPercents + "%]";
    }

    /** Budget periods (calendar-aligned in {@link #zone()}). */
    public enum Period {
        DAILY,
        MONTHLY
    }

    /**
     * A threshold was reached.
     *
     * @param budget           the budget
     * @param thresholdPercent the threshold, percent of expected spend
     * @param thresholdUsd     the threshold in USD
     * @param spentUsd         settled spend in the period when the threshold was reached, USD
     * @param periodStart      start of the period
     */
    public record Alert(Budget budget, int thresholdPercent, BigDecimal thresholdUsd, BigDecimal spentUsd,
                        Instant periodStart) {
    }

    /**
     * A budget's state in its current period.
     *
     * @param budget      the budget
     * @param periodStart start of the current period
     * @param spentUsd    settled spend in the period, USD
     * @param reservedUsd worst-case cost reserved by calls in flight, USD
     */
    public record Status(Budget budget, Instant periodStart, BigDecimal spentUsd, BigDecimal reservedUsd) {
    }

    /** Receives budget alerts; called on the thread that settled the call. Exceptions are logged and ignored. */
    @FunctionalInterface
    public interface AlertListener {
        void onAlert(Alert alert);
    }

    /** Builds a {@link Budget}; period defaults to {@link Period#DAILY}, zone to UTC. */
    public static final class Builder {
        private final String tenant;
        private String feature;
        private Period period = Period.DAILY;
        private BigDecimal hardLimitUsd;
        private BigDecimal expectedUsd;
        private final List<Integer> alertPercents = new ArrayList<>();
        private ZoneId zone = ZoneOffset.UTC;

        private Builder(String tenant) {
            if (tenant == null || tenant.isBlank()) {
                throw new IllegalArgumentException("tenant must not be blank but was '" + tenant + "'");
            }
            this.tenant = tenant;
        }

        /** Limits the budget to one feature of the tenant. */
        public Builder feature(String feature) {
            this.feature = feature;
            return this;
        }

        public Builder daily() {
            this.period = Period.DAILY;
            return this;
        }

        public Builder monthly() {
            this.period = Period.MONTHLY;
            return this;
        }

        /** Hard limit in USD per period (&gt;= 0); calls that could pass it are refused. */
        public Builder hardLimitUsd(BigDecimal usd) {
            this.hardLimitUsd = usd;
            return this;
        }

        /** Expected spend in USD per period (&gt; 0) for alert percentages; default the hard limit. */
        public Builder expectedUsd(BigDecimal usd) {
            this.expectedUsd = usd;
            return this;
        }

        /** Alert thresholds in percent of expected spend (each &gt; 0), e.g. {@code 80, 100, 150}. */
        public Builder alertAtPercent(int... percents) {
            for (int p : percents) {
                alertPercents.add(p);
            }
            return this;
        }

        /** Time zone of the calendar periods; default UTC. */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /**
         * @throws IllegalArgumentException if a limit is negative, a threshold is not positive, there is neither a
         *                                  hard limit nor an expected spend, or thresholds are set without either
         */
        public Budget build() {
            if (hardLimitUsd != null && hardLimitUsd.signum() < 0) {
                throw new IllegalArgumentException("hardLimitUsd must be >= 0 but was " + hardLimitUsd.toPlainString());
            }
            if (expectedUsd != null && expectedUsd.signum() <= 0) {
                throw new IllegalArgumentException("expectedUsd must be > 0 but was " + expectedUsd.toPlainString());
            }
            if (hardLimitUsd == null && expectedUsd == null) {
                throw new IllegalArgumentException("budget for tenant " + tenant + " needs a hardLimitUsd or expectedUsd");
            }
            for (int p : alertPercents) {
                if (p <= 0) {
                    throw new IllegalArgumentException("alert percent must be > 0 but was " + p);
                }
            }
            return new Budget(this);
        }
    }
}
