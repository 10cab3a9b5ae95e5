package dev.salesagent.core.cost;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Applies the tracker's budgets to a {@link BudgetStore}: finds the budgets and periods a call counts against,
 * reserves them in a fixed order and rolls back on refusal, and turns settled spend into alerts. An alert is due
 * when one settle moves the period's spent from below a threshold to at or above it; as the store's settle is
 * atomic, exactly one caller (in any process sharing the store) sees each crossing.
 */
final class BudgetLedger {

    private final List<Budget> fixed;
    private final Supplier<? extends Collection<Budget>> source;
    private final UsageStore usage;
    private final BudgetStore store;
    private final Clock clock;
    /** The period each budget id was last opened for in this process. */
    private final ConcurrentHashMap<String, Period> opened = new ConcurrentHashMap<>();

    BudgetLedger(List<Budget> budgets, Supplier<? extends Collection<Budget>> source, UsageStore usage,
                 BudgetStore store, Clock clock) {
        this.fixed = List.copyOf(budgets);
        this.source = source;
        this.usage = usage;
        this.store = store;
        this.clock = clock;
    }

    /** The fixed budgets followed by the source's current ones. */
    List<Budget> budgets() {
        if (source == null) {
            return fixed;
        }
        Collection<Budget> current = source.get();
        if (current == null || current.isEmpty()) {
            return fixed;
        }
        List<Budget> all = new ArrayList<>(fixed.size() + current.size());
        all.addAll(fixed);
        all.addAll(current);
        return List.copyOf(all);
    }

    /**
     * Reserves {@code amount} in every applicable budget.
     *
     * @throws BudgetExceededException if one would pass its hard limit; nothing stays reserved then
     */
    List<Hold> reserve(String tenant, String feature, BigDecimal amount) {
        List<Budget> budgets = budgets();
        if (budgets.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<Hold> holds = new ArrayList<>(2);
        try {
            for (Budget b : budgets) {
                if (b.appliesTo(tenant, feature)) {
                    Instant start = open(b, now);
                    BigDecimal limit = b.hardLimitUsd().orElse(null);
                    if (!store.tryReserve(b.id(), start, amount, limit)) {
                        throw new BudgetExceededException(b.id(), limit, store.balance(b.id(), start).committedUsd(),
                                amount);
                    }
                    holds.add(new Hold(b, start, amount));
                }
            }
            return holds;
        } catch (RuntimeException e) {
            for (Hold h : holds) {
                store.settle(h.budget().id(), h.periodStart(), h.amount(), BigDecimal.ZERO);
            }
            throw e;
        }
    }

    /** Replaces holds by the actual cost; returns the alerts that became due. */
    List<Budget.Alert> settle(List<Hold> holds, BigDecimal actual) {
        List<Budget.Alert> alerts = List.of();
        for (Hold h : holds) {
            BigDecimal after = store.settle(h.budget().id(), h.periodStart(), h.amount(), actual);
            alerts = due(alerts, h.budget(), h.periodStart(), after, actual);
        }
        return alerts;
    }

    /** Adds cost that was not reserved (e.g. a record from elsewhere); returns the alerts that became due. */
    List<Budget.Alert> add(String tenant, String feature, BigDecimal actual) {
        List<Budget> budgets = actual.signum() == 0 ? List.of() : budgets();
        if (budgets.isEmpty()) {
            // nothing to add (e.g. a cache hit): no alert can become due
            return List.of();
        }
        Instant now = clock.instant();
        List<Budget.Alert> alerts = List.of();
        for (Budget b : budgets) {
            if (b.appliesTo(tenant, feature)) {
                Instant start = open(b, now);
                BigDecimal after = store.settle(b.id(), start, BigDecimal.ZERO, actual);
                alerts = due(alerts, b, start, after, actual);
            }
        }
        return alerts;
    }

    Budget.Status status(Budget budget) {
        Instant start = open(budget, clock.instant());
        BudgetStore.Balance b = store.balance(budget.id(), start);
        return new Budget.Status(budget, start, b.spentUsd(), b.reservedUsd());
    }

    /** Opens the budget's period containing {@code now} in the store (once per period in this process). */
    private Instant open(Budget b, Instant now) {
        Period p = opened.get(b.id());
        if (p != null && !now.isBefore(p.start()) && now.isBefore(p.end())) {
            // the hot path: no calendar arithmetic, no store round trip
            return p.start();
        }
        Instant start = b.periodStart(now);
        Instant end = b.periodEnd(start);
        store.open(b.id(), start, end, () -> {
            UsageStore.Query q = UsageStore.Query.all().tenant(b.tenant()).between(start, end);
            if (b.feature().isPresent()) {
                q = q.feature(b.feature().get());
            }
            return usage.totals(q).costUsd();
        });
        opened.merge(b.id(), new Period(start, end), (old, neu) -> neu.start().isAfter(old.start()) ? neu : old);
        return start;
    }

    private static List<Budget.Alert> due(List<Budget.Alert> alerts, Budget b, Instant periodStart, BigDecimal after,
                                          BigDecimal actual) {
        BigDecimal base = b.expectedUsd().orElse(null);
        if (base == null || actual.signum() <= 0) {
            return alerts;
        }
        BigDecimal before = after.subtract(actual);
        for (int p : b.alertPercents()) {
            BigDecimal t = base.multiply(BigDecimal.valueOf(p)).movePointLeft(2);
            if (before.compareTo(t) < 0 && after.compareTo(t) >= 0) {
                if (alerts.isEmpty()) {
                    alerts = new ArrayList<>(1);
                }
                alerts.add(new Budget.Alert(b, p, t, after, periodStart));
            }
        }
        return alerts;
    }

    record Hold(Budget budget, Instant periodStart, BigDecimal amount) {
    }

    private record Period(Instant start, Instant end) {
    }
}
