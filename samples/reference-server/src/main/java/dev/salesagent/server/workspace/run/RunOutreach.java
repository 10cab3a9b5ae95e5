package dev.salesagent.server.workspace.run;

import dev.salesagent.agents.sales.pipeline.PipelineResult;
import java.util.Map;

/**
 * Where an agent run's outreach lands for review: the e-mails it drafted become outreach drafts (the same review,
 * edit and approve flow as {@code POST /api/v1/outreach/drafts}) and, for {@code follow_up} runs, the follow-up plans
 * become scheduled follow-up touches. Storing a run twice (resumed after a restart, approved after a pause) stores
 * nothing twice.
 */
public interface RunOutreach {

    /**
     * Stores the run's drafts and follow-ups.
     *
     * @param run the run
     * @param result what its pipeline produced
     * @return per lead id (as in the output), what was stored for it (e.g. {@code draft_id}), to link in the output
     */
    Map<String, Map<String, Object>> store(AgentRun run, PipelineResult result);

    /**
     * Stores nothing (a worker without the outreach tables, e.g. in a unit test).
     *
     * @return the no-op
     */
    static RunOutreach none() {
        return (run, result) -> Map.of();
    }
}
