package dev.salesagent.server.agentplatform;

import dev.salesagent.agents.graph.Checkpointer;
import dev.salesagent.agents.graph.JdbcCheckpointer;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The agent platform's checkpointer: the SDK's {@link JdbcCheckpointer} on the server's database (shared by instances). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AgentPlatformProperties.class)
class AgentPlatformConfiguration {

    /** Created after Flyway migrated (so Flyway finds the schema it owns empty on a first start). */
    @Bean(destroyMethod = "close")
    JdbcCheckpointer agentCheckpointer(DataSource dataSource, ObjectProvider<FlywayMigrationInitializer> flyway) {
        flyway.ifAvailable(migrated -> { });
        return JdbcCheckpointer.builder(dataSource).build().createSchema();
    }
}
