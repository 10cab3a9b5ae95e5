package dev.salesagent.server.agentplatform;

import dev.salesagent.agents.graph.Checkpointer;
import dev.salesagent.agents.graph.JdbcCheckpointer;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The agent platform's checkpointer: the SDK's {@link JdbcCheckpointer} on the server's database (shared by instances). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AgentPlatformProperties.class)
class AgentPlatformConfiguration {

    @Bean(destroyMethod = "close")
    JdbcCheckpointer agentCheckpointer(DataSource dataSource) {
        return JdbcCheckpointer.builder(dataSource).build().createSchema();
    }
}
