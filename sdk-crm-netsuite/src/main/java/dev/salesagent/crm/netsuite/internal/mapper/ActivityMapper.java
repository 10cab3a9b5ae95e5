package dev.salesagent.crm.netsuite.internal.mapper;

import static dev.salesagent.crm.netsuite.internal.mapper.SuiteQl.decimal;
import static dev.salesagent.crm.netsuite.internal.mapper.SuiteQl.instant;
import static dev.salesagent.crm.netsuite.internal.mapper.SuiteQl.localDate;
import static dev.salesagent.crm.netsuite.internal.mapper.SuiteQl.text;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.Note;
import dev.salesagent.crm.NoteTarget;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.netsuite.internal.api.ActivityBody;
import dev.salesagent.crm.netsuite.internal.api.RecordRef;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/**
 * Notes as completed {@code phoneCall}/{@code task} activities, and opportunities.
 *
 * <p>Note mapping: body -> {@code message}; {@code title} = the first line of the body cut to
 * {@value #TITLE_LENGTH} characters; {@code status} = {@code COMPLETE}; {@code startDate} = today; the target goes to
 * {@code company} (account), {@code contact} (contact) or {@code transaction} (opportunity). The note's timestamp and
 * creation time are the activity's {@code createddate}.
 */
public final class ActivityMapper {

    /** Longest activity title written. */
    public static final int TITLE_LENGTH = 100;

    private final String provider;
    private final ZoneId zone;

    public ActivityMapper(String provider, ZoneId zone) {
        this.provider = provider;
        this.zone = zone;
    }

    /** The activity column a target type is stored in. */
    public static String targetColumn(NoteTarget.Type type) {
        return switch (type) {
            case ACCOUNT -> "company";
            case CONTACT -> "contact";
            case OPPORTUNITY -> "transaction";
        };
    }

    public ActivityBody body(NoteTarget target, String body, LocalDate today) {
        String firstLine = body.strip().lines().findFirst().orElse("Note");
        String title = firstLine.length() > TITLE_LENGTH ? firstLine.substring(0, TITLE_LENGTH - 1) + "…" : firstLine;
        RecordRef ref = RecordRef.of(target.id().value());
        return new ActivityBody(title, body, RecordRef.of("COMPLETE"), today.toString(),
                target.type() == NoteTarget.Type.ACCOUNT ? ref : null,
                target.type() == NoteTarget.Type.CONTACT ? ref : null,
                target.type() == NoteTarget.Type.OPPORTUNITY ? ref : null);
    }

    /** Select list of note queries over activity table {@code a}. */
    public static String noteSelect(String table) {
        return "SELECT a.id, a.message, " + SuiteQl.datetimeColumn("a.createddate", EntityMapper.CREATED)
                + " FROM " + table + " a WHERE 1 = 1";
    }

    public Note note(ObjectNode row, NoteTarget target) {
        Instant created = instant(row, EntityMapper.CREATED, zone);
        return Note.builder().id(new CrmId(provider, text(row, "id"))).target(target).body(text(row, "message"))
                .timestamp(created).createdAt(created).build();
    }

    /** Select list of opportunity queries ({@code t} = transaction, {@code es} = status, {@code cur} = currency). */
    public static String opportunitySelect() {
        return "SELECT t.id, t.title, t.entity, t.employee, es.name AS stagename, t.projectedtotal, "
                + "cur.symbol AS currencysymbol, TO_CHAR(t.expectedclosedate, 'YYYY-MM-DD') AS closedate, "
                + SuiteQl.datetimeColumn("t.createddate", EntityMapper.CREATED) + ", "
                + SuiteQl.datetimeColumn("t.lastmodifieddate", EntityMapper.MODIFIED)
                + " FROM transaction t LEFT JOIN entitystatus es ON es.id = t.entitystatus"
                + " LEFT JOIN currency cur ON cur.id = t.currency WHERE t.type = 'Opprtnty'";
    }

    public Opportunity opportunity(ObjectNode row) {
        String entity = text(row, "entity");
        return Opportunity.builder()
                .id(new CrmId(provider, text(row, "id")))
                .name(text(row, "title"))
                .accountId(entity == null ? null : new CrmId(provider, entity))
                .ownerId(text(row, "employee"))
                .stage(text(row, "stagename"))
                .amount(decimal(row, "projectedtotal"))
                .currency(text(row, "currencysymbol"))
                .closeDate(localDate(row, "closedate"))
                .createdAt(instant(row, EntityMapper.CREATED, zone))
                .updatedAt(instant(row, EntityMapper.MODIFIED, zone))
                .customFields(Map.of())
                .build();
    }
}
