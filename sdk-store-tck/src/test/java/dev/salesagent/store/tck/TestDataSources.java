package dev.salesagent.store.tck;

import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Data sources for this module's own kit runs: a private in-memory H2, or the services profile's PostgreSQL. */
final class TestDataSources {

    private TestDataSources() {
    }

    /** A new, empty in-memory H2 database that lives until the JVM exits. */
    static DataSource h2(String prefix) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + prefix + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    /**
     * The PostgreSQL of the {@code services} profile (system properties {@code salesagent.it.postgres.url},
     * {@code .user}, optional {@code .password}; default {@code jdbc:postgresql://127.0.0.1:5432/test}, user postgres).
     */
    static PGSimpleDataSource postgres() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(System.getProperty("salesagent.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test"));
        ds.setUser(System.getProperty("salesagent.it.postgres.user", "postgres"));
        String password = System.getProperty("salesagent.it.postgres.password");
        if (password != null) {
            ds.setPassword(password);
        }
        return ds;
    }
}
