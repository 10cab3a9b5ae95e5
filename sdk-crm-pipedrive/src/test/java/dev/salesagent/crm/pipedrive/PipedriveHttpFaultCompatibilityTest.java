package dev.salesagent.crm.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.salesagent.common.retry.Sleeper;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.pipedrive.sim.PipedriveSimulator;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.tck.CrmHttpFaultCompatibilityKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/** The HTTP-fault kit against the Pipedrive simulator, with an API token and with OAuth 2.0. */
class PipedriveHttpFaultCompatibilityTest {

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithApiToken extends CrmHttpFaultCompatibilityKit {
        PipedriveSimulator sim;

        @BeforeAll
        void start() {
            sim = PipedriveSimulator.launch();
        }

        @AfterAll
        void stop() {
            sim.stop();
            assertThat(sim.violations()).isEmpty();
        }

        @Override
        protected WireMockServer server() {
            return sim.server();
        }

        @Override
        protected CrmClient createClient(Sleeper sleeper) {
            return PipedriveCrmClient.builder(PipedriveConfig.from(PipedriveTestConfig.apiToken(sim)))
                    .options(CrmClientOptions.builder().sleeper(sleeper).build()).build();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithOAuth extends CrmHttpFaultCompatibilityKit {
        PipedriveSimulator sim;

        @BeforeAll
        void start() {
            sim = PipedriveSimulator.launch();
        }

        @AfterAll
        void stop() {
            sim.stop();
            assertThat(sim.violations()).isEmpty();
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
            return PipedriveCrmClient.builder(PipedriveConfig.from(PipedriveTestConfig.oauth(sim)))
                    .options(CrmClientOptions.builder().sleeper(sleeper).build()).build();
        }
    }
}
