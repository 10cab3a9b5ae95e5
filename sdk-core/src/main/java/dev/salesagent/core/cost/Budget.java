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

    /**
     * Starts a budget for all of a tenant's calls; {@link Builder#feature(String)} narrows it to one feature.
     *
     * @param tenant the tenant whose calls count against the budget, as passed to {@link CostTracker#reserve}
     *               (not blank)
     * @return a builder with period {@link Period#DAILY}, zone UTC, and no limit or alert thresholds yet
     * @throws IllegalArgumentException if {@code tenant} is null or blank
     */
    public static Builder forTenant(String tenant) {
        return new Builder(tenant);
    }

    /**
     * {@return the identifier used in errors, alerts and as the {@link BudgetStore} row key, e.g.
     * {@code tenant:acme/feature:proposal/daily}} Budgets with the same tenant, feature and period share it.
     */
    public String id() {
        return id;
    }

    /** {@return the tenant whose calls count against this budget} */
    public String tenant() {
        return tenant;
    }

    /** {@return the feature this budget is limited to, or empty for all of the tenant's features} */
    public Optional<String> feature() {
        return Optional.ofNullable(feature);
    }

    /** {@return the calendar period that the limit and the thresholds apply to, aligned in {@link #zone()}} */
    public Period period() {
        return period;
    }

    /**
     * {@return the hard limit in USD per period, or empty for an alert-only budget} A call whose worst-case cost
     * would take spent + reserved past it is refused with {@link BudgetExceededException} before it is sent.
     */
    public Optional<BigDecimal> hardLimitUsd() {
        return Optional.ofNullable(hardLimitUsd);
    }

    /**
     * {@return the expected spend in USD per period that alert percentages refer to} It defaults to the hard limit,
     * so it is present on every built budget.
     */
    public Optional<BigDecimal> expectedUsd() {
        return Optional.ofNullable(expectedUsd);
    }

    /** {@return the alert thresholds in percent of {@link #expectedUsd()}, ascending and distinct; empty for none} */
    public List<Integer> alertPercents() {
        return alertPercents;
    }

    /** {@return the time zone in which days and months start; default UTC} */
    public ZoneId zone() {
        return zone;
    }

    /**
     * Whether a call counts against this budget: its tenant is this budget's and this budget has no feature or the
     * call's.
     *
     * @param tenant  the call's tenant
     * @param feature the call's feature, or null
     * @return true if the call counts against this budget
     */
    public boolean appliesTo(String tenant, String feature) {
        return this.tenant.equals(tenant) && (this.feature == null || this.feature.equals(feature));
    }

    /**
     * The start of the period containing {@code instant}: midnight of its day (daily) or of the first day of its
     * month (monthly) in {@link #zone()}.
     *
     * @param instant any instant
     * @return the start of its period (inclusive)
     */
    public Instant periodStart(Instant instant) {
        LocalDate day = instant.atZone(zone).toLocalDate();
        LocalDate start = period == Period.DAILY ? day : day.withDayOfMonth(1);
        return start.atStartOfDay(zone).toInstant();
    }

    /**
     * The end of the period starting at {@code periodStart}: one calendar day or month later in {@link #zone()}.
     *
     * @param periodStart a period start as returned by {@link #periodStart(Instant)}
     * @return the end of the period (exclusive), which is the start of the next one
     */
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
        /** One calendar day, from midnight to midnight in the budget's zone. */
        DAILY,
        /** One calendar month, from midnight of its first day to midnight of the next month's first day. */
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
        /**
         * Handles one alert. Each threshold fires once per budget period, also across processes that share the
         * {@link BudgetStore}: only for the settle that moves spent from below it to at or above it.
         *
         * @param alert the threshold reached, with the budget, the period's start and its settled spend in USD
         */
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

        /**
         * Limits the budget to one feature of the tenant.
         *
         * @param feature the feature as passed to {@link CostTracker#reserve}, e.g. {@code proposal}; null for all
         *                of the tenant's features (the default)
         * @return this builder
         */
        public Builder feature(String feature) {
            this.feature = feature;
            return this;
        }

        /**
         * Makes the period one calendar day (the default).
         *
         * @return this builder
         */
        public Builder daily() {
            this.period = Period.DAILY;
            return this;
        }

        /**
         * Makes the period one calendar month.
         *
         * @return this builder
         */
        public Builder monthly() {
            this.period = Period.MONTHLY;
            return this;
        }

        /**
         * Sets the hard limit per period: a call whose worst-case cost, reserved before it is sent, would take
         * spent + reserved past it is refused with {@link BudgetExceededException}. Zero refuses every call with a
         * positive worst-case cost.
         *
         * @param usd the limit in USD per period (&gt;= 0, checked by {@link #build()}); null for an alert-only
         *            budget
         * @return this builder
         */
        public Builder hardLimitUsd(BigDecimal usd) {
            this.hardLimitUsd = usd;
            return this;
        }

        /**
         * Sets the expected spend per period that alert percentages refer to; default the hard limit.
         *
         * @param usd the expected spend in USD per period (&gt; 0, checked by {@link #build()}); null for the
         *            hard limit
         * @return this builder
         */
        public Builder expectedUsd(BigDecimal usd) {
            this.expectedUsd = usd;
            return this;
        }

        /**
         * Adds alert thresholds in percent of expected spend, e.g. {@code 80, 100, 150}; repeated calls add more.
         *
         * @param percents thresholds in percent (each &gt; 0, checked by {@link #build()}; above 100 allowed);
         *                 duplicates are ignored
         * @return this builder
         */
        public Builder alertAtPercent(int... percents) {
            for (int p : percents) {
                alertPercents.add(p);
            }
            return this;
        }

        /**
         * Sets the time zone in which days and months start; default UTC.
         *
         * @param zone the zone, e.g. {@code ZoneId.of("America/New_York")}; not null
         * @return this builder
         * @throws NullPointerException if {@code zone} is null
         */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /**
         * Validates the settings and builds the budget.
         *
         * @return the immutable budget
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
