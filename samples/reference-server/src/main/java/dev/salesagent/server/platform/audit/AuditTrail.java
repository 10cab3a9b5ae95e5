package dev.salesagent.server.platform.audit;

import dev.salesagent.server.platform.db.Sql;
import dev.salesagent.server.platform.security.CurrentUser;
import dev.salesagent.server.platform.security.PlatformAuthentication;
import dev.salesagent.server.platform.web.RequestIdFilter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tamper-evident audit trail: an append-only table (a trigger refuses UPDATE and DELETE) with one SHA-256 hash
 * chain per tenant. {@link #record} joins the caller's transaction, so a state change and its audit row commit
 * together; appends to one tenant's chain are serialised with a transaction-scoped advisory lock, which also holds
 * across server instances sharing the database.
 */
@Service
public class AuditTrail {

    /** {@code prev_hash} of a chain's first event. */
    public static final String GENESIS = "0".repeat(64);

    private static final int ROW_BATCH = 1000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;
    private final Clock clock;

    AuditTrail(JdbcClient jdbc, JdbcTemplate template, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Records a state change by the signed-in user in their tenant's chain.
     *
     * @param action {@code resource.verb}
     * @param targetType kind of target, may be null
     * @param targetId target id, may be null
     * @param details particulars (no secrets, no personal data beyond ids)
     * @return the stored event
     * @throws IllegalStateException outside an authenticated request
     */
    @Transactional
    public AuditEvent record(String action, String targetType, Object targetId, Map<String, ?> details) {
        CurrentUser user = PlatformAuthentication.require();
        return record(user.tenantId(), user.id(), action, targetType, targetId, details);
    }

    /**
     * Records a state change in a given tenant's chain (log-in, sign-up, platform operations).
     *
     * @param tenantId the chain
     * @param actorId who acted, null for the system or an anonymous caller
     * @param action {@code resource.verb}
     * @param targetType kind of target, may be null
     * @param targetId target id, may be null
     * @param details particulars (no secrets, no personal data beyond ids)
     * @return the stored event
     */
    @Transactional
    public AuditEvent record(UUID tenantId, UUID actorId, String action, String targetType, Object targetId,
                             Map<String, ?> details) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 7))").param(tenantId.toString())
                .query((RowCallbackHandler) rs -> { }); // serialise this tenant's appends until commit
        String prev = jdbc.sql("select hash from audit_event where tenant_id = ? order by seq desc limit 1")
                .param(tenantId).query(String.class).optional().orElse(GENESIS);
        UUID id = UUID.randomUUID();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String detailsJson = json.writeValueAsString(details == null ? Map.of() : new LinkedHashMap<>(details));
        String target = targetId == null ? null : targetId.toString();
        String requestId = MDC.get(RequestIdFilter.MDC_KEY);
        String hash = hash(prev, id, tenantId, actorId, action, targetType, target, at, requestId, detailsJson);
        Long seq = jdbc.sql("""
                insert into audit_event (id, tenant_id, actor_id, action, target_type, target_id, occurred_at,
                                         request_id, details, prev_hash, hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning seq""")
                .params(id, tenantId, actorId, action, targetType, target, Sql.ts(at), requestId, detailsJson, prev, hash)
                .query(Long.class).single();
        return new AuditEvent(seq, id, tenantId, actorId, action, targetType, target, at, requestId, detailsJson, prev,
                hash);
    }

    /**
     * One page of a tenant's events, newest first.
     *
     * @param tenantId the tenant
     * @param filter optional filters
     * @param beforeSeq return events older than this sequence number (the cursor), null for the newest
     * @param limit page size
     * @return up to {@code limit} events
     */
    @Transactional(readOnly = true)
    public List<AuditEvent> list(UUID tenantId, AuditFilter filter, Long beforeSeq, int limit) {
        StringBuilder sql = new StringBuilder("select * from audit_event where tenant_id = ?");
        List<Object> params = new ArrayList<>(List.of(tenantId));
        if (beforeSeq != null) {
            sql.append(" and seq < ?");
            params.add(beforeSeq);
        }
        if (filter.action() != null) {
            sql.append(" and action = ?");
            params.add(filter.action());
        }
        if (filter.actorId() != null) {
            sql.append(" and actor_id = ?");
            params.add(filter.actorId());
        }
        if (filter.targetType() != null) {
            sql.append(" and target_type = ?");
            params.add(filter.targetType());
        }
        if (filter.targetId() != null) {
            sql.append(" and target_id = ?");
            params.add(filter.targetId());
        }
        if (filter.since() != null) {
            sql.append(" and occurred_at >= ?");
            params.add(Sql.ts(filter.since()));
        }
        if (filter.until() != null) {
            sql.append(" and occurred_at < ?");
            params.add(Sql.ts(filter.until()));
        }
        sql.append(" order by seq desc limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(AuditTrail::row).list();
    }

    /**
     * Recomputes a tenant's chain from its first event and reports the first event whose stored hashes do not match.
     *
     * @param tenantId the tenant
     * @return the verdict; {@code valid} with the number of events checked, or the first broken event and why
     */
    @Transactional(readOnly = true)
    public Verification verify(UUID tenantId) {
        long[] checked = {0};
        String[] expectedPrev = {GENESIS};
        Verification[] broken = {null};
        template.query(con -> {
            var statement = con.prepareStatement("select * from audit_event where tenant_id = ? order by seq");
            statement.setFetchSize(ROW_BATCH); // streams the chain instead of loading it whole
            statement.setObject(1, tenantId);
            return statement;
        }, (RowCallbackHandler) rs -> {
            if (broken[0] != null) {
                return;
            }
            AuditEvent e = row(rs, 0);
            checked[0]++;
            if (!e.prevHash().equals(expectedPrev[0])) {
                broken[0] = new Verification(false, checked[0], e.seq(), e.id(),
                        "prev_hash does not match the hash of the previous event (an event was removed or reordered)");
                return;
            }
            String recomputed = hash(e.prevHash(), e.id(), e.tenantId(), e.actorId(), e.action(), e.targetType(),
                    e.targetId(), e.occurredAt(), e.requestId(), e.details());
            if (!recomputed.equals(e.hash())) {
                broken[0] = new Verification(false, checked[0], e.seq(), e.id(),
                        "hash does not match the event's contents (the event was changed)");
                return;
            }
            expectedPrev[0] = e.hash();
        });
        return broken[0] != null ? broken[0] : new Verification(true, checked[0], null, null, null);
    }

    /**
     * Result of {@link #verify}.
     *
     * @param valid whether the whole chain recomputes
     * @param checked events read, up to and including the broken one
     * @param brokenSeq sequence number of the first broken event, null when valid
     * @param brokenId id of the first broken event, null when valid
     * @param reason why it is broken, null when valid
     */
    public record Verification(boolean valid, long checked, Long brokenSeq, UUID brokenId, String reason) {
    }

    /**
     * Filters of the audit list; every one optional.
     *
     * @param action exact action
     * @param actorId acting user
     * @param targetType kind of target
     * @param targetId target id
     * @param since events at or after
     * @param until events before
     */
    public record AuditFilter(String action, UUID actorId, String targetType, String targetId, Instant since,
                              Instant until) {
    }

    static String hash(String prev, UUID id, UUID tenantId, UUID actorId, String action, String targetType,
                       String targetId, Instant at, String requestId, String details) {
        StringBuilder canonical = new StringBuilder(prev);
        for (Object field : new Object[] {id, tenantId, actorId, action, targetType, targetId,
                at.getEpochSecond() + "." + at.getNano(), requestId, details}) {
            canonical.append('\n').append(field == null ? "\u0000" : field.toString());
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static AuditEvent row(ResultSet rs, int n) throws SQLException {
        return new AuditEvent(rs.getLong("seq"), rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                rs.getObject("actor_id", UUID.class), rs.getString("action"), rs.getString("target_type"),
                rs.getString("target_id"), Sql.instant(rs, "occurred_at"), rs.getString("request_id"),
                rs.getString("details"), rs.getString("prev_hash"), rs.getString("hash"));
    }
}
