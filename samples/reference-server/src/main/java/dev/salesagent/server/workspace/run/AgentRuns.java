package dev.salesagent.server.workspace.run;

import dev.salesagent.server.platform.audit.AuditTrail;
import dev.salesagent.server.platform.db.TenantScope;
import dev.salesagent.server.platform.security.CurrentUser;
import dev.salesagent.server.platform.security.Role;
import dev.salesagent.server.platform.web.Cursors;
import dev.salesagent.server.platform.web.PlatformException;
import dev.salesagent.server.workspace.lead.LeadRecord;
import dev.salesagent.server.workspace.lead.LeadStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starting, reading, cancelling and resuming agent runs for signed-in users. A run's leads must all be visible to
 * the user who starts it; sales reps see their own runs, every other role the tenant's.
 */
@Service
public class AgentRuns {

    private final AgentRunStore store;
    private final LeadStore leads;
    private final AgentRunWorker worker;
    private final AuditTrail audit;
    private final TenantScope tenantScope;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int maxLeads;

    AgentRuns(AgentRunStore store, LeadStore leads, AgentRunWorker worker, AuditTrail audit, TenantScope tenantScope,
              TransactionTemplate tx, Clock clock,
              @Value("${salesagent.workspace.runs.max-leads:10000}") int maxLeads) {
        this.store = store;
        this.leads = leads;
        this.worker = worker;
        this.audit = audit;
        this.tenantScope = tenantScope;
        this.tx = tx;
        this.clock = clock;
        this.maxLeads = maxLeads;
    }

    /**
     * Queues a run and hands it to the worker.
     *
     * @throws PlatformException (400) unknown type, no leads or too many; (404) a lead the user cannot see
     */
    public AgentRun start(CurrentUser actor, String type, List<UUID> leadIds, boolean requireApproval) {
        if (type == null || !AgentRun.TYPES.contains(type)) {
            throw PlatformException.badRequest("type must be one of " + AgentRun.TYPES);
        }
        Set<UUID> ids = leadIds == null ? Set.of() : new LinkedHashSet<>(leadIds);
        if (ids.isEmpty() || ids.size() > maxLeads) {
            throw PlatformException.badRequest("lead_ids must name 1 to " + maxLeads + " leads");
        }
        if (requireApproval && !type.equals("lead_pipeline")) {
            throw PlatformException.badRequest("require_approval applies to lead_pipeline runs only (the others never "
                    + "write to the CRM)");
        }
        UUID runId = UUID.randomUUID();
        AgentRun queued = new AgentRun(runId, actor.tenantId(), actor.id(), type, "queued", List.copyOf(ids),
                requireApproval, "agent-run-" + runId, null, null, 0, 0, BigDecimal.ZERO, null, null, false, 0,
                clock.instant(), null, null);
        tx.executeWithoutResult(status -> {
            tenantScope.enter(actor.tenantId());
            Set<UUID> visible = leads.findAll(actor.tenantId(), ids, LeadStore.Visibility.of(actor)).stream()
                    .map(LeadRecord::id).collect(Collectors.toSet());
            List<String> missing = ids.stream().filter(id -> !visible.contains(id)).limit(5).map(UUID::toString)
                    .toList();
            if (!missing.isEmpty()) {
                throw PlatformException.notFound("lead " + String.join(", ", missing));
            }
            store.insert(queued);
            audit.record("agent_run.started", "agent_run", queued.id(), Map.of("type", type, "leads", ids.size()));
        });
        worker.submit(queued.id());
        return queued;
    }

    /**
     * A run the user may see.
     *
     * @throws PlatformException (404) unknown, another tenant's, or (for sales reps) another user's
     */
    public AgentRun get(CurrentUser actor, UUID id) {
        AgentRun run = store.find(actor.tenantId(), id).orElseThrow(() -> PlatformException.notFound("agent run"));
        if (ownOnly(actor) && !actor.id().equals(run.createdBy())) {
            throw PlatformException.notFound("agent run");
        }
        return run;
    }

    /** A page of the runs the user may see, oldest first. */
    public List<AgentRun> list(CurrentUser actor, String type, String status, String cursor, int limit) {
        return store.list(actor.tenantId(), ownOnly(actor) ? actor.id() : null, type, status, Cursors.decode(cursor),
                limit);
    }

    /**
     * The run's first node steps, in order of completion, and how many there are.
     *
     * @param limit most steps returned
     */
    public StepPage steps(CurrentUser actor, UUID id, int limit) {
        UUID tenantId = get(actor, id).tenantId();
        return new StepPage(store.stepCount(tenantId, id), store.steps(tenantId, id, limit));
    }

    /**
     * The first steps of a run.
     *
     * @param total all steps of the run
     * @param steps the first ones
     */
    public record StepPage(int total, List<AgentRun.Step> steps) {
    }

    /**
     * Cancels a queued, running or paused run; a finished run is left as it is.
     *
     * @throws PlatformException (404) not visible
     */
    public AgentRun cancel(CurrentUser actor, UUID id) {
        AgentRun run = get(actor, id);
        if (!run.finished()) {
            store.requestCancel(actor.tenantId(), id, clock.instant());
            worker.cancel(id);
            audit.record("agent_run.cancel_requested", "agent_run", id, Map.of());
        }
        return get(actor, id);
    }

    /**
     * Resumes a run paused for approval before its CRM sync.
     *
     * @param approve true: sync to the CRM; false: complete without syncing
     * @throws PlatformException (404) not visible, (409) not awaiting approval
     */
    public AgentRun resume(CurrentUser actor, UUID id, boolean approve) {
        AgentRun run = get(actor, id);
        if (!"awaiting_approval".equals(run.status()) || !worker.resumeApproval(id, approve)) {
            throw PlatformException.conflict("the run is " + run.status() + ", not awaiting approval");
        }
        audit.record(approve ? "agent_run.approved" : "agent_run.rejected", "agent_run", id, Map.of());
        return get(actor, id);
    }

    private static boolean ownOnly(CurrentUser actor) {
        return actor.dataScope() == Role.DataScope.OWN;
    }
}
