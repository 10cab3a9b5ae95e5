package dev.salesagent.agents.sales.pipeline;

import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;

/** {@link DurableApprovalContract} on an in-memory H2 database. */
class H2DurableApprovalTest extends DurableApprovalContract {

    private final JdbcDataSource ds = new JdbcDataSource();

    H2DurableApprovalTest() {
        ds.setURL("jdbc:h2:mem:approval-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    }

    @Override
    protected DataSource dataSource() {
        return ds;
    }
}
