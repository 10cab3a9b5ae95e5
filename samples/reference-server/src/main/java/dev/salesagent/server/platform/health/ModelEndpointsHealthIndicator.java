package dev.salesagent.server.platform.health;

import dev.salesagent.spring.autoconfigure.model.ModelProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Health of the configured model endpoints (component {@code modelEndpoints} of {@code /actuator/health}): each
 * endpoint of {@code salesagent.models.endpoints} is asked for its model list, the providers' cheapest documented
 * authenticated call, which spends no tokens: OpenAI and OpenAI-compatible servers {@code GET {base-url}/models} with
 * {@code Authorization: Bearer <api-key>} (OpenAI API reference, "List models"; default base URL
 * {@code https://api.openai.com/v1}), Anthropic {@code GET {base-url}/models} with {@code x-api-key} and
 * {@code anthropic-version: 2023-06-01} (Anthropic API reference, "List Models"; default base URL
 * {@code https://api.anthropic.com/v1}). An endpoint is UP on a 2xx answer and DOWN on any other status, a timeout
 * ({@value #TIMEOUT_SECONDS} s) or a connection error; the component is DOWN when every endpoint is down (the router
 * then has nowhere to send a call), UP otherwise. Each result is reused for {@code salesagent.platform.health.model-ttl}
 * (default 60 s) so frequent health checks do not hit the providers' rate limits. Details per endpoint: provider,
 * model, base URL, {@code status}, HTTP {@code httpStatus}, {@code latencyMs}, {@code checkedAt}, whether the configured
 * model is on the first page of the list ({@code modelListed}, information only) and the error; never the API key.
 * Endpoints built from an application bean ({@code chat-model-bean}) or of another provider are reported as
 * {@code UNKNOWN} (no documented probe). Absent when no model endpoint is configured.
 */
@Component("modelEndpointsHealthIndicator")
@ConditionalOnExpression("!'${salesagent.models.endpoints[0].name:}'.isBlank()")
public class ModelEndpointsHealthIndicator implements HealthIndicator {

    /** Timeout of one probe, seconds. */
    public static final int TIMEOUT_SECONDS = 5;

    /** {@code anthropic-version} header the probe sends. */
    public static final String ANTHROPIC_VERSION = "2023-06-01";

    private final List<ModelProperties.Endpoint> endpoints;
    private final Duration ttl;
    private final Clock clock;
    private final JsonMapper json;
    private final HttpClient http;
    private final Map<String, Probe> cache = new ConcurrentHashMap<>();

    @Autowired
    ModelEndpointsHealthIndicator(ObjectProvider<ModelProperties> models,
                                  @Value("${salesagent.platform.health.model-ttl:60s}") String ttl, Clock clock,
                                  JsonMapper json) {
        this(models.getIfAvailable(() -> new ModelProperties(List.of())).endpoints(), DurationStyle.detectAndParse(ttl),
                clock, json);
    }

    /**
     * Creates the indicator.
     *
     * @param endpoints the configured endpoints
     * @param ttl how long a probe's result is reused
     * @param clock time source of the cache
     * @param json parser of the model lists
     */
    public ModelEndpointsHealthIndicator(List<ModelProperties.Endpoint> endpoints, Duration ttl, Clock clock,
                                         JsonMapper json) {
        this.endpoints = List.copyOf(endpoints);
        this.ttl = ttl;
        this.clock = clock;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(TIMEOUT_SECONDS))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Health health() {
        if (endpoints.isEmpty()) {
            return Health.unknown().withDetail("reason", "no model endpoints configured").build();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        int probed = 0;
        int down = 0;
        for (ModelProperties.Endpoint endpoint : endpoints) {
            Probe probe = cached(endpoint);
            details.put(endpoint.name(), probe.details());
            if (!Status.UNKNOWN.equals(probe.status())) {
                probed++;
                down += Status.DOWN.equals(probe.status()) ? 1 : 0;
            }
        }
        Health.Builder builder = probed == 0 ? Health.unknown() : probed == down ? Health.down() : Health.up();
        return builder.withDetail("endpoints", details).build();
    }

    private Probe cached(ModelProperties.Endpoint endpoint) {
        Instant now = clock.instant();
        return cache.compute(endpoint.name(), (name, previous) ->
                previous != null && previous.checkedAt().plus(ttl).isAfter(now) ? previous : probe(endpoint, now));
    }

    private Probe probe(ModelProperties.Endpoint endpoint, Instant now) {
        String provider = endpoint.provider() == null ? "" : endpoint.provider().toLowerCase(Locale.ROOT);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("provider", endpoint.provider());
        details.put("model", endpoint.model());
        details.put("checkedAt", now.toString());
        String defaultBase = switch (provider) {
            case "openai" -> "https://api.openai.com/v1";
            case "anthropic" -> "https://api.anthropic.com/v1";
            default -> null;
        };
        if (defaultBase == null || endpoint.chatModelBean() != null || endpoint.apiKey() == null
                || endpoint.apiKey().isBlank()) {
            details.put("status", Status.UNKNOWN.getCode());
            details.put("reason", defaultBase == null ? "no documented probe for provider " + endpoint.provider()
                    : "built from an application bean or without an API key: not probed");
            return new Probe(Status.UNKNOWN, now, details);
        }
        String base = endpoint.baseUrl() == null || endpoint.baseUrl().isBlank() ? defaultBase : endpoint.baseUrl();
        URI uri = URI.create(base.replaceAll("/+$", "") + "/models");
        details.put("url", uri.toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(Duration.ofSeconds(TIMEOUT_SECONDS))
                .header("Accept", "application/json");
        if (provider.equals("anthropic")) {
            request.header("x-api-key", endpoint.apiKey()).header("anthropic-version", ANTHROPIC_VERSION);
        } else {
            request.header("Authorization", "Bearer " + endpoint.apiKey());
        }
        long started = System.nanoTime();
        Status status;
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            details.put("latencyMs", (System.nanoTime() - started) / 1_000_000);
            details.put("httpStatus", response.statusCode());
            if (response.statusCode() / 100 == 2) {
                status = Status.UP;
                details.put("modelListed", listed(response.body(), endpoint.model()));
            } else {
                status = Status.DOWN;
                details.put("error", "HTTP " + response.statusCode() + errorType(response.body()));
            }
        } catch (IOException | RuntimeException e) {
            status = Status.DOWN;
            details.put("latencyMs", (System.nanoTime() - started) / 1_000_000);
            details.put("error", e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = Status.UNKNOWN;
            details.put("error", "interrupted");
        }
        details.put("status", status.getCode());
        return new Probe(status, now, details);
    }

    /** Whether the list names the model (both providers answer {@code {"data": [{"id": ...}, ...]}}). */
    private boolean listed(String body, String model) {
        try {
            for (JsonNode item : json.readTree(body).path("data")) {
                if (item.path("id").asText("").equals(model)) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The provider's error type ({@code {"error": {"type": ...}}} in both APIs), when the body has one. */
    private String errorType(String body) {
        try {
            String type = json.readTree(body).path("error").path("type").asText("");
            return type.isEmpty() ? "" : " " + type;
        } catch (RuntimeException e) {
            return "";
        }
    }

    private record Probe(Status status, Instant checkedAt, Map<String, Object> details) {
    }
}
