package dev.salesagent.server.agentplatform.graph;

import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.platform.GraphProvider;
import dev.salesagent.agents.sales.command.QueryRouter;
import dev.salesagent.agents.sales.command.transaction.SalesOrderTransactions;
import dev.salesagent.server.command.TenantCommandCenters;
import dev.salesagent.server.platform.crm.TenantCrmClients;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The assistant {@code transaction}: the command center's sales-order graph ({@link SalesOrderTransactions#graph()},
 * {@code extract -> validate -> review (interrupt) -> submit -> record}) over the tenant's CRM
 * ({@link TenantCrmClients}) and the command center's catalog, on the platform's checkpointer. Input
 * {@code {"request": "Create a sales order for ...", "as_of": "YYYY-MM-DD"}}; the run stops at {@code review} with
 * {@code {"draft", "issues"}}; resume with {@code command.resume} {@code {"action": "approve" | "reject" | "edit"}}.
 * The CRM order's idempotency key is the thread's, so a thread never creates two orders (a second approval or a rerun
 * on the same thread is refused by the CRM and ends {@code FAILED}). Orders submitted here are not added to the
 * command center's read model ({@code /api/v1/orders} shows them after the CRM's next sync).
 */
@Component
class TransactionAssistant implements GraphProvider {

    private final TenantCrmClients crms;
    private final TenantCommandCenters centers;
    private final Clock clock;

    TransactionAssistant(TenantCrmClients crms, TenantCommandCenters centers, Clock clock) {
        this.crms = crms;
        this.centers = centers;
        this.clock = clock;
    }

    @Override
    public String graphId() {
        return "transaction";
    }

    @Override
    public String description() {
        return "Drafts a sales order from words, validates it against the CRM, waits for approval, then submits it once.";
    }

    @Override
    public CompiledGraph compile(Context context) {
        UUID tenant = UUID.fromString(context.tenant());
        return SalesOrderTransactions.builder().crm(crms.forTenant(tenant))
                .router(QueryRouter.rules(() -> centers.center(tenant).agents().data().catalog()))
                .checkpointer(context.checkpointer()).clock(clock).build().graph();
    }

    @Override
    public Optional<Map<String, Object>> inputSchema() {
        return Optional.of(Map.of("title", "transaction input", "type", "object", "required", List.of("request"),
                "properties", Map.of(
                        "request", Map.of("type", "string", "description",
                                "the order in words, e.g. 'Create a sales order for Acme, 500 hats, $50 each'"),
                        "as_of", Map.of("type", "string", "format", "date",
                                "description", "the day relative dates refer to (default today)"))));
    }
}
