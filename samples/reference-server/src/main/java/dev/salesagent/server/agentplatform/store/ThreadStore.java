package dev.salesagent.server.agentplatform.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.server.agentplatform.api.LangGraphJson;
import dev.salesagent.server.platform.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code lg_thread} rows; every method filters by tenant. */
@Component
public class ThreadStore {

    /** One thread row. */
    public record ThreadRow(UUID threadId, UUID tenantId, String graphId, JsonNode metadata, String status,
                            boolean temporary, Instant createdAt, Instant updatedAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    ThreadStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Inserts a thread unless its id exists; {@return whether it was inserted} */
    public boolean insert(UUID tenantId, UUID threadId, String graphId, JsonNode metadata, boolean temporary) {
        Instant now = clock.instant();
        return jdbc.sql("insert into lg_thread (thread_id, tenant_id, graph_id, metadata, temporary, created_at,"
                        + " updated_at) values (?, ?, ?, ?::jsonb, ?, ?, ?) on conflict (thread_id) do nothing")
                .params(threadId, tenantId, graphId, LangGraphJson.write(metadata), temporary, Sql.ts(now), Sql.ts(now))
                .update() == 1;
    }

    /** {@return the tenant's thread} */
    public Optional<ThreadRow> find(UUID tenantId, UUID threadId) {
        return jdbc.sql("select * from lg_thread where tenant_id = ? and thread_id = ?").params(tenantId, threadId)
                .query(ThreadStore::row).optional();
    }

    /** {@return whether any tenant has a thread with this id} */
    public boolean exists(UUID threadId) {
        return jdbc.sql("select count(*) from lg_thread where thread_id = ?").param(threadId).query(Long.class)
                .single() > 0;
    }

    /** {@return the tenant's threads whose metadata contains {@code metadata}, newest first} */
    public List<ThreadRow> search(UUID tenantId, JsonNode metadata, String status, List<UUID> ids, int limit,
                                  int offset) {
        StringBuilder sql = new StringBuilder("select * from lg_thread where tenant_id = ? and not temporary"
                + " and metadata @> ?::jsonb");
        List<Object> params = new java.util.ArrayList<>(List.of(tenantId,
                LangGraphJson.write(metadata == null || metadata.isNull() ? LangGraphJson.MAPPER.createObjectNode()
                        : metadata)));
        if (status != null) {
            sql.append(" and status = ?");
            params.add(status);
        }
        if (ids != null && !ids.isEmpty()) {
            sql.append(" and thread_id = any(?::uuid[])");
            params.add(Sql.textArray(ids.stream().map(UUID::toString).toList()));
        }
        sql.append(" order by created_at desc, thread_id limit ? offset ?");
        params.add(limit);
        params.add(offset);
        return jdbc.sql(sql.toString()).params(params).query(ThreadStore::row).list();
    }

    /** Sets the thread's graph when it has none yet. */
    public void bindGraph(UUID tenantId, UUID threadId, String graphId) {
        jdbc.sql("update lg_thread set graph_id = coalesce(graph_id, ?), updated_at = ? where tenant_id = ?"
                + " and thread_id = ?").params(graphId, Sql.ts(clock.instant()), tenantId, threadId).update();
    }

    /** Sets the thread's status ({@code idle}, {@code busy}, {@code interrupted}, {@code error}). */
    public void status(UUID threadId, String status) {
        jdbc.sql("update lg_thread set status = ?, updated_at = ? where thread_id = ?")
                .params(status, Sql.ts(clock.instant()), threadId).update();
    }

    /** Merges metadata into the thread's. */
    public void mergeMetadata(UUID tenantId, UUID threadId, ObjectNode metadata) {
        jdbc.sql("update lg_thread set metadata = metadata || ?::jsonb, updated_at = ? where tenant_id = ?"
                + " and thread_id = ?").params(LangGraphJson.write(metadata), Sql.ts(clock.instant()), tenantId,
                threadId).update();
    }

    /** Deletes the thread with its runs and their events; {@return whether it existed} */
    public boolean delete(UUID tenantId, UUID threadId) {
        return jdbc.sql("delete from lg_thread where tenant_id = ? and thread_id = ?").params(tenantId, threadId)
                .update() == 1;
    }

    /** {@return temporary threads (of stateless runs) idle since before {@code before}} */
    public List<UUID> staleTemporary(Instant before) {
        return jdbc.sql("select thread_id from lg_thread where temporary and status <> 'busy' and updated_at < ?")
                .param(Sql.ts(before)).query(UUID.class).list();
    }

    /** Deletes a thread whatever its tenant (the sweeper of temporary threads). */
    public void deleteAnyTenant(UUID threadId) {
        jdbc.sql("delete from lg_thread where thread_id = ?").param(threadId).update();
    }

    private static ThreadRow row(ResultSet rs, int n) throws SQLException {
        return new ThreadRow(rs.getObject("thread_id", UUID.class), rs.getObject("tenant_id", UUID.class),
                rs.getString("graph_id"), LangGraphJson.parse(rs.getString("metadata")), rs.getString("status"),
                rs.getBoolean("temporary"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
