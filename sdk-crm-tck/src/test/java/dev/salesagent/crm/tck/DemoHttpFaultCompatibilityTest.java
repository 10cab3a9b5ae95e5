package dev.salesagent.crm.tck;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.common.retry.Sleeper;
import org.junit.jupiter.api.AfterEach;

/** The HTTP-fault kit against the demo adapter (OAuth2, so a single 401 is survived by one refresh). */
class DemoHttpFaultCompatibilityTest extends CrmHttpFaultCompatibilityKit {

    private final DemoSimulator simulator = new DemoSimulator();

    @Override
    protected WireMockServer server() {
        return simulator.server;
    }

    @Override
    protected CrmClient createClient(Sleeper sleeper) {
        return DemoHttpCrmClient.create(simulator.baseUrl(), sleeper);
    }

    @Override
    protected boolean refreshesCredentialsOn401() {
        return true;
    }

    @AfterEach
    void stopSimulator() {
        simulator.shutdown();
    }
}
