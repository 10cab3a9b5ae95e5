package dev.salesagent.server.agentplatform.license;

import dev.salesagent.server.platform.security.PlatformAuthentication;
import dev.salesagent.server.platform.tenant.TenantService;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The agent platform license of a tenant: set and read by platform admins
 * ({@code /api/v1/platform/tenants/{id}/agent-license}, {@code tenants:manage}), read by the tenant itself
 * ({@code GET /api/v1/tenant/agent-license}, {@code agents:read}). Each answer carries the current period's usage.
 */
@RestController
class LicenseController {

    private final AgentLicenses licenses;
    private final TenantService tenants;

    LicenseController(AgentLicenses licenses, TenantService tenants) {
        this.licenses = licenses;
        this.tenants = tenants;
    }

    /**
     * A license and the current period's usage.
     *
     * @param tenantId     the tenant
     * @param assistants   graph ids the tenant may run; null = every assistant
     * @param runsPerMonth runs per calendar month (UTC); null = no limit
     * @param period       the current period's first day (UTC)
     * @param runsThisPeriod runs created in the current period
     * @param resetsAt     when the period's count resets
     * @param updatedAt    when it was last set (null: never, the default applies)
     * @param updatedBy    who set it
     */
    record LicenseView(UUID tenantId, List<String> assistants, Integer runsPerMonth, LocalDate period,
                       int runsThisPeriod, Instant resetsAt, Instant updatedAt, UUID updatedBy) {
        static LicenseView of(AgentLicenses.License l, AgentLicenses.Usage u) {
            return new LicenseView(l.tenantId(), l.assistants(), l.runsPerMonth(), u.period(), u.runs(), u.resetsAt(),
                    l.updatedAt(), l.updatedBy());
        }
    }

    /**
     * Body of {@code PUT /api/v1/platform/tenants/{id}/agent-license}.
     *
     * @param assistants   graph ids (or assistant ids); null or absent = every assistant
     * @param runsPerMonth runs per month; null or absent = no limit
     */
    record SetLicense(List<String> assistants, @Min(0) Integer runsPerMonth) {
    }

    @GetMapping("/api/v1/platform/tenants/{id}/agent-license")
    @PreAuthorize("hasAuthority('tenants:manage')")
    LicenseView get(@PathVariable UUID id) {
        tenants.get(id);
        return view(id);
    }

    @PutMapping("/api/v1/platform/tenants/{id}/agent-license")
    @PreAuthorize("hasAuthority('tenants:manage')")
    LicenseView set(@PathVariable UUID id, @Validated @RequestBody SetLicense body) {
        licenses.set(id, body.assistants(), body.runsPerMonth(), PlatformAuthentication.require().id());
        return view(id);
    }

    @GetMapping("/api/v1/tenant/agent-license")
    @PreAuthorize("hasAuthority('agents:read')")
    LicenseView own() {
        return view(PlatformAuthentication.require().tenantId());
    }

    private LicenseView view(UUID tenantId) {
        return LicenseView.of(licenses.license(tenantId), licenses.usage(tenantId));
    }
}
