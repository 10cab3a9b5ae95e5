package dev.salesagent.crm.freshsales;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.freshsales.sim.FreshsalesSimulator;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.tck.CrmClientCompatibilityKit;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/**
 * The compatibility kit against the stateful Freshsales simulator: contacts, accounts, notes and opportunities run;
 * sales orders, products, inventory and credit are checked to throw UnsupportedCapabilityException. Every request the
 * kit makes the adapter send is also checked against the contract schemas.
 */
class FreshsalesCrmClientCompatibilityTest extends CrmClientCompatibilityKit {

    private final FreshsalesSimulator sim = FreshsalesSimulator.launch();

    @Override
    protected CrmClient createClient() {
        return FreshsalesCrmClient.builder(FreshsalesConfig.from(sim.config()))
                .options(CrmClientOptions.builder().clock(sim.clock()).sleeper(d -> {
                    throw new AssertionError("a healthy simulator needs no retries, but the client waited " + d);
                }).build()).build();
    }

    @Override
    protected void advanceTime() {
        sim.clock().advance(Duration.ofSeconds(1));
    }

    @Override
    protected void seedStage(String stage) {
        sim.seedStage(stage);
    }

    @Override
    protected Opportunity seedOpportunity(Opportunity opportunity) {
        return sim.seedDeal(opportunity);
    }

    @AfterEach
    void noContractViolations() {
        try {
            assertThat(sim.violations()).as("contract violations").isEmpty();
        } finally {
            sim.stop();
        }
    }
}
