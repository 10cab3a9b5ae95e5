package dev.salesagent.server.platform.db;

import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Puts the current work under PostgreSQL row-level security for one tenant (migration V6): sets
 * {@code app.tenant_id} for the transaction and switches to the role {@value #ROLE}, which the tenant-isolation
 * policies bind, so a query that forgets its tenant filter still sees only that tenant's rows. Both revert when the
 * transaction ends ({@code set_config(..., true)}, {@code SET LOCAL ROLE}), so pooled connections come back clean.
 * Where the role could not be created (a database user without CREATEROLE) only the setting is applied.
 */
@Component
public class TenantScope {

    /** The role the policies bind (no login, no BYPASSRLS). */
    public static final String ROLE = "salesagent_tenant";

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private volatile Boolean roleAvailable;

    TenantScope(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /**
     * Scopes the rest of the current transaction to a tenant. Nothing is sent when the work already runs under that
     * scope: inside the tenant's request scope ({@link TenantConnections}) every connection the thread borrows runs its
     * whole session under it ({@link TenantScopedDataSource#sessionScopedTo}), so a single-statement read needs no
     * transaction at all (autocommit: one round trip) and a transaction needs no statement of its own. Otherwise one
     * round trip sets both, for the transaction only.
     *
     * @param tenantId the tenant whose rows the transaction may see and write
     * @throws IllegalStateException outside a transaction and outside that tenant's request scope (the setting would
     *     leak into the pooled connection)
     */
    public void enter(UUID tenantId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            if (tenantId.equals(TenantConnections.currentTenant()) && dataSource instanceof TenantScopedDataSource) {
                return;
            }
            throw new IllegalStateException("TenantScope.enter needs a transaction");
        }
        if (sessionScoped(tenantId)) {
            return;
        }
        String sql = enforced()
                ? "select set_config('app.tenant_id', ?, true), set_config('role', '" + ROLE + "', true)"
                : "select set_config('app.tenant_id', ?, true)";
        jdbc.sql(sql).param(tenantId.toString()).query((rs, n) -> n).single();
    }

    private boolean sessionScoped(UUID tenantId) {
        if (dataSource instanceof TenantScopedDataSource scoped
                && TransactionSynchronizationManager.getResource(dataSource) instanceof ConnectionHolder holder) {
            try {
                return scoped.sessionScopedTo(holder.getConnection(), tenantId);
            } catch (SQLException | IllegalStateException e) { // no connection bound (yet): scope the transaction
                return false;
            }
        }
        return false;
    }

    /** Whether the role exists and the server's database user may switch to it (policies then apply). */
    public boolean enforced() {
        Boolean available = roleAvailable;
        if (available == null) {
            available = jdbc.sql("select exists (select 1 from pg_roles where rolname = ?)"
                    + " and (select pg_has_role(current_user, oid, 'MEMBER') from pg_roles where rolname = ?)")
                    .params(ROLE, ROLE).query(Boolean.class).optional().orElse(false);
            roleAvailable = available;
        }
        return available;
    }
}
