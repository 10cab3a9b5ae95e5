package dev.salesagent.server.command.webhook;

import dev.salesagent.crm.hubspot.HubSpotWebhookEvent;
import dev.salesagent.crm.hubspot.HubSpotWebhookVerifier;
import dev.salesagent.server.command.CommandProperties;
import dev.salesagent.server.command.TenantWork;
import dev.salesagent.server.command.readmodel.ReadModelSync;
import dev.salesagent.server.platform.secret.TenantSecrets;
import dev.salesagent.server.platform.tenant.Tenant;
import dev.salesagent.server.platform.tenant.TenantStore;
import dev.salesagent.server.platform.web.PlatformException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * CRM webhooks: a delivery tells the server that a tenant's CRM changed; the server then syncs the tenant's read
 * model through the SPI (the payload is not trusted for data), evicts its dashboard cache and pushes to its open
 * dashboards. The tenant is named by the {@code tenant} query parameter (its id or slug). Authentication is the
 * delivery's signature with the tenant's secret ({@code PUT /api/v1/tenant/secrets/{name}}):
 * {@code webhook.hubspot} (the HubSpot app's client secret, signature v3), {@code webhook.salesforce},
 * {@code webhook.netsuite} ({@link SharedSecretSignature}). Unknown tenant, no secret, bad signature or a timestamp
 * more than 5 minutes off -> 401. Each event id is processed once: a repeated delivery answers 200 with
 * {@code duplicates} and does not sync again.
 */
@RestController
@Tag(name = "Command center webhooks", description = "CRM change notifications (signed, per-tenant secret)")
class WebhookController {

    private final TenantStore tenants;
    private final TenantSecrets secrets;
    private final ReadModelSync sync;
    private final TenantWork work;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final CommandProperties properties;

    WebhookController(TenantStore tenants, TenantSecrets secrets, ReadModelSync sync, TenantWork work, JdbcClient jdbc,
                      JsonMapper json, Clock clock, CommandProperties properties) {
        this.tenants = tenants;
        this.secrets = secrets;
        this.sync = sync;
        this.work = work;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
    }

    @PostMapping("/webhooks/hubspot")
    @Operation(summary = "HubSpot webhook (signature v3 with the app secret stored as tenant secret webhook.hubspot)")
    Map<String, Object> hubspot(@Parameter(description = "tenant id or slug") @RequestParam("tenant") String tenant,
                                @RequestHeader(value = HubSpotWebhookVerifier.SIGNATURE_HEADER, required = false)
                                String signature,
                                @RequestHeader(value = HubSpotWebhookVerifier.TIMESTAMP_HEADER, required = false)
                                String timestamp,
                                @RequestBody(required = false) String body, HttpServletRequest request) {
        UUID tenantId = tenantId(tenant);
        String secret = secret(tenantId, "hubspot");
        String uri = request.getRequestURL() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        HubSpotWebhookVerifier.Result result = HubSpotWebhookVerifier.of(secret, clock,
                properties.webhookTolerance()).verify("POST", uri, body == null ? "" : body, signature, timestamp);
        if (!result.isValid()) {
            throw unauthorized(result.name());
        }
        List<HubSpotWebhookEvent> events;
        try {
            events = HubSpotWebhookVerifier.parseEvents(body == null ? "" : body);
        } catch (IllegalArgumentException e) {
            throw PlatformException.badRequest(e.getMessage());
        }
        return process(tenantId, "hubspot", events.stream().map(e -> Long.toString(e.eventId())).toList());
    }

    @PostMapping("/webhooks/salesforce")
    @Operation(summary = "Salesforce change notification (HMAC-SHA256 with the tenant secret webhook.salesforce)")
    Map<String, Object> salesforce(@Parameter(description = "tenant id or slug") @RequestParam("tenant") String tenant,
                                   @RequestBody(required = false) String body, HttpServletRequest request) {
        return sharedSecret(tenant, "salesforce", body, request);
    }

    @PostMapping("/webhooks/netsuite")
    @Operation(summary = "NetSuite change notification (HMAC-SHA256 with the tenant secret webhook.netsuite)")
    Map<String, Object> netsuite(@Parameter(description = "tenant id or slug") @RequestParam("tenant") String tenant,
                                 @RequestBody(required = false) String body, HttpServletRequest request) {
        return sharedSecret(tenant, "netsuite", body, request);
    }

    private Map<String, Object> sharedSecret(String tenant, String source, String body, HttpServletRequest request) {
        UUID tenantId = tenantId(tenant);
        String secret = secret(tenantId, source);
        String raw = body == null ? "" : body;
        SharedSecretSignature.Result result = SharedSecretSignature.verify(secret,
                request.getHeader(SharedSecretSignature.TIMESTAMP_HEADER), raw,
                request.getHeader(SharedSecretSignature.SIGNATURE_HEADER), clock.instant(),
                properties.webhookTolerance());
        if (result != SharedSecretSignature.Result.VALID) {
            throw unauthorized(result.name());
        }
        String eventId = request.getHeader(SharedSecretSignature.EVENT_ID_HEADER);
        if (eventId == null || eventId.isBlank()) {
            eventId = bodyEventId(raw).orElseThrow(() -> PlatformException.badRequest("the delivery has no event id ("
                    + SharedSecretSignature.EVENT_ID_HEADER + " header or body field id)"));
        }
        return process(tenantId, source, List.of(eventId));
    }

    /** Records the events (duplicates skipped); syncs once if any is new; forgets them again if the sync fails. */
    private Map<String, Object> process(UUID tenantId, String source, List<String> eventIds) {
        Instant now = clock.instant();
        List<String> fresh = work.in(tenantId, () -> {
            List<String> inserted = new ArrayList<>();
            for (String id : eventIds.stream().distinct().toList()) {
                int n = jdbc.sql("insert into cmd_webhook_event (tenant_id, source, event_id, received_at)"
                                + " values (?, ?, ?, ?) on conflict do nothing")
                        .params(tenantId, source, id, dev.salesagent.server.platform.db.Sql.ts(now)).update();
                if (n == 1) {
                    inserted.add(id);
                }
            }
            return inserted;
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("received", eventIds.size());
        out.put("processed", fresh.size());
        out.put("duplicates", eventIds.size() - fresh.size());
        if (!fresh.isEmpty()) {
            try {
                ReadModelSync.SyncResult r = sync.sync(tenantId, "webhook:" + source);
                out.put("orders_synced", r.orders());
                out.put("orders_created", r.ordersCreated());
            } catch (RuntimeException e) {
                work.run(tenantId, () -> jdbc.sql("delete from cmd_webhook_event where tenant_id = ? and source = ?"
                        + " and event_id = any(?)").params(tenantId, source, fresh.toArray(String[]::new)).update());
                throw new PlatformException(HttpStatus.SERVICE_UNAVAILABLE, "sync-failed", "Sync failed",
                        "The CRM could not be read; deliver the event again later");
            }
        }
        return out;
    }

    private Optional<String> bodyEventId(String raw) {
        try {
            JsonNode node = json.readTree(raw);
            for (String field : List.of("id", "eventId", "event_id")) {
                JsonNode v = node.get(field);
                if (v != null && !v.isNull() && !v.asString().isBlank()) {
                    return Optional.of(v.asString());
                }
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            throw PlatformException.badRequest("the body is not JSON");
        }
    }

    private UUID tenantId(String tenant) {
        Optional<Tenant> t;
        try {
            t = tenants.find(UUID.fromString(tenant));
        } catch (IllegalArgumentException e) {
            t = tenants.findBySlug(tenant);
        }
        return t.filter(x -> "active".equals(x.status())).map(Tenant::id)
                .orElseThrow(() -> unauthorized("unknown tenant"));
    }

    private String secret(UUID tenantId, String source) {
        return secrets.get(tenantId, "webhook." + source).orElseThrow(() -> unauthorized("no webhook secret"));
    }

    private static PlatformException unauthorized(String why) {
        return PlatformException.unauthorized("webhook-signature", "The webhook is not signed for this tenant ("
                + why.toLowerCase().replace('_', ' ') + ")");
    }
}
