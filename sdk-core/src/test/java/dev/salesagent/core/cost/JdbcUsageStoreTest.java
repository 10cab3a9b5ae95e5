package dev.salesagent.core.cost;

import org.h2.jdbcx.JdbcDataSource;

import java.util.UUID;

/** The JDBC store on in-memory H2; {@link JdbcUsageStoreIT} runs the same on PostgreSQL. */
class JdbcUsageStoreTest extends UsageStoreContract {

    @Override
    UsageStore newStore() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        UsageStore.jdbc(ds); // creating the schema twice must be harmless
        return UsageStore.jdbc(ds);
    }
}
