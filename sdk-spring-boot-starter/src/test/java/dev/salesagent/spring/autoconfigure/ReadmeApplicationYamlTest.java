package dev.salesagent.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesagent.agents.graph.JdbcCheckpointer;
import dev.salesagent.agents.sales.Method;
import dev.salesagent.agents.sales.SalesAgents;
import dev.salesagent.agents.sales.pipeline.LeadPipeline;
import dev.salesagent.core.cost.Budget;
import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.model.ModelRouter;
import dev.salesagent.core.model.ModelTier;
import dev.salesagent.core.model.RoutingPolicy;
import dev.salesagent.core.model.TaskProfile;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.spring.autoconfigure.agents.SalesAgentAgentsAutoConfiguration;
import dev.salesagent.spring.autoconfigure.cost.SalesAgentCostAutoConfiguration;
import dev.salesagent.spring.autoconfigure.crm.SalesAgentCrmAutoConfiguration;
import dev.salesagent.spring.autoconfigure.graph.SalesAgentGraphAutoConfiguration;
import dev.salesagent.spring.autoconfigure.model.SalesAgentModelAutoConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

/** The application.yml of this module's README, pasted as is, starts an application with the beans it promises. */
class ReadmeApplicationYamlTest {

    private static List<PropertySource<?>> readmeYaml() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Matcher yaml = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(yaml.find()).as("README has a yaml block").isTrue();
        return new YamlPropertySourceLoader().load("README application.yml",
                new ByteArrayResource(yaml.group(1).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static DataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:readme-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    @Test
    void theMinimalApplicationYmlStartsWithRouterBudgetsCrmAndAgents() throws Exception {
        List<PropertySource<?>> yaml = readmeYaml();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SalesAgentCostAutoConfiguration.class,
                        SalesAgentModelAutoConfiguration.class, SalesAgentCrmAutoConfiguration.class,
                        SalesAgentGraphAutoConfiguration.class, SalesAgentAgentsAutoConfiguration.class))
                .withInitializer(context -> yaml.forEach(context.getEnvironment().getPropertySources()::addLast))
                .withPropertyValues("OPENAI_API_KEY=sk-test", "ANTHROPIC_API_KEY=sk-ant-test", "HUBSPOT_TOKEN=pat-test")
                .withBean(DataSource.class, ReadmeApplicationYamlTest::h2)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ModelRouter router = context.getBean(ModelRouter.class);
                    assertThat(router.endpoints()).hasSize(2);
                    assertThat(context.getBean(RoutingPolicy.class).tierFor(new TaskProfile("proposal", null, 10, false)))
                            .isEqualTo(ModelTier.PREMIUM);
                    assertThat(context.getBean(CostTracker.class).budgets()).extracting(Budget::id)
                            .containsExactlyInAnyOrder("tenant:acme/daily", "tenant:acme/monthly");
                    assertThat(context.getBean(CrmClient.class).providerId()).isEqualTo("hubspot");
                    assertThat(context).hasBean("salesCrmClient");
                    assertThat(context.getBean(JdbcCheckpointer.class)).isNotNull();
                    assertThat(context.getBean(SalesAgents.class).method()).isEqualTo(Method.MODEL);
                    assertThat(context.getBean(LeadPipeline.class).crm()).isSameAs(context.getBean(CrmClient.class));
                });
    }
}
