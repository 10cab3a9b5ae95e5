package dev.salesagent.core.cost;

import dev.salesagent.core.internal.AiMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Records usage, enforces {@link Budget}s and answers spend questions. Thread-safe; one per application.
 *
 * <p>The model router calls {@link #reserve} before each provider call and {@link Reservation#settle} after it;
 * cache hits and other usage go through {@link #record}. Every record is saved to the {@link UsageStore}, counted
 * on the {@code salesagent.ai.cost} meter (USD by tenant, feature, model; unpriced records increment
 * {@code salesagent.ai.cost.unpriced} instead) and passed to the {@link UsageListener}s.
 *
 * <pre>{@code
 * CostTracker tracker = CostTracker.builder()
 *         .store(UsageStore.jdbc(dataSource))
 *         .budget(Budget.forTenant("acme").monthly().hardLimitUsd(new BigDecimal("500")).alertAtPercent(80, 100).build())
 *         .alertListener(alert -> log.warn("budget alert {}", alert))
 *         .build();
 * BigDecimal spent = tracker.spentUsd("acme", "proposal", monthStart, monthEnd);
 * }</pre>
 */
public final class CostTracker {

    private static final Logger log = LoggerFactory.getLogger(CostTracker.class);

    private final UsageStore store;
    private final Clock clock;
    private final BudgetLedger ledger;
    private final AiMeters meters;
    private final List<UsageListener> usageListeners;
    private final List<Budget.AlertListener> alertListeners;
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.Queue<OutcomeMark>> outcomes =
            new java.util.concurrent.ConcurrentHashMap<>();

    private record OutcomeMark(Instant at, long count) {
    }

    private CostTracker(Builder b) {
        this.store = b.store;
        this.clock = b.clock;
        this.ledger = new BudgetLedger(b.budgets, b.budgetSource, b.store, b.budgetStore, b.clock);
        this.meters = new AiMeters(b.registry);
        this.usageListeners = new CopyOnWriteArrayList<>(b.usageListeners);
        this.alertListeners = new CopyOnWriteArrayList<>(b.alertListeners);
    }

    /** {@return a tracker with an in-memory usage store and no budgets, meters or listeners} */
    public static CostTracker inMemory() {
        return builder().build();
    }

    /** {@return a builder with the defaults listed on {@link Builder}} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Atomically reserves a call's worst-case cost in every budget of this tenant (and tenant + feature).
     *
     * @param tenant       tenant billed
     * @param feature      feature, or null
     * @param worstCaseUsd worst-case cost in USD (&gt;= 0)
     * @return the reservation to settle with the actual usage, or release if nothing was sent
     * @throws BudgetExceededException if a hard limit would be passed; nothing is reserved then
     * @throws IllegalArgumentException if {@code worstCaseUsd} is negative
     * @throws java.io.UncheckedIOException if a database-backed {@link BudgetStore} cannot be reached; nothing stays
     *                                      reserved then
     */
    public Reservation reserve(String tenant, String feature, BigDecimal worstCaseUsd) {
        Objects.requireNonNull(worstCaseUsd, "worstCaseUsd");
        if (worstCaseUsd.signum() < 0) {
            throw new IllegalArgumentException("worstCaseUsd must be >= 0 but was " + worstCaseUsd.toPlainString());
        }
        return new Reservation(ledger.reserve(tenant, feature, worstCaseUsd), worstCaseUsd);
    }

    /**
     * Records usage that needed no reservation (e.g. a cache hit, or a call billed elsewhere): saves it to the
     * {@link UsageStore}, counts its cost on the meters, adds it to the spent USD of every budget it applies to and
     * notifies the listeners. Hard limits are not checked: recorded spend is never refused.
     *
     * @param record the usage, with its cost in USD (an unpriced record counts as zero); not null
     * @throws NullPointerException if {@code record} is null
     * @throws java.io.UncheckedIOException if a database-backed usage or budget store cannot be reached
     */
    public void record(UsageRecord record) {
        Objects.requireNonNull(record, "record");
        List<Budget.Alert> alerts = ledger.add(record.tenant(), record.feature(), record.costOrZero());
        publish(record, alerts);
    }

    /**
     * The settled spend of a tenant (and feature, if not null) with {@code from <= timestamp < to}, summed exactly
     * from the usage store; reservations of calls in flight are not included.
     *
     * @param tenant  the tenant; not null
     * @param feature the feature, e.g. {@code proposal}, or null for all of the tenant's features
     * @param from    the first instant included, or null for no lower bound
     * @param to      the first instant excluded, or null for no upper bound
     * @return the spend in USD, zero when nothing matches; unpriced records count as zero
     * @throws NullPointerException if {@code tenant} is null
     */
    public BigDecimal spentUsd(String tenant, String feature, Instant from, Instant to) {
        return store.totals(new UsageStore.Query(Objects.requireNonNull(tenant, "tenant"), null, feature, null, from, to))
                .costUsd();
    }

    /**
     * Exact sums over the records matching the query, from the usage store.
     *
     * @param query the filter; {@link UsageStore.Query#all()} for every record
     * @return calls, cache hits, unpriced calls, token counts and cost in USD of the matching records
     */
    public UsageStore.Totals totals(UsageStore.Query query) {
        return store.totals(query);
    }

    /**
     * Exact sums grouped by tenant, user, feature, provider, model or UTC day, from the usage store.
     *
     * @param dimension what to group by, e.g. {@link UsageStore.Dimension#FEATURE}
     * @param query     the filter applied before grouping
     * @return a sorted map from dimension value ({@code ""} for records without one; UTC dates such as
     *         {@code 2026-11-21} for {@link UsageStore.Dimension#DAY}) to that group's totals; empty when nothing
     *         matches
     */
    public Map<String, UsageStore.Totals> totalsBy(UsageStore.Dimension dimension, UsageStore.Query query) {
        return store.totalsBy(dimension, query);
    }

    /**
     * Spent and reserved USD of a budget in its current period (by this tracker's clock), read from the
     * {@link BudgetStore}, so it includes other processes sharing that store.
     *
     * @param budget one of the budgets given to {@link Builder#budget(Budget)} or currently supplied by
     *               {@link Builder#budgetSource(Supplier)}
     * @return the period's start, settled spend and reservations of calls in flight, in USD
     * @throws IllegalArgumentException if the budget is not one of this tracker's
     * @throws java.io.UncheckedIOException if a database-backed {@link BudgetStore} cannot be reached
     */
    public Budget.Status budgetStatus(Budget budget) {
        if (!ledger.budgets().contains(budget)) {
            throw new IllegalArgumentException("not a budget of this tracker: " + budget);
        }
        return ledger.status(budget);
    }

    /**
     * Reports that a feature produced {@code count} outcomes for a tenant now (e.g. 20 scored leads from one batched
     * call, one proposal), so that {@link #costPerOutcome} can divide spend by results instead of by calls. Kept in
     * this tracker's memory (not in the usage store), timestamped by its clock.
     *
     * @param tenant  tenant
     * @param feature feature, e.g. {@code lead_scoring}
     * @param count   outcomes (&gt; 0)
     * @throws IllegalArgumentException if {@code count} is not positive
     */
    public void recordOutcomes(String tenant, String feature, long count) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(feature, "feature");
        if (count <= 0) {
            throw new IllegalArgumentException("outcome count must be > 0 but was " + count);
        }
        outcomes.computeIfAbsent(tenant + "\u0000" + feature, k -> new java.util.concurrent.ConcurrentLinkedQueue<>())
                .add(new OutcomeMark(clock.instant(), count));
    }

    /**
     * Cost per outcome of one feature of a tenant with {@code from <= timestamp < to}: the feature's exact spend from
     * the usage store and the outcomes reported with {@link #recordOutcomes}.
     *
     * @param tenant  the tenant; not null
     * @param feature the feature, e.g. {@code lead_scoring}; not null
     * @param from    start (inclusive), or null for unbounded
     * @param to      end (exclusive), or null for unbounded
     * @return the feature's outcomes, spend in USD and calls in the range; {@link OutcomeCost#usdPerOutcome()} is
     *         empty when no outcome was reported
     * @throws NullPointerException if {@code tenant} or {@code feature} is null
     */
    public OutcomeCost costPerOutcome(String tenant, String feature, Instant from, Instant to) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(feature, "feature");
        UsageStore.Totals t = store.totals(new UsageStore.Query(tenant, null, feature, null, from, to));
        long n = 0;
        java.util.Queue<OutcomeMark> marks = outcomes.get(tenant + "\u0000" + feature);
        if (marks != null) {
            for (OutcomeMark m : marks) {
                if ((from == null || !m.at().isBefore(from)) && (to == null || m.at().isBefore(to))) {
                    n += m.count();
                }
            }
        }
        return new OutcomeCost(feature, n, t.costUsd(), t.calls());
    }

    /**
     * {@return the budgets in force: those given to {@link Builder#budget(Budget)}, in that order, followed by the
     * {@link Builder#budgetSource(Supplier) budget source}'s current ones (unmodifiable)}
     */
    public List<Budget> budgets() {
        return ledger.budgets();
    }

    /** {@return the usage store every record is saved to and spend questions are answered from} */
    public UsageStore store() {
        return store;
    }

    /** {@return the clock that dates budget periods and reported outcomes} */
    public Clock clock() {
        return clock;
    }

    /** {@return the registry the cost meters ({@code salesagent.ai.cost}) are registered in} */
    public MeterRegistry meterRegistry() {
        return meters.registry();
    }

    /**
     * Adds a listener that receives every usage record after it is saved; it is called on the thread that recorded
     * or settled the usage, and its exceptions are logged and ignored.
     *
     * @param listener the listener; not null
     * @throws NullPointerException if {@code listener} is null
     */
    public void addUsageListener(UsageListener listener) {
        usageListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Adds a listener for budget alerts; it is called on the thread that recorded or settled the usage that crossed
     * a threshold, and its exceptions are logged and ignored.
     *
     * @param listener the listener; not null
     * @throws NullPointerException if {@code listener} is null
     */
    public void addAlertListener(Budget.AlertListener listener) {
        alertListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void publish(UsageRecord record, List<Budget.Alert> alerts) {
        store.save(record);
        meters.cost(record);
        for (UsageListener l : usageListeners) {
            try {
                l.onUsage(record);
            } catch (RuntimeException e) {
                log.warn("Usage listener {} failed; ignored", l, e);
            }
        }
        for (Budget.Alert a : alerts) {
            log.info("Budget {} reached {}% of expected spend ({} USD)", a.budget().id(), a.thresholdPercent(),
                    a.spentUsd().toPlainString());
            for (Budget.AlertListener l : alertListeners) {
                try {
                    l.onAlert(a);
                } catch (RuntimeException e) {
                    log.warn("Budget alert listener {} failed; ignored", l, e);
                }
            }
        }
    }

    /** A reservation in the tracker's budgets; settle it once, or release it. Closing releases it if unsettled. */
    public final class Reservation implements AutoCloseable {
        private final List<BudgetLedger.Hold> holds;
        private final BigDecimal amountUsd;
        private boolean done;

        private Reservation(List<BudgetLedger.Hold> holds, BigDecimal amountUsd) {
            this.holds = holds;
            this.amountUsd = amountUsd;
        }

        /** {@return the reserved worst-case cost, USD} */
        public BigDecimal amountUsd() {
            return amountUsd;
        }

        /**
         * Replaces the reservation by the actual usage and records it: the reserved USD is given back, the actual
         * cost is added to spent (it may exceed the reservation), and the record is saved, metered and passed to the
         * listeners. Does nothing after settle or release.
         *
         * @param actual the call's usage as billed (success or failure), with its cost in USD; not null
         * @throws NullPointerException if {@code actual} is null
         * @throws java.io.UncheckedIOException if a database-backed store cannot be reached
         */
        public void settle(UsageRecord actual) {
            Objects.requireNonNull(actual, "actual");
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
            }
            publish(actual, ledger.settle(holds, actual.costOrZero()));
        }

        /** Gives the reservation back without recording usage. Idempotent. */
        public void release() {
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
            }
            ledger.settle(holds, BigDecimal.ZERO);
        }

        @Override
        public void close() {
            release();
        }
    }

    /** Builds a {@link CostTracker}; defaults: in-memory store, system UTC clock, no budgets, no meters. */
    public static final class Builder {
        private UsageStore store = UsageStore.inMemory();
        private BudgetStore budgetStore = BudgetStore.inMemory();
        private Clock clock = Clock.systemUTC();
        private MeterRegistry registry = new CompositeMeterRegistry();
        private final List<Budget> budgets = new ArrayList<>();
        private Supplier<? extends Collection<Budget>> budgetSource;
        private final List<UsageListener> usageListeners = new ArrayList<>();
        private final List<Budget.AlertListener> alertListeners = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets where usage records are saved and spend questions answered from; default
         * {@link UsageStore#inMemory()}. A budget period's spent USD starts from this store's total of the period.
         *
         * @param store the usage store, e.g. {@link UsageStore#jdbc(javax.sql.DataSource)}; not null
         * @return this builder
         * @throws NullPointerException if {@code store} is null
         */
        public Builder store(UsageStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Where budgets' spent and reserved USD are kept; default {@link BudgetStore#inMemory()} (atomic within this
         * JVM). Give every instance of a multi-instance application the same shared store (e.g.
         * {@link BudgetStore#jdbc(javax.sql.DataSource)}) so that together they never pass a hard limit.
         *
         * @param budgetStore the store of budgets' spent and reserved USD; not null
         * @return this builder
         * @throws NullPointerException if {@code budgetStore} is null
         */
        public Builder budgetStore(BudgetStore budgetStore) {
            this.budgetStore = Objects.requireNonNull(budgetStore, "budgetStore");
            return this;
        }

        /**
         * Sets the clock that dates budget periods and reported outcomes; default {@link Clock#systemUTC()}.
         *
         * @param clock the clock (a fixed or offset clock in tests); not null
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the registry for the {@code salesagent.ai.cost} meters; default a registry that keeps nothing.
         *
         * @param registry the Micrometer registry; not null
         * @return this builder
         * @throws NullPointerException if {@code registry} is null
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Adds a budget; a call counts against every budget that {@link Budget#appliesTo applies to} its tenant and
         * feature, and is refused if any of their hard limits would be passed.
         *
         * @param budget the budget; not null
         * @return this builder
         * @throws NullPointerException if {@code budget} is null
         */
        public Builder budget(Budget budget) {
            budgets.add(Objects.requireNonNull(budget, "budget"));
            return this;
        }

        /**
         * Sets a source of budgets that change while the application runs (e.g. limits an administrator edits in a
         * database). It is asked on every reservation and recorded usage, so it should answer from memory (cache the
         * definitions and refresh them when they change); its budgets apply in addition to those given to
         * {@link #budget(Budget)}. A changed limit of a budget with the same {@link Budget#id() id} applies to the
         * period's spend so far. Default none.
         *
         * @param source the current budgets (null or empty for none); not null itself
         * @return this builder
         * @throws NullPointerException if {@code source} is null
         */
        public Builder budgetSource(Supplier<? extends Collection<Budget>> source) {
            this.budgetSource = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * Adds a usage listener, as {@link CostTracker#addUsageListener} does later.
         *
         * @param listener the listener; not null
         * @return this builder
         * @throws NullPointerException if {@code listener} is null
         */
        public Builder usageListener(UsageListener listener) {
            usageListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Adds a budget alert listener, as {@link CostTracker#addAlertListener} does later.
         *
         * @param listener the listener; not null
         * @return this builder
         * @throws NullPointerException if {@code listener} is null
         */
        public Builder alertListener(Budget.AlertListener listener) {
            alertListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Builds the tracker. Stores are not contacted until the first call that needs them.
         *
         * @return the thread-safe tracker
         */
        public CostTracker build() {
            return new CostTracker(this);
        }
    }
}
