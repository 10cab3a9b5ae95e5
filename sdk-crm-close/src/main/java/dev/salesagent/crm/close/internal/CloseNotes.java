package dev.salesagent.crm.close.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.CrmValidationException.FieldError;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.Note;
import dev.salesagent.crm.NoteOperations;
import dev.salesagent.crm.NoteTarget;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.close.CloseConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Notes are Close note activities (<a href="https://developer.close.com/api/resources/activities/notes">Notes</a>):
 * {@code POST /activity/note/} with {@code lead_id} (required) and, on a contact, {@code contact_id}; listed with
 * {@code GET /activity/note/?lead_id=} or {@code ?contact_id=}. Close notes belong to a lead and optionally a contact,
 * never to an opportunity: an opportunity target is refused with {@link CrmValidationException}. The body is sent as
 * plain-text {@code note} (Close derives {@code note_html}).
 */
public final class CloseNotes implements NoteOperations {

    private final CloseApi api;

    /** @param api the shared calls */
    public CloseNotes(CloseApi api) {
        this.api = api;
    }

    @Override
    public Note create(NoteTarget target, String body) {
        Objects.requireNonNull(target, "target");
        if (body == null || body.isBlank()) {
            throw invalid("body", "REQUIRED", "note body must not be blank");
        }
        ObjectNode json = api.object();
        switch (target.type()) {
            case CONTACT -> {
                JsonNode contact = api.get("/contact/" + target.id().value() + "/", "notes.target",
                        Map.of("_fields", "id,lead_id"));
                json.put("lead_id", contact.path("lead_id").asText());
                json.put("contact_id", target.id().value());
            }
            case ACCOUNT -> {
                api.get("/lead/" + target.id().value() + "/", "notes.target", Map.of("_fields", "id"));
                json.put("lead_id", target.id().value());
            }
            default -> throw unsupportedTarget();
        }
        json.put("note", body);
        return CloseRecords.note(api.post("/activity/note/", "notes.create", json), target);
    }

    @Override
    public Page<Note> list(NoteTarget target, PageRequest page) {
        Objects.requireNonNull(target, "target");
        Map<String, Object> query = new LinkedHashMap<>();
        switch (target.type()) {
            case CONTACT -> query.put("contact_id", target.id().value());
            case ACCOUNT -> query.put("lead_id", target.id().value());
            default -> throw unsupportedTarget();
        }
        int skip = page.cursor() == null ? 0 : Integer.parseInt(page.cursor());
        int limit = Math.min(page.size(), CloseApi.LIST_MAX_LIMIT);
        query.put("_skip", skip);
        query.put("_limit", limit);
        JsonNode body = api.get("/activity/note/", "notes.list", query);
        List<Note> items = new ArrayList<>();
        body.path("data").forEach(n -> items.add(CloseRecords.note(n, target)));
        boolean more = body.path("has_more").asBoolean(false);
        return new Page<>(items, more ? Integer.toString(skip + items.size()) : null);
    }

    private static CrmValidationException unsupportedTarget() {
        return invalid("target", "UNSUPPORTED_TARGET",
                "Close notes attach to leads (accounts) and contacts, not to opportunities");
    }

    private static CrmValidationException invalid(String field, String code, String message) {
        return new CrmValidationException(message, ErrorDetails.of(CloseConfig.PROVIDER_ID),
                List.of(new FieldError(field, code, message)));
    }
}
