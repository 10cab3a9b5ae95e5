package dev.salesagent.crm.freshsales;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.Note;
import dev.salesagent.crm.NoteOperations;
import dev.salesagent.crm.NoteTarget;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.http.CrmRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Notes ({@code POST /notes} with {@code {"note":{"description":..,"targetable_type":"Contact"|"SalesAccount"|"Deal",
 * "targetable_id":..}}}). Freshsales has no note list endpoint: {@link #list} reads the target with
 * {@code ?include=notes} ({@code GET /contacts/<id>?include=notes} and likewise for sales accounts and deals) and
 * returns its side-loaded {@code notes}, oldest first, in one page. An unknown target is
 * {@link dev.salesagent.crm.CrmNotFoundException} (Freshsales answers 404).
 *
 * @see <a href="https://developers.freshworks.com/crm/api/#notes">Notes</a>
 */
final class FreshsalesNotes implements NoteOperations {

    private final FreshsalesApi api;

    FreshsalesNotes(FreshsalesApi api) {
        this.api = api;
    }

    static String targetableType(NoteTarget.Type type) {
        return switch (type) {
            case CONTACT -> "Contact";
            case ACCOUNT -> "SalesAccount";
            case OPPORTUNITY -> "Deal";
        };
    }

    private static String collection(NoteTarget.Type type) {
        return switch (type) {
            case CONTACT -> "contacts";
            case ACCOUNT -> "sales_accounts";
            case OPPORTUNITY -> "deals";
        };
    }

    Note fromJson(JsonNode n, NoteTarget target) {
        return Note.builder().id(api.id(n.path("id"))).target(target).body(FreshsalesApi.text(n, "description"))
                .timestamp(FreshsalesApi.instant(n, "created_at")).createdAt(FreshsalesApi.instant(n, "created_at"))
                .build();
    }

    @Override
    public Note create(NoteTarget target, String body) {
        if (body == null || body.isBlank()) {
            throw new CrmValidationException("note body is blank", api.details(),
                    List.of(new CrmValidationException.FieldError("body", "REQUIRED", "note body is blank")));
        }
        String id = api.checkedId(target.id().value(), "target");
        ObjectNode note = api.json.createObjectNode().put("description", body)
                .put("targetable_type", targetableType(target.type())).put("targetable_id", Long.parseLong(id));
        ObjectNode root = api.json.createObjectNode();
        root.set("note", note);
        return fromJson(api.http.execute(CrmRequest.post("/notes").jsonBody(root).operation("notes.create").build())
                .json().path("note"), target);
    }

    @Override
    public Page<Note> list(NoteTarget target, PageRequest page) {
        String id = api.checkedId(target.id().value(), "target");
        JsonNode root = api.http.execute(CrmRequest.get("/" + collection(target.type()) + "/" + id)
                .query("include", "notes").operation("notes.list").build()).json();
        List<Note> notes = new ArrayList<>();
        root.path("notes").forEach(n -> notes.add(fromJson(n, target)));
        notes.sort(Comparator.comparing(Note::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(n -> Long.parseLong(n.id().value())));
        return Page.last(notes);
    }
}
