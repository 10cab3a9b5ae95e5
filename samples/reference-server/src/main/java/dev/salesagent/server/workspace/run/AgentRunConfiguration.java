package dev.salesagent.server.workspace.run;

import dev.salesagent.agents.graph.Checkpointer;
import dev.salesagent.agents.sales.SalesAgents;
import dev.salesagent.agents.sales.research.EnrichmentProvider;
import dev.salesagent.server.platform.crm.TenantCrmClients;
import dev.salesagent.server.workspace.lead.LeadStore;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent run worker of this instance ({@code salesagent.workspace.runs.*}); it starts when the application is
 * ready (resuming runs a stopped instance left running) and stops with the context.
 */
@Configuration(proxyBeanMethods = false)
class AgentRunConfiguration {

    @Bean(destroyMethod = "close")
    AgentRunWorker agentRunWorker(AgentRunStore store, LeadStore leads, TenantCrmClients crms, SalesAgents agents,
                                  ObjectProvider<EnrichmentProvider> enrichment, Checkpointer checkpointer,
                                  RunEventHub hub, JsonMapper json, Clock clock, RunOutreach outreach,
                                  @Value("${salesagent.workspace.runs.threads:4}") int runThreads,
                                  @Value("${salesagent.workspace.runs.queue:100}") int queue,
                                  @Value("${salesagent.workspace.runs.lead-threads:4}") int leadThreads,
                                  @Value("${salesagent.workspace.runs.stale-after:30s}") Duration staleAfter) {
        return new AgentRunWorker(new AgentRunWorker.Settings("instance-" + UUID.randomUUID(), store, leads, crms,
                tenant -> agents, enrichment.getIfAvailable(EnrichmentProvider::none), checkpointer, hub, json, clock,
                runThreads, queue, leadThreads, staleAfter, outreach));
    }

    @EventListener(ApplicationReadyEvent.class)
    void start(ApplicationReadyEvent event) {
        event.getApplicationContext().getBean(AgentRunWorker.class).start();
    }
}
