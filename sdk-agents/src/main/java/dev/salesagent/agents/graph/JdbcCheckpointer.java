package dev.salesagent.agents.graph;

import java.io.UncheckedIOException;
import dev.salesagent.core.jdbc.SqlScript;
import com.fasterxml.jackson.core.type.TypeReference;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Stores checkpoints in PostgreSQL or H2 with plain JDBC and Jackson.
 *
 * <p>Each checkpoint row holds the step's writes (the delta from its parent). A full state snapshot is
 * written only when the deltas since the last snapshot have grown larger than that snapshot, or the
 * chain of deltas is longer than {@code maxChainLength} (default 100). Snapshot sizes therefore
 * roughly double, total storage of a growing conversation is linear in its length (not quadratic as
 * with a full state per step), and rebuilding any checkpoint replays at most one snapshot's worth of
 * deltas through the keys' reducers.
 *
 * <p>The schema ({@code dev/salesagent/agents/graph/checkpoint-schema.sql}, tables
 * {@code sa_graph_checkpoints} and {@code sa_graph_pending_writes}) is created by
 * {@link #createSchema()}. SQL failures raise {@link CheckpointException}. Thread-safe; many
 * processes may share one database (ordering uses the identity column).
 */
public final class JdbcCheckpointer implements Checkpointer {

    /** Classpath location of the DDL. */
    public static final String SCHEMA_RESOURCE = "dev/salesagent/agents/graph/checkpoint-schema.sql";

    private static final String COLUMNS = "id, thread_id, parent_id, step, created_at, writes_json, snapshot_json, "
            + "next_json, joins_json, metadata_json";

    private final DataSource dataSource;
    private final int maxChainLength;
    /** Chain info of recently saved checkpoints (usually the next save's parent), saving one query per step. */
    private final Map<String, long[]> recentChains = java.util.Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > 1024;
        }
    });

    /** A checkpointer over {@code dataSource} with a maximum delta chain of 100. */
    public JdbcCheckpointer(DataSource dataSource) {
        this(dataSource, 100);
    }

    /**
     * @param maxChainLength the longest run of deltas before a snapshot is forced (>= 1)
     * @throws IllegalArgumentException if {@code maxChainLength < 1}
     */
    public JdbcCheckpointer(DataSource dataSource, int maxChainLength) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        if (maxChainLength < 1) {
            throw new IllegalArgumentException("maxChainLength must be >= 1 but was " + maxChainLength);
        }
        this.maxChainLength = maxChainLength;
    }

    /** Creates the tables and index if they do not exist. @throws CheckpointException on SQL errors */
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

    @Override
    public void save(Checkpoint cp, StateCodec codec) {
        String writes = codec.toJson(codec.encodeUpdate(cp.writes()));
        try (Connection c = dataSource.getConnection()) {
            long[] parent = cp.parentId() == null ? null : recentChains.get(cp.parentId());
            if (parent == null && cp.parentId() != null) {
                parent = chainInfo(c, cp.parentId());
            }
            String snapshot = null;
            int chainLength;
            long chainBytes;
            long snapshotBytes;
            long writeBytes = writes.length();
            if (parent == null || parent[0] + 1 > maxChainLength || parent[1] + writeBytes > parent[2]) {
                snapshot = codec.toJson(codec.encodeState(cp.state()));
                chainLength = 0;
                chainBytes = 0;
                snapshotBytes = snapshot.length();
            } else {
                chainLength = (int) parent[0] + 1;
                chainBytes = parent[1] + writeBytes;
                snapshotBytes = parent[2];
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sa_graph_checkpoints (" + COLUMNS
                    + ", chain_length, chain_bytes, snapshot_bytes) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                ps.setString(1, cp.id());
                ps.setString(2, cp.threadId());
                ps.setString(3, cp.parentId());
                ps.setInt(4, cp.step());
                ps.setObject(5, OffsetDateTime.ofInstant(cp.createdAt(), ZoneOffset.UTC));
                ps.setString(6, writes);
                ps.setString(7, snapshot);
                ps.setString(8, codec.toJson(codec.encodeTasks(cp.next())));
                ps.setString(9, codec.toJson(codec.mapper().valueToTree(cp.joins())));
                ps.setString(10, codec.toJson(codec.mapper().valueToTree(cp.metadata())));
                ps.setInt(11, chainLength);
                ps.setLong(12, chainBytes);
                ps.setLong(13, snapshotBytes);
                ps.executeUpdate();
            }
            recentChains.put(cp.id(), new long[]{chainLength, chainBytes, snapshotBytes});
        } catch (SQLException e) {
            throw new CheckpointException("Cannot save checkpoint " + cp.id() + " of thread " + cp.threadId(), e);
        }
    }

    private static long[] chainInfo(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT chain_length, chain_bytes, snapshot_bytes FROM sa_graph_checkpoints WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new long[]{rs.getInt(1), rs.getLong(2), rs.getLong(3)} : null;
            }
        }
    }

    @Override
    public void saveWrites(String threadId, String checkpointId, List<PendingWrite> writes, StateCodec codec) {
        String json = codec.toJson(codec.encodePendingWrites(writes));
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (PreparedStatement del = c.prepareStatement(
                        "DELETE FROM sa_graph_pending_writes WHERE thread_id = ? AND checkpoint_id = ?")) {
                    del.setString(1, threadId);
                    del.setString(2, checkpointId);
                    del.executeUpdate();
                }
                try (PreparedStatement ins = c.prepareStatement(
                        "INSERT INTO sa_graph_pending_writes (thread_id, checkpoint_id, writes_json) VALUES (?,?,?)")) {
                    ins.setString(1, threadId);
                    ins.setString(2, checkpointId);
                    ins.setString(3, json);
                    ins.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new CheckpointException("Cannot save pending writes of checkpoint " + checkpointId, e);
        }
    }

    @Override
    public Optional<Checkpoint> latest(String threadId, StateCodec codec) {
        try (Connection c = dataSource.getConnection()) {
            String id;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM sa_graph_checkpoints WHERE thread_id = ? ORDER BY seq DESC LIMIT 1")) {
                ps.setString(1, threadId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    id = rs.getString(1);
                }
            }
            return Optional.of(load(c, threadId, id, codec));
        } catch (SQLException e) {
            throw new CheckpointException("Cannot load latest checkpoint of thread " + threadId, e);
        }
    }

    @Override
    public Optional<Checkpoint> get(String threadId, String checkpointId, StateCodec codec) {
        try (Connection c = dataSource.getConnection()) {
            Row row = row(c, checkpointId);
            if (row == null || !row.threadId.equals(threadId)) {
                return Optional.empty();
            }
            return Optional.of(load(c, threadId, checkpointId, codec));
        } catch (SQLException e) {
            throw new CheckpointException("Cannot load checkpoint " + checkpointId, e);
        }
    }

    @Override
    public List<Checkpoint> history(String threadId, StateCodec codec) {
        try (Connection c = dataSource.getConnection()) {
            Map<String, Row> rows = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM sa_graph_checkpoints WHERE thread_id = ? ORDER BY seq DESC")) {
                ps.setString(1, threadId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Row r = Row.of(rs);
                        rows.put(r.id, r);
                    }
                }
            }
            Map<String, AgentState> memo = new HashMap<>();
            List<Checkpoint> out = new ArrayList<>(rows.size());
            for (Row r : rows.values()) {
                out.add(toCheckpoint(c, r, state(c, r, rows, memo, codec), codec));
            }
            return out;
        } catch (SQLException e) {
            throw new CheckpointException("Cannot list checkpoints of thread " + threadId, e);
        }
    }

    @Override
    public void deleteThread(String threadId) {
        try (Connection c = dataSource.getConnection()) {
            for (String table : List.of("sa_graph_pending_writes", "sa_graph_checkpoints")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE thread_id = ?")) {
                    ps.setString(1, threadId);
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new CheckpointException("Cannot delete thread " + threadId, e);
        }
    }

    /** Total characters stored for a thread (deltas, snapshots and metadata); for capacity planning and tests. */
    public long storedChars(String threadId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT writes_json, snapshot_json, next_json, joins_json, metadata_json FROM sa_graph_checkpoints WHERE thread_id = ?")) {
            ps.setString(1, threadId);
            long total = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    for (int i = 1; i <= 5; i++) {
                        String s = rs.getString(i);
                        total += s == null ? 0 : s.length();
                    }
                }
            }
            return total;
        } catch (SQLException e) {
            throw new CheckpointException("Cannot measure thread " + threadId, e);
        }
    }

    private Checkpoint load(Connection c, String threadId, String id, StateCodec codec) throws SQLException {
        Map<String, Row> rows = new HashMap<>();
        Row target = row(c, id);
        Row r = target;
        rows.put(r.id, r);
        while (r.snapshot == null) {
            r = row(c, r.parentId);
            if (r == null) {
                throw new CheckpointException("Checkpoint chain of " + id + " is broken (no snapshot)");
            }
            rows.put(r.id, r);
        }
        return toCheckpoint(c, target, state(c, target, rows, new HashMap<>(), codec), codec);
    }

    private AgentState state(Connection c, Row target, Map<String, Row> rows, Map<String, AgentState> memo, StateCodec codec)
            throws SQLException {
        List<Row> chain = new ArrayList<>();
        Row r = target;
        AgentState base = null;
        while (true) {
            AgentState known = memo.get(r.id);
            if (known != null) {
                base = known;
                break;
            }
            if (r.snapshot != null) {
                base = codec.decodeState(codec.parse(r.snapshot));
                memo.put(r.id, base);
                break;
            }
            chain.add(r);
            Row parent = rows.get(r.parentId);
            if (parent == null) {
                parent = row(c, r.parentId);
                if (parent == null) {
                    throw new CheckpointException("Checkpoint chain of " + target.id + " is broken at " + r.id);
                }
                rows.put(parent.id, parent);
            }
            r = parent;
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            Row step = chain.get(i);
            base = base.apply(codec.decodeUpdate(codec.parse(step.writes)));
            memo.put(step.id, base);
        }
        return base;
    }

    private Checkpoint toCheckpoint(Connection c, Row r, AgentState state, StateCodec codec) throws SQLException {
        List<PendingWrite> pending = List.of();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT writes_json FROM sa_graph_pending_writes WHERE thread_id = ? AND checkpoint_id = ?")) {
            ps.setString(1, r.threadId);
            ps.setString(2, r.id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    pending = codec.decodePendingWrites(codec.parse(rs.getString(1)));
                }
            }
        }
        try {
            Map<String, List<String>> joins = codec.mapper().readValue(r.joins, new TypeReference<>() { });
            Map<String, Object> meta = codec.mapper().readValue(r.metadata, new TypeReference<>() { });
            return new Checkpoint(r.id, r.threadId, r.parentId, r.step, r.createdAt.toInstant(), state,
                    codec.decodeUpdate(codec.parse(r.writes)), codec.decodeTasks(codec.parse(r.next)), joins, meta, pending);
        } catch (IOException e) {
            throw new CheckpointException("Unreadable checkpoint " + r.id, e);
        }
    }

    private static Row row(Connection c, String id) throws SQLException {
        if (id == null) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM sa_graph_checkpoints WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Row.of(rs) : null;
            }
        }
    }

    private record Row(String id, String threadId, String parentId, int step, OffsetDateTime createdAt, String writes,
                       String snapshot, String next, String joins, String metadata) {
        static Row of(ResultSet rs) throws SQLException {
            return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                    rs.getObject(5, OffsetDateTime.class), rs.getString(6), rs.getString(7), rs.getString(8),
                    rs.getString(9), rs.getString(10));
        }
    }
}
