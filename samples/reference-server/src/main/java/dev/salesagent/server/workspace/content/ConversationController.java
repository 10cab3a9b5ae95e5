package dev.salesagent.server.workspace.content;

import dev.salesagent.agents.sales.SalesAgents;
import dev.salesagent.agents.sales.conversation.ConversationAnalysis;
import dev.salesagent.agents.sales.conversation.Transcript;
import dev.salesagent.server.platform.audit.AuditTrail;
import dev.salesagent.server.platform.security.CurrentUser;
import dev.salesagent.server.platform.security.PlatformAuthentication;
import dev.salesagent.server.platform.web.Cursors;
import dev.salesagent.server.platform.web.Page;
import dev.salesagent.server.platform.web.PlatformException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Conversation analysis: a call, e-mail thread or meeting transcript analysed by the SDK and stored with the result. */
@RestController
@RequestMapping("/api/v1/conversations")
@Tag(name = "Conversations")
class ConversationController {

    private final SalesAgents agents;
    private final ContentStore store;
    private final AuditTrail audit;
    private final JsonMapper json;

    ConversationController(SalesAgents agents, ContentStore store, AuditTrail audit, JsonMapper json) {
        this.agents = agents;
        this.store = store;
        this.audit = audit;
        this.json = json;
    }

    /**
     * Body of {@code POST /api/v1/conversations/analyze}.
     *
     * @param kind call, email or meeting
     * @param transcript {@code Speaker: text} lines (timestamps such as {@code [00:12]} allowed)
     * @param title a title for the list, default the kind and speakers
     * @param leadId the workspace lead it is about, if any
     */
    record AnalyzeRequest(@NotBlank @Pattern(regexp = "call|email|meeting") String kind,
                          @NotBlank @Size(max = 200_000) String transcript, @Size(max = 300) String title,
                          UUID leadId) {
    }

    /**
     * A stored conversation with its analysis.
     *
     * @param id conversation id
     * @param leadId workspace lead, if any
     * @param title title
     * @param kind call, email or meeting
     * @param transcript the transcript as given
     * @param analysis sentiment, topics, objections, next actions, talk time, questions
     * @param method rules or model
     * @param model model that analysed it, if any
     * @param createdBy who submitted it
     * @param createdAt when
     */
    record ConversationView(UUID id, UUID leadId, String title, String kind, String transcript,
                            Map<String, Object> analysis, String method, String model, UUID createdBy,
                            Instant createdAt) {
    }

    @PostMapping("/analyze")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('conversations:write')")
    @Operation(summary = "Analyse a transcript and store it with the analysis (20/min per user)")
    ConversationView analyze(@Valid @RequestBody AnalyzeRequest body) {
        CurrentUser user = PlatformAuthentication.require();
        Transcript transcript;
        try {
            transcript = Transcript.parse(Transcript.Kind.valueOf(body.kind().toUpperCase(Locale.ROOT)),
                    body.transcript());
        } catch (IllegalArgumentException e) {
            throw PlatformException.badRequest("transcript: " + e.getMessage());
        }
        ConversationAnalysis analysis = agents.conversations().analyze(transcript);
        String title = body.title() != null && !body.title().isBlank() ? body.title().strip()
                : body.kind() + " with " + String.join(", ", transcript.speakers());
        ContentStore.Item item = store.create(user, ContentStore.Kind.CONVERSATION, body.leadId(),
                json.writeValueAsString(body), new ContentStore.Body(title.length() > 300 ? title.substring(0, 300)
                        : title, null, json.writeValueAsString(analysis), analysis.method().id(), analysis.model()));
        audit.record("conversation.analyze", "conversation", item.id(), Map.of("method", analysis.method().id()));
        return view(item);
    }

    @GetMapping
    @PreAuthorize("hasAuthority('conversations:read')")
    @Operation(summary = "The conversations visible to the caller, newest first (cursor paging, filter lead_id)")
    Page<ConversationView> list(@RequestParam(required = false) UUID leadId,
                                @RequestParam(required = false) String cursor,
                                @RequestParam(required = false) Integer limit) {
        int size = Page.limit(limit);
        return ContentViews.page(store.list(PlatformAuthentication.require(), ContentStore.Kind.CONVERSATION, leadId,
                Cursors.decode(cursor), size + 1), size, this::view);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('conversations:read')")
    @Operation(summary = "A conversation with its analysis")
    ConversationView get(@PathVariable UUID id) {
        return view(store.get(PlatformAuthentication.require(), ContentStore.Kind.CONVERSATION, id, null));
    }

    @SuppressWarnings("unchecked")
    private ConversationView view(ContentStore.Item i) {
        Map<String, Object> request = json.readValue(i.requestJson(), Map.class);
        Map<String, Object> analysis = new java.util.LinkedHashMap<>(json.readValue(i.body().dataJson(), Map.class));
        analysis.remove("method");
        analysis.remove("model");
        return new ConversationView(i.id(), i.leadId(), i.body().title(), (String) request.get("kind"),
                (String) request.get("transcript"), analysis, i.body().method(), i.body().model(), i.createdBy(),
                i.createdAt());
    }
}
