package dev.salesagent.crm.hubspot;

import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.hubspot.contract.HubSpotContract;
import dev.salesagent.crm.hubspot.sim.HubSpotSimulator;
import dev.salesagent.crm.spi.CrmConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A simulator plus a client pointed at it; retry waits are recorded instead of slept; every request is checked against {@link HubSpotContract}. */
final class SimulatedHubSpot implements AutoCloseable {

    static final String TOKEN = "pat-na1-test-token";

    final HubSpotSimulator sim;
    final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    HubSpotCrmClient client;

    private SimulatedHubSpot(HubSpotSimulator sim) {
        this.sim = sim;
    }

    static SimulatedHubSpot start() {
        return start(Map.of());
    }

    static SimulatedHubSpot start(Map<String, String> extra) {
        SimulatedHubSpot s = new SimulatedHubSpot(HubSpotSimulator.launch().acceptToken(TOKEN).enforce(new HubSpotContract()));
        s.client = s.newClient(extra, Clock.systemUTC());
        return s;
    }

    HubSpotCrmClient newClient(Map<String, String> extra, Clock clock) {
        Map<String, String> cfg = new LinkedHashMap<>();
        cfg.put("baseUrl", sim.baseUrl());
        cfg.put("rateLimitRequests", "1000");
        cfg.put("rateLimitPeriod", "1s");
        if (!extra.containsKey("clientId")) {
            cfg.put("accessToken", TOKEN);
        }
        cfg.putAll(extra);
        return HubSpotCrmClient.builder(HubSpotConfig.from(CrmConfig.of(cfg)))
                .options(CrmClientOptions.builder().clock(clock).sleeper(waits::add).build())
                .build();
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        sim.stop();
        assertFollowsContract(sim);
    }

    /** Fails when any request (or simulator answer) broke HubSpot's documented shapes (see {@link HubSpotContract}). */
    static void assertFollowsContract(HubSpotSimulator sim) {
        if (!sim.contractViolations().isEmpty()) {
            throw new AssertionError("HubSpot contract violations:\n  " + String.join("\n  ", sim.contractViolations()));
        }
    }
}
