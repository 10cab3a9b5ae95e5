package dev.salesagent.server.platform.secret;

import dev.salesagent.server.platform.security.PlatformAuthentication;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Write-only secrets of the signed-in tenant: names can be listed, values never come back. */
@RestController
@RequestMapping("/api/v1/tenant/secrets")
class SecretController {

    private final TenantSecrets secrets;

    SecretController(TenantSecrets secrets) {
        this.secrets = secrets;
    }

    /** Body of {@code PUT /api/v1/tenant/secrets/{name}}. */
    record SecretValue(@NotBlank @Size(max = 8192) String value) {
    }

    @GetMapping
    @PreAuthorize("hasAuthority('secrets:manage')")
    List<TenantSecrets.SecretInfo> list() {
        return secrets.list(PlatformAuthentication.require().tenantId());
    }

    @PutMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('secrets:manage')")
    void put(@PathVariable String name, @Valid @RequestBody SecretValue body) {
        secrets.put(PlatformAuthentication.require().tenantId(), name, body.value());
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('secrets:manage')")
    void delete(@PathVariable String name) {
        secrets.delete(PlatformAuthentication.require().tenantId(), name);
    }
}
