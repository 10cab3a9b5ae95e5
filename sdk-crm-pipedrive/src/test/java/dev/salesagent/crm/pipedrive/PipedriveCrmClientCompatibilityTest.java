package dev.salesagent.crm.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesagent.crm.CrmCapability;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.Product;
import dev.salesagent.crm.pipedrive.sim.PipedriveSimulator;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.tck.CrmClientCompatibilityKit;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The compatibility kit against the stateful Pipedrive simulator (API token auth), every request contract-checked. */
class PipedriveCrmClientCompatibilityTest extends CrmClientCompatibilityKit {

    private static PipedriveSimulator sim;

    @BeforeAll
    static void startSimulator() {
        sim = PipedriveSimulator.launch();
    }

    @AfterAll
    static void stopSimulator() {
        sim.stop();
    }

    @AfterEach
    void noContractViolations() {
        assertThat(sim.violations()).as("requests and answers off Pipedrive's documented contract").isEmpty();
    }

    @Override
    protected CrmClient createClient() {
        return new PipedriveCrmClientProvider().create(PipedriveTestConfig.apiToken(sim),
                CrmClientOptions.builder().clock(sim.clock()).build());
    }

    @Override
    protected void advanceTime() {
        sim.clock().advance(Duration.ofSeconds(1));
    }

    @Override
    protected Product seedProduct(String sku, String name, BigDecimal price, Map<String, BigDecimal> stockByLocation) {
        long id = sim.addProduct(sku, name, price, "USD");
        return client.products().get(Long.toString(id));
    }

    @Override
    protected void seedStage(String stage) {
        sim.addStage(stage);
    }

    @Override
    protected Opportunity seedOpportunity(Opportunity o) {
        long id = sim.addDeal(o.name(), o.stage(), o.amount(), o.currency(), o.closeDate(),
                o.ownerId() == null ? null : Long.valueOf(o.ownerId()),
                o.accountId() == null ? null : Long.valueOf(o.accountId().value()));
        return client.opportunities().get(Long.toString(id));
    }

    @Override
    protected String opportunityOwnerId() {
        return Long.toString(PipedriveSimulator.USER_ID);
    }

    @Override
    protected String unknownId(CrmCapability capability) {
        return "999999999";
    }

}
