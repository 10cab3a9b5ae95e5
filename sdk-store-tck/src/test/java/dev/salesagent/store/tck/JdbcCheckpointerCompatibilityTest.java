package dev.salesagent.store.tck;

import dev.salesagent.agents.graph.Checkpointer;
import dev.salesagent.agents.graph.JdbcCheckpointer;
import javax.sql.DataSource;

/**
 * {@link JdbcCheckpointer} on in-memory H2 passes the checkpointer kit (the contract part of sdk-agents'
 * {@code JdbcCheckpointerTest}); {@link JdbcCheckpointerPostgresCompatibilityIT} runs it on PostgreSQL.
 */
class JdbcCheckpointerCompatibilityTest extends CheckpointerCompatibilityKit {

    private DataSource dataSource;

    DataSource dataSource() {
        return TestDataSources.h2("cp");
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
