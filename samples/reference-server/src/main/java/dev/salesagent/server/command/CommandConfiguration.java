package dev.salesagent.server.command;

import dev.salesagent.server.command.readmodel.ReadModelSync;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The command center's wiring: the scheduled fallback sync ({@link EnableScheduling}) and the as-of day of questions
 * and dashboards that give none.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class CommandConfiguration {

    private final ReadModelSync sync;
    private final Clock clock;

    CommandConfiguration(ReadModelSync sync, Clock clock) {
        this.sync = sync;
        this.clock = clock;
    }

    /**
     * The day relative dates resolve against: the one asked for, else the tenant's fixed as-of date (the demo: its
     * last order date, 2017-12-30), else today on the server clock (UTC).
     *
     * @param tenantId  the tenant
     * @param requested the caller's {@code asOf}, or null
     * @return the day
     */
    public LocalDate asOf(UUID tenantId, LocalDate requested) {
        if (requested != null) {
            return requested;
        }
        return sync.asOfDate(tenantId).orElseGet(() -> LocalDate.now(clock));
    }
}
