package dev.salesagent.spring.autoconfigure.health;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Actuator health settings of the SDK, prefix {@code salesagent.health}. The indicators themselves are switched with
 * Spring Boot's {@code management.health.salesagent-crm.enabled} and {@code management.health.salesagent-models.enabled}.
 * The model health has no setting of its own: it follows the router's circuit breakers
 * ({@code salesagent.routing.circuit-breaker.*}).
 *
 * @param crmCacheTtl How long a CRM health result is reused before the CRM is called again. Default 60s; 0 probes on
 *     every health request (each probe is one API call against the CRM's quota).
 */
@ConfigurationProperties("salesagent.health")
public record HealthProperties(@DefaultValue("60s") Duration crmCacheTtl) {
}
