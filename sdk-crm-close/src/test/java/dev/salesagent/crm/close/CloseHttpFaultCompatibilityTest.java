package dev.salesagent.crm.close;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.salesagent.common.retry.Sleeper;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.close.contract.CloseContract;
import dev.salesagent.crm.close.sim.CloseSimulator;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.tck.CrmHttpFaultCompatibilityKit;
import org.junit.jupiter.api.AfterAll;

/** The HTTP fault kit (429, 5xx, 401) against the Close simulator with the adapter's default retry policy. */
class CloseHttpFaultCompatibilityTest extends CrmHttpFaultCompatibilityKit {

    static final CloseSimulator SIM = CloseSimulator.start(new CloseContract());

    @Override
    protected WireMockServer server() {
        return SIM.server();
    }

    @Override
    protected CrmClient createClient(Sleeper sleeper) {
        return CloseCrmClient.builder(CloseConfig.from(SIM.config()))
                .options(CrmClientOptions.builder().sleeper(sleeper).build()).build();
    }

    @AfterAll
    static void stop() {
        SIM.stop();
    }
}
