package dev.salesagent.server.command.transaction;

import dev.salesagent.agents.graph.GraphException;
import dev.salesagent.agents.sales.command.transaction.DraftLine;
import dev.salesagent.agents.sales.command.transaction.OrderDraft;
import dev.salesagent.agents.sales.command.transaction.SalesOrderTransactions;
import dev.salesagent.agents.sales.command.transaction.TransactionStatus;
import dev.salesagent.agents.sales.command.transaction.TransactionView;
import dev.salesagent.agents.sales.command.transaction.ValidationIssue;
import dev.salesagent.crm.CrmException;
import dev.salesagent.server.command.CommandConfiguration;
import dev.salesagent.server.command.TenantCommandCenters;
import dev.salesagent.server.command.TenantWork;
import dev.salesagent.server.command.readmodel.ReadModelSync;
import dev.salesagent.server.platform.audit.AuditTrail;
import dev.salesagent.server.platform.crm.TenantCrmClients;
import dev.salesagent.server.platform.db.Sql;
import dev.salesagent.server.platform.security.CurrentUser;
import dev.salesagent.server.platform.security.Role;
import dev.salesagent.server.platform.web.PlatformException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Sales-order transactions of the server: the SDK's graph ({@link SalesOrderTransactions}: extract, validate, review,
 * submit with the draft's idempotency key, record) holds the draft; table {@code cmd_transaction} holds the state
 * {@code draft -> approved -> submitted | failed} (or {@code rejected}) and guards its transitions: approving moves
 * {@code draft -> approved} with one conditional UPDATE, so of two concurrent approvals (two browsers, two instances)
 * exactly one submits; the other gets the submitted transaction or 409 while it is in flight. An approval whose
 * submission was cut short (crash, CRM outage) stays {@code approved}; approving again after
 * {@value #STALE_SECONDS} s resumes it with the same idempotency key, so the CRM still creates one order. Every
 * transition is audited ({@code transaction.created|edited|approved|submitted|failed|rejected}).
 */
@Service
public class TransactionService {

    /** Seconds after which an {@code approved} transaction whose submission did not finish may be taken over. */
    static final long STALE_SECONDS = 60;

    private final TenantCommandCenters centers;
    private final TenantWork work;
    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final ReadModelSync sync;
    private final TenantCrmClients crms;
    private final CommandConfiguration command;
    private final Clock clock;

    TransactionService(TenantCommandCenters centers, TenantWork work, JdbcClient jdbc, AuditTrail audit,
                       ReadModelSync sync, TenantCrmClients crms, CommandConfiguration command, Clock clock) {
        this.centers = centers;
        this.work = work;
        this.jdbc = jdbc;
        this.audit = audit;
        this.sync = sync;
        this.crms = crms;
        this.command = command;
        this.clock = clock;
    }

    /** A transaction as the API shows it. */
    public record View(UUID id, String status, OrderDraft draft, List<ValidationIssue> issues, boolean valid,
                       String orderId, String idempotencyKey, String reason, UUID createdBy, Instant createdAt,
                       Instant updatedAt) {
    }

    /** The stored row. */
    record Row(UUID id, UUID tenantId, UUID createdBy, String status, String orderId, String idempotencyKey,
               String reason, Instant createdAt, Instant updatedAt) {
    }

    /**
     * Starts a draft from words or from a composed draft and validates it.
     *
     * @param user    the signed-in user
     * @param request the words ("Create a sales order for ..."), or null when {@code draft} is given
     * @param draft   the draft, or null
     * @param asOf    the day for relative dates, or null for the tenant's default
     * @return the draft awaiting review, with its issues
     */
    public View create(CurrentUser user, String request, OrderDraft draft, LocalDate asOf) {
        if ((request == null || request.isBlank()) == (draft == null)) {
            throw PlatformException.badRequest("give either request (words) or draft");
        }
        sync.ensureSynced(user.tenantId());
        UUID id = UUID.randomUUID();
        String thread = TenantCommandCenters.transactionThread(user.tenantId(), id);
        SalesOrderTransactions sdk = centers.transactions(user.tenantId());
        TransactionView v = request != null && !request.isBlank()
                ? sdk.start(thread, request, command.asOf(user.tenantId(), asOf))
                : sdk.start(thread, new OrderDraft(thread, draft.customer(), null, draft.lines(), draft.orderDate(),
                        draft.memo()));
        Instant now = clock.instant();
        work.run(user.tenantId(), () -> {
            jdbc.sql("""
                    insert into cmd_transaction (tenant_id, id, created_by, status, request, idempotency_key,
                                                 created_at, updated_at) values (?, ?, ?, 'draft', ?, ?, ?, ?)""")
                    .params(user.tenantId(), id, user.id(), request, v.idempotencyKey(), Sql.ts(now), Sql.ts(now))
                    .update();
            audit.record("transaction.created", "transaction", id, Map.of("issues", v.issues().size()));
        });
        return view(row(user, id), v);
    }

    /** The transaction, if the user may see it. */
    public View get(CurrentUser user, UUID id) {
        Row row = row(user, id);
        return view(row, sdk(row).get(thread(row)).orElse(null));
    }

    /**
     * Replaces the draft's customer, lines, order date or memo (null keeps the current value) and validates again.
     *
     * @throws PlatformException 409 unless the transaction is a draft
     */
    public View edit(CurrentUser user, UUID id, String customer, List<DraftLine> lines, LocalDate orderDate,
                     String memo) {
        Row row = row(user, id);
        requireDraft(row);
        SalesOrderTransactions sdk = sdk(row);
        OrderDraft current = sdk.get(thread(row)).orElseThrow().draft();
        OrderDraft edited = new OrderDraft(current.draftId(), customer != null ? customer : current.customer(), null,
                lines != null ? lines : current.lines(), orderDate != null ? orderDate : current.orderDate(),
                memo != null ? memo : current.memo());
        TransactionView v;
        try {
            v = sdk.edit(thread(row), edited);
        } catch (IllegalStateException e) {
            throw PlatformException.conflict("the transaction is no longer awaiting review");
        }
        touch(row, "draft", v.idempotencyKey(), null, null, "transaction.edited", Map.of("issues", v.issues().size()));
        return view(row(user, id), v);
    }

    /**
     * Rejects a draft; nothing reaches the CRM.
     *
     * @throws PlatformException 409 unless the transaction is a draft
     */
    public View reject(CurrentUser user, UUID id, String reason) {
        Row row = row(user, id);
        requireDraft(row);
        if (!claim(row, "draft", "rejected", false)) {
            throw PlatformException.conflict("the transaction is no longer a draft");
        }
        TransactionView v = sdk(row).reject(thread(row), reason);
        touch(row, "rejected", v.idempotencyKey(), null, reason == null ? "" : reason, "transaction.rejected",
                Map.of());
        return view(row(user, id), v);
    }

    /**
     * Approves a valid draft and submits it to the CRM exactly once.
     *
     * @return the transaction: {@code submitted} with the order id, or {@code failed} with the CRM's reason
     * @throws PlatformException 422 (with {@code issues}) for a draft with validation issues, 409 for a rejected or
     *                           failed transaction or one another request is submitting, 503 when the CRM could not
     *                           be reached (approve again to resume)
     */
    public View approve(CurrentUser user, UUID id) {
        Row row = row(user, id);
        SalesOrderTransactions sdk = sdk(row);
        switch (row.status()) {
            case "submitted" -> {
                return get(user, id);
            }
            case "rejected", "failed" -> throw PlatformException.conflict("the transaction is " + row.status());
            case "draft" -> {
                TransactionView v = sdk.get(thread(row)).orElseThrow();
                if (!v.valid()) {
                    throw new InvalidDraftException(v.issues());
                }
                if (!claim(row, "draft", "approved", false)) {
                    return afterLostRace(user, id);
                }
                work.run(row.tenantId(), () -> audit.record("transaction.approved", "transaction", id,
                        Map.of("idempotency_key", v.idempotencyKey())));
            }
            default -> { // approved: a submission cut short, or one in flight
                if (!claim(row, "approved", "approved", true)) {
                    return afterLostRace(user, id);
                }
            }
        }
        return submit(user, row);
    }

    private View submit(CurrentUser user, Row row) {
        TransactionView v;
        try {
            v = sdk(row).approve(thread(row));
        } catch (GraphException | CrmException e) {
            throw new PlatformException(HttpStatus.SERVICE_UNAVAILABLE, "submission-interrupted",
                    "Submission interrupted", "The order could not be submitted now; approve again to resume "
                    + "(it will not be created twice)");
        }
        if (v.status() == TransactionStatus.SUBMITTED) {
            touch(row, "submitted", v.idempotencyKey(), v.orderId(), null, "transaction.submitted",
                    Map.of("order_id", v.orderId(), "idempotency_key", v.idempotencyKey()));
            sync.recordCreated(row.tenantId(), row.createdBy(),
                    crms.forTenant(row.tenantId()).salesOrders().get(v.orderId()), "transaction");
        } else if (v.status() == TransactionStatus.FAILED) {
            touch(row, "failed", v.idempotencyKey(), null, v.reason(), "transaction.failed",
                    Map.of("reason", v.reason() == null ? "" : v.reason()));
        } else {
            touch(row, "draft", v.idempotencyKey(), null, null, "transaction.returned_to_review",
                    Map.of("issues", v.issues().size()));
            throw new InvalidDraftException(v.issues());
        }
        return view(row(user, row.id()), v);
    }

    private View afterLostRace(CurrentUser user, UUID id) {
        Row now = row(user, id);
        if ("submitted".equals(now.status()) || "failed".equals(now.status())) {
            return get(user, id);
        }
        throw PlatformException.conflict("the transaction is being submitted by another request");
    }

    /** The guarded transition; {@code staleOnly} takes over an approval older than {@value #STALE_SECONDS} s. */
    private boolean claim(Row row, String from, String to, boolean staleOnly) {
        Instant now = clock.instant();
        return work.in(row.tenantId(), () -> jdbc.sql("update cmd_transaction set status = ?, updated_at = ?"
                        + " where tenant_id = ? and id = ? and status = ?"
                        + (staleOnly ? " and updated_at < ?" : ""))
                .params(staleOnly ? List.of(to, Sql.ts(now), row.tenantId(), row.id(), from,
                        Sql.ts(now.minus(Duration.ofSeconds(STALE_SECONDS))))
                        : List.of(to, Sql.ts(now), row.tenantId(), row.id(), from))
                .update() == 1);
    }

    private void touch(Row row, String status, String key, String orderId, String reason, String action,
                       Map<String, ?> details) {
        work.run(row.tenantId(), () -> {
            jdbc.sql("""
                    update cmd_transaction set status = ?, idempotency_key = ?, order_id = coalesce(?, order_id),
                        reason = ?, updated_at = ? where tenant_id = ? and id = ?""")
                    .params(status, key, orderId, reason, Sql.ts(clock.instant()), row.tenantId(), row.id())
                    .update();
            audit.record(action, "transaction", row.id(), details);
        });
    }

    private static void requireDraft(Row row) {
        if (!"draft".equals(row.status())) {
            throw PlatformException.conflict("the transaction is " + row.status() + ", not a draft");
        }
    }

    private Row row(CurrentUser user, UUID id) {
        boolean own = user.dataScope() == Role.DataScope.OWN;
        Optional<Row> row = work.in(user.tenantId(), () -> jdbc.sql("select * from cmd_transaction where tenant_id = ?"
                        + " and id = ?" + (own ? " and created_by = ?" : ""))
                .params(own ? List.of(user.tenantId(), id, user.id()) : List.of(user.tenantId(), id))
                .query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                        rs.getObject("created_by", UUID.class), rs.getString("status"), rs.getString("order_id"),
                        rs.getString("idempotency_key"), rs.getString("reason"), Sql.instant(rs, "created_at"),
                        Sql.instant(rs, "updated_at"))).optional());
        return row.orElseThrow(() -> PlatformException.notFound("transaction"));
    }

    private SalesOrderTransactions sdk(Row row) {
        return centers.transactions(row.tenantId());
    }

    private static String thread(Row row) {
        return TenantCommandCenters.transactionThread(row.tenantId(), row.id());
    }

    private static View view(Row row, TransactionView v) {
        return new View(row.id(), row.status(), v == null ? null : v.draft(), v == null ? List.of() : v.issues(),
                v != null && v.valid(), row.orderId(), row.idempotencyKey(), row.reason(), row.createdBy(),
                row.createdAt(), row.updatedAt());
    }

    /** 422: the draft has issues to fix first. */
    static final class InvalidDraftException extends RuntimeException {
        private final transient List<ValidationIssue> issues;

        InvalidDraftException(List<ValidationIssue> issues) {
            super("the draft has " + issues.size() + " issue(s) to fix before approval");
            this.issues = List.copyOf(issues);
        }

        List<ValidationIssue> issues() {
            return issues;
        }
    }
}
