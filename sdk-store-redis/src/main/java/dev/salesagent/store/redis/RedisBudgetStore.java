package dev.salesagent.store.redis;

import dev.salesagent.core.cost.BudgetStore;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@link BudgetStore} in Redis: one hash per budget period ({@code <prefix>budget:<budget id>:<period start epoch
 * seconds>}, fields {@code spent} and {@code reserved}) changed only by Lua scripts, which Redis runs atomically, so
 * reservations from any number of instances never pass a hard limit.
 *
 * <p>Amounts are kept as whole nano-USD (9 decimal places) in 64-bit integers ({@code HINCRBY}); reservations and
 * actual costs are rounded up to the next nano-USD, limits down, and the limit check is exact up to 2<sup>53</sup>
 * nano-USD (about 9 million USD) per budget period (Redis' Lua numbers are doubles). A period's hash expires one day
 * after the period ends (at least one day after it was opened).
 *
 * <pre>{@code
 * RedisClient client = RedisClient.create("redis://localhost:6379");
 * BudgetStore ledger = RedisBudgetStore.create(client.connect());
 * CostTracker tracker = CostTracker.builder().budgetStore(ledger).budget(budget).build();
 * }</pre>
 */
public final class RedisBudgetStore implements BudgetStore {

    /** Largest amount, nano-USD, that the Lua limit check compares exactly (2^53). */
    static final long MAX_EXACT_NANOS = 1L << 53;

    private static final String RESERVE = """
            local spent = tonumber(redis.call('HGET', KEYS[1], 'spent') or '0')
            local reserved = tonumber(redis.call('HGET', KEYS[1], 'reserved') or '0')
            local amount = tonumber(ARGV[1])
            if ARGV[2] ~= '' and spent + reserved + amount > tonumber(ARGV[2]) then
              return 0
            end
            redis.call('HINCRBY', KEYS[1], 'reserved', ARGV[1])
            return 1
            """;
    private static final String SETTLE = """
            redis.call('HINCRBY', KEYS[1], 'reserved', ARGV[1])
            return redis.call('HINCRBY', KEYS[1], 'spent', ARGV[2])
            """;
    private static final String OPEN = """
            redis.call('HSETNX', KEYS[1], 'spent', ARGV[1])
            redis.call('HSETNX', KEYS[1], 'reserved', '0')
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1
            """;

    private final RedisCommands<String, String> redis;
    private final String prefix;
    private final String reserveSha;
    private final String settleSha;
    private final String openSha;

    private RedisBudgetStore(StatefulRedisConnection<String, String> connection, String keyPrefix) {
        this.redis = Objects.requireNonNull(connection, "connection").sync();
        this.prefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        this.reserveSha = redis.digest(RESERVE);
        this.settleSha = redis.digest(SETTLE);
        this.openSha = redis.digest(OPEN);
    }

    /**
     * {@return a store with keys under {@code salesagent:} on a connection the caller owns (and closes)}
     *
     * @param connection an open Lettuce connection with String keys and values; not closed by the store
     * @throws NullPointerException if {@code connection} is null
     */
    public static RedisBudgetStore create(StatefulRedisConnection<String, String> connection) {
        return new RedisBudgetStore(connection, "salesagent:");
    }

    /**
     * A store with keys under {@code keyPrefix} (e.g. {@code myapp:}) on a connection the caller owns.
     *
     * @param connection an open Lettuce connection with String keys and values; not closed by the store
     * @param keyPrefix prepended to every key the store writes, so several applications can share one Redis
     * @return a store whose budget checks are atomic Lua scripts on that connection
     * @throws NullPointerException if an argument is null
     */
    public static RedisBudgetStore create(StatefulRedisConnection<String, String> connection, String keyPrefix) {
        return new RedisBudgetStore(connection, keyPrefix);
    }

    @Override
    public void open(String budgetId, Instant periodStart, Instant periodEnd, Supplier<BigDecimal> spentSoFarUsd) {
        String key = key(budgetId, periodStart);
        try {
            if (redis.exists(key) > 0) {
                return;
            }
            long seed = nanosUp(Objects.requireNonNull(spentSoFarUsd.get(), "spentSoFarUsd"));
            // kept until a day after the period ends, and at least a day (periods may be opened late, e.g. in tests)
            Duration keep = Duration.between(Instant.now(), periodEnd).plus(Duration.ofDays(1));
            long keepMs = Math.max(keep.toMillis(), Duration.ofDays(1).toMillis());
            run(OPEN, openSha, key, Long.toString(seed), Long.toString(keepMs));
        } catch (RedisException e) {
            throw failure("opening budget " + budgetId, e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the limit or amount is beyond 2<sup>53</sup> nano-USD
     */
    @Override
    public boolean tryReserve(String budgetId, Instant periodStart, BigDecimal amountUsd, BigDecimal hardLimitUsd) {
        long amount = checked(nanosUp(amountUsd), "amountUsd", amountUsd);
        String limit = hardLimitUsd == null ? ""
                : Long.toString(checked(hardLimitUsd.movePointRight(9).setScale(0, RoundingMode.FLOOR).longValueExact(),
                "hardLimitUsd", hardLimitUsd));
        try {
            return run(RESERVE, reserveSha, key(budgetId, periodStart), Long.toString(amount), limit) == 1L;
        } catch (RedisException e) {
            throw failure("reserving in budget " + budgetId, e);
        }
    }

    @Override
    public BigDecimal settle(String budgetId, Instant periodStart, BigDecimal reservedUsd, BigDecimal actualUsd) {
        try {
            long spent = run(SETTLE, settleSha, key(budgetId, periodStart), Long.toString(-nanosUp(reservedUsd)),
                    Long.toString(nanosUp(actualUsd)));
            return usd(spent);
        } catch (RedisException e) {
            throw failure("settling in budget " + budgetId, e);
        }
    }

    @Override
    public Balance balance(String budgetId, Instant periodStart) {
        try {
            List<io.lettuce.core.KeyValue<String, String>> v = redis.hmget(key(budgetId, periodStart), "spent", "reserved");
            return new Balance(usd(v.get(0).getValueOrElse("0")), usd(v.get(1).getValueOrElse("0")));
        } catch (RedisException e) {
            throw failure("reading budget " + budgetId, e);
        }
    }

    private String key(String budgetId, Instant periodStart) {
        return prefix + "budget:" + budgetId + ":" + periodStart.getEpochSecond();
    }

    private long run(String script, String sha, String key, String... args) {
        try {
            return redis.evalsha(sha, ScriptOutputType.INTEGER, new String[] {key}, args);
        } catch (RedisNoScriptException e) {
            // first use on this server (or after SCRIPT FLUSH): EVAL loads it
            return redis.eval(script, ScriptOutputType.INTEGER, new String[] {key}, args);
        }
    }

    static long nanosUp(BigDecimal usd) {
        return usd.movePointRight(9).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    private static long checked(long nanos, String name, BigDecimal usd) {
        if (nanos > MAX_EXACT_NANOS || nanos < 0) {
            throw new IllegalArgumentException(name + " must be between 0 and " + usd(MAX_EXACT_NANOS).toPlainString()
                    + " USD for the Redis budget store but was " + usd.toPlainString());
        }
        return nanos;
    }

    private static BigDecimal usd(long nanos) {
        return BigDecimal.valueOf(nanos, 9).stripTrailingZeros();
    }

    private static BigDecimal usd(String nanos) {
        return usd(Long.parseLong(nanos));
    }

    private static UncheckedIOException failure(String what, RedisException e) {
        return new UncheckedIOException(new IOException("Redis budget store failed " + what + ": " + e.getMessage(), e));
    }
}
