package dev.salesagent.core.cost;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The usage and cost of one unit of work (typically a graph run), with an optional hard limit in USD.
 *
 * <p>Carried by {@link dev.salesagent.core.context.AiContext#costScope()}. Before each model call
 * the router {@link #reserve(BigDecimal) reserves} the call's worst-case cost; the reservation is
 * then {@link Reservation#settle(UsageRecord) settled} to the actual usage, or
 * {@link Reservation#release() released} if the call never happened. Reserving is atomic, so
 * concurrent calls in parallel branches can never together pass the limit.
 *
 * <p>Thread-safe.
 */
public final class CostScope {

    private final String name;
    private final BigDecimal limitUsd;
    private final List<UsageRecord> records = new ArrayList<>();
    private BigDecimal spentUsd = BigDecimal.ZERO;
    private BigDecimal reservedUsd = BigDecimal.ZERO;
    private long inputTokens;
    private long cachedInputTokens;
    private long cacheWriteTokens;
    private long outputTokens;
    private boolean hasUnpriced;
    private long estimatedTokenCalls;

    private CostScope(String name, BigDecimal limitUsd) {
        this.name = Objects.requireNonNull(name, "name");
        if (limitUsd != null && limitUsd.signum() < 0) {
            throw new IllegalArgumentException("limitUsd must be >= 0 but was " + limitUsd);
        }
        this.limitUsd = limitUsd;
    }

    /**
     * {@return a scope that only accumulates usage, with no limit}
     *
     * @param name the name used in messages, e.g. {@code run:7f3a}; not null
     * @throws NullPointerException if {@code name} is null
     */
    public static CostScope unlimited(String name) {
        return new CostScope(name, null);
    }

    /**
     * A scope whose spent plus reserved cost may never pass {@code limitUsd}.
     *
     * @param name the name used in {@link BudgetExceededException} messages, e.g. {@code run:7f3a}; not null
     * @param limitUsd the hard limit in USD (&gt;= 0; 0 refuses every priced call); not null
     * @return a new, empty scope
     * @throws NullPointerException if {@code name} or {@code limitUsd} is null
     * @throws IllegalArgumentException if the limit is negative
     */
    public static CostScope withLimit(String name, BigDecimal limitUsd) {
        return new CostScope(name, Objects.requireNonNull(limitUsd, "limitUsd"));
    }

    /** {@return name used in error messages, e.g. {@code run:7f3a}} */
    public String name() {
        return name;
    }

    /** {@return the hard limit in USD, if any} */
    public Optional<BigDecimal> limitUsd() {
        return Optional.ofNullable(limitUsd);
    }

    /**
     * Atomically reserves {@code worstCaseUsd} against the limit.
     *
     * @param worstCaseUsd the call's worst-case cost in USD (>= 0)
     * @return the reservation to settle or release
     * @throws BudgetExceededException if spent + reserved + worstCaseUsd would pass the limit
     */
    public synchronized Reservation reserve(BigDecimal worstCaseUsd) {
        Objects.requireNonNull(worstCaseUsd, "worstCaseUsd");
        if (worstCaseUsd.signum() < 0) {
            throw new IllegalArgumentException("worstCaseUsd must be >= 0 but was " + worstCaseUsd);
        }
        BigDecimal committed = spentUsd.add(reservedUsd);
        if (limitUsd != null && committed.add(worstCaseUsd).compareTo(limitUsd) > 0) {
            throw new BudgetExceededException(name, limitUsd, committed, worstCaseUsd);
        }
        reservedUsd = reservedUsd.add(worstCaseUsd);
        return new Reservation(worstCaseUsd);
    }

    /**
     * Records usage that needed no reservation (e.g. a cache hit).
     *
     * @param record the usage to add: its tokens and cost (zero when unpriced) are added to the totals; not null
     * @throws NullPointerException if {@code record} is null
     */
    public synchronized void record(UsageRecord record) {
        Objects.requireNonNull(record, "record");
        records.add(record);
        spentUsd = spentUsd.add(record.costOrZero());
        inputTokens += record.inputTokens();
        cachedInputTokens += record.cachedInputTokens();
        cacheWriteTokens += record.cacheWriteTokens();
        outputTokens += record.outputTokens();
        hasUnpriced |= record.costSource() == UsageRecord.CostSource.UNPRICED;
        if (record.tokensEstimated()) {
            estimatedTokenCalls++;
        }
    }

    private synchronized void unreserve(BigDecimal amount) {
        reservedUsd = reservedUsd.subtract(amount);
    }

    /** {@return actual spend so far, USD (unpriced records count as zero; see {@link #hasUnpricedUsage()})} */
    public synchronized BigDecimal spentUsd() {
        return spentUsd;
    }

    /** {@return cost reserved by calls in flight, USD} */
    public synchronized BigDecimal reservedUsd() {
        return reservedUsd;
    }

    /** {@return uncached input tokens so far} */
    public synchronized long inputTokens() {
        return inputTokens;
    }

    /** {@return cached input tokens so far} */
    public synchronized long cachedInputTokens() {
        return cachedInputTokens;
    }

    /** {@return cache-write input tokens so far} */
    public synchronized long cacheWriteTokens() {
        return cacheWriteTokens;
    }

    /** {@return output tokens so far} */
    public synchronized long outputTokens() {
        return outputTokens;
    }

    /**
     * {@return how many recorded calls had estimated token counts ({@link UsageRecord#tokensEstimated()}): the
     * provider reported no usage, so the token totals (and the cost of those calls) are approximate}
     */
    public synchronized long estimatedTokenCalls() {
        return estimatedTokenCalls;
    }

    /** {@return true if any recorded call had no price, so {@link #spentUsd()} is a lower bound} */
    public synchronized boolean hasUnpricedUsage() {
        return hasUnpriced;
    }

    /** {@return a snapshot of the records, in the order they were recorded} */
    public synchronized List<UsageRecord> records() {
        return List.copyOf(records);
    }

    /**
     * The records after the first {@code from}, in the order they were recorded: a reader that keeps its position
     * reads each record once, so following a long-lived scope costs time proportional to the new records only (where
     * {@link #records()} copies them all on every call).
     *
     * @param from how many records the caller has already read, 0 to {@link #recordCount()}
     * @return a snapshot of the records recorded after the first {@code from}; empty when there are none
     * @throws IndexOutOfBoundsException if {@code from} is negative or greater than {@link #recordCount()}
     */
    public synchronized List<UsageRecord> recordsFrom(int from) {
        Objects.checkFromToIndex(from, records.size(), records.size());
        return List.copyOf(records.subList(from, records.size()));
    }

    /** {@return how many records this scope holds} */
    public synchronized int recordCount() {
        return records.size();
    }

    @Override
    public synchronized String toString() {
        return "CostScope[" + name + ", spent=" + spentUsd.toPlainString() + " USD, reserved="
                + reservedUsd.toPlainString() + " USD, limit=" + (limitUsd == null ? "none" : limitUsd.toPlainString()) + "]";
    }

    /** A reserved amount; settle it exactly once, or release it. Closing releases an unsettled reservation. */
    public final class Reservation implements AutoCloseable {
        private final BigDecimal amountUsd;
        private boolean done;

        private Reservation(BigDecimal amountUsd) {
            this.amountUsd = amountUsd;
        }

        /** {@return the reserved worst case, USD} */
        public BigDecimal amountUsd() {
            return amountUsd;
        }

        /**
         * Replaces the reservation by the actual usage. Does nothing if already settled or released.
         *
         * @param actual the call's actual usage and cost, recorded in this scope
         */
        public void settle(UsageRecord actual) {
            synchronized (CostScope.this) {
                if (done) {
                    return;
                }
                done = true;
                unreserve(amountUsd);
                record(actual);
            }
        }

        /** Gives the reserved amount back without recording usage. Idempotent. */
        public void release() {
            synchronized (CostScope.this) {
                if (done) {
                    return;
                }
                done = true;
                unreserve(amountUsd);
            }
        }

        @Override
        public void close() {
            release();
        }
    }
}
