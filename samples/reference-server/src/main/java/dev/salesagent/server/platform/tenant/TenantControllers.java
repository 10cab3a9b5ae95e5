package dev.salesagent.server.platform.tenant;

import dev.salesagent.server.platform.security.PlatformAuthentication;
import dev.salesagent.server.platform.user.Passwords;
import dev.salesagent.server.platform.web.Cursors;
import dev.salesagent.server.platform.web.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The platform-admin tenant API ({@code /api/v1/platform/tenants}) and a tenant's own settings ({@code /api/v1/tenant}). */
@RestController
class TenantControllers {

    private final TenantService service;
    private final Passwords passwords;

    TenantControllers(TenantService service, Passwords passwords) {
        this.service = service;
        this.passwords = passwords;
    }

    /** A tenant as the API shows it. */
    record TenantView(UUID id, String slug, String name, String tier, String status, String ssoDomain,
                      Instant createdAt, Instant updatedAt) {
        static TenantView of(Tenant t) {
            return new TenantView(t.id(), t.slug(), t.name(), t.tier(), t.status(), t.ssoDomain(), t.createdAt(),
                    t.updatedAt());
        }
    }

    /** Body of {@code POST /api/v1/platform/tenants}. */
    record CreateTenant(@NotBlank @Size(max = 200) String name,
                        @Pattern(regexp = "[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?") String slug,
                        @Pattern(regexp = "admin|customer") String tier,
                        @Size(max = 253) String ssoDomain,
                        @NotBlank @Email @Size(max = 254) String ownerEmail,
                        @Size(min = Passwords.MIN_LENGTH, max = Passwords.MAX_LENGTH) String ownerPassword) {
    }

    /** Answer of tenant creation: the owner's generated password appears here once, when none was given. */
    record CreatedView(TenantView tenant, UUID ownerId, String ownerEmail, String ownerInitialPassword) {
    }

    /** Body of {@code PATCH /api/v1/tenant}. */
    record UpdateTenant(@NotBlank @Size(max = 200) String name) {
    }

    @GetMapping("/api/v1/platform/tenants")
    @PreAuthorize("hasAuthority('tenants:manage')")
    Page<TenantView> list(@RequestParam(required = false) String status, @RequestParam(required = false) String tier,
                          @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        int size = Page.limit(limit);
        List<Tenant> rows = service.list(status, tier, cursor, size + 1);
        String next = rows.size() > size ? Cursors.encode(rows.get(size - 1).createdAt(), rows.get(size - 1).id()) : null;
        return new Page<>(rows.stream().limit(size).map(TenantView::of).toList(), next);
    }

    @PostMapping("/api/v1/platform/tenants")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('tenants:manage')")
    CreatedView create(@Valid @RequestBody CreateTenant body) {
        String password = body.ownerPassword() != null ? body.ownerPassword() : passwords.generate();
        TenantService.Created created = service.create(body.slug(), body.name(),
                body.tier() == null ? Tenant.TIER_CUSTOMER : body.tier(), body.ssoDomain(), body.ownerEmail(), password,
                PlatformAuthentication.require().id(), "tenant.created");
        return new CreatedView(TenantView.of(created.tenant()), created.owner().id(), created.owner().email(),
                body.ownerPassword() == null ? password : null);
    }

    @GetMapping("/api/v1/platform/tenants/{id}")
    @PreAuthorize("hasAuthority('tenants:manage')")
    TenantView get(@PathVariable UUID id) {
        return TenantView.of(service.get(id));
    }

    @PostMapping("/api/v1/platform/tenants/{id}/suspend")
    @PreAuthorize("hasAuthority('tenants:manage')")
    TenantView suspend(@PathVariable UUID id) {
        return TenantView.of(service.setStatus(id, Tenant.SUSPENDED, PlatformAuthentication.require().id()));
    }

    @PostMapping("/api/v1/platform/tenants/{id}/activate")
    @PreAuthorize("hasAuthority('tenants:manage')")
    TenantView activate(@PathVariable UUID id) {
        return TenantView.of(service.setStatus(id, Tenant.ACTIVE, PlatformAuthentication.require().id()));
    }

    @GetMapping("/api/v1/tenant")
    @PreAuthorize("hasAuthority('tenant:read')")
    TenantView own() {
        return TenantView.of(service.get(PlatformAuthentication.require().tenantId()));
    }

    @PatchMapping("/api/v1/tenant")
    @PreAuthorize("hasAuthority('tenant:write')")
    TenantView rename(@Valid @RequestBody UpdateTenant body) {
        return TenantView.of(service.rename(PlatformAuthentication.require().tenantId(), body.name()));
    }
}
