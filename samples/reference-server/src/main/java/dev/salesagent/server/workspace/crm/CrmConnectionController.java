package dev.salesagent.server.workspace.crm;

import dev.salesagent.server.platform.security.PlatformAuthentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The tenant's CRM connection. */
@RestController
@RequestMapping("/api/v1/integrations/crm")
@Tag(name = "Integrations", description = "The tenant's CRM connection")
class CrmConnectionController {

    private final CrmConnections connections;

    CrmConnectionController(CrmConnections connections) {
        this.connections = connections;
    }

    /** Body of {@code PUT /api/v1/integrations/crm}: the provider and its config keys (as the provider names them). */
    record PutConnection(String provider, Map<String, String> config) {
    }

    @GetMapping
    @PreAuthorize("hasAuthority('integrations:manage')")
    @Operation(summary = "Get the CRM connection", description = "Provider, its config with secret values masked, "
            + "and the provider's documented keys; provider memory when none is configured.")
    CrmConnections.View get() {
        return connections.view(PlatformAuthentication.require().tenantId());
    }

    @PutMapping
    @PreAuthorize("hasAuthority('integrations:manage')")
    @Operation(summary = "Configure the CRM connection", description = "provider: memory, hubspot, salesforce, "
            + "netsuite, pipedrive, close, freshsales or zoho; config: the provider's keys (e.g. hubspot accessToken, "
            + "salesforce instanceUrl + clientId/clientSecret/refreshToken). Validated (400 lists every problem), "
            + "stored encrypted; agent runs use it from the next call.")
    CrmConnections.View put(@RequestBody PutConnection body) {
        return connections.put(PlatformAuthentication.require(), body.provider(), body.config());
    }

    @PostMapping("/test")
    @PreAuthorize("hasAuthority('integrations:manage')")
    @Operation(summary = "Test the CRM connection", description = "One cheap read call. 422 credentials refused, "
            + "429 rate limited (with the wait), 502 unavailable or failed.")
    CrmConnections.TestResult test() {
        return connections.test(PlatformAuthentication.require());
    }
}
