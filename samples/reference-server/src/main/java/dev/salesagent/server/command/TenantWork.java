package dev.salesagent.server.command;

import dev.salesagent.server.platform.db.TenantScope;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Runs command-center database work in one transaction under the tenant's row-level security scope. */
@Component
public class TenantWork {

    private final TransactionTemplate tx;
    private final TenantScope scope;

    TenantWork(TransactionTemplate tx, TenantScope scope) {
        this.tx = tx;
        this.scope = scope;
    }

    /**
     * Runs {@code work} in a new or the current transaction scoped to {@code tenantId}.
     *
     * @param tenantId the tenant whose rows the work may see and write
     * @param work     the work
     * @param <T>      its result type
     * @return the work's result
     */
    public <T> T in(UUID tenantId, Supplier<T> work) {
        return tx.execute(s -> {
            scope.enter(tenantId);
            return work.get();
        });
    }

    /**
     * Runs {@code work} without a result in a transaction scoped to {@code tenantId}.
     *
     * @param tenantId the tenant
     * @param work     the work
     */
    public void run(UUID tenantId, Runnable work) {
        in(tenantId, () -> {
            work.run();
            return null;
        });
    }
}
