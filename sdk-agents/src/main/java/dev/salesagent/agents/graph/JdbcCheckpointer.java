package dev.salesagent.agents.graph;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.salesagent.core.jdbc.SqlScript;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Stores checkpoints in PostgreSQL or H2 with plain JDBC and Jackson.
 *
 * <h2>Storage</h2>
 * Each checkpoint row holds the step's writes (the delta from its parent). A full state snapshot, stored
 * compressed (zlib, in {@code snapshot_z}), is written only when the deltas since the last snapshot (their writes plus
 * a fixed per-row cost) have grown larger than that compressed snapshot, or the
 * chain of deltas is longer than {@code maxChainLength} (default 100). Each snapshot is thus paid for by at least
 * as many bytes of deltas before it, so total storage of a growing conversation is linear in its writes (not
 * quadratic as with a full state per step), and rebuilding any checkpoint reads one compressed snapshot plus deltas no
 * larger than it, replaying at most {@code maxChainLength} of them through the keys' reducers.
 *
 * <h2>Round trips</h2>
 * <ul>
 *   <li>{@link #latest} and {@link #get}: <b>one</b> statement at any chain length and state size — each
 *       delta row carries {@code snapshot_seq}, the {@code seq} of the snapshot its chain starts from, so the
 *       read is one range scan of the {@code (thread_id, seq)} index with the pending writes joined; when this
 *       instance holds the state of a checkpoint on that chain (see {@link Builder#stateCacheSize}) the range
 *       starts there and its snapshot is not sent;</li>
 *   <li>{@link #history}: one statement for the page of checkpoints with their pending writes, plus one
 *       range scan for the rest of the page's chains when their snapshot lies before the page;
 *       pages ({@link #history(String, String, int, StateCodec) before/limit}) use the
 *       {@code (thread_id, seq)} index;</li>
 *   <li>{@link #save}: one {@code INSERT} (its own transaction, so one commit per super-step), plus one
 *       {@code SELECT} only when the parent was saved by another process or long ago;
 *       {@link #saveWrites}: one upsert.</li>
 * </ul>
 *
 * <h2>Concurrent writers</h2>
 * A unique index on {@code (thread_id, lineage_parent)} lets only one checkpoint extend a given
 * checkpoint (forks and state edits, metadata {@code source=fork} or {@code source=update}, and a stateful subgraph's
 * input during a parent's replay, metadata {@code replayFrom}, are exempt: they branch on purpose). When two runs, in this process or
 * another, race on one thread, the loser's {@link #save} fails with {@link CheckpointConflictException}
 * and stores nothing, so a thread's history is one chain and runs never interleave. No lock is held
 * between statements.
 *
 * <h2>Durability</h2>
 * {@link Durability#SYNC} (the default, LangGraph's {@code durability="sync"}) commits each checkpoint
 * before {@link #save} returns. {@link Durability#ASYNC} (LangGraph's {@code "async"}) returns at once
 * and writes queued checkpoints on the injected {@link Executor}, many in one transaction: more runs per
 * second under load, but a crash of the JVM loses the steps still queued (at most
 * {@code maxQueuedWrites}); reads through this instance wait for the queue, so this process always
 * reads its own writes. {@link Durability#EXIT} (LangGraph's {@code "exit"}) writes a run's checkpoints in
 * one transaction when the run ends. See {@link Builder#durability}.
 *
 * <h2>Schema</h2>
 * {@code dev/salesagent/agents/graph/checkpoint-schema.sql} (tables {@code sa_graph_checkpoints} and
 * {@code sa_graph_pending_writes}), applied by {@link #createSchema()}; it is idempotent and migrates a
 * database created by earlier versions in place (adds the {@code lineage_parent} column and its index, and
 * {@code snapshot_z}, the compressed snapshots; old rows, JSON-text snapshots included, stay readable). SQL failures raise {@link CheckpointException}. Thread-safe; use a pooled
 * {@link DataSource} (HikariCP) in servers — each call borrows one connection for one or two statements.
 */
public final class JdbcCheckpointer implements Checkpointer, AutoCloseable {

    /** Classpath location of the DDL. */
    public static final String SCHEMA_RESOURCE = "dev/salesagent/agents/graph/checkpoint-schema.sql";

    /**
     * When a saved checkpoint is on disk (LangGraph's {@code durability} modes).
     */
    public enum Durability {
        /** Committed before {@code save} returns; nothing acknowledged is ever lost. The default. */
        SYNC,
        /**
         * Queued and committed in the background, several checkpoints per transaction; a JVM crash loses
         * the queued (not yet committed) steps, which a later resume re-runs. Reads through the same
         * instance wait for the queue; {@link #flush()} waits too.
         */
        ASYNC,
        /**
         * LangGraph's {@code durability="exit"}: a run's checkpoints and pending writes (its subgraphs' too) are
         * held in memory and written when the run ends ({@link Checkpointer#runFinished}, called by the
         * runtime before it returns the result), in one transaction with batched statements: one commit per
         * run instead of one per super-step. A JVM crash during a run loses the whole run (a later invoke
         * starts from the thread's previous run); unlike LangGraph, every step's checkpoint is still stored,
         * so history and time travel are the same as with {@link #SYNC}. Reads of the thread through this
         * instance write its held checkpoints first; {@link #flush()} writes all.
         */
        EXIT
    }

    /** Guard against cyclic parent links in damaged data: more than this many ancestors is an error. */
    private static final int MAX_DEPTH = 100_000;
    private static final int MAX_BATCH = 512;
    /**
     * What one delta row costs a read beyond its writes (ids, numbers, row header, per-row work on both sides), in
     * bytes: counted into the chain, so a chain of small deltas is cut after about (compressed snapshot / (writes +
     * this)) rows, and a cold read never transfers and replays much more than one compressed snapshot's worth.
     */
    private static final int ROW_BYTES = 200;

    private static final String COLUMNS = "seq, id, thread_id, parent_id, step, created_at, writes_json, snapshot_json, "
            + "next_json, joins_json, metadata_json, chain_length, chain_bytes, snapshot_bytes, snapshot_seq, snapshot_z";
    /**
     * {@link #COLUMNS} of a row that is only replayed (a chain row older than the one read): what rebuilding a state
     * needs (ids, writes, snapshot, chain info), without the timestamp, tasks, joins and metadata.
     */
    private static final String C_REPLAY_COLUMNS = "c.seq, c.id, c.thread_id, c.parent_id, c.step, "
            + "CAST(NULL AS TIMESTAMP WITH TIME ZONE), c.writes_json, c.snapshot_json, NULL, NULL, NULL, "
            + "c.chain_length, c.chain_bytes, c.snapshot_bytes, c.snapshot_seq, c.snapshot_z";
    private static final String C_COLUMNS = "c." + COLUMNS.replace(", ", ", c.");
    private static final String K_COLUMNS = "k." + COLUMNS.replace(", ", ", k.");

    private static final String INSERT = "INSERT INTO sa_graph_checkpoints (id, thread_id, parent_id, step, created_at, "
            + "writes_json, snapshot_json, next_json, joins_json, metadata_json, chain_length, chain_bytes, snapshot_bytes, "
            + "lineage_parent, root_thread_id, snapshot_z, snapshot_seq) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
            + "(SELECT COALESCE(p.snapshot_seq, p.seq) FROM sa_graph_checkpoints p WHERE p.id = ?))";

    private final DataSource dataSource;
    private final int maxChainLength;
    private final Durability durability;
    private final Executor executor;
    private final int maxQueuedWrites;
    private volatile Dialect dialect;
    /** Per thread, the newest checkpoint this instance saved or read with its state; null when disabled. */
    private final Map<String, Known> states;

    /** Chain info of recently saved or loaded checkpoints (usually the next save's parent), saving a query per step. */
    private final Map<String, long[]> recentChains = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > 4096;
        }
    });

    // ------------------------------------------------------------------ ASYNC state, guarded by queue
    private final ArrayDeque<Op> queue = new ArrayDeque<>();
    private long enqueued;
    private long written;
    private boolean draining;
    private final Map<String, CheckpointException> failures = new HashMap<>();
    /** Per thread: queued operations up to this sequence number belong to a failed chain and are dropped. */
    private final Map<String, Long> dropUpTo = new HashMap<>();
    /** EXIT: per thread id, the operations of runs that have not ended yet, in order. */
    private final Map<String, List<Op>> held = new HashMap<>();

    /**
     * A synchronous checkpointer over {@code dataSource} with a maximum delta chain of 100.
     *
     * @param dataSource a PostgreSQL or H2 data source holding the {@code sa_graph_checkpoints} tables (see {@link #createSchema()})
     */
    public JdbcCheckpointer(DataSource dataSource) {
        this(dataSource, 100);
    }

    /**
     * A synchronous checkpointer.
     *
     * @param maxChainLength the longest run of deltas before a snapshot is forced (>= 1)
     * @param dataSource a PostgreSQL or H2 data source holding the {@code sa_graph_checkpoints} tables (see {@link #createSchema()})
     * @throws IllegalArgumentException if {@code maxChainLength < 1}
     */
    public JdbcCheckpointer(DataSource dataSource, int maxChainLength) {
        this(builder(dataSource).maxChainLength(maxChainLength));
    }

    private JdbcCheckpointer(Builder b) {
        this.dataSource = Objects.requireNonNull(b.dataSource, "dataSource");
        this.maxChainLength = b.maxChainLength;
        this.durability = b.durability;
        this.executor = b.executor;
        this.maxQueuedWrites = b.maxQueuedWrites;
        int cacheSize = b.stateCacheSize;
        this.states = cacheSize == 0 ? null : Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
                return size() > cacheSize;
            }
        });
        if (durability == Durability.ASYNC && executor == null) {
            throw new IllegalArgumentException("Durability.ASYNC needs an executor for the background writes");
        }
    }

    /**
     * {@return a builder over {@code dataSource} (defaults: chain of 100, {@link Durability#SYNC})}
     *
     * @param dataSource a PostgreSQL or H2 data source holding the {@code sa_graph_checkpoints} tables
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** Options of a {@link JdbcCheckpointer}. */
    public static final class Builder {
        private final DataSource dataSource;
        private int maxChainLength = 100;
        private Durability durability = Durability.SYNC;
        private Executor executor;
        private int maxQueuedWrites = 1000;
        private int stateCacheSize = 256;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * The longest run of deltas before a full snapshot is forced; default 100. Reads replay at most
         * this many deltas.
         *
         * @param maxChainLength the most deltas between two full snapshots (>= 1)
         * @return this builder
         * @throws IllegalArgumentException if {@code < 1}
         */
        public Builder maxChainLength(int maxChainLength) {
            if (maxChainLength < 1) {
                throw new IllegalArgumentException("maxChainLength must be >= 1 but was " + maxChainLength);
            }
            this.maxChainLength = maxChainLength;
            return this;
        }

        /**
         * When checkpoints are committed; default {@link Durability#SYNC}. {@link Durability#ASYNC}
         * writes on {@code executor} (one task at a time, several checkpoints per transaction; if the
         * executor rejects the task the caller writes itself).
         *
         * @param durability when checkpoints are committed: {@code SYNC}, {@code ASYNC} or {@code EXIT}
         * @param executor runs the background writes for {@code ASYNC}; may be null for the other modes
         * @return this builder
         * @throws IllegalArgumentException if {@code ASYNC} is chosen without an executor
         */
        public Builder durability(Durability durability, Executor executor) {
            this.durability = Objects.requireNonNull(durability, "durability");
            this.executor = executor;
            if (durability == Durability.ASYNC && executor == null) {
                throw new IllegalArgumentException("Durability.ASYNC needs an executor for the background writes");
            }
            return this;
        }

        /**
         * For {@link Durability#ASYNC}: the most checkpoints and pending-write sets queued before
         * {@code save} blocks until the background writer catches up; default 1000, the most steps a
         * crash can lose.
         *
         * @param maxQueuedWrites the queue bound, in checkpoints and pending-write sets (>= 1)
         * @return this builder
         * @throws IllegalArgumentException if {@code < 1}
         */
        public Builder maxQueuedWrites(int maxQueuedWrites) {
            if (maxQueuedWrites < 1) {
                throw new IllegalArgumentException("maxQueuedWrites must be >= 1 but was " + maxQueuedWrites);
            }
            this.maxQueuedWrites = maxQueuedWrites;
            return this;
        }

        /**
         * How many threads' newest state this instance keeps in memory (least recently used evicted); default
         * 256, 0 disables. A read of a thread whose newest checkpoint (or an ancestor of the one read) this
         * instance saved or read before fetches only the rows after it and not its snapshot, and replays only
         * those deltas, so get-state and resume on a server that served the thread cost one small range scan.
         * The rows in PostgreSQL stay the truth: the cached state is used only when the query finds its
         * checkpoint on the read checkpoint's chain (ids are unique and rows immutable), so other writers
         * and deleted threads are always seen. Cached states are the states the runs produced (shared,
         * persistent {@link AgentState}s), not copies decoded from JSON. Memory: one state per thread.
         *
         * @param threads how many threads' latest states are kept in memory (>= 0; 0 disables the cache)
         * @return this builder
         * @throws IllegalArgumentException if {@code < 0}
         */
        public Builder stateCacheSize(int threads) {
            if (threads < 0) {
                throw new IllegalArgumentException("stateCacheSize must be >= 0 but was " + threads);
            }
            this.stateCacheSize = threads;
            return this;
        }

        /** {@return a checkpointer with these options} */
        public JdbcCheckpointer build() {
            return new JdbcCheckpointer(this);
        }
    }

    /** {@return this checkpointer's durability mode} */
    public Durability durability() {
        return durability;
    }

    /**
     * Creates the tables and indexes if they do not exist, and migrates tables of earlier versions in
     * place.
     *
     * @return this checkpointer, for chaining
     * @throws CheckpointException on SQL errors or if the schema resource cannot be read
     */
    public JdbcCheckpointer createSchema() {
        try {
            SqlScript.fromClasspath(SCHEMA_RESOURCE, JdbcCheckpointer.class.getClassLoader()).execute(dataSource);
        } catch (UncheckedIOException e) {
            throw new CheckpointException("Cannot read " + SCHEMA_RESOURCE, e);
        } catch (SQLException e) {
            throw new CheckpointException("Cannot create checkpoint schema", e);
        }
        return this;
    }

    // ------------------------------------------------------------------ writes

    /**
     * Saves a new checkpoint (its {@code pendingWrites} are ignored): one {@code INSERT} in its own
     * transaction with {@link Durability#SYNC}, queued with {@link Durability#ASYNC}.
     *
     * @throws CheckpointConflictException if another checkpoint already extends {@code checkpoint.parentId()}
     *                                     (another run on the thread won the race); nothing is stored
     * @throws CheckpointException         on SQL errors, or (ASYNC) when an earlier queued write of this
     *                                     thread failed
     */
    @Override
    public void save(Checkpoint cp, StateCodec codec) {
        if (durability == Durability.EXIT) {
            throwFailure(cp.threadId());
            SaveOp op = prepare(cp, codec, null);
            recentChains.put(cp.id(), op.chain);
            hold(op);
            remember(cp.threadId(), cp.id(), cp.state());
            return;
        }
        if (durability == Durability.ASYNC) {
            throwFailure(cp.threadId());
            SaveOp op = prepare(cp, codec, null);
            recentChains.put(cp.id(), op.chain);
            enqueue(op);
            remember(cp.threadId(), cp.id(), cp.state());
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            SaveOp op = prepare(cp, codec, c);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                bind(ps, op);
                ps.executeUpdate();
            }
            recentChains.put(cp.id(), op.chain);
            remember(cp.threadId(), cp.id(), cp.state());
        } catch (SQLException e) {
            throw saveFailure(cp.threadId(), cp.id(), cp.parentId(), e);
        }
    }

    private SaveOp prepare(Checkpoint cp, StateCodec codec, Connection c) {
        String writes = codec.toJson(codec.encodeUpdate(cp.writes()));
        long[] parent = cp.parentId() == null ? null : recentChains.get(cp.parentId());
        if (parent == null && cp.parentId() != null) {
            parent = chainInfo(c, cp.parentId());
        }
        byte[] snapshot = null;
        long[] chain;
        long writeBytes = writes.length() + ROW_BYTES;
        if (parent == null || parent[0] + 1 > maxChainLength || parent[1] + writeBytes > parent[2]) {
            snapshot = deflate(codec, codec.encodeState(cp.state()));
            chain = new long[]{0, 0, snapshot.length};
        } else {
            chain = new long[]{parent[0] + 1, parent[1] + writeBytes, parent[2]};
        }
        Object source = cp.metadata().get("source");
        boolean branch = "fork".equals(source) || "update".equals(source) || cp.metadata().containsKey("replayFrom");
        String lineage = branch ? null : cp.parentId() == null ? "" : cp.parentId();
        return new SaveOp(0, cp.id(), cp.threadId(), cp.parentId(), cp.step(), OffsetDateTime.ofInstant(cp.createdAt(), ZoneOffset.UTC),
                writes, snapshot, codec.toJson(codec.encodeTasks(cp.next())), codec.toJson(codec.mapper().valueToTree(cp.joins())),
                codec.toJson(codec.mapper().valueToTree(cp.metadata())), chain, lineage);
    }

    /**
     * A state snapshot as stored in {@code snapshot_z}: its JSON ({@link StateCodec#encodeState}) in UTF-8, compressed
     * with zlib (RFC 1950, deflate at {@link Deflater#BEST_SPEED}); conversation text shrinks 5-25x, so a cold read
     * sends and decodes far fewer bytes than the JSON text.
     */
    private static byte[] deflate(StateCodec codec, JsonNode state) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, deflater, 8192)) {
            codec.mapper().writeValue(z, state);
        } catch (IOException e) {
            throw new CheckpointException("Cannot compress a state snapshot", e);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    /** Parses a {@code snapshot_z} value (see {@link #deflate}) straight from the inflated bytes. */
    private static JsonNode inflate(StateCodec codec, byte[] stored, String checkpointId) {
        Inflater inflater = new Inflater();
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(stored), inflater, 8192)) {
            return codec.mapper().readTree(in);
        } catch (IOException e) {
            throw new CheckpointException("Unreadable snapshot of checkpoint " + checkpointId, e);
        } finally {
            inflater.end();
        }
    }

    /** (chain length, chain bytes, snapshot bytes) of a stored checkpoint, or null if it is not stored (yet). */
    private long[] chainInfo(Connection given, String id) {
        try (Connection own = given == null ? dataSource.getConnection() : null) {
            Connection c = given == null ? own : given;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT chain_length, chain_bytes, snapshot_bytes FROM sa_graph_checkpoints WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new long[]{rs.getInt(1), rs.getLong(2), rs.getLong(3)} : null;
                }
            }
        } catch (SQLException e) {
            throw new CheckpointException("Cannot read checkpoint " + id, e);
        }
    }

    private static void bind(PreparedStatement ps, SaveOp op) throws SQLException {
        ps.setString(1, op.id);
        ps.setString(2, op.threadId);
        ps.setString(3, op.parentId);
        ps.setInt(4, op.step);
        ps.setObject(5, op.createdAt);
        ps.setString(6, op.writes);
        ps.setString(7, null); // snapshots go to snapshot_z (compressed); snapshot_json holds those of earlier versions
        ps.setString(8, op.next);
        ps.setString(9, op.joins);
        ps.setString(10, op.metadata);
        ps.setInt(11, (int) op.chain[0]);
        ps.setLong(12, op.chain[1]);
        ps.setLong(13, op.chain[2]);
        ps.setString(14, op.lineage);
        ps.setString(15, Checkpointer.rootThreadId(op.threadId));
        ps.setBytes(16, op.snapshot);
        ps.setString(17, op.snapshot == null ? op.parentId : null); // a delta's chain starts where its parent's does
    }

    private static CheckpointException saveFailure(String threadId, String id, String parentId, SQLException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if ("23505".equals(e.getSQLState()) && message.contains("sa_graph_checkpoints_lineage")) {
            return new CheckpointConflictException("Checkpoint " + (parentId == null ? "(first)" : parentId) + " of thread "
                    + threadId + " was already extended by another writer; checkpoint " + id + " was not saved", e);
        }
        return new CheckpointException("Cannot save checkpoint " + id + " of thread " + threadId, e);
    }

    /**
     * Replaces the pending writes stored against {@code checkpointId}: one upsert (PostgreSQL
     * {@code ON CONFLICT}, H2 {@code MERGE}), queued with {@link Durability#ASYNC}.
     *
     * @throws CheckpointException on SQL errors
     */
    @Override
    public void saveWrites(String threadId, String checkpointId, List<PendingWrite> writes, StateCodec codec) {
        WritesOp op = new WritesOp(0, threadId, checkpointId, codec.toJson(codec.encodePendingWrites(writes)));
        if (durability == Durability.EXIT) {
            throwFailure(threadId);
            hold(op);
            return;
        }
        if (durability == Durability.ASYNC) {
            throwFailure(threadId);
            enqueue(op);
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            Dialect d = dialect(c);
            if (d == Dialect.OTHER) {
                replaceWritesPortably(c, op);
                return;
            }
            try (PreparedStatement ps = c.prepareStatement(d.upsertWrites)) {
                bind(ps, op);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new CheckpointException("Cannot save pending writes of checkpoint " + checkpointId, e);
        }
    }

    private static void bind(PreparedStatement ps, WritesOp op) throws SQLException {
        ps.setString(1, op.threadId);
        ps.setString(2, op.checkpointId);
        ps.setString(3, op.json);
        ps.setString(4, Checkpointer.rootThreadId(op.threadId));
    }

    /** Portable replacement of one checkpoint's pending writes (databases without an upsert): delete, then insert. */
    private static void deleteThenInsertWrites(Connection c, WritesOp op) throws SQLException {
        try (PreparedStatement del = c.prepareStatement(
                "DELETE FROM sa_graph_pending_writes WHERE thread_id = ? AND checkpoint_id = ?")) {
            del.setString(1, op.threadId);
            del.setString(2, op.checkpointId);
            del.executeUpdate();
        }
        try (PreparedStatement ins = c.prepareStatement(Dialect.OTHER.upsertWrites)) {
            bind(ins, op);
            ins.executeUpdate();
        }
    }

    private static void replaceWritesPortably(Connection c, WritesOp op) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            deleteThenInsertWrites(c, op);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private enum Dialect {
        POSTGRESQL("INSERT INTO sa_graph_pending_writes (thread_id, checkpoint_id, writes_json, root_thread_id) VALUES (?,?,?,?) "
                + "ON CONFLICT (thread_id, checkpoint_id) DO UPDATE SET writes_json = EXCLUDED.writes_json"),
        H2("MERGE INTO sa_graph_pending_writes (thread_id, checkpoint_id, writes_json, root_thread_id) KEY (thread_id, checkpoint_id) "
                + "VALUES (?,?,?,?)"),
        /** Other databases: delete and insert in one transaction; this is the insert. */
        OTHER("INSERT INTO sa_graph_pending_writes (thread_id, checkpoint_id, writes_json, root_thread_id) VALUES (?,?,?,?)");

        final String upsertWrites;

        Dialect(String upsertWrites) {
            this.upsertWrites = upsertWrites;
        }
    }

    private Dialect dialect(Connection c) throws SQLException {
        Dialect d = dialect;
        if (d == null) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            d = product.contains("postgres") ? Dialect.POSTGRESQL : product.contains("h2") ? Dialect.H2 : Dialect.OTHER;
            dialect = d;
        }
        return d;
    }

    // ------------------------------------------------------------------ reads

    /** Recursive walk from the anchor rows to their snapshots: the fallback for rows without {@code snapshot_seq}. */
    private static String chainQuery(String anchor) {
        return "WITH RECURSIVE k (" + COLUMNS + ", depth) AS ("
                + "SELECT " + C_COLUMNS + ", 0 FROM sa_graph_checkpoints c WHERE " + anchor
                + " UNION ALL SELECT " + C_COLUMNS + ", k.depth + 1 FROM sa_graph_checkpoints c JOIN k ON c.id = k.parent_id"
                + " WHERE k.snapshot_json IS NULL AND k.snapshot_z IS NULL AND c.thread_id = k.thread_id AND k.depth < " + MAX_DEPTH + ") "
                + "SELECT " + K_COLUMNS + ", NULL FROM k";
    }

    /**
     * One checkpoint and the rows of its delta chain, newest first, in one range scan of the
     * {@code (thread_id, seq)} index: from the snapshot the chain starts at ({@code snapshot_seq}), or from the
     * checkpoint whose state this instance already holds when that lies in the range (its snapshot is then not
     * sent). The target's pending writes are joined. Parameters: the target's (1 or 2), known id, thread id,
     * known id, thread id.
     */
    private static String rangeQuery(String target) {
        String head = " WHEN c.seq = b.hi THEN ";
        String start = " WHEN c.seq = b.lo AND b.known = 0 THEN ";
        return "WITH t AS (SELECT l.seq AS hi, COALESCE(l.snapshot_seq, l.seq) AS s0 FROM sa_graph_checkpoints l WHERE "
                + target + "), "
                + "b AS (SELECT t.hi, CASE WHEN kn.seq >= t.s0 AND kn.seq <= t.hi THEN kn.seq ELSE t.s0 END AS lo,"
                + " CASE WHEN kn.seq >= t.s0 AND kn.seq <= t.hi THEN 1 ELSE 0 END AS known FROM t"
                + " LEFT JOIN sa_graph_checkpoints kn ON kn.id = ? AND kn.thread_id = ?) "
                // only the chain's start sends its snapshot (none when this instance holds its state) and not its writes
                // (the step that made a snapshot is often a large input), only the target its timestamp, tasks, joins
                // and metadata: the rows between are replayed, not returned
                + "SELECT c.seq, c.id, c.thread_id, c.parent_id, c.step, CASE" + head + "c.created_at END, "
                + "CASE WHEN c.seq > b.lo OR c.seq = b.hi THEN c.writes_json END, "
                + "CASE" + start + "c.snapshot_json END, CASE" + head + "c.next_json END, CASE" + head + "c.joins_json END, "
                + "CASE" + head + "c.metadata_json END, c.chain_length, c.chain_bytes, c.snapshot_bytes, c.snapshot_seq, "
                + "CASE" + start + "c.snapshot_z END"
                + ", w.writes_json FROM b JOIN sa_graph_checkpoints c ON c.thread_id = ? AND c.seq >= b.lo AND c.seq <= b.hi"
                + " LEFT JOIN sa_graph_pending_writes w ON c.seq = b.hi AND w.thread_id = c.thread_id AND w.checkpoint_id = c.id"
                + " ORDER BY c.seq DESC";
    }

    private static final String LATEST = rangeQuery("l.thread_id = ? ORDER BY l.seq DESC FETCH FIRST 1 ROWS ONLY");
    private static final String BY_ID = rangeQuery("l.id = ? AND l.thread_id = ?");

    /**
     * The thread's newest checkpoint with its pending writes, in one statement at any chain length (two for
     * chains written by versions without {@code snapshot_seq}, or when the cached state is on another branch).
     *
     * @throws CheckpointException on SQL errors, a broken delta chain, or (ASYNC) a failed queued write of the thread
     */
    @Override
    public Optional<Checkpoint> latest(String threadId, StateCodec codec) {
        awaitDurable(threadId);
        return loadOne(null, threadId, codec, "Cannot load latest checkpoint of thread " + threadId);
    }

    /**
     * One checkpoint of the thread by id with its pending writes, in one statement at any chain length (see
     * {@link #latest}).
     *
     * @throws CheckpointException on SQL errors, a broken delta chain, or (ASYNC) a failed queued write of the thread
     */
    @Override
    public Optional<Checkpoint> get(String threadId, String checkpointId, StateCodec codec) {
        awaitDurable(threadId);
        return loadOne(checkpointId, threadId, codec, "Cannot load checkpoint " + checkpointId);
    }

    private Optional<Checkpoint> loadOne(String checkpointId, String threadId, StateCodec codec, String what) {
        Known known = states == null ? null : states.get(threadId);
        String knownId = known == null ? "" : known.id;
        Map<String, Row> rows = new HashMap<>();
        Map<String, AgentState> memo = new HashMap<>();
        Row target = null;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(checkpointId == null ? LATEST : BY_ID)) {
                int i = 1;
                if (checkpointId != null) {
                    ps.setString(i++, checkpointId);
                }
                ps.setString(i++, threadId);
                ps.setString(i++, knownId);
                ps.setString(i++, threadId);
                ps.setString(i, threadId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Row r = Row.of(rs);
                        rows.putIfAbsent(r.id, r);
                        if (target == null) {
                            target = r;
                        }
                    }
                }
            }
            if (target == null) {
                return Optional.empty();
            }
            if (known != null && rows.containsKey(known.id)) {
                memo.put(known.id, known.state);
            }
            if (!complete(target, rows, memo)) { // rows of earlier versions, or the cached state on another branch
                Map<String, Row> walked = new HashMap<>();
                loadChains(c, List.of(target.id), walked);
                walked.forEach(rows::put);
                memo.clear();
            }
        } catch (SQLException e) {
            throw new CheckpointException(what, e);
        }
        recentChains.put(target.id, target.chain());
        Map<String, Update> updates = new HashMap<>();
        AgentState state = state(target, rows, memo, updates, codec);
        remember(threadId, target.id, state);
        return Optional.of(toCheckpoint(target, state, updates, codec));
    }

    /** Whether {@code target}'s state can be rebuilt from {@code rows} and {@code memo}. */
    private static boolean complete(Row target, Map<String, Row> rows, Map<String, AgentState> memo) {
        Row r = target;
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            if (memo.containsKey(r.id) || r.hasSnapshot()) {
                return true;
            }
            r = r.parentId == null ? null : rows.get(r.parentId);
            if (r == null) {
                return false;
            }
        }
        return false;
    }

    /** Every checkpoint of the thread, newest first; see {@link #history(String, String, int, StateCodec)}. */
    @Override
    public List<Checkpoint> history(String threadId, StateCodec codec) {
        return page(threadId, null, 0, codec);
    }

    /**
     * A page of the thread's checkpoints, newest first, each with its state and pending writes: one
     * statement for the page (index on {@code (thread_id, seq)}), plus one range scan for the rest of
     * the delta chains whose snapshot lies before the page.
     *
     * @param before a checkpoint id of the thread: only older checkpoints are listed; null for the newest
     * @param limit  most checkpoints returned (>= 1)
     * @throws IllegalArgumentException if {@code limit < 1}
     * @throws CheckpointException      on SQL errors or a broken delta chain
     */
    @Override
    public List<Checkpoint> history(String threadId, String before, int limit, StateCodec codec) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1 but was " + limit);
        }
        return page(threadId, before, limit, codec);
    }

    private List<Checkpoint> page(String threadId, String before, int limit, StateCodec codec) {
        awaitDurable(threadId);
        String sql = "SELECT " + C_COLUMNS + ", w.writes_json FROM sa_graph_checkpoints c LEFT JOIN sa_graph_pending_writes w"
                + " ON w.thread_id = c.thread_id AND w.checkpoint_id = c.id WHERE c.thread_id = ?"
                + (before == null ? "" : " AND c.seq < (SELECT b.seq FROM sa_graph_checkpoints b WHERE b.id = ? AND b.thread_id = ?)")
                + " ORDER BY c.seq DESC" + (limit > 0 ? " FETCH FIRST " + limit + " ROWS ONLY" : "");
        List<Row> page = new ArrayList<>();
        Map<String, Row> rows = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, threadId);
                if (before != null) {
                    ps.setString(2, before);
                    ps.setString(3, threadId);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Row r = Row.of(rs);
                        page.add(r);
                        rows.put(r.id, r);
                    }
                }
            }
            Map<String, AgentState> none = Map.of();
            long lo = Long.MAX_VALUE;
            boolean legacy = false;
            for (Row r : page) {
                if (!complete(r, rows, none)) {
                    if (r.snapshotSeq == null) {
                        legacy = true;
                    } else {
                        lo = Math.min(lo, r.snapshotSeq);
                    }
                }
            }
            if (lo != Long.MAX_VALUE) { // the chains' older rows: one range scan below the page
                try (PreparedStatement ps = c.prepareStatement("SELECT " + C_REPLAY_COLUMNS + ", NULL FROM sa_graph_checkpoints c"
                        + " WHERE c.thread_id = ? AND c.seq >= ? AND c.seq < ?")) {
                    ps.setString(1, threadId);
                    ps.setLong(2, lo);
                    ps.setLong(3, page.get(page.size() - 1).seq);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Row r = Row.of(rs);
                            rows.putIfAbsent(r.id, r);
                        }
                    }
                }
            }
            if (legacy || lo != Long.MAX_VALUE) {
                Set<String> missing = new HashSet<>();
                for (Row r : page) {
                    if (!complete(r, rows, none)) {
                        missing.add(r.id);
                    }
                }
                if (!missing.isEmpty()) { // rows written before snapshot_seq existed
                    loadChains(c, missing, rows);
                }
            }
        } catch (SQLException e) {
            throw new CheckpointException("Cannot list checkpoints of thread " + threadId, e);
        }
        Map<String, AgentState> memo = new HashMap<>();
        Map<String, Update> updates = new HashMap<>();
        List<Checkpoint> out = new ArrayList<>(page.size());
        for (int i = page.size() - 1; i >= 0; i--) { // oldest first, so memoised parents are reused
            Row r = page.get(i);
            out.add(toCheckpoint(r, state(r, rows, memo, updates, codec), updates, codec));
        }
        Collections.reverse(out);
        return out;
    }

    private static void loadChains(Connection c, Collection<String> ids, Map<String, Row> rows) throws SQLException {
        String anchor = "c.id IN (" + String.join(",", Collections.nCopies(ids.size(), "?")) + ")";
        try (PreparedStatement ps = c.prepareStatement(chainQuery(anchor))) {
            int i = 1;
            for (String id : ids) {
                ps.setString(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Row r = Row.of(rs);
                    rows.putIfAbsent(r.id, r);
                }
            }
        }
    }

    /** Keeps the newest state this instance saved or read for the thread, so the next read need not fetch it. */
    private void remember(String threadId, String id, AgentState state) {
        if (states != null) {
            states.put(threadId, new Known(id, state));
        }
    }

    /** A checkpoint id of a thread and its state (checkpoints are immutable, so it stays valid while the row exists). */
    private record Known(String id, AgentState state) {
    }

    /**
     * Deletes every checkpoint and pending write of the thread, and of a root thread's subgraph namespaces, in one
     * transaction (after the queued writes with {@link Durability#ASYNC}): one {@code DELETE} per table on the
     * {@code root_thread_id} index for a root thread, on the {@code thread_id} index for a subgraph's thread.
     *
     * @throws CheckpointException on SQL errors
     */
    @Override
    public void deleteThread(String threadId) {
        boolean root = Checkpointer.rootThreadId(threadId).equals(threadId);
        java.util.function.Predicate<String> deleted = t -> t.equals(threadId) || root && Checkpointer.rootThreadId(t).equals(threadId);
        if (durability == Durability.EXIT) {
            synchronized (held) {
                held.keySet().removeIf(deleted);
            }
        }
        awaitDurable(null);
        synchronized (queue) {
            failures.keySet().removeIf(deleted);
        }
        if (states != null) {
            synchronized (states) {
                states.keySet().removeIf(deleted);
            }
        }
        String where = root ? " WHERE root_thread_id = ?" : " WHERE thread_id = ?";
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                for (String table : List.of("sa_graph_pending_writes", "sa_graph_checkpoints")) {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + where)) {
                        ps.setString(1, threadId);
                        ps.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new CheckpointException("Cannot delete thread " + threadId, e);
        }
    }

    /**
     * {@return what a thread stores: characters of JSON (deltas, tasks, metadata, snapshots of earlier versions) plus bytes
     * of compressed snapshots; for capacity planning and tests}
     *
     * @param threadId the thread's id
     */
    public long storedChars(String threadId) {
        awaitDurable(threadId);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT writes_json, snapshot_json, next_json, joins_json, metadata_json, snapshot_z FROM sa_graph_checkpoints"
                        + " WHERE thread_id = ?")) {
            ps.setString(1, threadId);
            long total = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    for (int i = 1; i <= 5; i++) {
                        String s = rs.getString(i);
                        total += s == null ? 0 : s.length();
                    }
                    byte[] z = rs.getBytes(6);
                    total += z == null ? 0 : z.length;
                }
            }
            return total;
        } catch (SQLException e) {
            throw new CheckpointException("Cannot measure thread " + threadId, e);
        }
    }

    /**
     * Rebuilds {@code target}'s state from {@code rows}: from the nearest state already built ({@code memo}), else from
     * the chain's snapshot, replaying the deltas after it. A snapshot row whose parent's state is built already is
     * rebuilt from that state and its writes (so a history page decodes one snapshot, however many it lists).
     * {@code updates} keeps each decoded delta for {@link #toCheckpoint}.
     */
    private AgentState state(Row target, Map<String, Row> rows, Map<String, AgentState> memo, Map<String, Update> updates,
                             StateCodec codec) {
        List<Row> chain = new ArrayList<>();
        Row r = target;
        AgentState base;
        while (true) {
            AgentState known = memo.get(r.id);
            if (known != null) {
                base = known;
                break;
            }
            AgentState parentState = r.parentId == null || r.writes == null ? null : memo.get(r.parentId);
            if (parentState != null) { // the parent's state is built: replaying one delta beats decoding a snapshot
                chain.add(r);
                base = parentState;
                break;
            }
            if (r.hasSnapshot()) {
                base = codec.decodeState(r.snapshotZ != null ? inflate(codec, r.snapshotZ, r.id) : codec.parse(r.snapshot));
                memo.put(r.id, base);
                break;
            }
            chain.add(r);
            Row parent = r.parentId == null ? null : rows.get(r.parentId);
            if (parent == null) {
                throw new CheckpointException("Checkpoint chain of " + target.id + " is broken at " + r.id + " (no snapshot)");
            }
            r = parent;
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            Row step = chain.get(i);
            base = base.apply(update(step, updates, codec));
            memo.put(step.id, base);
        }
        return base;
    }

    private static Update update(Row r, Map<String, Update> updates, StateCodec codec) {
        Update u = updates.get(r.id);
        if (u == null) {
            u = codec.decodeUpdate(codec.parse(r.writes));
            updates.put(r.id, u);
        }
        return u;
    }

    private static final JavaType JOINS = TypeFactory.defaultInstance().constructType(new TypeReference<Map<String, List<String>>>() { });
    private static final JavaType METADATA = TypeFactory.defaultInstance().constructType(new TypeReference<Map<String, Object>>() { });

    private static Checkpoint toCheckpoint(Row r, AgentState state, Map<String, Update> updates, StateCodec codec) {
        try {
            List<PendingWrite> pending = r.pending == null ? List.of() : codec.decodePendingWrites(codec.parse(r.pending));
            Map<String, List<String>> joins = codec.mapper().readValue(r.joins, JOINS);
            Map<String, Object> meta = codec.mapper().readValue(r.metadata, METADATA);
            return new Checkpoint(r.id, r.threadId, r.parentId, r.step, r.createdAt.toInstant(), state,
                    update(r, updates, codec), codec.decodeTasks(codec.parse(r.next)), joins, meta, pending);
        } catch (IOException e) {
            throw new CheckpointException("Unreadable checkpoint " + r.id, e);
        }
    }

    private record Row(long seq, String id, String threadId, String parentId, int step, OffsetDateTime createdAt, String writes,
                       String snapshot, String next, String joins, String metadata, int chainLength, long chainBytes,
                       long snapshotBytes, Long snapshotSeq, byte[] snapshotZ, String pending) {
        /** Reads {@link #COLUMNS} and the pending writes in column 17. */
        static Row of(ResultSet rs) throws SQLException {
            long snapshotSeq = rs.getLong(15);
            return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                    rs.getObject(6, OffsetDateTime.class), rs.getString(7), rs.getString(8), rs.getString(9),
                    rs.getString(10), rs.getString(11), rs.getInt(12), rs.getLong(13), rs.getLong(14),
                    rs.wasNull() ? null : snapshotSeq, rs.getBytes(16), rs.getString(17));
        }

        /** Whether the row holds a full state: compressed ({@code snapshot_z}) or, from earlier versions, JSON text. */
        boolean hasSnapshot() {
            return snapshotZ != null || snapshot != null;
        }

        long[] chain() {
            return new long[]{chainLength, chainBytes, snapshotBytes};
        }
    }

    // ------------------------------------------------------------------ ASYNC durability

    private sealed interface Op permits SaveOp, WritesOp {
        String threadId();

        long seq();

        Op withSeq(long seq);
    }

    private record SaveOp(long seq, String id, String threadId, String parentId, int step, OffsetDateTime createdAt,
                          String writes, byte[] snapshot, String next, String joins, String metadata, long[] chain,
                          String lineage) implements Op {
        @Override
        public Op withSeq(long s) {
            return new SaveOp(s, id, threadId, parentId, step, createdAt, writes, snapshot, next, joins, metadata, chain, lineage);
        }
    }

    private record WritesOp(long seq, String threadId, String checkpointId, String json) implements Op {
        @Override
        public Op withSeq(long s) {
            return new WritesOp(s, threadId, checkpointId, json);
        }
    }

    private void enqueue(Op op) {
        boolean start = false;
        synchronized (queue) {
            while (queue.size() >= maxQueuedWrites) {
                waitOnQueue();
            }
            queue.add(op.withSeq(++enqueued));
            if (!draining) {
                draining = true;
                start = true;
            }
        }
        if (start) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                drain();
            }
        }
    }

    private void waitOnQueue() {
        try {
            queue.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckpointException("Interrupted while waiting for queued checkpoint writes", e);
        }
    }

    /** Writes queued operations, many per transaction, until the queue is empty. Runs one at a time. */
    private void drain() {
        long taken = 0;
        while (true) {
            List<Op> batch = new ArrayList<>();
            synchronized (queue) {
                if (queue.isEmpty()) {
                    draining = false;
                    queue.notifyAll();
                    return;
                }
                while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
                    Op op = queue.poll();
                    taken = op.seq();
                    Long drop = dropUpTo.get(op.threadId());
                    if (drop == null || op.seq() > drop) {
                        batch.add(op);
                    }
                }
                queue.notifyAll(); // room for blocked savers; the batch counts as written only once committed
            }
            try {
                writeBatch(batch);
            } catch (RuntimeException | Error e) {
                recordFailures(batch, new CheckpointException("Background checkpoint write failed", e));
            } finally {
                synchronized (queue) {
                    written = Math.max(written, taken);
                    dropUpTo.values().removeIf(v -> v <= written);
                    queue.notifyAll();
                }
            }
        }
    }

    private void writeBatch(List<Op> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            Dialect d = dialect(c);
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                List<SaveOp> saves = new ArrayList<>();
                List<WritesOp> writes = new ArrayList<>();
                for (Op op : batch) {
                    if (op instanceof SaveOp s) {
                        saves.add(s);
                    } else {
                        writes.add((WritesOp) op);
                    }
                }
                if (!saves.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                        for (SaveOp s : saves) {
                            bind(ps, s);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
                if (!writes.isEmpty() && d != Dialect.OTHER) {
                    try (PreparedStatement ps = c.prepareStatement(d.upsertWrites)) {
                        for (WritesOp w : writes) {
                            bind(ps, w);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                } else {
                    for (WritesOp w : writes) {
                        deleteThenInsertWrites(c, w);
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                c.setAutoCommit(true);
                writeOneByOne(c, d, batch);
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            recordFailures(batch, new CheckpointException("Cannot write queued checkpoints", e));
        }
    }

    /** After a failed batch: each operation on its own, so one conflicting thread does not lose the others' steps. */
    private void writeOneByOne(Connection c, Dialect d, List<Op> batch) {
        Set<String> failed = new HashSet<>();
        for (Op op : batch) {
            if (failed.contains(op.threadId())) {
                continue;
            }
            try {
                if (op instanceof SaveOp s) {
                    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                        bind(ps, s);
                        ps.executeUpdate();
                    }
                } else if (d == Dialect.OTHER) {
                    replaceWritesPortably(c, (WritesOp) op);
                } else {
                    try (PreparedStatement ps = c.prepareStatement(d.upsertWrites)) {
                        bind(ps, (WritesOp) op);
                        ps.executeUpdate();
                    }
                }
            } catch (SQLException e) {
                failed.add(op.threadId());
                CheckpointException failure = op instanceof SaveOp s ? saveFailure(s.threadId, s.id, s.parentId, e)
                        : new CheckpointException("Cannot save pending writes of checkpoint " + ((WritesOp) op).checkpointId, e);
                recordFailures(batch.stream().filter(o -> o.threadId().equals(op.threadId())).toList(), failure);
            }
        }
    }

    /** Remembers the failure for each thread of {@code ops} and drops that thread's queued operations. */
    private void recordFailures(List<Op> ops, CheckpointException failure) {
        synchronized (queue) {
            for (Op op : ops) {
                failures.putIfAbsent(op.threadId(), failure);
                dropUpTo.put(op.threadId(), enqueued);
                if (op instanceof SaveOp s) {
                    recentChains.remove(s.id);
                }
            }
        }
    }

    private void throwFailure(String threadId) {
        if (durability == Durability.SYNC) {
            return;
        }
        CheckpointException failure;
        synchronized (queue) {
            failure = failures.remove(threadId);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Waits until every write queued so far is committed; then surfaces a failed write of {@code threadId}. */
    private void awaitDurable(String threadId) {
        if (durability == Durability.EXIT) {
            writeHeld(threadId);
            if (threadId != null) {
                throwFailure(threadId);
            }
            return;
        }
        if (durability != Durability.ASYNC) {
            return;
        }
        synchronized (queue) {
            long target = enqueued;
            while (written < target) {
                waitOnQueue();
            }
        }
        if (threadId != null) {
            throwFailure(threadId);
        }
    }

    /**
     * Waits until every checkpoint saved so far is committed (a no-op with {@link Durability#SYNC}).
     *
     * @throws CheckpointException if a queued write failed since the last call; the failure is reported once
     */
    @Override
    public void flush() {
        awaitDurable(null);
        CheckpointException first = null;
        synchronized (queue) {
            if (!failures.isEmpty()) {
                first = failures.values().iterator().next();
                failures.clear();
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * With {@link Durability#EXIT}: writes the checkpoints held for {@code threadId}'s runs (and its
     * subgraphs', the thread ids whose {@link Checkpointer#rootThreadId root} it is) in one transaction; a no-op otherwise.
     *
     * @throws CheckpointException if a held write failed (e.g. {@link CheckpointConflictException})
     */
    @Override
    public void runFinished(String threadId) {
        if (durability == Durability.EXIT) {
            writeHeld(threadId);
            throwFailure(threadId);
        }
    }

    private void hold(Op op) {
        synchronized (held) {
            held.computeIfAbsent(op.threadId(), k -> new ArrayList<>()).add(op);
        }
    }

    /**
     * Writes, in one transaction, the held operations of {@code threadId} and of its subgraphs' namespaces
     * (thread ids with {@code threadId} as {@link Checkpointer#rootThreadId root}), or of every thread when null;
     * failures are recorded.
     */
    private void writeHeld(String threadId) {
        List<Op> ops = new ArrayList<>();
        synchronized (held) {
            if (held.isEmpty()) {
                return;
            }
            for (var it = held.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, List<Op>> e = it.next();
                if (threadId == null || e.getKey().equals(threadId) || Checkpointer.rootThreadId(e.getKey()).equals(threadId)) {
                    ops.addAll(e.getValue());
                    it.remove();
                }
            }
        }
        if (!ops.isEmpty()) {
            writeBatch(ops);
        }
    }

    /** Same as {@link #flush()}; the data source stays open (it belongs to the caller). */
    @Override
    public void close() {
        flush();
    }
}
