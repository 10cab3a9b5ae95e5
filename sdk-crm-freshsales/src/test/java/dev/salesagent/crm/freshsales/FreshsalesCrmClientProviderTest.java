package dev.salesagent.crm.freshsales;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmClients;
import dev.salesagent.crm.freshsales.sim.FreshsalesSimulator;
import dev.salesagent.crm.spi.CrmConfig;
import dev.salesagent.crm.tck.CrmClientProviderCompatibilityKit;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;

/** The {@code freshsales} provider is found through {@link CrmClients} and wires the application's options. */
class FreshsalesCrmClientProviderTest extends CrmClientProviderCompatibilityKit {

    private final FreshsalesSimulator sim = FreshsalesSimulator.launch();

    @AfterEach
    void stop() {
        sim.stop();
    }

    @Override
    protected String providerId() {
        return "freshsales";
    }

    @Override
    protected CrmConfig config() {
        return sim.config();
    }

    @Override
    protected void oneSuccessfulRead(CrmClient client) {
        assertThat(client.accounts().findByDomain("nobody.example.com")).isEmpty();
    }

    @Override
    protected OptionalLong requestsPerRead() {
        return OptionalLong.of(1);
    }

}
