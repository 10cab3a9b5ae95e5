package dev.salesagent.store.tck;

import dev.salesagent.agents.graph.Checkpointer;
import dev.salesagent.agents.graph.JdbcCheckpointer;
import javax.sql.DataSource;

/**
 * Two graph instances with their own {@link JdbcCheckpointer} over one H2 database pass the durable-interrupt
 * kit (the generic form of sdk-agents-sales' {@code H2DurableApprovalTest}).
 */
class JdbcDurableInterruptCompatibilityTest extends DurableInterruptCompatibilityKit {

    private DataSource dataSource;

    DataSource dataSource() {
        return TestDataSources.h2("approval");
    }

    @Override
    protected Checkpointer createCheckpointer() {
        dataSource = dataSource();
        return new JdbcCheckpointer(dataSource).createSchema();
    }

    @Override
    protected Checkpointer reopenCheckpointer() {
        return new JdbcCheckpointer(dataSource);
    }
}
