package dev.salesagent.server.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Drops the integration tests' schema once per JVM, before the first {@link OnServices} context starts, so every run
 * of {@code -Pservices} migrates a clean schema on the shared {@code test} database.
 */
public final class ServicesSchema implements BeforeAllCallback {

    /** The schema the server's integration tests own. */
    public static final String NAME = "salesagent_server_it";

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
        if (store.get(NAME) != null) {
            return;
        }
        String url = System.getProperty("salesagent.it.postgres.url");
        if (url == null) {
            throw new IllegalStateException("salesagent.it.postgres.url is not set: run with -Pservices");
        }
        try (Connection c = DriverManager.getConnection(url, System.getProperty("salesagent.it.postgres.user", "postgres"), "");
             Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + NAME + " cascade");
        }
        store.put(NAME, Boolean.TRUE);
    }
}
