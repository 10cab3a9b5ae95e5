package dev.salesagent.server.workspace.lead;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One CSV import and its counts. {@code rowsTotal = rowsImported + rowsDuplicate + rowsInvalid + rowsUnreadable}
 * once completed.
 *
 * @param id import id
 * @param tenantId owning tenant
 * @param createdBy the user who uploaded the file
 * @param fileName the uploaded file's name, or null
 * @param status {@code running}, {@code completed} or {@code failed} (stopped early; rows before the failure landed)
 * @param rowsTotal data records read
 * @param rowsImported leads created
 * @param rowsDuplicate rows skipped because the tenant already had the e-mail or domain (also earlier in the file)
 * @param rowsInvalid readable rows with invalid values
 * @param rowsUnreadable malformed CSV records
 * @param columns field -> column as written in the header
 * @param ignoredColumns header columns that map to no field
 * @param error why a failed import stopped, or null
 * @param errors per-row problems in row order (at most {@link LeadImports#ERRORS_SHOWN})
 * @param createdAt start
 * @param finishedAt end, or null while running
 */
public record LeadImport(UUID id, UUID tenantId, UUID createdBy, String fileName, String status, int rowsTotal,
                         int rowsImported, int rowsDuplicate, int rowsInvalid, int rowsUnreadable,
                         Map<String, String> columns, List<String> ignoredColumns, String error,
                         List<RowError> errors, Instant createdAt, Instant finishedAt) {

    /**
     * A row that did not become a lead.
     *
     * @param row the file's line where the record starts (the header is row 1)
     * @param kind {@code invalid}, {@code unreadable} or {@code duplicate}
     * @param reason why
     */
    public record RowError(int row, String kind, String reason) {
    }
}
