package dev.salesagent.crm.hubspot.internal.client;

import dev.salesagent.crm.hubspot.internal.api.Pipeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Deal stage ids ({@code dealstage}, e.g. {@code closedwon}) and their labels ({@code Closed Won}) from the pipelines
 * API, cached for {@code ttl} (one {@code GET /crm/v3/pipelines/deals} per expiry). A stage that is not in the cache
 * (e.g. added in HubSpot since the last load) triggers one early reload, at most once per {@link #MIN_RELOAD}.
 * Thread-safe.
 *
 * @see <a href="https://developers.hubspot.com/docs/guides/api/crm/pipelines">Pipelines API</a>
 */
final class DealStages {

    /** Shortest interval between reloads caused by unknown stages. */
    static final Duration MIN_RELOAD = Duration.ofSeconds(30);

    private record Stages(Map<String, String> labelById, Map<String, List<String>> idsByLabel) {}

    private final HubSpotApi api;
    private final Duration ttl;
    private final Clock clock;
    private Stages stages;
    private Instant loadedAt;

    DealStages(HubSpotApi api, Duration ttl, Clock clock) {
        this.api = api;
        this.ttl = ttl;
        this.clock = clock;
    }

    private static Stages parse(List<Pipeline> pipelines) {
        Map<String, String> labelById = new LinkedHashMap<>();
        Map<String, List<String>> idsByLabel = new LinkedHashMap<>();
        for (Pipeline p : pipelines) {
            if (p.stages() == null) {
                continue;
            }
            for (Pipeline.Stage s : p.stages()) {
                labelById.put(s.id(), s.label());
                idsByLabel.computeIfAbsent(s.label().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(s.id());
            }
        }
        return new Stages(Collections.unmodifiableMap(labelById), Collections.unmodifiableMap(idsByLabel));
    }

    private synchronized Stages stages(boolean missed) {
        Instant now = clock.instant();
        boolean expired = stages == null || !now.isBefore(loadedAt.plus(ttl));
        boolean reloadForMiss = missed && !now.isBefore(loadedAt.plus(MIN_RELOAD));
        if (expired || reloadForMiss) {
            stages = parse(api.dealPipelines());
            loadedAt = now;
        }
        return stages;
    }

    /** The label of a stage id; the id itself when unknown. */
    String label(String stageId) {
        String label = stages(false).labelById().get(stageId);
        if (label == null) {
            label = stages(true).labelById().get(stageId);
        }
        return label == null ? stageId : label;
    }

    /** Stage ids for a label (case-insensitive) or an id; empty when neither matches. */
    List<String> ids(String labelOrId) {
        List<String> ids = lookup(stages(false), labelOrId);
        return ids.isEmpty() ? lookup(stages(true), labelOrId) : ids;
    }

    private static List<String> lookup(Stages s, String labelOrId) {
        if (s.labelById().containsKey(labelOrId)) {
            return List.of(labelOrId);
        }
        return s.idsByLabel().getOrDefault(labelOrId.toLowerCase(Locale.ROOT), List.of());
    }

    /** All known labels, for error messages. */
    List<String> labels() {
        return List.copyOf(stages(false).labelById().values());
    }
}
