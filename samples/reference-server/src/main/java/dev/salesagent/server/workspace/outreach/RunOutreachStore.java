package dev.salesagent.server.workspace.outreach;

import dev.salesagent.agents.sales.pipeline.LeadResult;
import dev.salesagent.agents.sales.pipeline.PipelineResult;
import dev.salesagent.server.workspace.run.AgentRun;
import dev.salesagent.server.workspace.run.RunOutreach;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Stores what {@code lead_pipeline}, {@code outreach} and {@code follow_up} runs wrote (research runs write no
 * e-mails):
 * <ul>
 *   <li>each first-touch e-mail (hot leads) as an outreach draft for review, {@code run_id} = the run, created on
 *       behalf of the user who started the run; it is mailed only once approved, like any draft;</li>
 *   <li>for a {@code follow_up} run, each planned lead's follow-up touches as scheduled follow-ups of the e-mail last
 *       sent to the lead ({@link FollowUps#schedule}: one db-scheduler task per touch, firing once on its day); a
 *       lead that was never e-mailed gets its touches scheduled when its draft is approved and sent (the planner runs
 *       then, from the send date), and a lead with neither a sent e-mail nor a draft keeps its plan in the run
 *       output only ({@code follow_up_status = no_email}).</li>
 * </ul>
 */
@Service
class RunOutreachStore implements RunOutreach {

    private final OutreachDrafts drafts;
    private final FollowUps followUps;

    RunOutreachStore(OutreachDrafts drafts, FollowUps followUps) {
        this.drafts = drafts;
        this.followUps = followUps;
    }

    @Override
    public Map<String, Map<String, Object>> store(AgentRun run, PipelineResult result) {
        if (run.type().equals("research")) {
            return Map.of();
        }
        List<OutreachDrafts.RunDraft> toStore = new ArrayList<>();
        for (LeadResult l : result.leads()) {
            UUID leadId = uuid(l.id());
            if (leadId != null && l.outreach() != null && l.error() == null) {
                toStore.add(new OutreachDrafts.RunDraft(leadId, l.email(), l.outreach().subject(), l.outreach().body(),
                        l.outreach().method().id(), l.outreach().model()));
            }
        }
        Map<UUID, UUID> draftIds = toStore.isEmpty() ? Map.of()
                : drafts.createForRun(run.tenantId(), run.createdBy(), run.id(), toStore);
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        draftIds.forEach((lead, draft) -> out.computeIfAbsent(lead.toString(), k -> new LinkedHashMap<>())
                .put("draft_id", draft.toString()));
        if (run.type().equals("follow_up")) {
            for (LeadResult l : result.leads()) {
                UUID leadId = uuid(l.id());
                if (leadId == null || l.followUp() == null || l.followUp().touches().isEmpty() || l.error() != null) {
                    continue;
                }
                Map<String, Object> links = out.computeIfAbsent(l.id(), k -> new LinkedHashMap<>());
                Optional<OutreachDrafts.Draft> sent = drafts.lastSent(run.tenantId(), leadId);
                if (sent.isPresent()) {
                    List<FollowUps.Touch> touches = followUps.schedule(sent.get());
                    links.put("follow_up_status", "scheduled");
                    links.put("follow_up_of_draft_id", sent.get().id().toString());
                    links.put("follow_up_touches", touches.stream().map(t -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("touch", t.touch());
                        m.put("channel", t.channel());
                        m.put("due_at", t.dueAt().toString());
                        m.put("status", t.status());
                        return m;
                    }).toList());
                } else if (links.containsKey("draft_id")) {
                    links.put("follow_up_status", "scheduled_when_sent");
                } else {
                    links.put("follow_up_status", "no_email");
                }
            }
        }
        return out;
    }

    private static UUID uuid(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
