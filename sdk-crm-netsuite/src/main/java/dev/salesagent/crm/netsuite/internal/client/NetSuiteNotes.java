package dev.salesagent.crm.netsuite.internal.client;

import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.Note;
import dev.salesagent.crm.NoteOperations;
import dev.salesagent.crm.NoteTarget;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.netsuite.NetSuiteConfig.NoteActivity;
import dev.salesagent.crm.netsuite.internal.mapper.ActivityMapper;
import dev.salesagent.crm.netsuite.internal.mapper.SuiteQl;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Notes. NetSuite's REST record API has no note record, so a note is a completed {@code phoneCall} (default) or
 * {@code task} activity whose {@code message} is the note body (see {@link ActivityMapper} for the field mapping).
 * Listing returns the activities of that type linked to the target, oldest first.
 */
final class NetSuiteNotes implements NoteOperations {

    private final NetSuiteApi api;
    private final ActivityMapper mapper;
    private final NoteActivity activity;
    private final NetSuiteRecords records;
    private final Clock clock;
    private final ZoneId zone;

    NetSuiteNotes(NetSuiteApi api, ActivityMapper mapper, NoteActivity activity, NetSuiteRecords records, Clock clock,
                  ZoneId zone) {
        this.api = api;
        this.mapper = mapper;
        this.activity = activity;
        this.records = records;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * @throws CrmValidationException for a blank body
     * @throws dev.salesagent.crm.CrmNotFoundException when the target does not exist
     */
    @Override
    public Note create(NoteTarget target, String body) {
        if (body == null || body.isBlank()) {
            throw Errors.invalid(api.providerId(), "body", "REQUIRED", "note body is required");
        }
        records.requireExists(target);
        String id = api.create(activity.recordType(), mapper.body(target, body, LocalDate.now(clock.withZone(zone))),
                "notes.create");
        return api.suiteQlFirst(ActivityMapper.noteSelect(activity.table()) + " AND a.id = " + id + " ORDER BY a.id",
                "notes.get").map(row -> mapper.note(row, target))
                .orElseThrow(() -> new CrmException("note " + id + " vanished after creation"));
    }

    @Override
    public Page<Note> list(NoteTarget target, PageRequest page) {
        records.requireExists(target);
        String id = SuiteQl.id(target.id().value()).orElseThrow();
        String q = ActivityMapper.noteSelect(activity.table()) + " AND a." + ActivityMapper.targetColumn(target.type())
                + " = " + id + " ORDER BY a.createddate, a.id";
        return api.page(q, page, row -> mapper.note(row, target), "notes.list");
    }
}
