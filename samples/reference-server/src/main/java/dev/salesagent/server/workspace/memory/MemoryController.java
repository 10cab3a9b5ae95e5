package dev.salesagent.server.workspace.memory;

import dev.salesagent.server.platform.security.PlatformAuthentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What the agents remember about an account (long-term memory of the tenant). */
@RestController
@RequestMapping("/api/v1/memory")
@Tag(name = "Memory")
@Validated
class MemoryController {

    private final AccountMemory memory;

    MemoryController(AccountMemory memory) {
        this.memory = memory;
    }

    /**
     * One remembered fact.
     *
     * @param fact the fact
     * @param source where it came from
     * @param recordedAt when it was learned
     */
    record FactView(String fact, String source, Instant recordedAt) {
    }

    @GetMapping("/facts")
    @PreAuthorize("hasAuthority('memory:read')")
    @Operation(summary = "Facts the tenant's memory holds about an account (by domain), newest first")
    List<FactView> facts(@RequestParam @NotBlank @Size(max = 253) String account) {
        return memory.recall(PlatformAuthentication.require().tenantId(), account).stream()
                .map(f -> new FactView(f.fact(), f.source(), f.recordedAt())).toList();
    }
}
