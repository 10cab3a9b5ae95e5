package dev.salesagent.server.workspace.run;

import dev.salesagent.server.platform.db.Sql;
import dev.salesagent.server.platform.web.Cursors;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Agent runs, their steps and events in PostgreSQL. Every statement of a tenant's run names the tenant. */
@Repository
public class AgentRunStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    AgentRunStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Inserts a queued run. */
    public void insert(AgentRun r) {
        jdbc.sql("""
                insert into agent_run (id, tenant_id, created_by, type, status, lead_ids, require_approval, thread_id,
                                       created_at)
                values (?, ?, ?, ?, ?, ?::uuid[], ?, ?, ?)""")
                .params(r.id(), r.tenantId(), r.createdBy(), r.type(), r.status(),
                        Sql.textArray(r.leadIds().stream().map(UUID::toString).toList()), r.requireApproval(),
                        r.threadId(), Sql.ts(r.createdAt()))
                .update();
    }

    /** A run of the tenant. */
    public Optional<AgentRun> find(UUID tenantId, UUID id) {
        return jdbc.sql("select * from agent_run where tenant_id = ? and id = ?").params(tenantId, id)
                .query(AgentRunStore::row).optional();
    }

    /** A run by id, any tenant (the worker's own reads). */
    public Optional<AgentRun> find(UUID id) {
        return jdbc.sql("select * from agent_run where id = ?").param(id).query(AgentRunStore::row).optional();
    }

    /** A page of the tenant's runs, oldest first; {@code createdBy} limits to one user's runs when not null. */
    public List<AgentRun> list(UUID tenantId, UUID createdBy, String type, String status, Cursors.Position after,
                               int limit) {
        StringBuilder sql = new StringBuilder("select * from agent_run where tenant_id = ?");
        List<Object> params = new ArrayList<>(List.of(tenantId));
        if (createdBy != null) {
            sql.append(" and created_by = ?");
            params.add(createdBy);
        }
        if (type != null) {
            sql.append(" and type = ?");
            params.add(type);
        }
        if (status != null) {
            sql.append(" and status = ?");
            params.add(status);
        }
        Sql.keysetPage(sql, params, after, limit);
        return jdbc.sql(sql.toString()).params(params).query(AgentRunStore::row).list();
    }

    /**
     * Claims a run for execution by an instance: a queued run, or a running one whose heartbeat is older than
     * {@code staleBefore} (its instance is gone). Returns whether this instance got it.
     */
    public boolean claim(UUID id, String instance, Instant now, Instant staleBefore) {
        return jdbc.sql("""
                update agent_run set status = 'running', claimed_by = ?, heartbeat_at = ?, attempts = attempts + 1,
                                     started_at = coalesce(started_at, ?)
                where id = ? and not cancel_requested
                  and (status = 'queued' or (status = 'running' and (heartbeat_at is null or heartbeat_at < ?)))""")
                .params(instance, Sql.ts(now), Sql.ts(now), id, Sql.ts(staleBefore)).update() == 1;
    }

    /** Claims a run awaiting approval for its resume; returns whether this call got it. */
    public boolean claimApproval(UUID id, String instance, Instant now) {
        return jdbc.sql("""
                update agent_run set status = 'running', claimed_by = ?, heartbeat_at = ?
                where id = ? and status = 'awaiting_approval'""").params(instance, Sql.ts(now), id).update() == 1;
    }

    /**
     * Ids of runs to pick up: queued ones no instance took since {@code queuedBefore} (a full queue), and running ones
     * whose instance stopped sending heartbeats before {@code staleBefore}.
     */
    public List<UUID> runnable(Instant queuedBefore, Instant staleBefore, int limit) {
        return jdbc.sql("""
                select id from agent_run where not cancel_requested
                  and ((status = 'queued' and created_at < ?)
                       or (status = 'running' and (heartbeat_at is null or heartbeat_at < ?)))
                order by created_at limit ?""").params(Sql.ts(queuedBefore), Sql.ts(staleBefore), limit)
                .query(UUID.class).list();
    }

    /** Refreshes the heartbeat of this instance's running runs. */
    public void heartbeat(String instance, List<UUID> ids, Instant now) {
        if (!ids.isEmpty()) {
            jdbc.sql("update agent_run set heartbeat_at = ? where claimed_by = ? and status = 'running'"
                    + " and id = any(?::uuid[])")
                    .params(Sql.ts(now), instance, Sql.textArray(ids.stream().map(UUID::toString).toList())).update();
        }
    }

    /**
     * Which of the runs this instance executes were asked to cancel (possibly through another instance: the cancel
     * request is a column, any instance may set it).
     *
     * @param instance this instance
     * @param ids the runs it executes
     * @return the ids with {@code cancel_requested}
     */
    public List<UUID> cancelRequested(String instance, List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select id from agent_run where claimed_by = ? and cancel_requested"
                        + " and id = any(?::uuid[])")
                .params(instance, Sql.textArray(ids.stream().map(UUID::toString).toList())).query(UUID.class).list();
    }

    /** Sets the status of a run this instance holds (or any run when {@code instance} is null). */
    public void status(UUID id, String status, String method, String model) {
        jdbc.sql("update agent_run set status = ?, method = coalesce(?, method), model = coalesce(?, model)"
                + " where id = ?").params(status, method, model, id).update();
    }

    /** Ends a run with its totals and output ({@code claimed_by} keeps the instance that ran it last). */
    public void finish(UUID id, String status, String method, String model, long inputTokens, long outputTokens,
                       BigDecimal costUsd, String output, String error, Instant at) {
        jdbc.sql("""
                update agent_run set status = ?, method = coalesce(?, method), model = coalesce(?, model),
                       input_tokens = ?, output_tokens = ?, cost_usd = ?, output = ?::jsonb, error = ?, finished_at = ?
                where id = ?""")
                .params(status, method, model, inputTokens, outputTokens, costUsd, output, error, Sql.ts(at), id)
                .update();
    }

    /** Asks for a cancel; a queued or paused run is cancelled at once. Returns the status after the request. */
    public void requestCancel(UUID tenantId, UUID id, Instant now) {
        jdbc.sql("update agent_run set cancel_requested = true where tenant_id = ? and id = ? and status in"
                + " ('queued', 'running', 'awaiting_approval')").params(tenantId, id).update();
        jdbc.sql("update agent_run set status = 'cancelled', finished_at = ? where tenant_id = ? and id = ?"
                + " and status in ('queued', 'awaiting_approval')").params(Sql.ts(now), tenantId, id).update();
    }

    /**
     * Appends steps and events (one batch each), fenced by ownership: a row is written only while {@code instance}
     * still holds the run's claim. Each insert share-locks the run's row, so a takeover ({@link #claim}) waits for
     * an append in flight and an append after a takeover writes nothing; an instance that lost its run (stopped,
     * or cut off long enough to be taken over) cannot number events into the new owner's sequence.
     *
     * @return the number of rows written (0 when the claim is no longer this instance's)
     */
    public int append(UUID runId, UUID tenantId, String instance, List<AgentRun.Step> steps,
                      List<AgentRun.Event> events, Instant at) {
        int written = 0;
        if (!steps.isEmpty()) {
            written += sum(template.batchUpdate("""
                    insert into agent_run_step (run_id, tenant_id, seq, graph_run_id, graph, step, node, started_at,
                                                duration_ms, outcome)
                    select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                    where exists (select 1 from agent_run where id = ? and claimed_by = ? for share)""", steps,
                    steps.size(), (ps, s) -> {
                ps.setObject(1, runId);
                ps.setObject(2, tenantId);
                ps.setInt(3, s.seq());
                ps.setString(4, s.graphRunId());
                ps.setString(5, s.graph());
                ps.setInt(6, s.step());
                ps.setString(7, s.node());
                ps.setObject(8, Sql.ts(s.startedAt()));
                ps.setLong(9, s.durationMs());
                ps.setString(10, s.outcome());
                ps.setObject(11, runId);
                ps.setString(12, instance);
            }));
        }
        if (!events.isEmpty()) {
            written += sum(template.batchUpdate("""
                    insert into agent_run_event (run_id, tenant_id, seq, type, data, created_at)
                    select ?, ?, ?, ?, ?::jsonb, ?
                    where exists (select 1 from agent_run where id = ? and claimed_by = ? for share)""", events,
                    events.size(), (ps, e) -> {
                ps.setObject(1, runId);
                ps.setObject(2, tenantId);
                ps.setLong(3, e.seq());
                ps.setString(4, e.type());
                ps.setString(5, e.data());
                ps.setObject(6, Sql.ts(at));
                ps.setObject(7, runId);
                ps.setString(8, instance);
            }));
        }
        return written;
    }

    private static int sum(int[][] counts) {
        int n = 0;
        for (int[] batch : counts) {
            for (int c : batch) {
                n += Math.max(c, 0);
            }
        }
        return n;
    }

    /** The highest step and event numbers of a run so far (0 when none), to continue them on resume. */
    public long[] lastSeqs(UUID runId) {
        return jdbc.sql("select (select coalesce(max(seq), 0) from agent_run_step where run_id = ?),"
                        + " (select coalesce(max(seq), 0) from agent_run_event where run_id = ?)")
                .params(runId, runId).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
    }

    /** A run's number of steps. */
    public int stepCount(UUID tenantId, UUID runId) {
        return jdbc.sql("select count(*) from agent_run_step where tenant_id = ? and run_id = ?")
                .params(tenantId, runId).query(Integer.class).single();
    }

    /** A run's first {@code limit} steps in order. */
    public List<AgentRun.Step> steps(UUID tenantId, UUID runId, int limit) {
        return jdbc.sql("select * from agent_run_step where tenant_id = ? and run_id = ? order by seq limit ?")
                .params(tenantId, runId, limit)
                .query((rs, n) -> new AgentRun.Step(rs.getInt("seq"), rs.getString("graph_run_id"),
                        rs.getString("graph"), rs.getInt("step"), rs.getString("node"), Sql.instant(rs, "started_at"),
                        rs.getLong("duration_ms"), rs.getString("outcome")))
                .list();
    }

    /** A run's events after {@code afterSeq}, in order, at most {@code limit}. */
    public List<AgentRun.Event> events(UUID tenantId, UUID runId, long afterSeq, int limit) {
        return jdbc.sql("select seq, type, data::text as data from agent_run_event where tenant_id = ? and run_id = ?"
                        + " and seq > ? order by seq limit ?")
                .params(tenantId, runId, afterSeq, limit)
                .query((rs, n) -> new AgentRun.Event(rs.getLong("seq"), rs.getString("type"), rs.getString("data")))
                .list();
    }

    private static AgentRun row(ResultSet rs, int n) throws SQLException {
        java.sql.Array ids = rs.getArray("lead_ids");
        List<UUID> leadIds = ids == null ? List.of() : Arrays.stream((Object[]) ids.getArray())
                .map(o -> o instanceof UUID u ? u : UUID.fromString(o.toString())).toList();
        return new AgentRun(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                rs.getObject("created_by", UUID.class), rs.getString("type"), rs.getString("status"), leadIds,
                rs.getBoolean("require_approval"), rs.getString("thread_id"), rs.getString("method"),
                rs.getString("model"), rs.getLong("input_tokens"), rs.getLong("output_tokens"),
                rs.getBigDecimal("cost_usd").stripTrailingZeros(), rs.getString("output"), rs.getString("error"),
                rs.getBoolean("cancel_requested"), rs.getInt("attempts"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "started_at"), Sql.instant(rs, "finished_at"));
    }
}
