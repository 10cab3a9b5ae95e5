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

    /** Appends one record. */
    void save(UsageRecord record);

    /** Records matching the query, oldest first. */
    List<UsageRecord> find(Query query);

    /** Exact sums over the records matching the query. */
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
     */
    static UsageStore inMemory() {
        return new InMemoryUsageStore();
    }

    /**
     * A store on a JDBC database (PostgreSQL or H2) that creates table {@code salesagent_usage} if absent.
     *
     * @throws java.io.UncheckedIOException if the schema cannot be created (wrapping the {@link java.sql.SQLException})
     */
    static UsageStore jdbc(DataSource dataSource) {
        return new JdbcUsageStore(dataSource);
    }

    /** Grouping dimensions for {@link #totalsBy}. */
    enum Dimension {
        TENANT(UsageRecord::tenant),
        USER(UsageRecord::user),
        FEATURE(UsageRecord::feature),
        PROVIDER(UsageRecord::provider),
        MODEL(UsageRecord::model),
        /** The UTC calendar day of the record's timestamp. */
        DAY(r -> r.timestamp().atOffset(ZoneOffset.UTC).toLocalDate().toString());

        private final Function<UsageRecord, String> extractor;

        Dimension(Function<UsageRecord, String> extractor) {
            this.extractor = extractor;
        }

        /** This dimension's value for a record; {@code ""} when null. */
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

        /** Matches every record. */
        public static Query all() {
            return new Query(null, null, null, null, null, null);
        }

        public Query tenant(String tenant) {
            return new Query(tenant, user, feature, model, from, to);
        }

        public Query user(String user) {
            return new Query(tenant, user, feature, model, from, to);
        }

        public Query feature(String feature) {
            return new Query(tenant, user, feature, model, from, to);
        }

        public Query model(String model) {
            return new Query(tenant, user, feature, model, from, to);
        }

        /** Records with {@code from <= timestamp < to}. */
        public Query between(Instant from, Instant to) {
            return new Query(tenant, user, feature, model, from, to);
        }

        /** True if the record passes this filter. */
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

        public Totals {
            Objects.requireNonNull(costUsd, "costUsd");
        }

        /** These totals plus one record. */
        public Totals plus(UsageRecord r) {
            return new Totals(calls + 1, cacheHits + (r.cacheHit() ? 1 : 0),
                    unpricedCalls + (r.costSource() == UsageRecord.CostSource.UNPRICED ? 1 : 0),
                    inputTokens + r.inputTokens(), cachedInputTokens + r.cachedInputTokens(),
                    cacheWriteTokens + r.cacheWriteTokens(), outputTokens + r.outputTokens(),
                    costUsd.add(r.costOrZero()));
        }

        /** The sum of two totals. */
        public Totals plus(Totals o) {
            return new Totals(calls + o.calls, cacheHits + o.cacheHits, unpricedCalls + o.unpricedCalls,
                    inputTokens + o.inputTokens, cachedInputTokens + o.cachedInputTokens,
                    cacheWriteTokens + o.cacheWriteTokens, outputTokens + o.outputTokens, costUsd.add(o.costUsd));
        }
    }
}
