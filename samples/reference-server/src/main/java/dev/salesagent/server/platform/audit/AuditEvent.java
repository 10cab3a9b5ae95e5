package dev.salesagent.server.platform.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the audit trail.
 *
 * @param seq position in the table (cursor order)
 * @param id event id
 * @param tenantId the tenant whose chain the event belongs to
 * @param actorId user who acted, null for the system or an anonymous caller
 * @param action what happened, {@code resource.verb} (e.g. {@code user.created}, {@code auth.refresh_reuse})
 * @param targetType kind of the thing acted on (e.g. {@code user}), may be null
 * @param targetId id of the thing acted on, may be null
 * @param occurredAt when, to the microsecond
 * @param requestId the request's {@code X-Request-Id}, null outside a request
 * @param details JSON object with the action's particulars (never secrets)
 * @param prevHash hash of the previous event of the tenant's chain (64 zeros for the first)
 * @param hash SHA-256 over {@code prevHash} and this event's fields, hex
 */
public record AuditEvent(long seq, UUID id, UUID tenantId, UUID actorId, String action, String targetType,
                         String targetId, Instant occurredAt, String requestId, String details, String prevHash,
                         String hash) {
}
