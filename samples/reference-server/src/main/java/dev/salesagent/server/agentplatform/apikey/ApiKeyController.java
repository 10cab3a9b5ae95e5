package dev.salesagent.server.agentplatform.apikey;

import dev.salesagent.server.platform.security.PlatformAuthentication;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant's agent platform API keys ({@code /api/v1/tenant/api-keys}, {@code api-keys:manage}): create (the key is
 * in this answer only), list (never the key), revoke.
 */
@RestController
class ApiKeyController {

    private final ApiKeys keys;

    ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    /**
     * Body of {@code POST /api/v1/tenant/api-keys}.
     *
     * @param name what to call the key
     */
    record CreateKey(@NotBlank @Size(max = 100) String name) {
    }

    /**
     * Answer of key creation.
     *
     * @param apiKey the stored key
     * @param key    the key to send as {@code x-api-key}; shown only here
     */
    record CreatedKey(ApiKeys.ApiKey apiKey, String key) {
    }

    @PostMapping("/api/v1/tenant/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('api-keys:manage')")
    CreatedKey create(@Valid @RequestBody CreateKey body) {
        ApiKeys.Created created = keys.create(PlatformAuthentication.require(), body.name().strip());
        return new CreatedKey(created.key(), created.secret());
    }

    @GetMapping("/api/v1/tenant/api-keys")
    @PreAuthorize("hasAuthority('api-keys:manage')")
    List<ApiKeys.ApiKey> list() {
        return keys.list(PlatformAuthentication.require().tenantId());
    }

    @DeleteMapping("/api/v1/tenant/api-keys/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('api-keys:manage')")
    void revoke(@PathVariable UUID id) {
        keys.revoke(PlatformAuthentication.require(), id);
    }
}
