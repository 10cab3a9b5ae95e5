package dev.salesagent.server.command.transaction;

import dev.salesagent.agents.sales.command.transaction.DraftLine;
import dev.salesagent.agents.sales.command.transaction.OrderDraft;
import dev.salesagent.server.platform.security.PlatformAuthentication;
import dev.salesagent.server.platform.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sales-order drafts: create (from words or a draft), read, edit, approve (submits once), reject. States
 * {@code draft -> approved -> submitted | failed}, or {@code rejected}; see {@link TransactionService}.
 */
@RestController
@Tag(name = "Command center: sales-order transactions")
class TransactionController {

    private final TransactionService service;

    TransactionController(TransactionService service) {
        this.service = service;
    }

    /** A draft as the user composes it (names are resolved by validation). */
    record DraftBody(@Size(max = 300) String customer, @Size(max = 200) List<DraftLine> lines, LocalDate orderDate,
                     @Size(max = 2000) String memo) {
    }

    /** Body of {@code POST /api/v1/transactions/create}: {@code request} (words) or {@code draft}. */
    record CreateBody(@Size(max = 2000) String request, @Valid DraftBody draft, LocalDate asOf) {
    }

    /** Body of {@code POST /api/v1/transactions/{id}/reject}. */
    record RejectBody(@Size(max = 2000) String reason) {
    }

    @PostMapping("/api/v1/transactions/create")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('transactions:write')")
    @Operation(summary = "Start a sales-order draft from words (\"Create a sales order for ..., 5 phones, $100 each\")"
            + " or from a draft; returns the validated draft and its issues")
    TransactionService.View create(@Valid @RequestBody CreateBody body) {
        OrderDraft draft = body.draft() == null ? null : new OrderDraft("pending", body.draft().customer(), null,
                body.draft().lines(), body.draft().orderDate(), body.draft().memo());
        return service.create(PlatformAuthentication.require(), body.request(), draft, body.asOf());
    }

    @GetMapping("/api/v1/transactions/{id}")
    @PreAuthorize("hasAuthority('transactions:write')")
    @Operation(summary = "A transaction with its draft, issues and state")
    TransactionService.View get(@PathVariable UUID id) {
        return service.get(PlatformAuthentication.require(), id);
    }

    @PatchMapping("/api/v1/transactions/{id}")
    @PreAuthorize("hasAuthority('transactions:write')")
    @Operation(summary = "Edit a draft (customer, lines, order_date, memo; omitted fields stay) and validate again")
    TransactionService.View edit(@PathVariable UUID id, @Valid @RequestBody DraftBody body) {
        return service.edit(PlatformAuthentication.require(), id, body.customer(), body.lines(), body.orderDate(),
                body.memo());
    }

    @PostMapping("/api/v1/transactions/{id}/approve")
    @PreAuthorize("hasAuthority('transactions:approve')")
    @Operation(summary = "Approve a valid draft: submits it to the CRM exactly once (idempotency key + state guard)")
    TransactionService.View approve(@PathVariable UUID id) {
        return service.approve(PlatformAuthentication.require(), id);
    }

    @PostMapping("/api/v1/transactions/{id}/reject")
    @PreAuthorize("hasAuthority('transactions:write')")
    @Operation(summary = "Reject a draft; nothing reaches the CRM")
    TransactionService.View reject(@PathVariable UUID id, @RequestBody(required = false) RejectBody body) {
        return service.reject(PlatformAuthentication.require(), id, body == null ? null : body.reason());
    }

    @ExceptionHandler(TransactionService.InvalidDraftException.class)
    ResponseEntity<ProblemDetail> invalid(TransactionService.InvalidDraftException e) {
        ProblemDetail p = Problems.of(HttpStatus.valueOf(422), "draft-invalid", "Draft has issues", e.getMessage());
        p.setProperty("issues", e.issues());
        return ResponseEntity.status(422).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(p);
    }
}
