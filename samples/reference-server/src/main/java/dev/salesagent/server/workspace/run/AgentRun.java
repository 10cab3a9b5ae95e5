package dev.salesagent.server.workspace.run;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One agent run: a graph run of the SDK's lead pipeline over some of the tenant's leads, with its totals.
 *
 * @param id run id
 * @param tenantId owning tenant
 * @param createdBy the user who started it
 * @param type {@code research}, {@code lead_pipeline}, {@code outreach} or {@code follow_up}
 * @param status {@code queued}, {@code running}, {@code awaiting_approval}, {@code completed}, {@code failed} or
 *               {@code cancelled}
 * @param leadIds the leads, in input order
 * @param requireApproval whether a {@code lead_pipeline} run pauses before its CRM sync
 * @param threadId the graph thread whose checkpoints hold the run's state
 * @param method {@code rules} or {@code model}
 * @param model the model that answered, or null on rules
 * @param inputTokens model input tokens
 * @param outputTokens model output tokens
 * @param costUsd model cost, USD, exact
 * @param output the run's result (JSON text), or null before it ends
 * @param error why it failed, or null
 * @param cancelRequested whether a cancel was asked for
 * @param attempts executions so far (a resume after a restart adds one)
 * @param createdAt created
 * @param startedAt first started, or null while queued
 * @param finishedAt ended, or null
 */
public record AgentRun(UUID id, UUID tenantId, UUID createdBy, String type, String status, List<UUID> leadIds,
                       boolean requireApproval, String threadId, String method, String model, long inputTokens,
                       long outputTokens, BigDecimal costUsd, String output, String error, boolean cancelRequested,
                       int attempts, Instant createdAt, Instant startedAt, Instant finishedAt) {

    /** The run types. */
    public static final List<String> TYPES = List.of("research", "lead_pipeline", "outreach", "follow_up");

    /** Statuses after which nothing changes. */
    public static final List<String> FINAL = List.of("completed", "failed", "cancelled");

    /** Whether the run has ended. */
    public boolean finished() {
        return FINAL.contains(status);
    }

    /**
     * A node execution of the run.
     *
     * @param seq order of completion within the run
     * @param graphRunId the graph run (the pipeline's, or a lead's)
     * @param graph {@code lead_pipeline} or {@code lead}
     * @param step super-step
     * @param node node name
     * @param startedAt start
     * @param durationMs wall time, milliseconds
     * @param outcome {@code completed} or {@code failed}
     */
    public record Step(int seq, String graphRunId, String graph, int step, String node, Instant startedAt,
                       long durationMs, String outcome) {
    }

    /**
     * An entry of the run's event log (the SSE stream).
     *
     * @param seq the event id, increasing from 1
     * @param type e.g. {@code run.started}, {@code step.completed}
     * @param data JSON text
     */
    public record Event(long seq, String type, String data) {
    }
}
