package dev.salesagent.crm.netsuite;

import dev.salesagent.crm.spi.CrmClientOptions;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.common.retry.Sleeper;
import dev.salesagent.crm.spi.CrmConfig;
import dev.salesagent.crm.tck.CrmHttpFaultCompatibilityKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The NetSuite adapter with its default retry policy under 429, 5xx and 401 from the simulator's server. */
class NetSuiteHttpFaultCompatibilityTest extends CrmHttpFaultCompatibilityKit {

    private static NetSuiteFixture fx;

    @BeforeAll
    static void start() {
        fx = new NetSuiteFixture();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Override
    protected WireMockServer server() {
        return fx.sim.server();
    }

    @Override
    protected CrmClient createClient(Sleeper sleeper) {
        return NetSuiteCrmClient.builder(NetSuiteConfig.from(CrmConfig.of(fx.m2m()))).options(CrmClientOptions.builder().sleeper(sleeper).build()).build();
    }

    /** M2M tokens are refreshed once after a 401. */
    @Override
    protected boolean refreshesCredentialsOn401() {
        return true;
    }
}
