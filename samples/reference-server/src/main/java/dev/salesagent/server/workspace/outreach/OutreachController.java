package dev.salesagent.server.workspace.outreach;

import dev.salesagent.agents.sales.SalesAgents;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.outreach.OutreachDraft;
import dev.salesagent.agents.sales.research.LeadResearch;
import dev.salesagent.agents.sales.research.ResearchFact;
import dev.salesagent.agents.sales.scoring.LeadScore;
import dev.salesagent.server.platform.audit.AuditTrail;
import dev.salesagent.server.platform.security.CurrentUser;
import dev.salesagent.server.platform.security.PlatformAuthentication;
import dev.salesagent.server.platform.web.Cursors;
import dev.salesagent.server.platform.web.Page;
import dev.salesagent.server.platform.web.PlatformException;
import dev.salesagent.server.workspace.content.LeadInput;
import dev.salesagent.server.workspace.memory.AccountMemory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Outreach drafts: drafted by the SDK's outreach agent from lead data, reviewed, edited, approved and sent once. */
@RestController
@RequestMapping("/api/v1/outreach/drafts")
@Tag(name = "Outreach")
class OutreachController {

    private final SalesAgents agents;
    private final OutreachDrafts drafts;
    private final OutreachSender sender;
    private final AuditTrail audit;
    private final AccountMemory memory;
    private final FollowUps followUps;

    OutreachController(SalesAgents agents, OutreachDrafts drafts, OutreachSender sender, AuditTrail audit,
                       AccountMemory memory, FollowUps followUps) {
        this.followUps = followUps;
        this.memory = memory;
        this.agents = agents;
        this.drafts = drafts;
        this.sender = sender;
        this.audit = audit;
    }

    /**
     * Body of {@code POST /api/v1/outreach/drafts}.
     *
     * @param leadId the workspace lead, if any
     * @param lead the lead's data; needs an e-mail (the recipient)
     * @param facts research facts about the account; the only lead-specific claims the e-mail may make
     */
    record DraftRequest(UUID leadId, @NotNull @Valid LeadInput lead,
                        @Size(max = 50) List<@NotBlank @Size(max = 1000) String> facts) {
    }

    /**
     * Body of {@code PATCH /api/v1/outreach/drafts/{id}}; absent fields stay.
     *
     * @param toEmail recipient
     * @param subject subject
     * @param body plain-text body
     */
    record EditRequest(@Email @Size(max = 320) String toEmail, @Size(min = 1, max = 300) String subject,
                       @Size(min = 1, max = 50_000) String body) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('outreach:write')")
    @Operation(summary = "Draft a first-touch e-mail for a lead with the SDK's outreach agent (stored for review)")
    OutreachDrafts.Draft draft(@Valid @RequestBody DraftRequest body) {
        CurrentUser user = PlatformAuthentication.require();
        Lead lead = body.lead().toLead();
        if (lead.email() == null) {
            throw PlatformException.badRequest("lead.email is required: it is the recipient of the e-mail");
        }
        List<ResearchFact> facts = memory.rememberAndRecall(user.tenantId(), lead,
                body.facts() == null ? List.of() : body.facts(), "user:" + user.id());
        LeadResearch research = new LeadResearch(facts, null, null, List.of());
        LeadScore score = agents.scorer().score(lead, research);
        OutreachDraft d = agents.outreach().draft(lead, research, score);
        OutreachDrafts.Draft stored = drafts.create(user.tenantId(), user.id(), body.leadId(), lead.email(),
                d.subject(), d.body(), d.method().id(), d.model(), null);
        audit.record("outreach.draft", "outreach_draft", stored.id(), Map.of("method", d.method().id()));
        return stored;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('outreach:read')")
    @Operation(summary = "The drafts visible to the caller, newest first (filters lead_id, status; cursor paging)")
    Page<OutreachDrafts.Draft> list(@RequestParam(required = false) UUID leadId,
                                    @RequestParam(required = false) @Pattern(regexp = "draft|sending|sent|failed")
                                    String status,
                                    @RequestParam(required = false) String cursor,
                                    @RequestParam(required = false) Integer limit) {
        int size = Page.limit(limit);
        List<OutreachDrafts.Draft> rows = drafts.list(PlatformAuthentication.require(), leadId, status,
                Cursors.decode(cursor), size + 1);
        String next = rows.size() > size ? Cursors.encode(rows.get(size - 1).createdAt(), rows.get(size - 1).id())
                : null;
        return new Page<>(rows.stream().limit(size).toList(), next);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('outreach:read')")
    @Operation(summary = "A draft")
    OutreachDrafts.Draft get(@PathVariable UUID id) {
        return drafts.get(PlatformAuthentication.require(), id);
    }

    @PatchMapping("/{id}")
    @PreAuthorize("hasAuthority('outreach:write')")
    @Operation(summary = "Edit a draft that was not sent yet (409 once sent)")
    OutreachDrafts.Draft edit(@PathVariable UUID id, @Valid @RequestBody EditRequest body) {
        OutreachDrafts.Draft d = drafts.edit(PlatformAuthentication.require(), id, body.toEmail(), body.subject(),
                body.body());
        audit.record("outreach.edit", "outreach_draft", id, Map.of());
        return d;
    }

    @PostMapping("/{id}/approve")
    @PreAuthorize("hasAuthority('outreach:write')")
    @Operation(summary = "Approve and send a draft over SMTP, logged as a note in the tenant's CRM",
            description = "Sent exactly once: approving again answers the sent draft without a second e-mail. "
                    + "503 mail-not-configured without SMTP, 502 mail-failed when the SMTP server refuses.")
    OutreachDrafts.Draft approve(@PathVariable UUID id) {
        return sender.approve(PlatformAuthentication.require(), id);
    }

    @GetMapping("/{id}/follow-ups")
    @PreAuthorize("hasAuthority('outreach:read')")
    @Operation(summary = "The follow-up touches scheduled when the draft was sent (due time, channel, status)")
    List<FollowUps.Touch> followUps(@PathVariable UUID id) {
        return followUps.list(PlatformAuthentication.require(), id);
    }

    @DeleteMapping("/{id}/follow-ups")
    @PreAuthorize("hasAuthority('outreach:write')")
    @Operation(summary = "Cancel the draft's pending follow-up touches (the lead replied, bounced or dropped out)")
    List<FollowUps.Touch> cancelFollowUps(@PathVariable UUID id) {
        List<FollowUps.Touch> touches = followUps.cancel(PlatformAuthentication.require(), id);
        audit.record("outreach.follow_ups_cancelled", "outreach_draft", id, Map.of());
        return touches;
    }
}
