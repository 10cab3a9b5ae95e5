/**
 * Redis stores shared by every instance of an application: {@link dev.salesagent.store.redis.RedisBudgetStore}
 * (the budget ledger, so that instances together never pass a hard limit) and
 * {@link dev.salesagent.store.redis.RedisResponseCache} (exact-match responses per tenant with a TTL), on one
 * thread-safe Lettuce connection the application owns.
 *
 * <p>Nullness: parameters and return values are non-null unless their Javadoc says otherwise.
 */
package dev.salesagent.store.redis;
