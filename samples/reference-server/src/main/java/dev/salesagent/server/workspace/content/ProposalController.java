package dev.salesagent.server.workspace.content;

import dev.salesagent.server.platform.security.PlatformAuthentication;
import dev.salesagent.server.platform.web.Cursors;
import dev.salesagent.server.platform.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Proposals: generate (rate-limited class {@code proposals}), regenerate, edit, versions, Markdown and PDF download. */
@RestController
@RequestMapping("/api/v1/proposals")
@Tag(name = "Proposals")
class ProposalController {

    private final Proposals proposals;
    private final ContentStore store;
    private final MarkdownPdf pdf;

    ProposalController(Proposals proposals, ContentStore store, MarkdownPdf pdf) {
        this.proposals = proposals;
        this.store = store;
        this.pdf = pdf;
    }

    /**
     * Body of {@code POST /api/v1/proposals/generate}.
     *
     * @param leadId the workspace lead it is for, if any
     * @param lead the buyer's data
     * @param dealSizeUsd total contract value, USD
     * @param termMonths contract term in months, 1-120
     * @param startDate planned kick-off date
     * @param facts research facts about the account, used as stated
     */
    record GenerateRequest(UUID leadId, @NotNull @Valid LeadInput lead,
                           @NotNull @DecimalMin(value = "0", inclusive = false) BigDecimal dealSizeUsd,
                           @Min(1) @Max(120) int termMonths, @NotNull LocalDate startDate,
                           @Size(max = 50) List<@NotBlank @Size(max = 1000) String> facts) {
    }

    /**
     * Body of {@code PATCH /api/v1/proposals/{id}}: the edited text becomes a new version.
     *
     * @param title new title, or null to keep it
     * @param markdown the full edited Markdown
     */
    record EditRequest(@Size(max = 300) String title, @NotBlank @Size(max = 200_000) String markdown) {
    }

    /**
     * A proposal with one version's text.
     *
     * @param id proposal id
     * @param leadId workspace lead, if any
     * @param title title
     * @param markdown the version's Markdown
     * @param method rules, model or manual
     * @param model model that wrote it, if any
     * @param version the version shown
     * @param currentVersion the newest version
     * @param createdBy creator's user id
     * @param createdAt creation time
     * @param updatedAt time of the newest version
     */
    record ProposalView(UUID id, UUID leadId, String title, String markdown, String method, String model, int version,
                        int currentVersion, UUID createdBy, Instant createdAt, Instant updatedAt) {
        static ProposalView of(ContentStore.Item i) {
            return new ProposalView(i.id(), i.leadId(), i.body().title(), i.body().markdown(), i.body().method(),
                    i.body().model(), i.version(), i.currentVersion(), i.createdBy(), i.createdAt(), i.updatedAt());
        }
    }

    @PostMapping("/generate")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('proposals:write')")
    @Operation(summary = "Generate and store a proposal (10/min per user)",
            description = "Lead data in the body; method is model when a model is configured, rules otherwise. "
                    + "402 budget-exceeded when a hard budget refuses the model call.")
    ProposalView generate(@Valid @RequestBody GenerateRequest body) {
        return ProposalView.of(proposals.generate(PlatformAuthentication.require(), new Proposals.Request(
                body.leadId(), body.lead(), body.dealSizeUsd(), body.termMonths(), body.startDate(), body.facts())));
    }

    @GetMapping
    @PreAuthorize("hasAuthority('proposals:read')")
    @Operation(summary = "The proposals visible to the caller, newest first (cursor paging)")
    Page<ProposalView> list(@RequestParam(required = false) UUID leadId, @RequestParam(required = false) String cursor,
                            @RequestParam(required = false) Integer limit) {
        int size = Page.limit(limit);
        return ContentViews.page(store.list(PlatformAuthentication.require(), ContentStore.Kind.PROPOSAL, leadId,
                Cursors.decode(cursor), size + 1), size, ProposalView::of);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('proposals:read')")
    @Operation(summary = "A proposal with its newest version, or ?version=n")
    ProposalView get(@PathVariable UUID id, @RequestParam(required = false) Integer version) {
        return ProposalView.of(store.get(PlatformAuthentication.require(), ContentStore.Kind.PROPOSAL, id, version));
    }

    @GetMapping("/{id}/versions")
    @PreAuthorize("hasAuthority('proposals:read')")
    @Operation(summary = "Every version of a proposal, oldest first")
    List<ContentViews.VersionInfo> versions(@PathVariable UUID id) {
        return store.versions(PlatformAuthentication.require(), ContentStore.Kind.PROPOSAL, id).stream()
                .map(ContentViews.VersionInfo::of).toList();
    }

    @PostMapping("/{id}/regenerate")
    @PreAuthorize("hasAuthority('proposals:write')")
    @Operation(summary = "Generate a new version from the stored request (10/min per user)")
    ProposalView regenerate(@PathVariable UUID id) {
        return ProposalView.of(proposals.regenerate(PlatformAuthentication.require(), id));
    }

    @PatchMapping("/{id}")
    @PreAuthorize("hasAuthority('proposals:write')")
    @Operation(summary = "Store an edited text as a new version")
    ProposalView edit(@PathVariable UUID id, @Valid @RequestBody EditRequest body) {
        return ProposalView.of(proposals.edit(PlatformAuthentication.require(), id, body.title(), body.markdown()));
    }

    @GetMapping("/{id}/markdown")
    @PreAuthorize("hasAuthority('proposals:read')")
    @Operation(summary = "Download a version as Markdown (text/markdown)")
    ResponseEntity<byte[]> markdown(@PathVariable UUID id, @RequestParam(required = false) Integer version) {
        ContentStore.Item item = store.get(PlatformAuthentication.require(), ContentStore.Kind.PROPOSAL, id, version);
        return download(item, "md", MediaType.parseMediaType("text/markdown;charset=UTF-8"),
                item.body().markdown().getBytes(StandardCharsets.UTF_8));
    }

    @GetMapping("/{id}/pdf")
    @PreAuthorize("hasAuthority('proposals:read')")
    @Operation(summary = "Download a version as PDF (A4, rendered from the Markdown)")
    ResponseEntity<byte[]> pdf(@PathVariable UUID id, @RequestParam(required = false) Integer version) {
        ContentStore.Item item = store.get(PlatformAuthentication.require(), ContentStore.Kind.PROPOSAL, id, version);
        return download(item, "pdf", MediaType.APPLICATION_PDF, pdf.render(item.body().title(), item.body().markdown()));
    }

    private static ResponseEntity<byte[]> download(ContentStore.Item item, String extension, MediaType type,
                                                   byte[] content) {
        String name = "proposal-" + item.id() + "-v" + item.version() + "." + extension;
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(content);
    }
}
