package dev.salesagent.crm.close.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Opportunity statuses ({@code GET /status/opportunity/}, <a
 * href="https://developer.close.com/api/resources/opportunity-statuses">Opportunity Statuses</a>), label to id,
 * cached for {@code statusCacheTtl}; an unknown label reloads the list once (a status added in Close since).
 */
final class OpportunityStatuses {

    private final CloseApi api;
    private final Duration ttl;
    private Map<String, String> idsByLabel = Map.of();
    private Instant loadedAt;

    OpportunityStatuses(CloseApi api, Duration ttl) {
        this.api = api;
        this.ttl = ttl;
    }

    /** The status id of {@code label} (exact), if Close has it. */
    synchronized Optional<String> idOf(String label) {
        Instant now = api.clock.instant();
        if (loadedAt == null || now.isAfter(loadedAt.plus(ttl))) {
            load(now);
        }
        String id = idsByLabel.get(label);
        if (id == null) {
            load(now);
            id = idsByLabel.get(label);
        }
        return Optional.ofNullable(id);
    }

    private void load(Instant now) {
        JsonNode body = api.get("/status/opportunity/", "opportunities.statuses", Map.of());
        Map<String, String> m = new HashMap<>();
        for (JsonNode s : body.path("data")) {
            m.putIfAbsent(s.path("label").asText(), s.path("id").asText());
        }
        idsByLabel = Map.copyOf(m);
        loadedAt = now;
    }
}
