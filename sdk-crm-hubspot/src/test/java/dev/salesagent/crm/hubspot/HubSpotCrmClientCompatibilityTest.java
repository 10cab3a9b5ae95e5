package dev.salesagent.crm.hubspot;

import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.Product;
import dev.salesagent.crm.hubspot.internal.mapper.Values;
import dev.salesagent.crm.hubspot.contract.HubSpotContract;
import dev.salesagent.crm.hubspot.sim.HubSpotSimulator;
import dev.salesagent.crm.tck.CrmClientCompatibilityKit;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The CRM compatibility kit against the HubSpot simulator. Products and deals are seeded directly in the simulator
 * (the SPI has no create for them); the kit's deal stages are added to the simulator's pipeline through
 * {@link #seedStage}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HubSpotCrmClientCompatibilityTest extends CrmClientCompatibilityKit {

    HubSpotSimulator sim;

    @BeforeAll
    void startSimulator() {
        sim = HubSpotSimulator.launch().acceptToken(SimulatedHubSpot.TOKEN).enforce(new HubSpotContract());
    }

    @AfterAll
    void stopSimulator() {
        sim.stop();
        SimulatedHubSpot.assertFollowsContract(sim);
    }

    /** Adds the stage to the simulator's default pipeline, as a HubSpot admin would in the pipeline settings. */
    @Override
    protected void seedStage(String stage) {
        sim.addDealStage(stageId(stage), stage);
    }

    private static String stageId(String label) {
        return "stage_" + label.replace('-', '_');
    }

    @Override
    protected CrmClient createClient() {
        return HubSpotCrmClient.builder(HubSpotConfig.from(dev.salesagent.crm.spi.CrmConfig.of(Map.of(
                        "accessToken", SimulatedHubSpot.TOKEN, "baseUrl", sim.baseUrl(),
                        "rateLimitRequests", "1000", "rateLimitPeriod", "1s"))))
                .options(CrmClientOptions.builder().clock(Clock.systemUTC()).build())
                .build();
    }

    @Override
    protected void advanceTime() {
        sim.advanceClock(Duration.ofSeconds(1));
    }

    @Override
    protected Product seedProduct(String sku, String name, BigDecimal price, Map<String, BigDecimal> stockByLocation) {
        String id = sim.seed("products", Map.of("hs_sku", sku, "name", name, "price", price.toPlainString()));
        return client.products().get(id);
    }

    @Override
    protected Opportunity seedOpportunity(Opportunity o) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("dealname", o.name());
        p.put("dealstage", stageId(o.stage()));
        p.put("pipeline", "default");
        Values.put(p, "amount", o.amount());
        Values.put(p, "closedate", o.closeDate());
        Values.put(p, "deal_currency_code", o.currency());
        Values.put(p, "hubspot_owner_id", o.ownerId());
        String id = sim.seed("deals", p);
        return client.opportunities().get(id);
    }
}
