package dev.salesagent.server.workspace.lead;

import dev.salesagent.agents.sales.lead.LeadCsv;
import dev.salesagent.server.platform.audit.AuditTrail;
import dev.salesagent.server.platform.db.Sql;
import dev.salesagent.server.platform.db.TenantScope;
import dev.salesagent.server.platform.security.CurrentUser;
import dev.salesagent.server.platform.web.PlatformException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * CSV import of leads, streamed: the SDK's {@link LeadCsv} reads one record at a time from the upload and every
 * {@code batch-size} rows are inserted in one JDBC batch and committed, with that batch's row errors, so memory
 * holds at most one batch whatever the file's size. Rows the tenant already has (same e-mail, or domain without
 * e-mail; also earlier in the same file) are counted as duplicates. A file that turns out to be invalid in its
 * charset part-way stops the import as {@code failed}; the rows before it stay.
 */
@Service
public class LeadImports {

    /** Row errors returned with an import (the first ones, in row order). */
    public static final int ERRORS_SHOWN = 1000;

    private static final Logger log = LoggerFactory.getLogger(LeadImports.class);

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final LeadStore leads;
    private final TenantScope tenantScope;
    private final TransactionTemplate tx;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final Clock clock;
    private final int batchSize;

    LeadImports(JdbcClient jdbc, JdbcTemplate template, LeadStore leads, TenantScope tenantScope, TransactionTemplate tx,
                AuditTrail audit, JsonMapper json, Clock clock,
                @Value("${salesagent.workspace.lead-import.batch-size:1000}") int batchSize) {
        this.jdbc = jdbc;
        this.template = template;
        this.leads = leads;
        this.tenantScope = tenantScope;
        this.tx = tx;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /**
     * Imports a CSV upload into the actor's tenant; the actor owns the new leads.
     *
     * @param actor who uploads
     * @param fileName the upload's name, may be null
     * @param in the CSV bytes (closed here)
     * @return the finished import (status {@code completed}, or {@code failed} when the file became unreadable)
     * @throws PlatformException (400) when the header cannot be read or mapped (nothing imported, nothing recorded)
     */
    public LeadImport importCsv(CurrentUser actor, String fileName, InputStream in) {
        UUID importId = UUID.randomUUID();
        Instant started = clock.instant();
        Counts counts = new Counts();
        try (LeadCsv.Reader reader = open(in)) {
            inTenant(actor.tenantId(), () -> jdbc.sql("""
                    insert into lead_import (id, tenant_id, created_by, file_name, status, columns, ignored_columns,
                                             created_at)
                    values (?, ?, ?, ?, 'running', ?::jsonb, ?::text[], ?)""")
                    .params(importId, actor.tenantId(), actor.id(), fileName,
                            json.writeValueAsString(reader.mappedColumns()), Sql.textArray(reader.ignoredColumns()
                                    .stream().map(c -> c.replaceAll("[{},\"\\\\]", " ")).toList()), Sql.ts(started))
                    .update());
            List<LeadCsv.Item> batch = new ArrayList<>(batchSize);
            String failure = null;
            try {
                while (reader.hasNext()) {
                    batch.add(reader.next());
                    if (batch.size() == batchSize) {
                        flush(actor, importId, batch, counts);
                        batch.clear();
                    }
                }
            } catch (LeadCsv.EncodingException e) {
                failure = e.getMessage();
            } catch (UncheckedIOException e) {
                failure = "the upload could not be read to its end: " + e.getCause().getMessage();
            }
            flush(actor, importId, batch, counts);
            String status = failure == null ? "completed" : "failed";
            String error = failure;
            inTenant(actor.tenantId(), () -> {
                jdbc.sql("""
                        update lead_import set status = ?, rows_total = ?, rows_imported = ?, rows_duplicate = ?,
                               rows_invalid = ?, rows_unreadable = ?, error = ?, finished_at = ?
                        where tenant_id = ? and id = ?""")
                        .params(status, counts.total, counts.imported, counts.duplicate, counts.invalid,
                                counts.unreadable, error, Sql.ts(clock.instant()), actor.tenantId(), importId)
                        .update();
                audit.record(actor.tenantId(), actor.id(), "lead.imported", "lead_import", importId,
                        Map.of("rows", counts.total, "imported", counts.imported, "status", status));
                return null;
            });
            log.info("Lead import {}: {} rows, {} imported, {} duplicate, {} invalid, {} unreadable ({})", importId,
                    counts.total, counts.imported, counts.duplicate, counts.invalid, counts.unreadable, status);
        } catch (IOException e) {
            throw PlatformException.badRequest("the upload could not be read: " + e.getMessage());
        }
        return get(actor.tenantId(), importId);
    }

    /**
     * An import of the tenant with its first {@value #ERRORS_SHOWN} row errors.
     *
     * @throws PlatformException (404) unknown in the tenant
     */
    public LeadImport get(UUID tenantId, UUID id) {
        return inTenant(tenantId, () -> {
            List<LeadImport.RowError> errors = jdbc.sql("""
                    select row_number, kind, reason from lead_import_error where tenant_id = ? and import_id = ?
                    order by row_number limit ?""").params(tenantId, id, ERRORS_SHOWN)
                    .query((rs, n) -> new LeadImport.RowError(rs.getInt("row_number"), rs.getString("kind"),
                            rs.getString("reason")))
                    .list();
            return jdbc.sql("select * from lead_import where tenant_id = ? and id = ?").params(tenantId, id)
                    .query((rs, n) -> row(rs, errors)).optional()
                    .orElseThrow(() -> PlatformException.notFound("lead import"));
        });
    }

    private LeadCsv.Reader open(InputStream in) throws IOException {
        try {
            return LeadCsv.open(in, LeadCsv.Dialect.detect(), Map.of());
        } catch (LeadCsv.BadHeaderException | LeadCsv.EncodingException e) {
            throw PlatformException.badRequest(e.getMessage());
        }
    }

    /** Inserts one batch's good rows and records its errors, in one transaction. */
    private void flush(CurrentUser actor, UUID importId, List<LeadCsv.Item> batch, Counts counts) {
        if (batch.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<LeadRecord> records = new ArrayList<>();
        List<Integer> recordRows = new ArrayList<>();
        List<LeadImport.RowError> errors = new ArrayList<>();
        for (LeadCsv.Item item : batch) {
            counts.total++;
            if (item instanceof LeadCsv.Row r) {
                records.add(new LeadRecord(UUID.randomUUID(), actor.tenantId(), actor.id(), "new", "csv_import",
                        importId, r.lead().normalized(), null, now, now));
                recordRows.add(r.row());
            } else if (item instanceof LeadCsv.Rejected r) {
                counts.invalid++;
                errors.add(new LeadImport.RowError(r.row(), "invalid", r.reason()));
            } else if (item instanceof LeadCsv.Unreadable r) {
                counts.unreadable++;
                errors.add(new LeadImport.RowError(r.row(), "unreadable", r.reason()));
            }
        }
        inTenant(actor.tenantId(), () -> {
            boolean[] inserted = leads.insertAll(records);
            for (int i = 0; i < inserted.length; i++) {
                if (inserted[i]) {
                    counts.imported++;
                } else {
                    counts.duplicate++;
                    String email = records.get(i).lead().email();
                    errors.add(new LeadImport.RowError(recordRows.get(i), "duplicate", email != null
                            ? "a lead with the e-mail " + email + " already exists"
                            : "a lead for the domain " + records.get(i).lead().domain() + " already exists"));
                }
            }
            template.batchUpdate("""
                    insert into lead_import_error (import_id, tenant_id, row_number, kind, reason)
                    values (?, ?, ?, ?, ?)""", errors, errors.size(), (ps, e) -> {
                ps.setObject(1, importId);
                ps.setObject(2, actor.tenantId());
                ps.setInt(3, e.row());
                ps.setString(4, e.kind());
                ps.setString(5, e.reason());
            });
            return null;
        });
    }

    private <T> T inTenant(UUID tenantId, java.util.function.Supplier<T> work) {
        return tx.execute(status -> {
            tenantScope.enter(tenantId);
            return work.get();
        });
    }

    private LeadImport row(ResultSet rs, List<LeadImport.RowError> errors) throws SQLException {
        String columns = rs.getString("columns");
        return new LeadImport(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                rs.getObject("created_by", UUID.class), rs.getString("file_name"), rs.getString("status"),
                rs.getInt("rows_total"), rs.getInt("rows_imported"), rs.getInt("rows_duplicate"),
                rs.getInt("rows_invalid"), rs.getInt("rows_unreadable"),
                columns == null ? Map.of() : json.readValue(columns, new TypeReference<Map<String, String>>() { }),
                Sql.strings(rs, "ignored_columns"), rs.getString("error"), errors, Sql.instant(rs, "created_at"),
                Sql.instant(rs, "finished_at"));
    }

    private static final class Counts {
        int total;
        int imported;
        int duplicate;
        int invalid;
        int unreadable;
    }
}
