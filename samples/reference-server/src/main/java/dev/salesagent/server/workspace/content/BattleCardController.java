package dev.salesagent.server.workspace.content;

import dev.salesagent.agents.sales.SalesAgents;
import dev.salesagent.agents.sales.battlecard.BattleCard;
import dev.salesagent.server.platform.audit.AuditTrail;
import dev.salesagent.server.platform.security.CurrentUser;
import dev.salesagent.server.platform.security.PlatformAuthentication;
import dev.salesagent.server.platform.web.Cursors;
import dev.salesagent.server.platform.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
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
import tools.jackson.databind.json.JsonMapper;

/** Battle cards: generated for a competitor by the SDK's battle card writer, stored, edited (each edit a version). */
@RestController
@RequestMapping("/api/v1/battlecards")
@Tag(name = "Battle cards")
class BattleCardController {

    private final SalesAgents agents;
    private final ContentStore store;
    private final AuditTrail audit;
    private final JsonMapper json;

    BattleCardController(SalesAgents agents, ContentStore store, AuditTrail audit, JsonMapper json) {
        this.agents = agents;
        this.store = store;
        this.audit = audit;
        this.json = json;
    }

    /**
     * Body of {@code POST /api/v1/battlecards}.
     *
     * @param competitor the competitor's name
     * @param sourceNotes notes about the competitor (win/loss notes, pricing pages, reviews), used as data
     */
    record GenerateRequest(@NotBlank @Size(max = 200) String competitor,
                           @Size(max = 50) List<@NotBlank @Size(max = 2000) String> sourceNotes) {
    }

    /**
     * Body of {@code PATCH /api/v1/battlecards/{id}}: the whole edited card.
     *
     * @param ourStrengths where we win
     * @param theirWeaknesses where they lose
     * @param pricingComparison pricing points
     * @param differentiators differentiators
     * @param objections objections with responses
     */
    record EditRequest(@NotNull @Size(max = 30) List<@NotBlank String> ourStrengths,
                       @NotNull @Size(max = 30) List<@NotBlank String> theirWeaknesses,
                       @NotNull @Size(max = 30) List<@NotBlank String> pricingComparison,
                       @NotNull @Size(max = 30) List<@NotBlank String> differentiators,
                       @NotNull @Size(max = 30) List<@Valid @NotNull Objection> objections) {
    }

    /**
     * One objection and the answer to it.
     *
     * @param objection what the buyer says
     * @param response what to answer
     */
    record Objection(@NotBlank @Size(max = 1000) String objection, @NotBlank @Size(max = 2000) String response) {
    }

    /**
     * A battle card with one version.
     *
     * @param id card id
     * @param competitor competitor
     * @param card the card (strengths, weaknesses, pricing, differentiators, objections)
     * @param method rules, model or manual
     * @param model model that wrote it, if any
     * @param version version shown
     * @param currentVersion newest version
     * @param createdBy creator
     * @param createdAt creation time
     * @param updatedAt time of the newest version
     */
    record BattleCardView(UUID id, String competitor, Map<String, Object> card, String method, String model,
                          int version, int currentVersion, UUID createdBy, Instant createdAt, Instant updatedAt) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('battlecards:write')")
    @Operation(summary = "Generate and store a battle card for a competitor")
    BattleCardView generate(@Valid @RequestBody GenerateRequest body) {
        CurrentUser user = PlatformAuthentication.require();
        BattleCard card = agents.battleCards().write(body.competitor().strip(),
                body.sourceNotes() == null ? List.of() : body.sourceNotes());
        ContentStore.Item item = store.create(user, ContentStore.Kind.BATTLE_CARD, null, json.writeValueAsString(body),
                new ContentStore.Body(card.competitor(), null, json.writeValueAsString(card), card.method().id(),
                        card.model()));
        audit.record("battlecard.generate", "battle_card", item.id(), Map.of("method", card.method().id()));
        return view(item);
    }

    @GetMapping
    @PreAuthorize("hasAuthority('battlecards:read')")
    @Operation(summary = "The battle cards visible to the caller, newest first (cursor paging)")
    Page<BattleCardView> list(@RequestParam(required = false) String cursor,
                              @RequestParam(required = false) Integer limit) {
        int size = Page.limit(limit);
        return ContentViews.page(store.list(PlatformAuthentication.require(), ContentStore.Kind.BATTLE_CARD, null,
                Cursors.decode(cursor), size + 1), size, this::view);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('battlecards:read')")
    @Operation(summary = "A battle card with its newest version, or ?version=n")
    BattleCardView get(@PathVariable UUID id, @RequestParam(required = false) Integer version) {
        return view(store.get(PlatformAuthentication.require(), ContentStore.Kind.BATTLE_CARD, id, version));
    }

    @GetMapping("/{id}/versions")
    @PreAuthorize("hasAuthority('battlecards:read')")
    @Operation(summary = "Every version of a battle card, oldest first")
    List<ContentViews.VersionInfo> versions(@PathVariable UUID id) {
        return store.versions(PlatformAuthentication.require(), ContentStore.Kind.BATTLE_CARD, id).stream()
                .map(ContentViews.VersionInfo::of).toList();
    }

    @PatchMapping("/{id}")
    @PreAuthorize("hasAuthority('battlecards:write')")
    @Operation(summary = "Store an edited card as a new version")
    BattleCardView edit(@PathVariable UUID id, @Valid @RequestBody EditRequest body) {
        CurrentUser user = PlatformAuthentication.require();
        ContentStore.Item current = store.get(user, ContentStore.Kind.BATTLE_CARD, id, null);
        // the edit has the card's shape (our_strengths, ..., objections[{objection, response}])
        Map<String, Object> data = cardData(json.writeValueAsString(body));
        ContentStore.Item item = store.addVersion(user, ContentStore.Kind.BATTLE_CARD, id, new ContentStore.Body(
                current.body().title(), null, json.writeValueAsString(data), "manual", null));
        audit.record("battlecard.edit", "battle_card", id, Map.of("version", item.version()));
        return view(item);
    }

    private BattleCardView view(ContentStore.Item i) {
        return new BattleCardView(i.id(), i.body().title(), cardData(i.body().dataJson()), i.body().method(),
                i.body().model(), i.version(), i.currentVersion(), i.createdBy(), i.createdAt(), i.updatedAt());
    }

    /** The card's content without its method and model (those are the version's). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> cardData(String dataJson) {
        Map<String, Object> data = new java.util.LinkedHashMap<>(json.readValue(dataJson, Map.class));
        data.remove("method");
        data.remove("model");
        data.remove("competitor");
        return data;
    }
}
