package dev.salesagent.server.agentplatform.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salesagent.server.agentplatform.api.LangGraphJson;
import dev.salesagent.server.platform.db.Sql;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code lg_run} queue and the {@code lg_run_event} stream log. Request-facing reads filter by tenant; the
 * worker methods ({@link #claim}, {@link #renew}, {@link #finish}) act on run ids they hold a lease for.
 */
@Component
public class RunStore {

    /** The statuses of a run that has not finished. */
    public static final List<String> INFLIGHT = List.of("pending", "running");

    /** One run row. */
    public record RunRow(UUID runId, UUID tenantId, UUID threadId, String assistantId, String graphId, String status,
                         String multitaskStrategy, JsonNode kwargs, JsonNode metadata, int attempt, String leaseOwner,
                         String startCheckpoint, long inputTokens, long outputTokens, BigDecimal costUsd, String error,
                         Instant createdAt, Instant updatedAt) {

        /** {@return whether the run has finished (any status but pending and running)} */
        public boolean finished() {
            return !INFLIGHT.contains(status);
        }
    }

    /** One streamed event. */
    public record Event(int seq, String event, String data) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    RunStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Inserts a pending run. */
    public void insert(UUID runId, UUID tenantId, UUID threadId, String assistantId, String graphId,
                       String multitaskStrategy, JsonNode kwargs, JsonNode metadata, Instant notBefore) {
        Instant now = clock.instant();
        jdbc.sql("insert into lg_run (run_id, tenant_id, thread_id, assistant_id, graph_id, status,"
                        + " multitask_strategy, kwargs, metadata, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, 'pending', ?, ?::jsonb, ?::jsonb, ?, ?)")
                .params(runId, tenantId, threadId, assistantId, graphId, multitaskStrategy, LangGraphJson.write(kwargs),
                        LangGraphJson.write(metadata), Sql.ts(notBefore == null ? now : notBefore), Sql.ts(now))
                .update();
    }

    /** Locks the thread row for the rest of the transaction (serializes run creation per thread). */
    public void lockThread(UUID threadId) {
        jdbc.sql("select thread_id from lg_thread where thread_id = ? for update").param(threadId).query(UUID.class)
                .optional();
    }

    /** {@return the thread's pending and running runs, oldest first} */
    public List<RunRow> inflight(UUID threadId) {
        return jdbc.sql("select * from lg_run where thread_id = ? and status in ('pending', 'running')"
                + " order by created_at").param(threadId).query(RunStore::row).list();
    }

    /** {@return the tenant's run} */
    public Optional<RunRow> find(UUID tenantId, UUID runId) {
        return jdbc.sql("select * from lg_run where tenant_id = ? and run_id = ?").params(tenantId, runId)
                .query(RunStore::row).optional();
    }

    /** {@return a run by id whatever its tenant (workers)} */
    public Optional<RunRow> find(UUID runId) {
        return jdbc.sql("select * from lg_run where run_id = ?").param(runId).query(RunStore::row).optional();
    }

    /** {@return the tenant's runs of a thread, newest first} */
    public List<RunRow> list(UUID tenantId, UUID threadId, String status, int limit, int offset) {
        return jdbc.sql("select * from lg_run where tenant_id = ? and thread_id = ? and (?::text is null or status = ?)"
                        + " order by created_at desc, run_id limit ? offset ?")
                .params(tenantId, threadId, status, status, limit, offset).query(RunStore::row).list();
    }

    /**
     * Marks an unfinished run cancelled ({@code interrupted}); {@return whether it was unfinished}. A running run keeps
     * its lease until its worker has stopped ({@link #release}) or the lease expires, so that no other run of the thread
     * is claimed while the cancelled one may still save a checkpoint of its current step.
     */
    public boolean cancel(UUID runId, String reason) {
        return jdbc.sql("update lg_run set status = 'interrupted', error = ?, updated_at = ?"
                + " where run_id = ? and status in ('pending', 'running')").params(reason, Sql.ts(clock.instant()),
                runId).update() == 1;
    }

    /** Deletes a run and its events. */
    public void delete(UUID runId) {
        jdbc.sql("delete from lg_run where run_id = ?").param(runId).update();
    }

    /**
     * Claims the oldest runnable run: pending and due, or running with an expired lease (its worker died), whose
     * thread has no other live run ahead of it, of a tenant below {@code perTenant} live runs. Uses
     * {@code FOR UPDATE SKIP LOCKED}, so concurrent workers on any instance never claim the same run.
     *
     * @return the claimed run (status {@code running}, attempt incremented, lease held by {@code owner})
     */
    public Optional<RunRow> claim(String owner, Duration lease, int perTenant) {
        Instant now = clock.instant();
        return jdbc.sql("""
                with next as (
                  select r.run_id from lg_run r
                  where ((r.status = 'pending' and r.created_at <= ?)
                         or (r.status = 'running' and r.lease_until < ?))
                    and not exists (select 1 from lg_run o where o.thread_id = r.thread_id and o.run_id <> r.run_id
                         and ((o.status = 'running' and o.lease_until >= ?)
                              or (o.status = 'interrupted' and o.lease_owner is not null and o.lease_until >= ?)
                              or (o.status in ('pending', 'running') and o.created_at < r.created_at)))
                    and (select count(*) from lg_run t where t.tenant_id = r.tenant_id and t.status = 'running'
                         and t.lease_until >= ?) < ?
                  order by r.created_at
                  limit 1
                  for update of r skip locked)
                update lg_run a set status = 'running', attempt = a.attempt + 1, lease_owner = ?, lease_until = ?,
                  updated_at = ?
                from next where a.run_id = next.run_id
                returning a.*""")
                .params(Sql.ts(now), Sql.ts(now), Sql.ts(now), Sql.ts(now), Sql.ts(now), perTenant, owner,
                        Sql.ts(now.plus(lease)),
                        Sql.ts(now))
                .query(RunStore::row).optional();
    }

    /**
     * Extends the lease of a run this owner holds in this attempt; {@return false when the run is no longer this
     * attempt's (cancelled, finished, or claimed again after the lease expired)}
     */
    public boolean renew(UUID runId, String owner, int attempt, Duration lease) {
        return jdbc.sql("update lg_run set lease_until = ? where run_id = ? and lease_owner = ? and attempt = ?"
                        + " and status = 'running'")
                .params(Sql.ts(clock.instant().plus(lease)), runId, owner, attempt).update() == 1;
    }

    /**
     * Releases the lease this owner holds on a run in this attempt, whatever its status: called when the worker has
     * stopped, so a cancelled run no longer holds its thread.
     *
     * @param runId   the run
     * @param owner   this instance's lease owner name
     * @param attempt the attempt the worker ran
     */
    public void release(UUID runId, String owner, int attempt) {
        jdbc.sql("update lg_run set lease_owner = null, lease_until = null where run_id = ? and lease_owner = ?"
                + " and attempt = ?").params(runId, owner, attempt).update();
    }

    /** Records the checkpoint a run started from (first attempt only). */
    public void startCheckpoint(UUID runId, String checkpointId) {
        jdbc.sql("update lg_run set start_checkpoint = ? where run_id = ? and start_checkpoint is null")
                .params(checkpointId, runId).update();
    }

    /**
     * Finishes a run this owner holds in this attempt, with its usage; {@return false when the run was cancelled or
     * taken over}
     */
    public boolean finish(UUID runId, String owner, int attempt, String status, String error, long inputTokens,
                          long outputTokens, BigDecimal costUsd) {
        return jdbc.sql("update lg_run set status = ?, error = ?, input_tokens = input_tokens + ?,"
                        + " output_tokens = output_tokens + ?, cost_usd = cost_usd + ?, lease_owner = null,"
                        + " lease_until = null, updated_at = ? where run_id = ? and lease_owner = ? and attempt = ?"
                        + " and status = 'running'")
                .params(status, error, inputTokens, outputTokens, costUsd, Sql.ts(clock.instant()), runId, owner, attempt)
                .update() == 1;
    }

    /**
     * Appends an event to a run's stream if this owner still holds the run in this attempt (one statement, so a worker
     * that lost its lease can never write into the stream of the attempt that replaced it).
     *
     * @return the event's sequence number, or empty when the run is no longer this attempt's
     */
    public Optional<Integer> append(UUID runId, String owner, int attempt, String event, String data) {
        return jdbc.sql("insert into lg_run_event (run_id, seq, event, data) select ?, (select coalesce(max(seq), -1)"
                        + " + 1 from lg_run_event where run_id = ?), ?, ? where exists (select 1 from lg_run"
                        + " where run_id = ? and lease_owner = ? and attempt = ? and status = 'running') returning seq")
                .params(runId, runId, event, data, runId, owner, attempt).query(Integer.class).optional();
    }

    /** {@return the run's events after {@code afterSeq}, in order} */
    public List<Event> events(UUID runId, int afterSeq) {
        return jdbc.sql("select seq, event, data from lg_run_event where run_id = ? and seq > ? order by seq")
                .params(runId, afterSeq).query((rs, n) -> new Event(rs.getInt("seq"), rs.getString("event"),
                        rs.getString("data"))).list();
    }

    private static RunRow row(ResultSet rs, int n) throws SQLException {
        return new RunRow(rs.getObject("run_id", UUID.class), rs.getObject("tenant_id", UUID.class),
                rs.getObject("thread_id", UUID.class), rs.getString("assistant_id"), rs.getString("graph_id"),
                rs.getString("status"), rs.getString("multitask_strategy"), LangGraphJson.parse(rs.getString("kwargs")),
                LangGraphJson.parse(rs.getString("metadata")), rs.getInt("attempt"), rs.getString("lease_owner"),
                rs.getString("start_checkpoint"), rs.getLong("input_tokens"), rs.getLong("output_tokens"),
                rs.getBigDecimal("cost_usd"), rs.getString("error"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }
}
