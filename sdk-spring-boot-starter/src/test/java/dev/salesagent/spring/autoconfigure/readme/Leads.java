package dev.salesagent.spring.autoconfigure.readme;

import dev.langchain4j.model.chat.ChatModel;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.pipeline.LeadPipeline;
import dev.salesagent.agents.sales.pipeline.PipelineResult;
import dev.salesagent.agents.sales.research.LeadResearch;
import dev.salesagent.agents.sales.scoring.LeadScore;
import dev.salesagent.agents.sales.scoring.LeadScorer;
import dev.salesagent.core.context.AiContext;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

@Service
public class Leads {
    private final LeadPipeline pipeline;   // wired to the primary CRM; scores with models when configured
    private final LeadScorer scorer;       // model-backed with endpoints, rules-based offline
    private final boolean models;

    public Leads(LeadPipeline pipeline, LeadScorer scorer, ObjectProvider<ChatModel> chatModel) {
        this.pipeline = pipeline;
        this.scorer = scorer;
        this.models = chatModel.getIfAvailable() != null; // the router, your own ChatModel, or none (offline)
    }

    public PipelineResult importLeads(List<Lead> leads, String tenant) {
        return AiContext.builder().tenant(tenant).feature("lead_scoring").build().call(() -> pipeline.run(leads));
    }

    public LeadScore score(Lead lead, String tenant) {
        return AiContext.builder().tenant(tenant).build().call(() -> scorer.score(lead, LeadResearch.none()));
    }

    public boolean usesModels() {
        return models;
    }
}
