package dev.salesagent.crm.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.Product;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.tck.CrmClientCompatibilityKit;
import dev.salesagent.crm.zoho.sim.ZohoSimulator;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The compatibility kit against the stateful Zoho simulator (one simulated organisation for the whole class). */
class ZohoCrmClientCompatibilityTest extends CrmClientCompatibilityKit {

    static ZohoSimulator sim;

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

    /** The adapter configuration under test. */
    protected dev.salesagent.crm.spi.CrmConfig config() {
        return sim.config();
    }

    @Override
    protected CrmClient createClient() {
        return ZohoCrmClient.builder(ZohoConfig.from(config()))
                .options(CrmClientOptions.builder().clock(sim.clock()).build()).build();
    }

    @Override
    protected void advanceTime() {
        sim.clock().advance(Duration.ofSeconds(1));
    }

    @Override
    protected void seedStage(String stage) {
        sim.addStage(stage);
    }

    @Override
    protected Product seedProduct(String sku, String name, BigDecimal price, Map<String, BigDecimal> stockByLocation) {
        String id = sim.seed("Products", Map.of("Product_Code", sku, "Product_Name", name, "Unit_Price", price,
                "Product_Active", true)).get("id").asText();
        return client.products().get(id);
    }

    @Override
    protected Opportunity seedOpportunity(Opportunity o) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Deal_Name", o.name());
        fields.put("Stage", o.stage());
        fields.put("Amount", o.amount());
        fields.put("Closing_Date", o.closeDate().toString());
        if (o.ownerId() != null) {
            fields.put("Owner", Map.of("id", o.ownerId()));
        }
        String id = sim.seed("Deals", fields).get("id").asText();
        return client.opportunities().get(id);
    }
}
