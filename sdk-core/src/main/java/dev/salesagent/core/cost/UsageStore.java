package dev.salesagent.core.cost;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Where {@link UsageRecord}s are kept and summed. Implementations are thread-safe.
 *
 * <p>{@link #inMemory()} is the default; {@link #jdbc(DataSource)} keeps records in PostgreSQL or H2 (the table is
 * created from the bundled {@code usage-schema.sql} if absent). Other stores implement {@link #save} and
 * {@link #find}; the sums have default implementations that a database store should push down.
 */
public interface UsageStore {

    /**
     * Appends one record.
     *
     * @param record the record to store; not null
     */
    void save(UsageRecord record);

    /**
     * {@return records matching the query, oldest first}
     *
     * @param query the filter; {@link Query#all()} for every record
     */
    List<UsageRecord> find(Query query);

    /**
     * {@return exact sums over the records matching the query}
     *
     * @param query the filter; {@link Query#all()} for every record
     */
    default Totals totals(Query query) {
        Totals t = Totals.ZERO;
        for (UsageRecord r : find(query)) {
            t = t.plus(r);
        }
        return t;
    }

    /**
     * Exact sums over the matching records grouped by one dimension, keys sorted; records whose dimension is null
     * (e.g. no user) are grouped under {@code ""}. {@link Dimension#DAY} keys are UTC dates ({@code 2026-11-21}).
     *
     * @param dimension what to group by, e.g. {@link Dimension#FEATURE}
     * @param query the filter applied before grouping
     * @return a sorted map from dimension value to that group's totals; empty when nothing matches
     */
    default Map<String, Totals> totalsBy(Dimension dimension, Query query) {
        Map<String, Totals> out = new TreeMap<>();
        for (UsageRecord r : find(query)) {
            out.merge(dimension.of(r), Totals.ZERO.plus(r), Totals::plus);
        }
        return out;
    }

    /**
     * A store that keeps every record in this JVM's heap and sums by scanning them: for tests, samples and
     * single-process apps; use {@link #jdbc(DataSource)} when records must survive restarts or grow large.
     *
     * @return a new, empty, thread-safe in-memory store
     */
    static UsageStore inMemory() {
        return new InMemoryUsageStore();
    }

    /**
     * A store on a JDBC database (PostgreSQL or H2) that creates table {@code salesagent_usage} if absent.
     *
     * @param dataSource the database to write to (PostgreSQL or H2); the store borrows a connection per call
     * @return a store on that database, its table created if it was absent
     * @throws java.io.UncheckedIOException if the schema cannot be created (wrapping the {@link java.sql.SQLException})
     */
    static UsageStore jdbc(DataSource dataSource) {
        return new JdbcUsageStore(dataSource);
    }

    /** Grouping dimensions for {@link #totalsBy}. */
    enum Dimension {
        /** tenant),::By tenant id. */
        TENANT(UsageRecord::tenant),
        /** user),::By end user; records without a user group under {@code ""}. */
        USER(UsageRecord::user),
        /** feature),::By feature name, e.g. {@code lead_scoring}; records without one group under {@code ""}. */
        FEATURE(UsageRecord::feature),
        /** provider),::By provider id, e.g. {@code openai}. */
        PROVIDER(UsageRecord::provider),
        /** model),::By model name, e.g. {@code gpt-4o-mini}. */
        MODEL(UsageRecord::model),
        /** The UTC calendar day of the record's timestamp. */
        DAY(r -> r.timestamp().atOffset(ZoneOffset.UTC).toLocalDate().toString());

        private final Function<UsageRecord, String> extractor;

        Dimension(Function<UsageRecord, String> extractor) {
            this.extractor = extractor;
        }

        /**
         * {@return this dimension's value for a record; {@code ""} when null}
         *
         * @param record the usage record to classify
         */
        public String of(UsageRecord record) {
            String v = extractor.apply(record);
            return v == null ? "" : v;
        }
    }

    /**
     * A filter; null fields match everything. {@code from} is inclusive, {@code to} exclusive.
     *
     * @param tenant  tenant id, or null
     * @param user    user, or null
     * @param feature feature, or null
     * @param model   model name, or null
     * @param from    first instant included, or null
     * @param to      first instant excluded, or null
     */
    record Query(String tenant, String user, String feature, String model, Instant from, Instant to) {

        /** {@return a filter that matches every record} */
        public static Query all() {
            return new Query(null, null, null, null, null, null);
        }

        /**
         * {@return a copy of this filter restricted to one tenant}
         *
         * @param tenant the tenant id, or null to match every tenant
         */
        public Query tenant(String tenant) {
            return new Query(tenant, user, feature, model, from, to);
        }

        /**
         * {@return a copy of this filter restricted to one end user}
         *
         * @param user the user id, or null to match every user
         */
        public Query user(String user) {
            return new Query(tenant, user, feature, model, from, to);
        }

        /**
         * {@return a copy of this filter restricted to one feature}
         *
         * @param feature the feature name, e.g. {@code lead_scoring}, or null to match every feature
         */
        public Query feature(String feature) {
            return new Query(tenant, user, feature, model, from, to);
        }

        /**
         * {@return a copy of this filter restricted to one model}
         *
         * @param model the model name as recorded (e.g. {@code gpt-4o-mini}), or null to match every model
         */
        public Query model(String model) {
            return new Query(tenant, user, feature, model, from, to);
        }

        /**
         * {@return a copy of this filter restricted to records with {@code from <= timestamp < to}}
         *
         * @param from the first instant included, or null for no lower bound
         * @param to the first instant excluded, or null for no upper bound
         */
        public Query between(Instant from, Instant to) {
            return new Query(tenant, user, feature, model, from, to);
        }

        /**
         * {@return true if the record passes this filter}
         *
         * @param r the record to test
         */
        public boolean matches(UsageRecord r) {
            return (tenant == null || tenant.equals(r.tenant()))
                    && (user == null || user.equals(r.user()))
                    && (feature == null || feature.equals(r.feature()))
                    && (model == null || model.equals(r.model()))
                    && (from == null || !r.timestamp().isBefore(from))
                    && (to == null || r.timestamp().isBefore(to));
        }
    }

    /**
     * Exact sums of records.
     *
     * @param calls             number of records (attempts and cache hits)
     * @param cacheHits         records served from the response cache
     * @param unpricedCalls     records without a price; {@code costUsd} is then a lower bound
     * @param inputTokens       uncached input tokens
     * @param cachedInputTokens cache-read input tokens
     * @param cacheWriteTokens  cache-write input tokens
     * @param outputTokens      output tokens
     * @param costUsd           summed cost in USD (unpriced records count as zero)
     */
    record Totals(long calls, long cacheHits, long unpricedCalls, long inputTokens, long cachedInputTokens,
                  long cacheWriteTokens, long outputTokens, BigDecimal costUsd) {

        /** No records. */
        public static final Totals ZERO = new Totals(0, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO);

        /**
         * Validates the sums.
         *
         * @param calls number of records (attempts and cache hits)
         * @param cacheHits records served from the response cache
         * @param unpricedCalls records without a price
         * @param inputTokens uncached input tokens
         * @param cachedInputTokens cache-read input tokens
         * @param cacheWriteTokens cache-write input tokens
         * @param outputTokens output tokens
         * @param costUsd summed cost in USD; not null
         * @throws NullPointerException if {@code costUsd} is null
         */
        public Totals {
            Objects.requireNonNull(costUsd, "costUsd");
        }

        /**
         * {@return these totals plus one record}
         *
         * @param r the record to add: one call, its cache hit, tokens and cost (zero when unpriced)
         */
        public Totals plus(UsageRecord r) {
            return new Totals(calls + 1, cacheHits + (r.cacheHit() ? 1 : 0),
                    unpricedCalls + (r.costSource() == UsageRecord.CostSource.UNPRICED ? 1 : 0),
                    inputTokens + r.inputTokens(), cachedInputTokens + r.cachedInputTokens(),
                    cacheWriteTokens + r.cacheWriteTokens(), outputTokens + r.outputTokens(),
                    costUsd.add(r.costOrZero()));
        }

        /**
         * {@return the sum of two totals}
         *
         * @param o the totals to add
         */
        public Totals plus(Totals o) {
            return new Totals(calls + o.calls, cacheHits + o.cacheHits, unpricedCalls + o.unpricedCalls,
                    inputTokens + o.inputTokens, cachedInputTokens + o.cachedInputTokens,
                    cacheWriteTokens + o.cacheWriteTokens, outputTokens + o.outputTokens, costUsd.add(o.costUsd));
        }
    }
}
