package dev.salesagent.server.command;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Command center settings, prefix {@code salesagent.command}.
 *
 * @param syncInterval     how often every synced tenant's read model is refreshed from its CRM when no webhook came
 *                         (default 5 minutes)
 * @param metricsTtl       how long dashboard figures are cached (default 30 seconds; a sync evicts them at once)
 * @param webhookTolerance how far a webhook's timestamp may be from now (default 5 minutes; older or newer -> 401)
 */
@ConfigurationProperties("salesagent.command")
public record CommandProperties(@DefaultValue("5m") Duration syncInterval, @DefaultValue("30s") Duration metricsTtl,
                                @DefaultValue("5m") Duration webhookTolerance) {
}
