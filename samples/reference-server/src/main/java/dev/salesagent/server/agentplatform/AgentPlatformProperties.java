package dev.salesagent.server.agentplatform;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the agent platform ({@code salesagent.agentplatform.*}).
 *
 * @param workers      runs this instance executes at once (default 4)
 * @param perTenant    runs one tenant may have executing across all instances at once (default 2)
 * @param lease        how long a claimed run stays owned without a heartbeat (default 30 s); a worker that dies loses
 *                     its runs after this
 * @param poll         how often idle workers look for runs and streams look for events (default 200 ms)
 * @param heartbeat    SSE keep-alive comment interval while a stream has nothing to send (default 5 s)
 * @param instanceId   this instance's name in {@code lease_owner} (default: a random id)
 */
@ConfigurationProperties("salesagent.agentplatform")
public record AgentPlatformProperties(@DefaultValue("4") int workers, @DefaultValue("2") int perTenant,
                                      @DefaultValue("30s") Duration lease, @DefaultValue("200ms") Duration poll,
                                      @DefaultValue("5s") Duration heartbeat, String instanceId) {

    /** Validates the values. */
    public AgentPlatformProperties {
        if (workers < 1 || perTenant < 1) {
            throw new IllegalArgumentException("salesagent.agentplatform.workers and per-tenant must be >= 1 but were "
                    + workers + " and " + perTenant);
        }
        if (instanceId == null || instanceId.isBlank()) {
            instanceId = "instance-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        }
    }
}
