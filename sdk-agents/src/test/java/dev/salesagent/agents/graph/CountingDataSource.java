package dev.salesagent.agents.graph;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Wraps a {@link DataSource} and counts what goes to the database: every statement execution
 * ({@code execute*}, a whole {@code executeBatch} counting once) and every {@code commit}. The SQL of
 * each execution is kept so that a failing assertion shows what ran.
 */
final class CountingDataSource implements DataSource {

    private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
            "executeBatch", "executeLargeBatch");

    private final DataSource delegate;
    private final AtomicInteger statements = new AtomicInteger();
    private final AtomicInteger commits = new AtomicInteger();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    CountingDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    /** Statement executions since the last {@link #reset()}. */
    int statements() {
        return statements.get();
    }

    /** Explicit commits since the last {@link #reset()}. */
    int commits() {
        return commits.get();
    }

    /** The SQL executed since the last {@link #reset()}, in order. */
    List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    void reset() {
        statements.set(0);
        commits.set(0);
        log.clear();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(delegate.getConnection(username, password));
    }

    private Connection wrap(Connection c) {
        InvocationHandler h = (proxy, m, args) -> {
            if (m.getName().equals("commit")) {
                commits.incrementAndGet();
            }
            Object result = invoke(c, m, args);
            if (result instanceof Statement s && (m.getName().startsWith("prepare") || m.getName().equals("createStatement"))) {
                String sql = args != null && args.length > 0 && args[0] instanceof String q ? q : null;
                return statement(s, sql, m.getReturnType());
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class}, h);
    }

    private Object statement(Statement s, String preparedSql, Class<?> type) {
        InvocationHandler h = (proxy, m, args) -> {
            if (EXECUTIONS.contains(m.getName())) {
                statements.incrementAndGet();
                String sql = args != null && args.length > 0 && args[0] instanceof String q ? q : preparedSql;
                log.add(m.getName().equals("executeBatch") ? "BATCH " + sql : sql);
            }
            return invoke(s, m, args);
        };
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{type}, h);
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return delegate.isWrapperFor(iface);
    }
}
