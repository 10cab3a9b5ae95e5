package dev.salesagent.server.command;

import dev.salesagent.agents.graph.JdbcCheckpointer;
import dev.salesagent.agents.sales.command.CommandCenter;
import dev.salesagent.agents.sales.command.QueryRouter;
import dev.salesagent.agents.sales.command.transaction.SalesOrderTransactions;
import dev.salesagent.agents.sales.command.transaction.TransactionView;
import dev.salesagent.server.platform.crm.TenantCrmClients;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * One SDK {@link CommandCenter} and one {@link SalesOrderTransactions} per tenant, over the tenant's CRM
 * ({@link TenantCrmClients}), with thread memory and transaction state in the server's PostgreSQL through the SDK's
 * {@link JdbcCheckpointer} (tables {@code sa_graph_*}, created at start if missing), so any instance continues a
 * conversation or a transaction. Thread ids are prefixed with the tenant (and user, for conversations), so a client's
 * id never reaches another tenant's thread.
 */
@Component
public class TenantCommandCenters {

    private final TenantCrmClients crms;
    private final Clock clock;
    private final JdbcCheckpointer checkpointer;
    private final ConcurrentMap<UUID, CommandCenter> centers = new ConcurrentHashMap<>();
    private final ConcurrentMap<UUID, SalesOrderTransactions> transactions = new ConcurrentHashMap<>();
    private volatile Consumer<TransactionView> recorder = v -> { };

    TenantCommandCenters(TenantCrmClients crms, Clock clock, DataSource dataSource) {
        this.crms = crms;
        this.clock = clock;
        this.checkpointer = new JdbcCheckpointer(dataSource).createSchema();
    }

    /** The tenant's command center, reading its CRM on first use. */
    public CommandCenter center(UUID tenantId) {
        return centers.computeIfAbsent(tenantId, id -> CommandCenter.builder().crm(crms.forTenant(id)).clock(clock)
                .checkpointer(checkpointer).build());
    }

    /** The tenant's sales-order transactions (their router reads the command center's current catalog). */
    public SalesOrderTransactions transactions(UUID tenantId) {
        return transactions.computeIfAbsent(tenantId, id -> SalesOrderTransactions.builder()
                .crm(crms.forTenant(id))
                .router(QueryRouter.rules(() -> center(id).agents().data().catalog()))
                .checkpointer(checkpointer).clock(clock).recorder(v -> recorder.accept(v)).build());
    }

    /** Sets what runs when a transaction records its submitted order (inside the SDK's record node). */
    void onRecorded(Consumer<TransactionView> recorder) {
        this.recorder = recorder;
    }

    /**
     * Re-reads the tenant's CRM after a sync: the command center (and so the transactions' router) answers from the
     * new snapshot.
     */
    public void refresh(UUID tenantId) {
        CommandCenter center = centers.get(tenantId);
        if (center != null) {
            center.refresh();
        }
    }

    /** The checkpointer thread id of a user's conversation. */
    public static String conversationThread(UUID tenantId, UUID userId, String threadId) {
        return "command:" + tenantId + ":" + userId + ":" + threadId;
    }

    /** The checkpointer thread id of a transaction. */
    public static String transactionThread(UUID tenantId, UUID transactionId) {
        return "transaction:" + tenantId + ":" + transactionId;
    }

    @PreDestroy
    void close() {
        transactions.values().forEach(SalesOrderTransactions::close);
        centers.values().forEach(CommandCenter::close);
        checkpointer.close();
    }
}
