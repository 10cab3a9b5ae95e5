package dev.salesagent.server.agentplatform.graph;

import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.platform.GraphProvider;
import dev.salesagent.agents.sales.SalesAgents;
import dev.salesagent.agents.sales.pipeline.LeadPipeline;
import dev.salesagent.server.platform.crm.TenantCrmClients;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The assistant {@code lead_pipeline}: the SDK's lead pipeline graph ({@link LeadPipeline#graph()}: validate,
 * research, duplicate check, score, route, outreach and follow-up per lead, then one batched CRM sync) over the
 * tenant's CRM ({@link TenantCrmClients}) and the server's {@link SalesAgents} (rules, or the configured model), with
 * approval required: every run stops before {@code crm_sync} (the thread's {@code next} is {@code ["crm_sync"]}).
 * Resume with {@code command.resume} (any value) to write to the CRM, or with {@code command.update}
 * {@code {"approved": false}} to finish without writing. The sync upserts contacts by e-mail, so resuming twice does
 * not create records twice. Input {@code {"batch": {"leads": [{"company", "email", "firstName", ...}]}}} (the SDK's
 * {@code Lead} fields).
 */
@Component
class LeadPipelineAssistant implements GraphProvider {

    private final TenantCrmClients crms;
    private final SalesAgents agents;
    private final Clock clock;

    LeadPipelineAssistant(TenantCrmClients crms, SalesAgents agents, Clock clock) {
        this.crms = crms;
        this.agents = agents;
        this.clock = clock;
    }

    @Override
    public String graphId() {
        return "lead_pipeline";
    }

    @Override
    public String description() {
        return "Researches, scores and routes a list of leads, waits for approval, then syncs them to the CRM.";
    }

    @Override
    public CompiledGraph compile(Context context) {
        return LeadPipeline.builder().crm(crms.forTenant(UUID.fromString(context.tenant()))).agents(agents)
                .requireApproval(true).checkpointer(context.checkpointer()).clock(clock).tenant(context.tenant())
                .build().graph();
    }

    @Override
    public Optional<Map<String, Object>> inputSchema() {
        Map<String, Object> lead = new LinkedHashMap<>();
        for (String field : List.of("id", "company", "domain", "website", "firstName", "lastName", "email", "title",
                "phone", "industry", "country", "notes")) {
            lead.put(field, Map.of("type", "string"));
        }
        lead.put("employees", Map.of("type", "integer"));
        return Optional.of(Map.of("title", "lead_pipeline input", "type", "object", "required", List.of("batch"),
                "properties", Map.of("batch", Map.of("type", "object", "required", List.of("leads"),
                        "properties", Map.of("leads", Map.of("type", "array", "minItems", 1,
                                "items", Map.of("type", "object", "properties", lead)))))));
    }
}
