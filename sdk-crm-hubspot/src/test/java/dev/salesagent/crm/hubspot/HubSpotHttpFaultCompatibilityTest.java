package dev.salesagent.crm.hubspot;

import dev.salesagent.crm.spi.CrmClientOptions;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.common.retry.Sleeper;
import dev.salesagent.crm.hubspot.contract.HubSpotContract;
import dev.salesagent.crm.hubspot.sim.HubSpotSimulator;
import dev.salesagent.crm.spi.CrmConfig;
import dev.salesagent.crm.tck.CrmHttpFaultCompatibilityKit;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/** The HTTP-fault kit against the HubSpot simulator, with a private app token and with OAuth. */
class HubSpotHttpFaultCompatibilityTest {

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithPrivateAppToken extends CrmHttpFaultCompatibilityKit {
        HubSpotSimulator sim;

        @BeforeAll
        void start() {
            sim = HubSpotSimulator.launch().acceptToken(SimulatedHubSpot.TOKEN).enforce(new HubSpotContract());
        }

        @AfterAll
        void stop() {
            sim.stop();
            SimulatedHubSpot.assertFollowsContract(sim);
        }

        @Override
        protected WireMockServer server() {
            return sim.server();
        }

        @Override
        protected CrmClient createClient(Sleeper sleeper) {
            return HubSpotCrmClient.builder(HubSpotConfig.from(CrmConfig.of(Map.of(
                            "accessToken", SimulatedHubSpot.TOKEN, "baseUrl", sim.baseUrl()))))
                    .options(CrmClientOptions.builder().sleeper(sleeper).build())
                    .build();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithOAuth extends CrmHttpFaultCompatibilityKit {
        HubSpotSimulator sim;

        @BeforeAll
        void start() {
            sim = HubSpotSimulator.launch().oauthApp("client-1", "secret-1", "refresh-1", Duration.ofMinutes(30))
                    .enforce(new HubSpotContract());
        }

        @AfterAll
        void stop() {
            sim.stop();
            SimulatedHubSpot.assertFollowsContract(sim);
        }

        @Override
        protected WireMockServer server() {
            return sim.server();
        }

        @Override
        protected boolean refreshesCredentialsOn401() {
            return true;
        }

        @Override
        protected CrmClient createClient(Sleeper sleeper) {
            return HubSpotCrmClient.builder(HubSpotConfig.from(CrmConfig.of(Map.of(
                            "clientId", "client-1", "clientSecret", "secret-1", "refreshToken", "refresh-1",
                            "baseUrl", sim.baseUrl()))))
                    .options(CrmClientOptions.builder().sleeper(sleeper).build())
                    .build();
        }
    }
}
