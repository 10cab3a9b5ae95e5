package dev.salesagent.server.platform.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The database scope of the current thread, applied by {@link TenantScopedDataSource} to every connection borrowed
 * while it is set: inside a tenant-authenticated request ({@code TenantGuardFilter} opens it) every connection runs as
 * the role {@value TenantScope#ROLE} with {@code app.tenant_id} set to the request's tenant, so PostgreSQL's
 * row-level security policies (migrations V6, V7) bind every query of the request, including one that forgets its
 * {@code tenant_id} filter. Threads without a scope (background workers, log-in, refresh, sign-up, webhooks, start-up,
 * the platform-admin API) borrow connections as the tables' owner, the explicit system scope.
 *
 * <p>Work inside a tenant request that must legitimately look across tenants (a global uniqueness check, a queue claim)
 * uses {@link #asSystem(Supplier)}; every such call site is a deliberate, reviewable opt-out.
 */
public final class TenantConnections {

    private static final ThreadLocal<UUID> TENANT = new ThreadLocal<>();

    private TenantConnections() {
    }

    /** A scope opened by {@link #openTenant}; closing it restores the previous one. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Scopes the connections this thread borrows from now on to a tenant, until the returned scope is closed.
     *
     * @param tenantId the tenant whose rows those connections may see and write
     * @return the scope; close it in a {@code finally} (try-with-resources)
     */
    public static Scope openTenant(UUID tenantId) {
        UUID previous = TENANT.get();
        TENANT.set(tenantId);
        return () -> restore(previous);
    }

    /** The tenant the current thread's connections are scoped to, or null for the system scope. */
    public static UUID currentTenant() {
        return TENANT.get();
    }

    /**
     * Runs work in the system scope (as the tables' owner, across tenants) from inside a tenant scope. Connections
     * borrowed inside are unscoped; when the thread already holds a tenant-scoped transaction on {@code dataSource},
     * that transaction leaves the tenant role for the duration of the work ({@code SET LOCAL ROLE NONE}) and returns to
     * it afterwards.
     *
     * @param dataSource the application's data source (the one transactions are bound to)
     * @param work the cross-tenant work
     * @param <T> the work's result type
     * @return the work's result
     * @throws DataAccessResourceFailureException if the transaction's role cannot be switched
     */
    public static <T> T asSystem(DataSource dataSource, Supplier<T> work) {
        UUID tenant = TENANT.get();
        if (tenant == null) {
            return work.get();
        }
        ConnectionHolder bound = TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.getResource(dataSource) instanceof ConnectionHolder h ? h : null;
        TENANT.remove();
        try {
            if (bound == null) {
                return work.get();
            }
            execute(bound.getConnection(), "set local role none; select set_config('app.tenant_id', '', true)");
            try {
                return work.get();
            } finally {
                execute(bound.getConnection(), "set local role " + TenantScope.ROLE
                        + "; select set_config('app.tenant_id', '" + tenant + "', true)");
            }
        } finally {
            TENANT.set(tenant);
        }
    }

    private static void execute(Connection connection, String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("could not switch the database scope: " + e.getMessage(), e);
        }
    }

    private static void restore(UUID previous) {
        if (previous == null) {
            TENANT.remove();
        } else {
            TENANT.set(previous);
        }
    }
}
