package dev.salesagent.core.cost;

import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.Statement;

/** The JDBC store on a real PostgreSQL (profile {@code -Pservices}). */
class JdbcUsageStoreIT extends UsageStoreContract {

    @Override
    UsageStore newStore() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(System.getProperty("salesagent.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test"));
        ds.setUser(System.getProperty("salesagent.it.postgres.user", "postgres"));
        String password = System.getProperty("salesagent.it.postgres.password");
        if (password != null) {
            ds.setPassword(password);
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS salesagent_usage");
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL not reachable at " + ds.getUrl(), e);
        }
        return UsageStore.jdbc(ds);
    }
}
