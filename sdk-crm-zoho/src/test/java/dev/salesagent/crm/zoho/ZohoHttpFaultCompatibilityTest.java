package dev.salesagent.crm.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.salesagent.common.retry.Sleeper;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.tck.CrmHttpFaultCompatibilityKit;
import dev.salesagent.crm.zoho.sim.ZohoSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The HTTP-fault kit: 429 with Retry-After, 5xx, 401 with one token refresh, against the Zoho simulator. */
class ZohoHttpFaultCompatibilityTest extends CrmHttpFaultCompatibilityKit {

    private static ZohoSimulator sim;

    @BeforeAll
    static void startSimulator() {
        sim = ZohoSimulator.launch();
    }

    @AfterAll
    static void stopSimulator() {
        try {
            assertThat(sim.violations()).as("contract violations").isEmpty();
        } finally {
            sim.stop();
        }
    }

    @Override
    protected WireMockServer server() {
        return sim.server();
    }

    @Override
    protected CrmClient createClient(Sleeper sleeper) {
        return ZohoCrmClient.builder(ZohoConfig.from(sim.config()))
                .options(CrmClientOptions.builder().sleeper(sleeper).build()).build();
    }

    @Override
    protected boolean refreshesCredentialsOn401() {
        return true;
    }
}
