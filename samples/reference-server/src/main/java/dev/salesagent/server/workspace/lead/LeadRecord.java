package dev.salesagent.server.workspace.lead;

import dev.salesagent.agents.sales.lead.Lead;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A lead of a tenant as the workspace stores it: the SDK's {@link Lead} fields (normalized), the workspace's status,
 * source and owner, and the latest score.
 *
 * @param id lead id
 * @param tenantId owning tenant
 * @param ownerId the user who owns it (data scope of sales reps and managers), or null
 * @param status {@code new}, {@code working}, {@code qualified}, {@code unqualified} or {@code converted}
 * @param source where it came from: {@code api}, {@code csv_import}, ...
 * @param importId the import that created it, or null
 * @param lead the contact and company fields, normalized ({@link Lead#normalized()}); its id is this record's id
 * @param score the latest score, or null before scoring
 * @param createdAt creation time
 * @param updatedAt last change
 */
public record LeadRecord(UUID id, UUID tenantId, UUID ownerId, String status, String source, UUID importId, Lead lead,
                         Score score, Instant createdAt, Instant updatedAt) {

    /** The statuses a lead can have. */
    public static final List<String> STATUSES = List.of("new", "working", "qualified", "unqualified", "converted");

    /**
     * The latest score of a lead.
     *
     * @param overall 0-100
     * @param grade {@code a}..{@code d}
     * @param method {@code rules} or {@code model}
     * @param model the model that scored it, or null on rules
     * @param breakdown BANT scores (budget, authority, need, timeline; 0-25 each)
     * @param reasons why, citing facts
     * @param scoredAt when
     */
    public record Score(int overall, String grade, String method, String model, Map<String, Object> breakdown,
                        List<String> reasons, Instant scoredAt) {
    }

    /** This lead's SDK form with the record's id, for the agents. */
    public Lead toSdkLead() {
        return lead.toBuilder().id(id.toString()).build();
    }
}
