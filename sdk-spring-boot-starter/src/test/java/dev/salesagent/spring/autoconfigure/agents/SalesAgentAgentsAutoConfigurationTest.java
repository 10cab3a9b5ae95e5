package dev.salesagent.spring.autoconfigure.agents;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.salesagent.agents.sales.Method;
import dev.salesagent.agents.sales.SalesAgents;
import dev.salesagent.agents.sales.battlecard.BattleCardWriter;
import dev.salesagent.agents.sales.conversation.ConversationAnalyzer;
import dev.salesagent.agents.sales.followup.FollowUpPlanner;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.outreach.OutreachWriter;
import dev.salesagent.agents.sales.pipeline.LeadPipeline;
import dev.salesagent.agents.sales.pipeline.PipelineResult;
import dev.salesagent.agents.sales.proposal.ProposalWriter;
import dev.salesagent.agents.sales.scoring.LeadScorer;
import dev.salesagent.core.model.ModelRouter;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.spring.autoconfigure.cost.SalesAgentCostAutoConfiguration;
import dev.salesagent.spring.autoconfigure.crm.SalesAgentCrmAutoConfiguration;
import dev.salesagent.spring.autoconfigure.graph.SalesAgentGraphAutoConfiguration;
import dev.salesagent.spring.autoconfigure.model.SalesAgentModelAutoConfiguration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SalesAgentAgentsAutoConfigurationTest {

    static WireMockServer server;

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            SalesAgentCostAutoConfiguration.class, SalesAgentModelAutoConfiguration.class,
            SalesAgentCrmAutoConfiguration.class, SalesAgentGraphAutoConfiguration.class,
            SalesAgentAgentsAutoConfiguration.class));

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(500)));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static List<Lead> leads() {
        return List.of(
                Lead.builder().id("r1").company("Globex").email("dana@globex.com").firstName("Dana").lastName("Reyes")
                        .title("Chief Revenue Officer").employees(1200L).industry("Software").country("US")
                        .notes("budget approved, go live this quarter").build(),
                Lead.builder().id("r2").company("Broken").email("nobody@@broken.com").build());
    }

    @Test
    void withoutModelsEverySkillRunsOnRulesAndThePipelineSyncsToThePrimaryCrm() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(SalesAgents.class).hasSingleBean(LeadScorer.class)
                    .hasSingleBean(OutreachWriter.class).hasSingleBean(FollowUpPlanner.class)
                    .hasSingleBean(ProposalWriter.class).hasSingleBean(BattleCardWriter.class)
                    .hasSingleBean(ConversationAnalyzer.class).hasSingleBean(LeadPipeline.class);
            SalesAgents agents = context.getBean(SalesAgents.class);
            assertThat(agents.method()).isEqualTo(Method.RULES);
            assertThat(context.getBean(LeadScorer.class)).isSameAs(agents.scorer());

            LeadPipeline pipeline = context.getBean(LeadPipeline.class);
            CrmClient crm = context.getBean(CrmClient.class);
            assertThat(pipeline.crm()).isSameAs(crm);
            PipelineResult result = pipeline.run(leads());
            assertThat(result.status()).isEqualTo(PipelineResult.Status.COMPLETED);
            assertThat(result.leads().get(0).score()).isNotNull();
            assertThat(result.leads().get(1).error()).contains("nobody@@broken.com");
            assertThat(crm.contacts().findByEmail("dana@globex.com")).isPresent();
        });
    }

    @Test
    void withARouterTheSkillsUseTheModel() {
        runner.withPropertyValues(
                        "salesagent.models.endpoints[0].name=gpt-mini",
                        "salesagent.models.endpoints[0].provider=openai",
                        "salesagent.models.endpoints[0].model=gpt-4o-mini",
                        "salesagent.models.endpoints[0].api-key=sk-test",
                        "salesagent.models.endpoints[0].base-url=" + server.baseUrl() + "/v1")
                .run(context -> {
                    SalesAgents agents = context.getBean(SalesAgents.class);
                    assertThat(agents.method()).isEqualTo(Method.MODEL);
                    assertThat(agents.chatModel()).containsSame(context.getBean(ModelRouter.class));
                });
    }

    @Test
    void sellerAndPipelineSettingsAreBound() {
        runner.withPropertyValues(
                        "salesagent.agents.seller.company=Acme Robotics",
                        "salesagent.agents.seller.sender-name=The Acme team",
                        "salesagent.agents.pipeline.threads=2",
                        "salesagent.agents.pipeline.require-approval=true")
                .run(context -> {
                    AgentsProperties props = context.getBean(AgentsProperties.class);
                    assertThat(SalesAgentAgentsAutoConfiguration.seller(props.seller()))
                            .satisfies(s -> assertThat(s.company()).isEqualTo("Acme Robotics"))
                            .satisfies(s -> assertThat(s.product()).isEqualTo("Northwind Lead Desk"));
                    LeadPipeline pipeline = context.getBean(LeadPipeline.class);
                    assertThat(pipeline.threads()).isEqualTo(2);
                    PipelineResult paused = pipeline.run(leads(), "batch-1");
                    assertThat(paused.status()).isEqualTo(PipelineResult.Status.AWAITING_APPROVAL);
                    assertThat(context.getBean(CrmClient.class).contacts().findByEmail("dana@globex.com")).isEmpty();
                    assertThat(pipeline.approve("batch-1").status()).isEqualTo(PipelineResult.Status.COMPLETED);
                    assertThat(context.getBean(CrmClient.class).contacts().findByEmail("dana@globex.com")).isPresent();
                });
    }

    @Test
    void withTwoCrmsThePipelineUsesThePrimary() {
        runner.withPropertyValues("salesagent.crm.sales.provider=memory", "salesagent.crm.erp.provider=memory",
                        "salesagent.crm.erp.primary=true")
                .run(context -> assertThat(context.getBean(LeadPipeline.class).crm())
                        .isSameAs(context.getBean("erpCrmClient")));
    }

    @Test
    void applicationBeansReplaceTheAgents() {
        SalesAgents own = SalesAgents.rules();
        runner.withBean(SalesAgents.class, () -> own).run(context -> {
            assertThat(context.getBean(LeadScorer.class)).isSameAs(own.scorer());
            assertThat(context.getBean(LeadPipeline.class)).isNotNull();
        });
    }
}
