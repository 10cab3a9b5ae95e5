package dev.salesagent.crm.salesforce.internal.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.CrmValidationException.FieldError;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.Note;
import dev.salesagent.crm.NoteOperations;
import dev.salesagent.crm.NoteTarget;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.salesforce.internal.mapper.SObjectMapper;
import java.util.List;
import java.util.Objects;

/**
 * Notes as the classic {@code Note} object on a contact, account or opportunity ({@code ParentId})
 * (https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_note.htm):
 * {@code Title} (required, 80 characters) is the body's first line, {@code Body} holds up to 32,000 characters.
 */
final class NotesApi implements NoteOperations {

    static final int MAX_BODY = 32_000;
    static final int MAX_TITLE = 80;

    private final SalesforceRest rest;
    private final SObjectMapper mapper;

    NotesApi(SalesforceRest rest, SObjectMapper mapper) {
        this.rest = rest;
        this.mapper = mapper;
    }

    @Override
    public Note create(NoteTarget target, String body) {
        Objects.requireNonNull(target, "target");
        if (body == null || body.isBlank()) {
            throw invalid("note body must not be blank", "REQUIRED", "blank body");
        }
        if (body.length() > MAX_BODY) {
            throw invalid("note body is too long", "STRING_TOO_LONG",
                    body.length() + " characters; Salesforce Note.Body holds at most " + MAX_BODY);
        }
        rest.requireIdOf(target.id().value(), prefix(target.type()), target.type().name().toLowerCase());
        ObjectNode fields = rest.json().createObjectNode();
        fields.put("ParentId", target.id().value());
        fields.put("Title", title(body));
        fields.put("Body", body);
        String id = rest.create("Note", fields, "notes.create");
        return rest.getById(select(), "Note", id, "notes.read").map(row -> mapper.toNote(row, target))
                .orElseThrow(() -> rest.notFound("note", id));
    }

    static String title(String body) {
        String first = body.strip().lines().findFirst().orElse("").strip();
        return first.length() <= MAX_TITLE ? first : first.substring(0, MAX_TITLE - 1) + "\u2026";
    }

    private CrmValidationException invalid(String message, String code, String detail) {
        return new CrmValidationException(message, ErrorDetails.of(rest.providerId()),
                List.of(new FieldError("body", code, detail)));
    }

    static String prefix(NoteTarget.Type type) {
        return switch (type) {
            case CONTACT -> "003";
            case ACCOUNT -> "001";
            case OPPORTUNITY -> "006";
        };
    }

    private Soql select() {
        return Soql.select(SObjectMapper.noteFields(), "Note");
    }

    @Override
    public Page<Note> list(NoteTarget target, PageRequest page) {
        Objects.requireNonNull(target, "target");
        rest.requireIdOf(target.id().value(), prefix(target.type()), target.type().name().toLowerCase());
        return rest.page(select().where("ParentId = " + Soql.literal(target.id().value())), "CreatedDate", page,
                "notes.list", row -> mapper.toNote(row, target));
    }
}
