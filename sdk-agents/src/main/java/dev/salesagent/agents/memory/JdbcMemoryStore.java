package dev.salesagent.agents.memory;

import java.io.UncheckedIOException;
import dev.salesagent.core.jdbc.SqlScript;
import dev.salesagent.agents.graph.CheckpointException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link MemoryStore} in PostgreSQL or H2 (table {@code sa_memory_facts}, DDL in
 * {@code dev/salesagent/agents/memory/memory-schema.sql}, created by {@link #createSchema()}).
 * SQL failures raise {@link CheckpointException} (the graph module's storage exception). Thread-safe.
 */
public final class JdbcMemoryStore implements MemoryStore {

    /** Classpath location of the DDL. */
    public static final String SCHEMA_RESOURCE = "dev/salesagent/agents/memory/memory-schema.sql";

    private final DataSource dataSource;

    /**
     * A store over {@code dataSource}; call {@link #createSchema()} once unless the table exists.
     *
     * @param dataSource the database (PostgreSQL or H2) holding the memory table
     */
    public JdbcMemoryStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Creates the table and index if they do not exist.
     *
     * @return this store
     */
    public JdbcMemoryStore createSchema() {
        try {
            SqlScript.fromClasspath(SCHEMA_RESOURCE, JdbcMemoryStore.class.getClassLoader()).execute(dataSource);
        } catch (UncheckedIOException e) {
            throw new CheckpointException("Cannot read " + SCHEMA_RESOURCE, e);
        } catch (SQLException e) {
            throw new CheckpointException("Cannot create memory schema", e);
        }
        return this;
    }

    @Override
    public void remember(MemoryFact fact) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sa_memory_facts (tenant, subject, fact, source, recorded_at) VALUES (?,?,?,?,?)")) {
            ps.setString(1, fact.tenant());
            ps.setString(2, fact.subject());
            ps.setString(3, fact.fact());
            ps.setString(4, fact.source());
            ps.setObject(5, OffsetDateTime.ofInstant(fact.recordedAt(), ZoneOffset.UTC));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new CheckpointException("Cannot store memory fact about " + fact.subject(), e);
        }
    }

    @Override
    public List<MemoryFact> recall(String tenant, String subject, int limit) {
        String t = tenant == null || tenant.isBlank() ? "default" : tenant;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT tenant, subject, fact, source, recorded_at FROM sa_memory_facts WHERE tenant = ? AND subject = ? "
                        + "ORDER BY recorded_at DESC, id DESC LIMIT ?")) {
            ps.setString(1, t);
            ps.setString(2, subject);
            ps.setInt(3, limit);
            List<MemoryFact> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new MemoryFact(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new CheckpointException("Cannot recall memory of " + subject, e);
        }
    }

    @Override
    public int forget(String tenant, String subject) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM sa_memory_facts WHERE tenant = ? AND subject = ?")) {
            ps.setString(1, tenant == null || tenant.isBlank() ? "default" : tenant);
            ps.setString(2, subject);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new CheckpointException("Cannot forget " + subject, e);
        }
    }
}
