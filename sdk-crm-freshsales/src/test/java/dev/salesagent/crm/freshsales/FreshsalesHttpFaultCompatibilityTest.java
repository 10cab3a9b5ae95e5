package dev.salesagent.crm.freshsales;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.salesagent.common.retry.Sleeper;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.freshsales.sim.FreshsalesSimulator;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.tck.CrmHttpFaultCompatibilityKit;
import org.junit.jupiter.api.AfterEach;

/** The HTTP-fault kit against the simulator: a static API key, so a 401 is never retried. */
class FreshsalesHttpFaultCompatibilityTest extends CrmHttpFaultCompatibilityKit {

    private final FreshsalesSimulator sim = FreshsalesSimulator.launch();

    @Override
    protected WireMockServer server() {
        return sim.server();
    }

    @Override
    protected CrmClient createClient(Sleeper sleeper) {
        return FreshsalesCrmClient.builder(FreshsalesConfig.from(sim.config()))
                .options(CrmClientOptions.builder().sleeper(sleeper).build()).build();
    }

    @AfterEach
    void stop() {
        sim.stop();
    }
}
