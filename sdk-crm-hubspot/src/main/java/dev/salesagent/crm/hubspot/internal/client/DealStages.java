package dev.salesagent.crm.hubspot.internal.client;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.salesagent.crm.hubspot.internal.api.Pipeline;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Deal stage ids ({@code dealstage}, e.g. {@code closedwon}) and their labels ({@code Closed Won}) from the pipelines
 * API, cached for a configurable time (one {@code GET /crm/v3/pipelines/deals} per expiry).
 *
 * @see <a href="https://developers.hubspot.com/docs/guides/api/crm/pipelines">Pipelines API</a>
 */
final class DealStages {

  record Stages(Map<String, String> labelById, Map<String, List<String>> idsByLabel) {}

  private final LoadingCache<String, Stages> cache;

  DealStages(HubSpotApi api, Duration ttl, Clock clock) {
    Ticker ticker = () -> clock.millis() * 1_000_000L;
    this.cache = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(ttl).maximumSize(1)
        .build(key -> load(api.dealPipelines()));
  }

  private static Stages load(List<Pipeline> pipelines) {
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

  private Stages stages() {
    return cache.get("deals");
  }

  /** The label of a stage id; the id itself when unknown. */
  String label(String stageId) {
    return stages().labelById().getOrDefault(stageId, stageId);
  }

  /** Stage ids for a label (case-insensitive) or an id; empty when neither matches. */
  List<String> ids(String labelOrId) {
    Stages s = stages();
    if (s.labelById().containsKey(labelOrId)) {
      return List.of(labelOrId);
    }
    return s.idsByLabel().getOrDefault(labelOrId.toLowerCase(Locale.ROOT), List.of());
  }

  /** All known labels, for error messages. */
  List<String> labels() {
    return List.copyOf(stages().labelById().values());
  }
}
