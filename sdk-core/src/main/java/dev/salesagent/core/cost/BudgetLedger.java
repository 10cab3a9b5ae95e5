package dev.salesagent.core.cost;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spent and reserved USD per budget and period. Each budget's state is guarded by its own lock, so reserving
 * is atomic per budget; a call touching several budgets reserves them in a fixed order and rolls back on refusal.
 */
final class BudgetLedger {

    private final List<Budget> budgets;
    private final UsageStore store;
    private final Clock clock;
    private final ConcurrentHashMap<Budget, State> states = new ConcurrentHashMap<>();

    BudgetLedger(List<Budget> budgets, UsageStore store, Clock clock) {
        this.budgets = List.copyOf(budgets);
        this.store = store;
        this.clock = clock;
    }

    List<Budget> budgets() {
        return budgets;
    }

    /**
     * Reserves {@code amount} in every applicable budget.
     *
     * @throws BudgetExceededException if one would pass its hard limit; nothing stays reserved then
     */
    List<Hold> reserve(String tenant, String feature, BigDecimal amount) {
        if (budgets.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<Hold> holds = new ArrayList<>(2);
        try {
            for (Budget b : budgets) {
                if (b.appliesTo(tenant, feature)) {
                    State s = state(b, now);
                    s.reserve(amount);
                    holds.add(new Hold(s, amount));
                }
            }
            return holds;
        } catch (BudgetExceededException e) {
            for (Hold h : holds) {
                h.state().settle(h.amount(), BigDecimal.ZERO);
            }
            throw e;
        }
    }

    /** Replaces holds by the actual cost; returns the alerts that became due. */
    List<Budget.Alert> settle(List<Hold> holds, BigDecimal actual) {
        List<Budget.Alert> alerts = List.of();
        for (Hold h : holds) {
            List<Budget.Alert> due = h.state().settle(h.amount(), actual);
            if (!due.isEmpty()) {
                if (alerts.isEmpty()) {
                    alerts = new ArrayList<>(due.size());
                }
                alerts.addAll(due);
            }
        }
        return alerts;
    }

    /** Adds cost that was not reserved (e.g. a record from elsewhere); returns the alerts that became due. */
    List<Budget.Alert> add(String tenant, String feature, BigDecimal actual) {
        if (budgets.isEmpty() || actual.signum() == 0) {
            // nothing to add (e.g. a cache hit): no alert can become due
            return List.of();
        }
        Instant now = clock.instant();
        List<Budget.Alert> alerts = List.of();
        for (Budget b : budgets) {
            if (b.appliesTo(tenant, feature)) {
                List<Budget.Alert> due = state(b, now).settle(BigDecimal.ZERO, actual);
                if (!due.isEmpty()) {
                    if (alerts.isEmpty()) {
                        alerts = new ArrayList<>(due.size());
                    }
                    alerts.addAll(due);
                }
            }
        }
        return alerts;
    }

    Budget.Status status(Budget budget) {
        State s = state(budget, clock.instant());
        synchronized (s) {
            return new Budget.Status(budget, s.periodStart, s.spent, s.reserved);
        }
    }

    private State state(Budget b, Instant now) {
        State s = states.get(b);
        if (s != null && !now.isBefore(s.periodStart) && now.isBefore(s.periodEnd)) {
            return s;
        }
        Instant start = b.periodStart(now);
        return states.compute(b, (budget, old) -> {
            if (old != null && !old.periodStart.isBefore(start)) {
                return old;
            }
            UsageStore.Query q = UsageStore.Query.all().tenant(budget.tenant())
                    .between(start, budget.periodEnd(start));
            if (budget.feature().isPresent()) {
                q = q.feature(budget.feature().get());
            }
            return new State(budget, start, store.totals(q).costUsd());
        });
    }

    record Hold(State state, BigDecimal amount) {
    }

    static final class State {
        private final Budget budget;
        private final Instant periodStart;
        private final Instant periodEnd;
        private final BigDecimal thresholdBase;
        private final Set<Integer> fired = new HashSet<>();
        private BigDecimal spent;
        private BigDecimal reserved = BigDecimal.ZERO;

        State(Budget budget, Instant periodStart, BigDecimal alreadySpent) {
            this.budget = budget;
            this.periodStart = periodStart;
            this.periodEnd = budget.periodEnd(periodStart);
            this.thresholdBase = budget.expectedUsd().orElse(null);
            this.spent = alreadySpent;
            // thresholds already passed before this process saw the period were alerted by whoever spent it
            for (int p : budget.alertPercents()) {
                if (thresholdBase != null && spent.compareTo(threshold(p)) >= 0) {
                    fired.add(p);
                }
            }
        }

        synchronized void reserve(BigDecimal amount) {
            BigDecimal limit = budget.hardLimitUsd().orElse(null);
            BigDecimal committed = spent.add(reserved);
            if (limit != null && committed.add(amount).compareTo(limit) > 0) {
                throw new BudgetExceededException(budget.id(), limit, committed, amount);
            }
            reserved = reserved.add(amount);
        }

        List<Budget.Alert> settle(BigDecimal reservedAmount, BigDecimal actual) {
            List<Budget.Alert> due = null;
            synchronized (this) {
                reserved = reserved.subtract(reservedAmount);
                spent = spent.add(actual);
                if (thresholdBase != null && actual.signum() > 0) {
                    for (int p : budget.alertPercents()) {
                        BigDecimal t = threshold(p);
                        if (spent.compareTo(t) >= 0 && fired.add(p)) {
                            if (due == null) {
                                due = new ArrayList<>(1);
                            }
                            due.add(new Budget.Alert(budget, p, t, spent, periodStart));
                        }
                    }
                }
            }
            return due == null ? List.of() : due;
        }

        private BigDecimal threshold(int percent) {
            return thresholdBase.multiply(BigDecimal.valueOf(percent)).movePointLeft(2);
        }
    }
}
