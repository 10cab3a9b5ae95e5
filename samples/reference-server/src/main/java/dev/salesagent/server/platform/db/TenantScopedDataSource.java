package dev.salesagent.server.platform.db;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's {@link DataSource}: a connection borrowed while the thread has a tenant scope
 * ({@link TenantConnections}) is switched, for the whole session, to the role {@value TenantScope#ROLE} with
 * {@code app.tenant_id} set to the tenant (one round trip), and switched back ({@code RESET ROLE},
 * {@code RESET app.tenant_id}) when it is closed, so it returns to the pool clean. A connection that cannot be reset is
 * aborted instead of returned. Without a scope, connections pass through untouched (the tables' owner).
 *
 * <p>Where the role does not exist or the database user may not switch to it (no CREATEROLE; see migration V6), only
 * {@code app.tenant_id} is set.
 */
public class TenantScopedDataSource extends DelegatingDataSource implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TenantScopedDataSource.class);

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

    private Connection scoped(Connection connection) throws SQLException {
        UUID tenant = TenantConnections.currentTenant();
        if (tenant == null) {
            return connection;
        }
        try {
            boolean role = roleAvailable(connection);
            String sql = role
                    ? "select set_config('role', '" + TenantScope.ROLE + "', false), set_config('app.tenant_id', ?, false)"
                    : "select set_config('app.tenant_id', ?, false)";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, tenant.toString());
                statement.execute();
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new ResettingHandler(connection));
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

    /** Resets the session before the connection goes back to the pool. */
    private final class ResettingHandler implements InvocationHandler {
        private final Connection target;
        private boolean closed;

        ResettingHandler(Connection target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    close();
                    return null;
                }
                case "isClosed" -> {
                    return closed || target.isClosed();
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "toString" -> {
                    return "tenant-scoped " + target;
                }
                default -> {
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }
            }
        }

        private void close() throws SQLException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (!target.getAutoCommit()) {
                    target.rollback(); // what the pool would do with an unfinished transaction, before the reset
                }
                try (Statement statement = target.createStatement()) {
                    statement.execute("reset role; reset app.tenant_id");
                }
                if (!target.getAutoCommit()) {
                    target.commit();
                }
            } catch (SQLException | RuntimeException e) {
                log.warn("Could not reset a tenant-scoped connection; evicting it from the pool", e);
                if (obtainTargetDataSource() instanceof HikariDataSource pool) {
                    pool.evictConnection(target); // closes it: the pool opens a fresh one instead
                    return;
                }
                target.abort(Runnable::run);
            } finally {
                if (!target.isClosed()) {
                    target.close();
                }
            }
        }
    }
}
