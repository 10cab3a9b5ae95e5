package dev.salesagent.crm.hubspot.internal.client;

import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.CrmValidationException.FieldError;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.Note;
import dev.salesagent.crm.NoteOperations;
import dev.salesagent.crm.NoteTarget;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.hubspot.internal.api.Associations;
import dev.salesagent.crm.hubspot.internal.api.CollectionResponse;
import dev.salesagent.crm.hubspot.internal.api.ObjectCreateRequest;
import dev.salesagent.crm.hubspot.internal.api.ObjectCreateRequest.AssociationSpec;
import dev.salesagent.crm.hubspot.internal.api.ObjectCreateRequest.ObjectId;
import dev.salesagent.crm.hubspot.internal.api.SimplePublicObject;
import dev.salesagent.crm.hubspot.internal.mapper.FieldMap;
import dev.salesagent.crm.hubspot.internal.mapper.ObjectKind;
import dev.salesagent.crm.hubspot.internal.mapper.RecordMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Notes as HubSpot note engagements ({@code hs_note_body}, {@code hs_timestamp}) associated with the default
 * association types: note to contact 202, note to company 190, note to deal 214.
 *
 * @see <a href="https://developers.hubspot.com/docs/guides/api/crm/engagements/notes">Notes API</a>
 * @see <a href="https://developers.hubspot.com/docs/guides/api/crm/associations/associations-v4">Association type ids</a>
 */
public final class HubSpotNotes implements NoteOperations {

    /** HubSpot's documented maximum length of {@code hs_note_body}. */
    public static final int MAX_BODY_LENGTH = 65_536;

    private final HubSpotApi api;
    private final RecordMapper mapper;
    private final HubSpotErrors errors;
    private final FieldMap fields;
    private final Clock clock;

    public HubSpotNotes(HubSpotApi api, RecordMapper mapper, HubSpotErrors errors, Clock clock) {
        this.api = api;
        this.mapper = mapper;
        this.errors = errors;
        this.fields = mapper.map(ObjectKind.NOTE);
        this.clock = clock;
    }

    static String objectType(NoteTarget.Type type) {
        return switch (type) {
            case CONTACT -> "contacts";
            case ACCOUNT -> "companies";
            case OPPORTUNITY -> "deals";
        };
    }

    static int associationTypeId(NoteTarget.Type type) {
        return switch (type) {
            case CONTACT -> 202;
            case ACCOUNT -> 190;
            case OPPORTUNITY -> 214;
        };
    }

    /**
     * Checks the body (not blank, at most 65,536 characters: longer bodies are rejected, never truncated), checks that
     * the target exists ({@code CrmNotFoundException} otherwise), then creates the note with its association in one call.
     */
    @Override
    public Note create(NoteTarget target, String body) {
        if (body == null || body.isBlank()) {
            throw new CrmValidationException("note body must not be blank", ErrorDetails.of(errors.provider()),
                    List.of(new FieldError("body", "REQUIRED", "body must not be blank")));
        }
        if (body.length() > MAX_BODY_LENGTH) {
            throw new CrmValidationException("note body has " + body.length() + " characters; HubSpot accepts at most "
                    + MAX_BODY_LENGTH, ErrorDetails.of(errors.provider()),
                    List.of(new FieldError("body", "TOO_LONG", "at most " + MAX_BODY_LENGTH + " characters")));
        }
        String targetType = objectType(target.type());
        api.get(targetType, target.id().value(), List.of("hs_object_id"), List.of());
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(fields.property("body"), body);
        properties.put(fields.property("timestamp"), clock.instant().toString());
        SimplePublicObject created = api.create("notes", properties, List.of(new ObjectCreateRequest.AssociationInput(
                new ObjectId(target.id().value()), List.of(AssociationSpec.hubspotDefined(associationTypeId(target.type()))))));
        return mapper.note(created, target);
    }

    /**
     * One page of the target's note associations (at most 100 per page), read in one batch call and ordered by
     * {@code hs_timestamp} then id.
     */
    @Override
    public Page<Note> list(NoteTarget target, PageRequest page) {
        CollectionResponse<Associations.AssociatedObject> associated = api.associations(objectType(target.type()),
                target.id().value(), "notes", Math.min(page.size(), HubSpotApi.MAX_BATCH), page.cursor());
        List<String> ids = associated.resultsOrEmpty().stream().map(Associations.AssociatedObject::toObjectId).toList();
        List<Note> notes = api.batchRead("notes", ids, fields.readProperties()).stream()
                .map(o -> mapper.note(o, target))
                .sorted(Comparator.comparing((Note n) -> n.timestamp() == null ? Instant.MIN : n.timestamp())
                        .thenComparing(n -> n.id().value(), Ids.NUMERIC_ORDER))
                .toList();
        return new Page<>(notes, associated.nextAfter());
    }
}
