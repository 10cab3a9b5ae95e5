package dev.salesagent.crm.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.Note;
import dev.salesagent.crm.NoteOperations;
import dev.salesagent.crm.NoteTarget;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import java.util.List;
import java.util.Objects;

/**
 * Notes: {@code POST /crm/v8/Notes} with {@code Parent_Id: {"module": {"api_name": "Contacts"}, "id": ..}}
 * (<a href="https://www.zoho.com/crm/developer/docs/api/v8/create-notes.html">create notes</a>) and the target's
 * related list {@code GET /crm/v8/{Contacts|Accounts|Deals}/{id}/Notes?fields=..}
 * (<a href="https://www.zoho.com/crm/developer/docs/api/v8/get-related-records.html">related records</a>).
 * {@code Note_Title} is the body's first line (at most 120 characters). One request each.
 */
final class ZohoNotes implements NoteOperations {

    private final ZohoApi api;
    private final ZohoMapper mapper;

    ZohoNotes(ZohoApi api) {
        this.api = api;
        this.mapper = new ZohoMapper(api.json, api.config.currency());
    }

    static String module(NoteTarget target) {
        return switch (target.type()) {
            case CONTACT -> "Contacts";
            case ACCOUNT -> "Accounts";
            case OPPORTUNITY -> "Deals";
        };
    }

    @Override
    public Note create(NoteTarget target, String body) {
        Objects.requireNonNull(target, "target");
        if (body == null || body.isBlank()) {
            throw new CrmValidationException("note body is required", ErrorDetails.of(ZohoCrmClientProvider.ID),
                    List.of(new CrmValidationException.FieldError("body", "REQUIRED", "body is required")));
        }
        ObjectNode note = api.json.createObjectNode();
        String title = body.strip().lines().findFirst().orElse("");
        note.put("Note_Title", title.length() > 120 ? title.substring(0, 120) : title);
        note.put("Note_Content", body);
        ObjectNode parent = note.putObject("Parent_Id");
        parent.putObject("module").put("api_name", module(target));
        parent.put("id", target.id().value());
        ZohoApi.Outcome o = api.write("POST", "Notes", null, List.of(note), "notes.create", null).get(0);
        if (!o.ok()) {
            CrmException e = o.error();
            if (e instanceof CrmValidationException v
                    && v.fieldErrors().stream().anyMatch(f -> "target".equals(f.field()))) {
                throw new CrmNotFoundException("no " + module(target) + " record " + target.id().value()
                        + " to attach the note to: " + e.getMessage(), e.details(), e);
            }
            throw e;
        }
        JsonNode d = o.item().path("details");
        return Note.builder().id(ZohoMapper.id(d)).target(target).body(body)
                .timestamp(ZohoMapper.time(d, "Created_Time")).createdAt(ZohoMapper.time(d, "Created_Time")).build();
    }

    @Override
    public Page<Note> list(NoteTarget target, PageRequest page) {
        Objects.requireNonNull(target, "target");
        Page<JsonNode> p = api.related(module(target), target.id().value(), "Notes", ZohoMapper.NOTE_FIELDS, page,
                "notes.list");
        return new Page<>(p.items().stream().map(n -> mapper.note(n, target)).toList(), p.nextCursor());
    }
}
