package dev.salesagent.crm.pipedrive.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.Note;
import dev.salesagent.crm.NoteOperations;
import dev.salesagent.crm.NoteTarget;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.http.CrmRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Notes through API v1 (v2 has no notes; <a href="https://developers.pipedrive.com/docs/api/v1/Notes">Notes</a>,
 * {@code pipedrive/client-nodejs} {@code src/versions/v1/api/notes-api.ts}): {@code POST /api/v1/notes}
 * ({@code content} plus one of {@code person_id}, {@code org_id}, {@code deal_id}) and
 * {@code GET /api/v1/notes?person_id=..&start=..&limit=..&sort=add_time ASC} with offset paging
 * ({@code additional_data.pagination.more_items_in_collection}/{@code next_start}); v1 times are UTC
 * {@code YYYY-MM-DD HH:MM:SS}.
 */
public final class PipedriveNotes implements NoteOperations {

    private final PipedriveApi api;

    /** @param api shared HTTP and envelope handling */
    public PipedriveNotes(PipedriveApi api) {
        this.api = api;
    }

    @Override
    public Note create(NoteTarget target, String body) {
        if (body == null || body.isBlank()) {
            throw new CrmValidationException("a note needs content", ErrorDetails.of(PipedriveApi.ID),
                    List.of(new CrmValidationException.FieldError("body", "REQUIRED", "empty")));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("content", body);
        json.put(targetField(target), Long.parseLong(PipedriveApi.checkId(target.id().value(), "target")));
        return toNote(api.data(CrmRequest.post("/api/v1/notes").jsonBody(json).operation("notes.create").build()));
    }

    @Override
    public Page<Note> list(NoteTarget target, PageRequest page) {
        JsonNode env = api.envelope(CrmRequest.get("/api/v1/notes")
                .query(targetField(target), PipedriveApi.checkId(target.id().value(), "target"))
                .query("start", page.cursor() == null ? "0" : page.cursor())
                .query("limit", Math.min(page.size(), PipedriveApi.MAX_PAGE)).query("sort", "add_time ASC")
                .operation("notes.list").build());
        List<Note> items = new ArrayList<>();
        env.path("data").forEach(n -> items.add(toNote(n)));
        JsonNode p = env.path("additional_data").path("pagination");
        String next = p.path("more_items_in_collection").asBoolean(false) ? p.path("next_start").asText(null) : null;
        return new Page<>(items, next);
    }

    private static String targetField(NoteTarget target) {
        return switch (target.type()) {
            case CONTACT -> "person_id";
            case ACCOUNT -> "org_id";
            case OPPORTUNITY -> "deal_id";
        };
    }

    static Note toNote(JsonNode n) {
        NoteTarget target;
        if (!n.path("deal_id").isNull() && !n.path("deal_id").isMissingNode()) {
            target = NoteTarget.opportunity(PipedriveApi.id(n.get("deal_id")));
        } else if (!n.path("person_id").isNull() && !n.path("person_id").isMissingNode()) {
            target = NoteTarget.contact(PipedriveApi.id(n.get("person_id")));
        } else {
            target = NoteTarget.account(PipedriveApi.id(n.get("org_id")));
        }
        return Note.builder().id(PipedriveApi.id(n.get("id"))).target(target).body(PipedriveApi.text(n, "content"))
                .timestamp(PipedriveApi.time(n.get("add_time"))).createdAt(PipedriveApi.time(n.get("add_time"))).build();
    }
}
