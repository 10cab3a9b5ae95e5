package dev.salesagent.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesagent.agents.graph.Checkpointer;
import dev.salesagent.agents.graph.CompileConfig;
import dev.salesagent.agents.sales.Method;
import dev.salesagent.agents.sales.SalesAgents;
import dev.salesagent.agents.sales.pipeline.LeadPipeline;
import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.cost.PriceTable;
import dev.salesagent.core.cost.UsageStore;
import dev.salesagent.core.model.ModelRouter;
import dev.salesagent.core.model.RoutingPolicy;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.spring.autoconfigure.health.ModelEndpointsHealthIndicator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Every auto-configuration registered in META-INF/spring/...AutoConfiguration.imports, together. */
class SalesAgentAutoConfigurationsTest {

    private static Class<?>[] registered() throws ClassNotFoundException {
        List<Class<?>> classes = new ArrayList<>();
        for (String name : ImportCandidates.load(AutoConfiguration.class, SalesAgentAutoConfigurationsTest.class.getClassLoader())) {
            if (name.startsWith("dev.salesagent.")) {
                classes.add(Class.forName(name));
            }
        }
        return classes.toArray(Class<?>[]::new);
    }

    @Test
    void everyConcernIsRegistered() throws Exception {
        assertThat(registered()).extracting(Class::getSimpleName).containsExactlyInAnyOrder(
                "SalesAgentAgentsAutoConfiguration", "SalesAgentCostAutoConfiguration", "SalesAgentCrmAutoConfiguration", "SalesAgentGraphAutoConfiguration",
                "SalesAgentCrmHealthAutoConfiguration", "SalesAgentModelHealthAutoConfiguration",
                "SalesAgentModelAutoConfiguration", "SalesAgentLoggingAutoConfiguration");
    }

    @Test
    void optionalIntegrationsBackOffWhenTheirLibrariesAreMissing() throws Exception {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(registered()))
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.health", "ch.qos.logback"))
                .withPropertyValues("salesagent.logging.redact-pii=true",
                        "salesagent.models.endpoints[0].name=gpt-mini",
                        "salesagent.models.endpoints[0].provider=openai",
                        "salesagent.models.endpoints[0].model=gpt-4o-mini",
                        "salesagent.models.endpoints[0].api-key=sk-test")
                .run(context -> assertThat(context).hasNotFailed()
                        .hasSingleBean(ModelRouter.class).hasSingleBean(CrmClient.class)
                        .doesNotHaveBean("salesagentCrmHealthContributor")
                        .doesNotHaveBean(ModelEndpointsHealthIndicator.class)
                        .doesNotHaveBean("salesAgentLogbackPiiRedaction"));
    }

    @Test
    void withNothingConfiguredTheApplicationStartsOfflineOnRulesAndTheMemoryCrm() throws Exception {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(registered())).run(context -> {
            assertThat(context).hasNotFailed()
                    .hasSingleBean(CrmClient.class).hasSingleBean(CostTracker.class).hasSingleBean(PriceTable.class)
                    .hasSingleBean(UsageStore.class).hasSingleBean(RoutingPolicy.class)
                    .hasSingleBean(Checkpointer.class).hasSingleBean(CompileConfig.class)
                    .doesNotHaveBean(ModelRouter.class).doesNotHaveBean(ModelEndpointsHealthIndicator.class)
                    .hasBean("salesagentCrmHealthContributor")
                    .hasSingleBean(SalesAgents.class).hasSingleBean(LeadPipeline.class);
            assertThat(context.getBean(SalesAgents.class).method()).isEqualTo(Method.RULES);
            assertThat(context.getBean(CrmClient.class).providerId()).isEqualTo("memory");
        });
    }
}
