package dev.salesagent.server.workspace.lead;

import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.server.platform.security.PlatformAuthentication;
import dev.salesagent.server.platform.web.Cursors;
import dev.salesagent.server.platform.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
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

/** The tenant's leads: create, read, change, delete, list with filters. */
@RestController
@RequestMapping("/api/v1/leads")
@Tag(name = "Leads", description = "The tenant's leads (sales workspace)")
class LeadController {

    private final LeadService service;

    LeadController(LeadService service) {
        this.service = service;
    }

    /** A lead as the API shows it. */
    record LeadView(UUID id, String company, String domain, String website, String firstName, String lastName,
                    String email, String title, String phone, String industry, Long employees, String country,
                    String notes, String status, String source, UUID ownerId, UUID importId, Integer score,
                    String grade, String scoreMethod, String scoreModel, Map<String, Object> breakdown,
                    List<String> reasons, Instant scoredAt, Instant createdAt, Instant updatedAt) {
        static LeadView of(LeadRecord r) {
            Lead l = r.lead();
            LeadRecord.Score s = r.score();
            return new LeadView(r.id(), l.company(), l.domain(), l.website(), l.firstName(), l.lastName(), l.email(),
                    l.title(), l.phone(), l.industry(), l.employees(), l.country(), l.notes(), r.status(), r.source(),
                    r.ownerId(), r.importId(), s == null ? null : s.overall(), s == null ? null : s.grade(),
                    s == null ? null : s.method(), s == null ? null : s.model(), s == null ? null : s.breakdown(),
                    s == null ? null : s.reasons(), s == null ? null : s.scoredAt(), r.createdAt(), r.updatedAt());
        }
    }

    /** Body of {@code POST /api/v1/leads} and {@code PATCH /api/v1/leads/{id}} (absent fields stay on PATCH). */
    record LeadBody(@Size(max = 300) String company, @Size(max = 253) String domain, @Size(max = 2000) String website,
                    @Size(max = 200) String firstName, @Size(max = 200) String lastName,
                    @Size(max = 254) String email, @Size(max = 300) String title, @Size(max = 100) String phone,
                    @Size(max = 200) String industry, @Min(0) Long employees, @Size(max = 100) String country,
                    @Size(max = 10_000) String notes, String status, UUID ownerId, @Size(max = 50) String source) {
        LeadService.Changes changes(boolean patch) {
            boolean anyField = company != null || domain != null || website != null || firstName != null
                    || lastName != null || email != null || title != null || phone != null || industry != null
                    || employees != null || country != null || notes != null;
            Lead lead = patch && !anyField ? null : Lead.builder().company(company).domain(domain).website(website)
                    .firstName(firstName).lastName(lastName).email(email).title(title).phone(phone)
                    .industry(industry).employees(employees).country(country).notes(notes).build();
            return new LeadService.Changes(lead, status, ownerId, source);
        }
    }

    @GetMapping
    @PreAuthorize("hasAuthority('leads:read')")
    @Operation(summary = "List leads", description = "Filters: grade (a-d), min_score/max_score (0-100), status, "
            + "owner_id, source, created_since/updated_since (ISO-8601 instants), q (company, name or e-mail). "
            + "Sales reps see their own leads, managers their territory's. Cursor paging, limit 1-100 (default 50).")
    Page<LeadView> list(@RequestParam(required = false) String grade,
                        @RequestParam(name = "min_score", required = false) @Min(0) @Max(100) Integer minScore,
                        @RequestParam(name = "max_score", required = false) @Min(0) @Max(100) Integer maxScore,
                        @RequestParam(required = false) String status,
                        @RequestParam(name = "owner_id", required = false) UUID ownerId,
                        @RequestParam(required = false) String source,
                        @RequestParam(name = "created_since", required = false)
                        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant createdSince,
                        @RequestParam(name = "updated_since", required = false)
                        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant updatedSince,
                        @RequestParam(required = false) String q,
                        @RequestParam(required = false) String cursor,
                        @RequestParam(required = false) Integer limit) {
        int size = Page.limit(limit);
        LeadStore.Filter filter = new LeadStore.Filter(grade == null ? null : grade.toLowerCase(Locale.ROOT),
                minScore, maxScore, status, ownerId, source, createdSince, updatedSince, q);
        List<LeadRecord> rows = service.list(PlatformAuthentication.require(), filter, cursor, size + 1);
        String next = rows.size() > size ? Cursors.encode(rows.get(size - 1).createdAt(), rows.get(size - 1).id()) : null;
        return new Page<>(rows.stream().limit(size).map(LeadView::of).toList(), next);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('leads:write')")
    @Operation(summary = "Create a lead", description = "Needs an e-mail, or a company with a domain or website. "
            + "409 when the tenant has a lead with the same e-mail (case-insensitive) or, without e-mail, domain.")
    LeadView create(@Valid @RequestBody LeadBody body) {
        return LeadView.of(service.create(PlatformAuthentication.require(), body.changes(false)));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('leads:read')")
    @Operation(summary = "Get a lead")
    LeadView get(@PathVariable UUID id) {
        return LeadView.of(service.get(PlatformAuthentication.require(), id));
    }

    @PatchMapping("/{id}")
    @PreAuthorize("hasAuthority('leads:write')")
    @Operation(summary = "Change a lead", description = "Absent fields stay.")
    LeadView update(@PathVariable UUID id, @Valid @RequestBody LeadBody body) {
        return LeadView.of(service.update(PlatformAuthentication.require(), id, body.changes(true)));
    }

    @PostMapping("/{id}/score")
    @PreAuthorize("hasAuthority('leads:write')")
    @Operation(summary = "Score a lead now", description = "BANT breakdown (budget, authority, need, timeline), "
            + "overall 0-100, grade a-d, reasons and method (model when configured, else rules); stored on the lead. "
            + "Rate limit class lead-scoring (10 per minute per user).")
    LeadView score(@PathVariable UUID id) {
        return LeadView.of(service.score(PlatformAuthentication.require(), id));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('leads:write')")
    @Operation(summary = "Delete a lead")
    void delete(@PathVariable UUID id) {
        service.delete(PlatformAuthentication.require(), id);
    }
}
