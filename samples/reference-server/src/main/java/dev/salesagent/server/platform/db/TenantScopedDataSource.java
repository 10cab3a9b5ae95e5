package dev.salesagent.server.platform.db;

import com.zaxxer.hikari.HikariDataSource;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's {@link DataSource}: a connection borrowed while the thread has a tenant scope
 * ({@link TenantConnections}) runs, for its whole session, as the role {@value TenantScope#ROLE} with
 * {@code app.tenant_id} set to the tenant; a connection borrowed without a scope (background workers, log-in, the
 * platform-admin API, Flyway) runs as the tables' owner with no tenant set.
 *
 * <p>The scope is applied when a connection is borrowed, not undone when it is returned: the pool keeps each physical
 * connection's session as its last borrower left it, and this data source remembers which tenant (if any) each one is
 * scoped to. A borrower whose scope differs switches the session first, in one round trip
 * ({@code set_config('role', ...), set_config('app.tenant_id', ...)}, or {@code RESET ROLE; RESET app.tenant_id} for
 * the system scope); a borrower of the same tenant pays nothing. Every connection of the pool is handed out through
 * this class (it is the application's only {@code DataSource}), so no borrower ever sees another scope than its own.
 * A connection whose switch fails is evicted from the pool, never handed out in an unknown state. Before this, every
 * borrow cost a switch and every return a reset, two round trips on every tenant request.
 *
 * <p>Where the role does not exist or the database user may not switch to it (no CREATEROLE; see migration V6), only
 * {@code app.tenant_id} is set.
 */
public class TenantScopedDataSource extends DelegatingDataSource implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TenantScopedDataSource.class);

    /** Marks a session whose scope is unknown while it is being switched (a failed switch evicts the connection). */
    private static final UUID UNKNOWN = new UUID(0, 0);

    /** The tenant each pooled physical connection's session is scoped to (absent: the system scope). Weak, by identity. */
    private final Cache<Connection, UUID> sessionTenant = Caffeine.newBuilder().weakKeys().build();
    private final LongAdder switches = new LongAdder();
    private volatile Boolean roleAvailable;

    /**
     * Wraps a pool.
     *
     * @param pool the pool connections come from
     */
    public TenantScopedDataSource(DataSource pool) {
        super(pool);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return scoped(obtainTargetDataSource().getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return scoped(obtainTargetDataSource().getConnection(username, password));
    }

    /** Whether the last scoped connection could switch to the tenant role (null before the first). */
    public Boolean roleEnforced() {
        return roleAvailable;
    }

    /**
     * Whether a connection handed out by this data source runs, for its whole session, under the scope of
     * {@code tenantId} (role and setting), so that a transaction on it needs no scope of its own.
     *
     * @param connection a connection borrowed from this data source (as a transaction holds it)
     * @param tenantId the tenant
     * @return true if the session is scoped to that tenant
     * @throws SQLException if the connection cannot be unwrapped
     */
    public boolean sessionScopedTo(Connection connection, UUID tenantId) throws SQLException {
        return tenantId.equals(sessionTenant.getIfPresent(connection.unwrap(Connection.class)));
    }

    /** {@return how many times a borrowed connection's session was switched to another scope (a round trip each)} */
    public long scopeSwitches() {
        return switches.sum();
    }

    private Connection scoped(Connection connection) throws SQLException {
        UUID tenant = TenantConnections.currentTenant();
        Connection physical;
        try {
            physical = connection.unwrap(Connection.class);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        UUID current = sessionTenant.getIfPresent(physical);
        if (tenant == null ? current == null : tenant.equals(current)) {
            return connection;
        }
        sessionTenant.put(physical, UNKNOWN);
        try {
            if (tenant == null) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("reset role; reset app.tenant_id");
                }
            } else {
                boolean role = roleAvailable(connection);
                String sql = role
                        ? "select set_config('role', '" + TenantScope.ROLE + "', false), set_config('app.tenant_id', ?, false)"
                        : "select set_config('app.tenant_id', ?, false)";
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setString(1, tenant.toString());
                    statement.execute();
                }
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException | RuntimeException e) {
            evict(connection, e);
            throw e;
        }
        switches.increment();
        if (tenant == null) {
            sessionTenant.invalidate(physical);
        } else {
            sessionTenant.put(physical, tenant);
        }
        return connection;
    }

    /** Takes a connection whose session is in an unknown state out of the pool (the pool opens a fresh one). */
    private void evict(Connection connection, Exception cause) {
        log.warn("Could not switch the database scope of a pooled connection; evicting it from the pool", cause);
        try {
            if (obtainTargetDataSource() instanceof HikariDataSource pool) {
                pool.evictConnection(connection);
            } else {
                connection.abort(Runnable::run);
            }
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private boolean roleAvailable(Connection connection) throws SQLException {
        Boolean available = roleAvailable;
        if (available == null) {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("select exists (select 1 from pg_roles where rolname = '"
                         + TenantScope.ROLE + "') and coalesce((select pg_has_role(session_user, oid, 'MEMBER')"
                         + " from pg_roles where rolname = '" + TenantScope.ROLE + "'), false)")) {
                available = rs.next() && rs.getBoolean(1);
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            if (!available) {
                log.warn("Role {} is not available to the database user: tenant requests set app.tenant_id only,"
                        + " row-level security binds no role", TenantScope.ROLE);
            }
            roleAvailable = available;
        }
        return available;
    }

    @Override
    public void close() throws Exception {
        if (obtainTargetDataSource() instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
