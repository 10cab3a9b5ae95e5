package dev.salesagent.core.cost;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** {@link BudgetStore} in this JVM's heap: one lock per budget period; idle earlier periods of a budget are dropped. */
final class InMemoryBudgetStore implements BudgetStore {

    private record Key(String budgetId, Instant periodStart) {
    }

    private static final class Cell {
        private BigDecimal spent;
        private BigDecimal reserved = BigDecimal.ZERO;

        Cell(BigDecimal spent) {
            this.spent = spent;
        }
    }

    private final ConcurrentHashMap<Key, Cell> cells = new ConcurrentHashMap<>();

    @Override
    public void open(String budgetId, Instant periodStart, Instant periodEnd, Supplier<BigDecimal> spentSoFarUsd) {
        Key key = new Key(budgetId, periodStart);
        if (cells.containsKey(key)) {
            return;
        }
        cells.computeIfAbsent(key, k -> new Cell(Objects.requireNonNull(spentSoFarUsd.get(), "spentSoFarUsd")));
        // earlier periods of this budget are dropped once no call holds a reservation in them
        cells.entrySet().removeIf(e -> e.getKey().budgetId().equals(budgetId)
                && e.getKey().periodStart().isBefore(periodStart) && idle(e.getValue()));
    }

    @Override
    public boolean tryReserve(String budgetId, Instant periodStart, BigDecimal amountUsd, BigDecimal hardLimitUsd) {
        Cell c = cell(budgetId, periodStart);
        synchronized (c) {
            if (hardLimitUsd != null && c.spent.add(c.reserved).add(amountUsd).compareTo(hardLimitUsd) > 0) {
                return false;
            }
            c.reserved = c.reserved.add(amountUsd);
            return true;
        }
    }

    @Override
    public BigDecimal settle(String budgetId, Instant periodStart, BigDecimal reservedUsd, BigDecimal actualUsd) {
        Cell c = cells.get(new Key(budgetId, periodStart));
        if (c == null) {
            // the period was dropped: nothing was reserved in it any more
            return actualUsd;
        }
        synchronized (c) {
            c.reserved = c.reserved.subtract(reservedUsd);
            c.spent = c.spent.add(actualUsd);
            return c.spent;
        }
    }

    @Override
    public Balance balance(String budgetId, Instant periodStart) {
        Cell c = cells.get(new Key(budgetId, periodStart));
        if (c == null) {
            return Balance.ZERO;
        }
        synchronized (c) {
            return new Balance(c.spent, c.reserved);
        }
    }

    private static boolean idle(Cell c) {
        synchronized (c) {
            return c.reserved.signum() == 0;
        }
    }

    private Cell cell(String budgetId, Instant periodStart) {
        // a period nobody opened (e.g. dropped after the period ended while a call was in flight) starts at zero
        return cells.computeIfAbsent(new Key(budgetId, periodStart), k -> new Cell(BigDecimal.ZERO));
    }
}
