package dev.salesagent.crm.close;

import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.close.contract.CloseContract;
import dev.salesagent.crm.close.sim.CloseSimulator;
import dev.salesagent.crm.spi.CrmConfig;
import dev.salesagent.crm.tck.CrmClientProviderCompatibilityKit;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;

/** The provider kit: registration, documented keys, empty configuration, registries from the options. */
class CloseCrmClientProviderTest extends CrmClientProviderCompatibilityKit {

    static final CloseSimulator SIM = CloseSimulator.start(new CloseContract());

    @Override
    protected String providerId() {
        return "close";
    }

    @Override
    protected CrmConfig config() {
        return SIM.config();
    }

    @Override
    protected void oneSuccessfulRead(CrmClient client) {
        client.contacts().findByEmail("nobody@kit.example.com");
    }

    /** A look-up by e-mail is one {@code POST /data/search/}. */
    @Override
    protected OptionalLong requestsPerRead() {
        return OptionalLong.of(1);
    }

    @AfterAll
    static void stop() {
        SIM.stop();
    }
}
