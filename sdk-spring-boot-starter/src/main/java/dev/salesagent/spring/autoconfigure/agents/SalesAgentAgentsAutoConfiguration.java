package dev.salesagent.spring.autoconfigure.agents;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.web.search.WebSearchEngine;
import dev.salesagent.agents.graph.Checkpointer;
import dev.salesagent.agents.sales.ModelOptions;
import dev.salesagent.agents.sales.SalesAgents;
import dev.salesagent.agents.sales.SellerProfile;
import dev.salesagent.agents.sales.battlecard.BattleCardWriter;
import dev.salesagent.agents.sales.conversation.ConversationAnalyzer;
import dev.salesagent.agents.sales.followup.FollowUpPlanner;
import dev.salesagent.agents.sales.outreach.OutreachWriter;
import dev.salesagent.agents.sales.pipeline.LeadPipeline;
import dev.salesagent.agents.sales.proposal.ProposalWriter;
import dev.salesagent.agents.sales.research.EnrichmentProvider;
import dev.salesagent.agents.sales.scoring.IdealCustomerProfile;
import dev.salesagent.agents.sales.scoring.LeadScorer;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.spring.autoconfigure.crm.SalesAgentCrmAutoConfiguration;
import dev.salesagent.spring.autoconfigure.graph.SalesAgentGraphAutoConfiguration;
import dev.salesagent.spring.autoconfigure.model.SalesAgentModelAutoConfiguration;
import io.micrometer.observation.ObservationRegistry;
import dev.salesagent.core.cache.ResponseCache;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The sales agents as beans, wired to the router and the primary CRM.
 *
 * <ul>
 *   <li>{@link SalesAgents}: the model implementations on the application's {@link ChatModel} (the
 *       {@code ModelRouter} when endpoints are configured), the offline rules otherwise; with the application's
 *       {@link IdealCustomerProfile} bean (else the default profile) and the seller of {@code salesagent.agents.seller}.</li>
 *   <li>One bean per skill: {@link LeadScorer}, {@link OutreachWriter}, {@link FollowUpPlanner}, {@link ProposalWriter},
 *       {@link BattleCardWriter}, {@link ConversationAnalyzer}.</li>
 *   <li>{@link LeadPipeline} on the primary {@link CrmClient} and the graph {@link Checkpointer}, with the application's
 *       {@link EnrichmentProvider} and {@link WebSearchEngine} beans when present, and the application's {@link ObservationRegistry}, so every
 *       run records {@code salesagent.graph.run} and {@code salesagent.graph.node} observations.</li>
 * </ul>
 */
@AutoConfiguration(after = {SalesAgentModelAutoConfiguration.class, SalesAgentCrmAutoConfiguration.class,
        SalesAgentGraphAutoConfiguration.class})
@ConditionalOnClass(SalesAgents.class)
@EnableConfigurationProperties(AgentsProperties.class)
public final class SalesAgentAgentsAutoConfiguration {

    /** Created by Spring. */
    SalesAgentAgentsAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    SalesAgents salesAgents(AgentsProperties agents, ObjectProvider<ChatModel> chatModel,
                            ObjectProvider<IdealCustomerProfile> profile, ObjectProvider<Clock> clock,
                            ObjectProvider<ResponseCache> responseCache) {
        AgentsProperties.Model m = agents.model();
        SalesAgents.Builder builder = SalesAgents.builder()
                .chatModel(chatModel.getIfUnique())
                .modelOptions(ModelOptions.defaults().withBatchSize(m.batchSize()).withTemperature(m.temperature())
                        .withMaxOutputTokens(m.maxOutputTokens())
                        // answers that fail validation are evicted from the router's cache, repairs replace them
                        .withResponseCache(responseCache.getIfUnique()))
                .seller(seller(agents.seller()));
        profile.ifUnique(builder::profile);
        clock.ifUnique(builder::clock);
        return builder.build();
    }

    static SellerProfile seller(AgentsProperties.Seller s) {
        SellerProfile d = SellerProfile.defaults();
        return new SellerProfile(
                s.company() != null ? s.company() : d.company(),
                s.product() != null ? s.product() : d.product(),
                s.valueProposition() != null ? s.valueProposition() : d.valueProposition(),
                s.senderName() != null ? s.senderName() : d.senderName());
    }

    @Bean
    @ConditionalOnMissingBean
    LeadScorer leadScorer(SalesAgents agents) {
        return agents.scorer();
    }

    @Bean
    @ConditionalOnMissingBean
    OutreachWriter outreachWriter(SalesAgents agents) {
        return agents.outreach();
    }

    @Bean
    @ConditionalOnMissingBean
    FollowUpPlanner followUpPlanner(SalesAgents agents) {
        return agents.followUps();
    }

    @Bean
    @ConditionalOnMissingBean
    ProposalWriter proposalWriter(SalesAgents agents) {
        return agents.proposals();
    }

    @Bean
    @ConditionalOnMissingBean
    BattleCardWriter battleCardWriter(SalesAgents agents) {
        return agents.battleCards();
    }

    @Bean
    @ConditionalOnMissingBean
    ConversationAnalyzer conversationAnalyzer(SalesAgents agents) {
        return agents.conversations();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(CrmClient.class)
    LeadPipeline leadPipeline(AgentsProperties agents, CrmClient crm, SalesAgents salesAgents,
                              ObjectProvider<Checkpointer> checkpointer, ObjectProvider<EnrichmentProvider> enrichment,
                              ObjectProvider<WebSearchEngine> webSearch, ObjectProvider<Clock> clock,
                              ObjectProvider<ObservationRegistry> observations) {
        LeadPipeline.Builder builder = LeadPipeline.builder()
                .crm(crm)
                .agents(salesAgents)
                .threads(agents.pipeline().threads())
                .requireApproval(agents.pipeline().requireApproval());
        checkpointer.ifUnique(builder::checkpointer);
        enrichment.ifUnique(builder::enrichment);
        webSearch.ifUnique(builder::webSearch);
        clock.ifUnique(builder::clock);
        observations.ifUnique(builder::observationRegistry);
        return builder.build();
    }
}
