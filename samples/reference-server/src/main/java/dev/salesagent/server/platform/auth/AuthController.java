package dev.salesagent.server.platform.auth;

import dev.salesagent.server.platform.security.CurrentUser;
import dev.salesagent.server.platform.security.Permission;
import dev.salesagent.server.platform.security.PlatformAuthentication;
import dev.salesagent.server.platform.security.Role;
import dev.salesagent.server.platform.tenant.Tenant;
import dev.salesagent.server.platform.tenant.TenantStore;
import dev.salesagent.server.platform.user.Passwords;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Token endpoints, sign-up, the signed-in user, the public keys, and signing-key rotation. */
@RestController
class AuthController {

    private final AuthService auth;
    private final TenantStore tenants;
    private final SigningKeyStore keys;

    AuthController(AuthService auth, TenantStore tenants, SigningKeyStore keys) {
        this.auth = auth;
        this.tenants = tenants;
        this.keys = keys;
    }

    /** Body of {@code POST /api/v1/auth/token}. */
    record PasswordGrant(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 1000) String password,
                         @Size(max = 10) String totpCode) {
    }

    /** Body of {@code POST /api/v1/auth/refresh} and {@code /logout}. */
    record RefreshGrant(@NotBlank @Size(max = 200) String refreshToken) {
    }

    /** Body of {@code POST /api/v1/auth/register}. */
    record Registration(@NotBlank @Size(max = 200) String companyName,
                        @NotBlank @Email @Size(max = 254) String email,
                        @NotBlank @Size(min = Passwords.MIN_LENGTH, max = Passwords.MAX_LENGTH) String password,
                        @Size(max = 200) String displayName) {
    }

    /** Answer of {@code GET /api/v1/me}. */
    record Me(UUID id, String email, TenantRef tenant, List<String> roles, List<String> permissions,
              String dataScope) {
    }

    /** The tenant in {@link Me}. */
    record TenantRef(UUID id, String slug, String name, String tier) {
    }

    @PostMapping("/api/v1/auth/token")
    ResponseEntity<AuthService.TokenResponse> token(@Valid @RequestBody PasswordGrant body) {
        return noStore(HttpStatus.OK, auth.login(body.email(), body.password(), body.totpCode()));
    }

    @PostMapping("/api/v1/auth/refresh")
    ResponseEntity<AuthService.TokenResponse> refresh(@Valid @RequestBody RefreshGrant body) {
        return noStore(HttpStatus.OK, auth.refresh(body.refreshToken()));
    }

    @PostMapping("/api/v1/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@Valid @RequestBody RefreshGrant body) {
        auth.logout(body.refreshToken());
    }

    @PostMapping("/api/v1/auth/register")
    ResponseEntity<AuthService.TokenResponse> register(@Valid @RequestBody Registration body) {
        return noStore(HttpStatus.CREATED,
                auth.register(body.companyName(), body.email(), body.password(), body.displayName()));
    }

    @GetMapping("/api/v1/me")
    @PreAuthorize("hasAuthority('profile:read')")
    Me me() {
        CurrentUser user = PlatformAuthentication.require();
        Tenant tenant = tenants.find(user.tenantId()).orElseThrow();
        return new Me(user.id(), user.email(), new TenantRef(tenant.id(), tenant.slug(), tenant.name(), tenant.tier()),
                user.roles().stream().map(Role::id).sorted().toList(),
                user.permissions().stream().map(Permission::action).sorted().toList(),
                user.dataScope().name().toLowerCase());
    }

    @GetMapping("/.well-known/jwks.json")
    Map<String, Object> jwks() {
        return keys.publicJwks();
    }

    @PostMapping("/api/v1/platform/signing-keys/rotate")
    @PreAuthorize("hasAuthority('signing-keys:rotate')")
    Map<String, String> rotate() {
        return Map.of("kid", keys.rotate());
    }

    private static ResponseEntity<AuthService.TokenResponse> noStore(HttpStatus status, AuthService.TokenResponse body) {
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore()).header("Pragma", "no-cache").body(body);
    }
}
