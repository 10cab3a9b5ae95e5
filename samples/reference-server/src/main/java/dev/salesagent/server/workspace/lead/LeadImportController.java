package dev.salesagent.server.workspace.lead;

import dev.salesagent.server.platform.security.PlatformAuthentication;
import dev.salesagent.server.platform.web.PlatformException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** CSV import of leads and the import records. */
@RestController
@RequestMapping("/api/v1/leads")
@Tag(name = "Leads")
class LeadImportController {

    private final LeadImports imports;

    LeadImportController(LeadImports imports) {
        this.imports = imports;
    }

    // no "consumes": a request that is not multipart gets 400 below, after the permission check (not 415 before it)
    @PostMapping("/import")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('leads:write')")
    @Operation(summary = "Import leads from CSV", description = "Multipart field `file`: the quickstart's columns "
            + "(email, first_name, last_name, company, domain, website, title, phone, industry, employees, country, "
            + "notes) under any of ~80 common header spellings; comma, semicolon or tab; UTF-8 (BOM or not). Streamed "
            + "in batches: good rows land, each bad row is reported with its row number and reason, duplicates of "
            + "existing leads are skipped. 400 when the header cannot be mapped (nothing imported).")
    LeadImport importCsv(@RequestParam(name = "file", required = false) MultipartFile file) {
        if (file == null || file.isEmpty()) {
            throw PlatformException.badRequest("send the CSV as the multipart/form-data field 'file' (it is missing or "
                    + "empty)");
        }
        try {
            // the part is on disk (multipart file-size-threshold 0): read it as a stream, never whole
            return imports.importCsv(PlatformAuthentication.require(), file.getOriginalFilename(), file.getInputStream());
        } catch (IOException e) {
            throw PlatformException.badRequest("the upload could not be read: " + e.getMessage());
        }
    }

    @GetMapping("/imports/{id}")
    @PreAuthorize("hasAuthority('leads:read')")
    @Operation(summary = "Get a lead import", description = "Counts and the first 1,000 row errors in row order.")
    LeadImport get(@PathVariable UUID id) {
        return imports.get(PlatformAuthentication.require().tenantId(), id);
    }
}
