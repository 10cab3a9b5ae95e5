package dev.salesagent.crm.freshsales;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salesagent.crm.http.CrmRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Deal stage names and ids from {@code GET /selector/deal_stages} ({@code {"deal_stages":[{"id":..,"name":..}]}}),
 * cached for {@code ttl}; a name or id not in the cache reloads it early, at most once per 30 s.
 *
 * @see <a href="https://developers.freshworks.com/crm/api/#admin_configuration">Configuration: deal stages</a>
 */
final class DealStages {

    private static final Duration MIN_RELOAD = Duration.ofSeconds(30);

    private final FreshsalesApi api;
    private final Clock clock;
    private final Duration ttl;
    private Map<String, String> idByName = Map.of();
    private Map<String, String> nameById = Map.of();
    private Instant loadedAt;

    DealStages(FreshsalesApi api, Clock clock, Duration ttl) {
        this.api = api;
        this.clock = clock;
        this.ttl = ttl;
    }

    synchronized Optional<String> idOf(String name) {
        refresh(false);
        if (!idByName.containsKey(name)) {
            refresh(true);
        }
        return Optional.ofNullable(idByName.get(name));
    }

    synchronized String nameOf(String id) {
        if (id == null) {
            return null;
        }
        refresh(false);
        if (!nameById.containsKey(id)) {
            refresh(true);
        }
        return nameById.getOrDefault(id, id);
    }

    private void refresh(boolean missing) {
        Instant now = clock.instant();
        boolean stale = loadedAt == null || !now.isBefore(loadedAt.plus(ttl));
        boolean early = missing && !now.isBefore(loadedAt.plus(MIN_RELOAD));
        if (!stale && !early) {
            return;
        }
        JsonNode root = api.http.execute(CrmRequest.get("/selector/deal_stages").operation("dealStages.list").build())
                .json();
        Map<String, String> byName = new HashMap<>();
        Map<String, String> byId = new HashMap<>();
        for (JsonNode s : root.path("deal_stages")) {
            byName.put(s.path("name").asText(), s.path("id").asText());
            byId.put(s.path("id").asText(), s.path("name").asText());
        }
        idByName = byName;
        nameById = byId;
        loadedAt = now;
    }
}
