package dev.salesagent.server.platform.audit;

import dev.salesagent.server.platform.security.PlatformAuthentication;
import dev.salesagent.server.platform.web.Cursors;
import dev.salesagent.server.platform.web.Page;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in tenant's audit trail: list with filters and paging, and chain verification. */
@RestController
@RequestMapping("/api/v1/admin/audit")
class AuditController {

    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    /** Events newest first; {@code cursor} from the previous page's {@code next_cursor}. */
    @GetMapping
    @PreAuthorize("hasAuthority('audit:read')")
    Page<AuditEvent> list(@RequestParam(required = false) String action,
                          @RequestParam(name = "actor_id", required = false) UUID actorId,
                          @RequestParam(name = "target_type", required = false) String targetType,
                          @RequestParam(name = "target_id", required = false) String targetId,
                          @RequestParam(required = false) Instant since,
                          @RequestParam(required = false) Instant until,
                          @RequestParam(required = false) String cursor,
                          @RequestParam(required = false) Integer limit) {
        int size = Page.limit(limit);
        UUID tenant = PlatformAuthentication.require().tenantId();
        List<AuditEvent> events = trail.list(tenant,
                new AuditTrail.AuditFilter(action, actorId, targetType, targetId, since, until),
                Cursors.decodeSeq(cursor), size + 1);
        String next = events.size() > size ? Cursors.encodeSeq(events.get(size - 1).seq()) : null;
        return new Page<>(events.subList(0, Math.min(size, events.size())), next);
    }

    /** Recomputes the tenant's hash chain and names the first event that does not match. */
    @GetMapping("/verify")
    @PreAuthorize("hasAuthority('audit:read')")
    AuditTrail.Verification verify() {
        return trail.verify(PlatformAuthentication.require().tenantId());
    }
}
